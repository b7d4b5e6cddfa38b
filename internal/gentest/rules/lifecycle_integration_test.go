//go:build integration

package rules_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
	"github.com/medusa-sdk/medusa-go/v2/gen/store"
	"github.com/medusa-sdk/medusa-go/v2/internal/medusatest"
)

// The order lifecycle past checkout (issue 22), read through the typed API.

// customerOrder is an order a signed-in customer placed through the typed
// store API, its payment captured by the admin.
type customerOrder struct {
	shop
	admin, shopper *medusa.Client
	orderID        string
	lineID         string
	completed      store.StoreOrder // the order as CompleteCart answered it
}

func placeCustomerOrder(t *testing.T, srv *medusatest.Server, quantity float64) customerOrder {
	t.Helper()
	ctx := ctxT(t)
	o := customerOrder{admin: adminClient(t, srv)}
	o.shop = setUpShop(t, srv, o.admin)
	cust := srv.NewCustomer(t)
	var err error
	o.shopper, err = medusa.New(srv.URL, medusa.WithPublishableKey(o.PublishableKey))
	require.NoError(t, err)
	_, err = o.shopper.Auth.Login(ctx, "customer", "emailpass", medusa.EmailPass{Email: cust.Email, Password: cust.Password})
	require.NoError(t, err)
	cartID := o.CartToPay(t, o.shopper, cust.Email, quantity)
	cart, err := o.shopper.Store.GetCart(ctx, cartID, nil)
	require.NoError(t, err)
	_, err = o.shopper.InitiatePaymentSession(ctx, &cart.Cart, store.StoreInitializePaymentSession{ProviderId: "pp_system_default"})
	require.NoError(t, err)
	done, err := o.shopper.Store.CompleteCart(ctx, cartID, nil, medusa.Retryable())
	require.NoError(t, err)
	placed, err := done.AsCompleteCartOrder()
	require.NoError(t, err)
	o.orderID = placed.Order.Id
	o.completed = placed.Order

	read, err := o.admin.Admin.GetOrder(ctx, o.orderID, &admin.GetOrderParams{Fields: medusa.Ptr("*items,*payment_collections.payments")})
	require.NoError(t, err)
	require.NotEmpty(t, read.Order.Items)
	o.lineID = read.Order.Items[0].Id
	for _, pc := range read.Order.PaymentCollections {
		require.NotNil(t, pc.Payments)
		for _, p := range *pc.Payments {
			_, err := o.admin.Admin.CapturePayment(ctx, p.Id, nil, admin.AdminCapturePayment{})
			require.NoError(t, err)
		}
	}
	return o
}

// TestReturnStatusIsAKnownConstant: every return CreateReturn makes is
// "open", a value of the return model's status column the spec did not list
// (rule model-enum-values), so it reads as a constant Valid() knows.
func TestReturnStatusIsAKnownConstant(t *testing.T) {
	srv := medusatest.Require(t)
	o := placeCustomerOrder(t, srv, 1)
	ctx := ctxT(t)

	r, err := o.admin.Admin.CreateReturn(ctx, nil, admin.AdminInitiateReturnRequest{OrderId: o.orderID, LocationId: &o.LocationID})
	require.NoError(t, err)
	require.NotNil(t, r.Return.Status)
	assert.Equal(t, admin.AdminReturnStatusOpen, *r.Return.Status)
	assert.True(t, r.Return.Status.Valid(), "%q is a known return status", *r.Return.Status)

	got, err := o.admin.Admin.GetReturn(ctx, r.Return.Id, nil)
	require.NoError(t, err)
	require.NotNil(t, got.Return.Status)
	known := false
	switch *got.Return.Status {
	case admin.AdminReturnStatusOpen, admin.AdminReturnStatusRequested, admin.AdminReturnStatusReceived,
		admin.AdminReturnStatusPartiallyReceived, admin.AdminReturnStatusCanceled:
		known = true
	}
	assert.True(t, known, "a switch over the constants meets %q", *got.Return.Status)
}

// fulfilledAndShipped fulfils all of the order's first line and ships it with
// one label; it returns the fulfillment's id.
func (o customerOrder) fulfilledAndShipped(t *testing.T, quantity float64, tracking string) string {
	t.Helper()
	ctx := ctxT(t)
	res, err := o.admin.Admin.CreateOrderFulfillment(ctx, o.orderID, &admin.CreateOrderFulfillmentParams{Fields: medusa.Ptr("*fulfillments")},
		fromJSON[admin.CreateOrderFulfillmentBody](t, fmt.Sprintf(`{"location_id":%q,"items":[{"id":%q,"quantity":%v}]}`, o.LocationID, o.lineID, quantity)))
	require.NoError(t, err)
	require.NotNil(t, res.Order.Fulfillments)
	require.Len(t, *res.Order.Fulfillments, 1)
	fid := (*res.Order.Fulfillments)[0].Id
	_, err = o.admin.Admin.CreateOrderFulfillmentShipment(ctx, o.orderID, fid, nil,
		fromJSON[admin.CreateOrderFulfillmentShipmentBody](t, fmt.Sprintf(`{"items":[{"id":%q,"quantity":%v}],
			"labels":[{"tracking_number":%q,"tracking_url":"https://track.example/%s","label_url":"https://label.example/%s"}]}`,
			o.lineID, quantity, tracking, tracking, tracking)))
	require.NoError(t, err)
	return fid
}

