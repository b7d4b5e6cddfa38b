//go:build integration

package rules_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
	"github.com/medusa-sdk/medusa-go/v2/internal/medusatest"
)

// The routes below declare no answer in Medusa's spec; the answer-* spec
// rules give them the one the server sends (openapi/README.md).

// A draft order is edited through the SDK and every step's preview is read
// back typed (answer-from-family), then an edit is cancelled and a draft
// order deleted (answer-deletion).
func TestDraftOrderEditReadsPreview(t *testing.T) {
	srv := medusatest.Require(t)
	c := adminClient(t, srv)
	s := setUpShop(t, srv, c)
	ctx := ctxT(t)

	newDraft := func() string {
		d, err := c.Admin.CreateDraftOrder(ctx, nil, fromJSON[admin.PostDraftOrdersJSONRequestBody](t, fmt.Sprintf(
			`{"email": %q, "region_id": %q, "sales_channel_id": %q, "currency_code": "usd", "shipping_methods": []}`, srv.UniqueEmail("draft"), s.RegionID, s.SalesChannelID)))
		require.NoError(t, err)
		require.NotEmpty(t, d.DraftOrder.Id)
		return d.DraftOrder.Id
	}
	id := newDraft()

	begun, err := c.Admin.EditDraftOrder(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, id, begun.DraftOrderPreview.Id)
	assert.Empty(t, begun.DraftOrderPreview.Items)

	added, err := c.Admin.CreateDraftOrderEditItem(ctx, id, admin.AdminAddDraftOrderItems{
		Items: &[]admin.AdminAddDraftOrderItems_Items{{VariantId: &s.VariantID, Quantity: 2}},
	})
	require.NoError(t, err)
	p := added.DraftOrderPreview
	require.Len(t, p.Items, 1)
	assert.Equal(t, s.VariantID, p.Items[0].VariantId)
	assert.Equal(t, 2.0, p.Items[0].Quantity)
	assert.InDelta(t, 2*19.99, p.ItemSubtotal, 0.001)
	require.NotNil(t, p.OrderChange.ChangeType)
	assert.Equal(t, admin.AdminOrderChangeChangeType("edit"), *p.OrderChange.ChangeType)
	// The new item carries the action that added it.
	require.NotNil(t, p.Items[0].Actions)
	require.Len(t, *p.Items[0].Actions, 1)
	action := (*p.Items[0].Actions)[0]
	assert.Equal(t, admin.AdminOrderChangeActionAction("ITEM_ADD"), action.Action)

	changed, err := c.Admin.UpdateDraftOrderEditItem(ctx, id, action.Id, admin.AdminUpdateDraftOrderActionItem{Quantity: 3})
	require.NoError(t, err)
	require.Len(t, changed.DraftOrderPreview.Items, 1)
	assert.Equal(t, 3.0, changed.DraftOrderPreview.Items[0].Quantity)

	shipped, err := c.Admin.CreateDraftOrderEditShippingMethod(ctx, id, admin.AdminAddDraftOrderShippingMethod{ShippingOptionId: s.OptionID})
	require.NoError(t, err)
	require.NotNil(t, shipped.DraftOrderPreview.ShippingMethods)
	require.Len(t, *shipped.DraftOrderPreview.ShippingMethods, 1)
	assert.Equal(t, s.OptionID, (*shipped.DraftOrderPreview.ShippingMethods)[0].ShippingOptionId)

	requested, err := c.Admin.RequestDraftOrderEdit(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, admin.AdminOrderChangeStatus("requested"), requested.DraftOrderPreview.OrderChange.Status)

	confirmed, err := c.Admin.ConfirmDraftOrderEdit(ctx, id)
	require.NoError(t, err)
	require.Len(t, confirmed.DraftOrderPreview.Items, 1)
	assert.Equal(t, 3.0, confirmed.DraftOrderPreview.Items[0].Quantity)

	// The confirmed edit is now the draft order.
	got, err := c.Admin.GetDraftOrder(ctx, id, &admin.GetDraftOrdersIdParams{Fields: medusa.Ptr("*items")})
	require.NoError(t, err)
	require.Len(t, got.DraftOrder.Items, 1)
	assert.Equal(t, 3.0, got.DraftOrder.Items[0].Quantity)

	// Cancelling an edit and deleting a draft order answer what was deleted.
	_, err = c.Admin.EditDraftOrder(ctx, id)
	require.NoError(t, err)
	cancelled, err := c.Admin.DeleteDraftOrderEdit(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, admin.DeleteResponse{Id: id, Object: "draft-order-edit", Deleted: true}, withoutPresence(*cancelled))

	other := newDraft()
	deleted, err := c.Admin.DeleteDraftOrder(ctx, other)
	require.NoError(t, err)
	assert.Equal(t, admin.DeleteResponse{Id: other, Object: "draft-order", Deleted: true}, withoutPresence(*deleted))
	var apiErr *medusa.Error
	_, err = c.Admin.GetDraftOrder(ctx, other, nil)
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 404, apiErr.StatusCode)
}

// The location-level batch of one inventory item answers the levels it
// created (answer-from-workflow: the same workflow's other route documents it).
func TestInventoryLevelBatchAnswers(t *testing.T) {
	srv := medusatest.Require(t)
	c := adminClient(t, srv)
	ctx := ctxT(t)
	name := srv.UniqueName("batch")

	loc, err := c.Admin.CreateStockLocation(ctx, nil, admin.AdminCreateStockLocation{Name: name})
	require.NoError(t, err)
	item, err := c.Admin.CreateInventoryItem(ctx, nil, admin.AdminCreateInventoryItem{Sku: medusa.Ptr(name)})
	require.NoError(t, err)

	res, err := c.Admin.BatchInventoryItemLocationLevels(ctx, item.InventoryItem.Id, admin.AdminBatchInventoryItemLocationLevels{
		Create: &[]admin.AdminBatchCreateInventoryItemLocationLevels{{LocationId: loc.StockLocation.Id, StockedQuantity: medusa.Ptr(7.0)}},
	})
	require.NoError(t, err)
	require.NotNil(t, res.Created)
	require.Len(t, *res.Created, 1)
	level := (*res.Created)[0]
	assert.Equal(t, loc.StockLocation.Id, level.LocationId)
	assert.Equal(t, item.InventoryItem.Id, level.InventoryItemId)
	assert.Equal(t, 7.0, level.StockedQuantity)
}

// withoutPresence is d without what the answer's presence says, to compare
// with a value built by hand (a decoded record keeps, in JSON, which keys
// came).
func withoutPresence(d admin.DeleteResponse) admin.DeleteResponse {
	d.JSON = admin.DeleteResponsePresence{}
	return d
}
