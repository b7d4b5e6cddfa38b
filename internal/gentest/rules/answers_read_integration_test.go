//go:build integration

package rules_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
	"github.com/medusa-sdk/medusa-go/v2/gen/store"
	"github.com/medusa-sdk/medusa-go/v2/internal/medusatest"
)

// A variant's calculated price, with the price it was taken from, decodes
// into types (spec rules typed-relations and shape-from-twin), not maps.
func TestCalculatedPriceReadTyped(t *testing.T) {
	srv := medusatest.Require(t)
	s := setUpShop(t, srv, adminClient(t, srv))
	ctx := ctxT(t)
	c, err := medusa.New(srv.URL, medusa.WithPublishableKey(s.PublishableKey))
	require.NoError(t, err)

	products, err := c.Store.ListProducts(ctx, &store.ListProductsParams{
		Id: &[]string{s.ProductID}, RegionId: &s.RegionID,
		Fields: medusa.Ptr("id,*variants,*variants.calculated_price"),
	})
	require.NoError(t, err)
	require.Len(t, products.Products, 1)
	var price *store.BaseCalculatedPriceSet
	for _, v := range products.Products[0].Variants {
		if v.Id == s.VariantID {
			price = v.CalculatedPrice
		}
	}
	require.NotNil(t, price, "the variant's calculated_price")
	assert.InDelta(t, 19.99, price.CalculatedAmount, 1e-9)
	assert.Equal(t, "usd", price.CurrencyCode)
	require.NotNil(t, price.CalculatedPrice, "the price the amount was taken from")
	assert.NotEmpty(t, price.CalculatedPrice.Id)
	require.NotNil(t, price.OriginalPrice)
	assert.Equal(t, price.CalculatedPrice.Id, price.OriginalPrice.Id, "no price list: the original price is the calculated one")
}

// An order placed through the store reads back with the totals Medusa
// computes (computed-totals), its payment's collection and session typed,
// and the shipping options for the order as AdminShippingOption
// (answer-items-by-name).
func TestOrderAnswersReadTyped(t *testing.T) {
	srv := medusatest.Require(t)
	a := adminClient(t, srv)
	s := setUpShop(t, srv, a)
	ctx := ctxT(t)
	c, err := medusa.New(srv.URL, medusa.WithPublishableKey(s.PublishableKey))
	require.NoError(t, err)

	cartID := s.CartToPay(t, c, srv.UniqueEmail("guest"), 2)

	// The cart's totals, including those only computed-totals declares.
	// (An item's totals are sent when the items are asked for: items.*.)
	got, err := c.Store.GetCart(ctx, cartID, &store.GetCartParams{Fields: medusa.Ptr("+items.*")})
	require.NoError(t, err)
	require.NotNil(t, got.Cart.CreditLineTotal)
	assert.Zero(t, *got.Cart.CreditLineTotal)
	require.NotNil(t, got.Cart.ShippingDiscountTotal)
	require.NotNil(t, got.Cart.Items)
	require.Len(t, *got.Cart.Items, 1)
	require.NotNil(t, (*got.Cart.Items)[0].DiscountSubtotal)

	pc, err := c.Store.CreatePaymentCollection(ctx, nil, store.StoreCreatePaymentCollection{CartId: cartID})
	require.NoError(t, err)
	withSession, err := c.Store.CreatePaymentCollectionPaymentSession(ctx, pc.PaymentCollection.Id, nil,
		store.StoreInitializePaymentSession{ProviderId: "pp_system_default"})
	require.NoError(t, err)
	require.NotNil(t, withSession.PaymentCollection.PaymentSessions)
	require.Len(t, *withSession.PaymentCollection.PaymentSessions, 1)
	sessionID := (*withSession.PaymentCollection.PaymentSessions)[0].Id
	done, err := c.Store.CompleteCart(ctx, cartID, nil, medusa.Retryable())
	require.NoError(t, err)
	placed, err := done.AsCompleteCartOrder()
	require.NoError(t, err)
	orderID := placed.Order.Id

	order, err := a.Admin.GetOrder(ctx, orderID, nil)
	require.NoError(t, err)
	o := order.Order
	require.Len(t, o.Items, 1)
	item := o.Items[0]
	assert.InDelta(t, 2*19.99, item.Total, 1e-9)
	for name, v := range map[string]*float64{
		"fulfilled_total": item.FulfilledTotal, "shipped_total": item.ShippedTotal,
		"return_requested_total": item.ReturnRequestedTotal, "write_off_total": item.WriteOffTotal,
		"discount_subtotal": item.DiscountSubtotal,
	} {
		require.NotNil(t, v, "item %s", name)
		assert.Zero(t, *v, "item %s of a new order", name)
	}
	require.NotNil(t, o.CreditLineSubtotal)
	require.NotNil(t, o.Summary.CreditLineTotal)
	assert.Zero(t, *o.Summary.CreditLineTotal)
	require.NotEmpty(t, o.ShippingMethods)
	require.NotNil(t, o.ShippingMethods[0].DiscountSubtotal)

	// The order-level quantity totals come with the preview.
	preview, err := a.Admin.GetOrderPreview(ctx, orderID)
	require.NoError(t, err)
	require.NotNil(t, preview.Order.ShippedTotal)
	assert.Zero(t, *preview.Order.ShippedTotal)
	require.NotNil(t, preview.Order.WriteOffTotal)

	payments, err := a.Admin.ListPayments(ctx, &admin.ListPaymentsParams{
		PaymentSessionId: &[]string{sessionID},
		Fields:           medusa.Ptr("*payment_collection,*payment_session"),
	})
	require.NoError(t, err)
	require.Len(t, payments.Payments, 1)
	p := payments.Payments[0]
	require.NotNil(t, p.PaymentCollection)
	assert.Equal(t, pc.PaymentCollection.Id, p.PaymentCollection.Id)
	require.NotNil(t, p.PaymentSession)
	assert.Equal(t, sessionID, p.PaymentSession.Id)
	assert.Equal(t, "pp_system_default", p.PaymentSession.ProviderId)

	options, err := a.Admin.ListOrderShippingOptions(ctx, orderID)
	require.NoError(t, err)
	var names []string
	for _, so := range options.ShippingOptions {
		if so.Id == s.OptionID {
			names = append(names, so.Name)
		}
	}
	assert.Len(t, names, 1, "the order's shipping options include the one it was shipped with")
}