// TestCustomerReadsTrackingNumber: a signed-in customer reads the tracking
// number of their shipped order through the typed store API. The store
// fulfillment had no labels (rule model-leaf-relations gives it the
// fulfillment model's labels), so GetOrder dropped what Medusa 2.18 sends.
// Medusa 2.21 no longer sends a store order's labels, whatever fields asks
// for; the admin reads them on both.
func TestCustomerReadsTrackingNumber(t *testing.T) {
	srv := medusatest.Require(t)
	o := placeCustomerOrder(t, srv, 1)
	ctx := ctxT(t)
	tracking := srv.UniqueName("TRACK")
	fid := o.fulfilledAndShipped(t, 1, tracking)

	read, err := o.admin.Admin.GetOrder(ctx, o.orderID, &admin.GetOrderParams{Fields: medusa.Ptr("*fulfillments.labels")})
	require.NoError(t, err)
	require.NotNil(t, read.Order.Fulfillments)
	require.Len(t, *read.Order.Fulfillments, 1)
	adminLabels := (*read.Order.Fulfillments)[0].Labels
	require.NotNil(t, adminLabels, "the admin reads the labels")
	require.Len(t, *adminLabels, 1)
	assert.Equal(t, tracking, (*adminLabels)[0].TrackingNumber)

	got, err := o.shopper.Store.GetOrder(ctx, o.orderID, &store.GetOrderParams{Fields: medusa.Ptr("*fulfillments.labels")})
	require.NoError(t, err)
	require.NotNil(t, got.Order.Fulfillments)
	require.Len(t, *got.Order.Fulfillments, 1)
	f := (*got.Order.Fulfillments)[0]
	assert.Equal(t, fid, f.Id)
	if !medusatest.ReleaseBefore(srv.MedusaVersion, "2.21.0") {
		assert.Nil(t, f.Labels, "Medusa %s sends the store no labels", srv.MedusaVersion)
		return
	}
	require.NotNil(t, f.Labels, "the store fulfillment carries its labels")
	require.Len(t, *f.Labels, 1)
	label := (*f.Labels)[0]
	require.NotNil(t, label.TrackingNumber)
	assert.Equal(t, tracking, *label.TrackingNumber)
	require.NotNil(t, label.TrackingUrl)
	assert.Equal(t, "https://track.example/"+tracking, *label.TrackingUrl)
	require.NotNil(t, label.FulfillmentId)
	assert.Equal(t, f.Id, *label.FulfillmentId)
}

// TestOrderChangeActionsReadThroughNamedConstants: an order edit that adds
// an item is read back as an order change whose action is
// admin.AdminOrderChangeActionActionItemAdd, named like every other enum's
// values (the first name, admin.ITEMADD, stays as a deprecated alias).
func TestOrderChangeActionsReadThroughNamedConstants(t *testing.T) {
	srv := medusatest.Require(t)
	o := placeCustomerOrder(t, srv, 1)
	ctx := ctxT(t)

	_, err := o.admin.Admin.CreateOrderEdit(ctx, admin.AdminPostOrderEditsReqSchema{OrderId: o.orderID})
	require.NoError(t, err)
	_, err = o.admin.Admin.CreateOrderEditItem(ctx, o.orderID,
		fromJSON[admin.AdminPostOrderEditsAddItemsReqSchema](t, fmt.Sprintf(`{"items":[{"variant_id":%q,"quantity":3}]}`, o.VariantID)))
	require.NoError(t, err)
	_, err = o.admin.Admin.RequestOrderEdit(ctx, o.orderID)
	require.NoError(t, err)
	_, err = o.admin.Admin.ConfirmOrderEdit(ctx, o.orderID)
	require.NoError(t, err)

	changes, err := o.admin.Admin.ListOrderChanges(ctx, o.orderID, &admin.ListOrderChangesParams{Fields: medusa.Ptr("*actions")})
	require.NoError(t, err)
	var added []admin.AdminOrderChangeAction
	for _, c := range changes.OrderChanges {
		for _, a := range c.Actions {
			require.True(t, a.Action.Valid(), "action %q is a known constant", a.Action)
			if a.Action == admin.AdminOrderChangeActionActionItemAdd {
				added = append(added, a)
			}
		}
	}
	require.Len(t, added, 1, "the edit's one ITEM_ADD action")
	assert.Equal(t, admin.ITEMADD, added[0].Action, "the deprecated first name is the same value")
	assert.Equal(t, 3.0, added[0].Details["quantity"], "an ITEM_ADD action's details carry the quantity added")
	assert.NotEmpty(t, added[0].Details["reference_id"], "and the new item's id")

	// The same details, typed (spec rule action-details).
	d, err := added[0].ItemAddDetails()
	require.NoError(t, err)
	assert.Equal(t, 3.0, d.Quantity)
	assert.Equal(t, added[0].Details["reference_id"], d.ReferenceId)
	assert.Positive(t, d.UnitPrice, "the item's price, which the order module reads")
	_, err = added[0].ShipItemDetails()
	assert.ErrorContains(t, err, `is "ITEM_ADD", not "SHIP_ITEM"`, "another action's accessor refuses it")
}

