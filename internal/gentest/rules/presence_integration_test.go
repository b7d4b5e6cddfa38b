//go:build integration

package rules_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
	"github.com/medusa-sdk/medusa-go/v2/internal/medusatest"
)

// Presence (issue 22): every record an SDK method returns says, per field,
// whether the answer had its key, as null or with a value (record.JSON), and
// a decoded record encodes back without values the server did not send.

// TestAnswerWithoutFulfillmentStatusReadsAbsent: the answer of a create
// fulfillment carries the order without fulfillment_status, which the type
// declares as a plain string: the value reads "", the presence says it did
// not come; a read of the order has it.
func TestAnswerWithoutFulfillmentStatusReadsAbsent(t *testing.T) {
	srv := medusatest.Require(t)
	o := placeCustomerOrder(t, srv, 1)
	ctx := ctxT(t)

	res, err := o.admin.Admin.CreateOrderFulfillment(ctx, o.orderID, nil,
		fromJSON[admin.CreateOrderFulfillmentBody](t, `{"location_id":"`+o.LocationID+`","items":[{"id":"`+o.lineID+`","quantity":1}]}`))
	require.NoError(t, err)
	assert.True(t, res.JSON.Order.Valid(), "the answer has its order")
	assert.Equal(t, o.orderID, res.Order.Id)
	assert.True(t, res.Order.JSON.Id.Valid())
	assert.Empty(t, res.Order.FulfillmentStatus)
	assert.False(t, res.Order.JSON.FulfillmentStatus.Came(), "the answer has no fulfillment_status: absent, not \"\"")

	read, err := o.admin.Admin.GetOrder(ctx, o.orderID, nil)
	require.NoError(t, err)
	assert.True(t, read.Order.JSON.FulfillmentStatus.Valid(), "a read of the order has it")
	assert.Equal(t, admin.AdminOrderFulfillmentStatusFulfilled, read.Order.FulfillmentStatus)
	require.NotEmpty(t, read.Order.Items)
	assert.True(t, read.Order.Items[0].JSON.Id.Valid(), "a list's records are filled too")
}

// TestCompletedCartOrderSaysWhatCame: CompleteCart answers a union (the
// order, or the cart and an error); the variant As reads has its presence
// filled like any answer's record. The order it carries has no
// fulfillment_status: absent, not "".
func TestCompletedCartOrderSaysWhatCame(t *testing.T) {
	srv := medusatest.Require(t)
	o := placeCustomerOrder(t, srv, 1)
	order := o.completed
	assert.True(t, order.JSON.Id.Valid(), "the union's variant is filled")
	require.NotEmpty(t, order.Items)
	assert.True(t, order.Items[0].JSON.Id.Valid(), "and the records it holds")
	assert.Empty(t, order.FulfillmentStatus)
	assert.False(t, order.JSON.FulfillmentStatus.Came(), "CompleteCart's order has no fulfillment_status (Medusa %s)", srv.MedusaVersion)

	read, err := o.shopper.Store.GetOrder(ctxT(t), o.orderID, nil)
	require.NoError(t, err)
	assert.True(t, read.Order.JSON.FulfillmentStatus.Valid(), "the customer's read of the order has it")
}

// TestDecodedProductEncodesBackAsItCame: a product read with a few fields
// says which came; encoded back, it has those keys only, and a null the
// server sent stays null instead of becoming the zero time.
func TestDecodedProductEncodesBackAsItCame(t *testing.T) {
	srv := medusatest.Require(t)
	a := adminClient(t, srv)
	ctx := ctxT(t)
	s := setUpShop(t, srv, a)

	few, err := a.Admin.GetProduct(ctx, s.ProductID, &admin.GetProductParams{Fields: medusa.Ptr("id,title,deleted_at")})
	require.NoError(t, err)
	p := few.Product
	assert.True(t, p.JSON.Title.Valid())
	assert.True(t, p.JSON.DeletedAt.Null(), "a live product's deleted_at is null")
	assert.True(t, p.DeletedAt.IsZero())
	assert.False(t, p.JSON.Handle.Came(), "not asked for")
	assert.Empty(t, p.Handle)

	b, err := json.Marshal(p)
	require.NoError(t, err)
	var back map[string]any
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, p.Title, back["title"])
	assert.Contains(t, back, "deleted_at")
	assert.Nil(t, back["deleted_at"], "null stays null, not 0001-01-01")
	assert.NotContains(t, back, "handle", "a key the answer did not have is not invented")
	assert.NotContains(t, back, "status")

	// A value the caller sets after decoding is sent whatever the answer had.
	p.Handle = "set-later"
	b, err = json.Marshal(p)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"handle":"set-later"`)

	// A record built by hand, not decoded, encodes as it always did.
	b, err = json.Marshal(admin.AdminProduct{Title: "x"})
	require.NoError(t, err)
	assert.Contains(t, string(b), `"handle":""`)
}