// TestShippedItemDetailsReadAsNumbers: the order module writes a shipped and
// a delivered item's quantity as a numeric string ({"quantity":"2"}); the
// typed details (rule action-details: a BigNumber column's key) read it as
// the number 2, while an ITEM_ADD's quantity comes as a JSON number.
func TestShippedItemDetailsReadAsNumbers(t *testing.T) {
	srv := medusatest.Require(t)
	o := placeCustomerOrder(t, srv, 2)
	ctx := ctxT(t)
	fid := o.fulfilledAndShipped(t, 2, "TRACK-DETAILS-1")
	_, err := o.admin.Admin.MarkOrderFulfillmentAsDelivered(ctx, o.orderID, fid, nil, admin.AdminMarkOrderFulfillmentAsDelivered{})
	require.NoError(t, err)

	changes, err := o.admin.Admin.ListOrderChanges(ctx, o.orderID, &admin.ListOrderChangesParams{Fields: medusa.Ptr("*actions")})
	require.NoError(t, err)
	seen := map[admin.AdminOrderChangeActionAction]float64{}
	for _, c := range changes.OrderChanges {
		for _, a := range c.Actions {
			var q float64
			switch a.Action {
			case admin.AdminOrderChangeActionActionFulfillItem:
				d, err := a.FulfillItemDetails()
				require.NoError(t, err)
				q = d.Quantity
				assert.Equal(t, o.lineID, d.ReferenceId)
			case admin.AdminOrderChangeActionActionShipItem:
				d, err := a.ShipItemDetails()
				require.NoError(t, err)
				q = d.Quantity
				assert.Equal(t, o.lineID, d.ReferenceId)
			case admin.AdminOrderChangeActionActionDeliverItem:
				d, err := a.DeliverItemDetails()
				require.NoError(t, err)
				q = d.Quantity
				assert.Equal(t, o.lineID, d.ReferenceId)
			default:
				continue
			}
			seen[a.Action] = q
			if a.Action != admin.AdminOrderChangeActionActionFulfillItem {
				assert.IsType(t, "", a.Details["quantity"], "Medusa %s sends %s's quantity as text", srv.MedusaVersion, a.Action)
			}
		}
	}
	assert.Equal(t, map[admin.AdminOrderChangeActionAction]float64{
		admin.AdminOrderChangeActionActionFulfillItem: 2,
		admin.AdminOrderChangeActionActionShipItem:    2,
		admin.AdminOrderChangeActionActionDeliverItem: 2,
	}, seen, "each step's action, with the quantity as a number")
}

// TestRequestOrderEditWithBody: Medusa 2.21 gave POST
// /admin/order-edits/{id}/request a body, {no_notification}; RequestOrderEdit
// keeps its locked signature and RequestOrderEditWith sends the body
// (gensdk's gained-body rule). The server stores it on the order change.
func TestRequestOrderEditWithBody(t *testing.T) {
	srv := medusatest.Require(t)
	o := placeCustomerOrder(t, srv, 1)
	ctx := ctxT(t)

	_, err := o.admin.Admin.CreateOrderEdit(ctx, admin.AdminPostOrderEditsReqSchema{OrderId: o.orderID})
	require.NoError(t, err)
	_, err = o.admin.Admin.CreateOrderEditItem(ctx, o.orderID,
		fromJSON[admin.AdminPostOrderEditsAddItemsReqSchema](t, fmt.Sprintf(`{"items":[{"variant_id":%q,"quantity":1}]}`, o.VariantID)))
	require.NoError(t, err)
	_, err = o.admin.Admin.RequestOrderEditWith(ctx, o.orderID, admin.RequestOrderEditBody{NoNotification: medusa.Ptr(true)})
	require.NoError(t, err)

	changes, err := o.admin.Admin.ListOrderChanges(ctx, o.orderID, &admin.ListOrderChangesParams{Fields: medusa.Ptr("id,status,no_notification")})
	require.NoError(t, err)
	var requested []admin.AdminOrderChange
	for _, c := range changes.OrderChanges {
		if c.Status == admin.AdminOrderChangeStatusRequested {
			requested = append(requested, c)
		}
	}
	require.Len(t, requested, 1, "the edit is requested")
	quiet, err := requested[0].NoNotification.Get()
	if !srv.Since(t, "2.21.0", "the request route takes no body before 2.21") {
		assert.False(t, err == nil && quiet, "Medusa %s ignores the body: no_notification is not set", srv.MedusaVersion)
		return
	}
	require.NoError(t, err, "no_notification came with a value")
	assert.True(t, quiet, "the body's no_notification is stored on the order change")
}
