//go:build integration

package rules_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
	"github.com/medusa-sdk/medusa-go/v2/gen/store"
	"github.com/medusa-sdk/medusa-go/v2/internal/medusatest"
)

// Columns and relation keys no document declares, which the spec rule
// model-columns takes from Medusa's data models, are read from real answers:
// a cart's line item's is_custom_price and its shipping_address_id (a
// one-to-one key on the cart's side), the payment's payment_session_id, the
// order's items and shipping methods' is_custom_price / is_custom_amount, a
// region's countries' region_id, and a customer group's created_by.
func TestModelColumnsReadTyped(t *testing.T) {
	srv := medusatest.Require(t)
	a := adminClient(t, srv)
	s := setUpShop(t, srv, a)
	ctx := ctxT(t)
	c, err := medusa.New(srv.URL, medusa.WithPublishableKey(s.PublishableKey))
	require.NoError(t, err)

	cartID := s.CartToPay(t, c, srv.UniqueEmail("columns"), 1)
	// An item's columns come when the items are asked for whole.
	got, err := c.Store.GetCart(ctx, cartID, &store.GetCartParams{Fields: medusa.Ptr("+items.*")})
	require.NoError(t, err)
	cart := got.Cart
	require.NotNil(t, cart.ShippingAddress)
	addressID, err := cart.ShippingAddressId.Get()
	require.NoError(t, err, "the cart sends its shipping_address_id")
	assert.Equal(t, cart.ShippingAddress.Id, addressID)
	require.NotNil(t, cart.Items)
	require.Len(t, *cart.Items, 1)
	item := (*cart.Items)[0]
	require.NotNil(t, item.IsCustomPrice, "the line item sends is_custom_price")
	assert.False(t, *item.IsCustomPrice, "the price came from the variant's price set")

	pc, err := c.InitiatePaymentSession(ctx, &cart, store.StoreInitializePaymentSession{ProviderId: "pp_system_default"})
	require.NoError(t, err)
	require.NotNil(t, pc.PaymentCollection.PaymentSessions)
	require.Len(t, *pc.PaymentCollection.PaymentSessions, 1)
	sessionID := (*pc.PaymentCollection.PaymentSessions)[0].Id
	done, err := c.Store.CompleteCart(ctx, cartID, nil, medusa.Retryable())
	require.NoError(t, err)
	placed, err := done.AsCompleteCartOrder()
	require.NoError(t, err)

	payments, err := a.Admin.ListPayments(ctx, &admin.ListPaymentsParams{PaymentSessionId: &[]string{sessionID}})
	require.NoError(t, err)
	require.Len(t, payments.Payments, 1)
	paidWith, err := payments.Payments[0].PaymentSessionId.Get()
	require.NoError(t, err, "the payment sends its payment_session_id")
	assert.Equal(t, sessionID, paidWith)

	order, err := a.Admin.GetOrder(ctx, placed.Order.Id, nil)
	require.NoError(t, err)
	require.Len(t, order.Order.Items, 1)
	require.NotNil(t, order.Order.Items[0].IsCustomPrice, "the order's item sends is_custom_price")
	assert.False(t, *order.Order.Items[0].IsCustomPrice)
	require.NotEmpty(t, order.Order.ShippingMethods)
	require.NotNil(t, order.Order.ShippingMethods[0].IsCustomAmount, "the order's shipping method sends is_custom_amount")
	assert.False(t, *order.Order.ShippingMethods[0].IsCustomAmount, "the amount came from the shipping option")

	region, err := a.Admin.GetRegion(ctx, s.RegionID, &admin.GetRegionParams{Fields: medusa.Ptr("*countries")})
	require.NoError(t, err)
	require.NotNil(t, region.Region.Countries)
	require.NotEmpty(t, *region.Region.Countries)
	for _, country := range *region.Region.Countries {
		regionID, err := country.RegionId.Get()
		require.NoError(t, err, "country %s sends its region_id", country.Iso2)
		assert.Equal(t, s.RegionID, regionID)
	}

	me, err := a.Admin.GetCurrentUser(ctx, nil)
	require.NoError(t, err)
	group, err := a.Admin.CreateCustomerGroup(ctx, nil, admin.AdminCreateCustomerGroup{Name: srv.UniqueName("columns")})
	require.NoError(t, err)
	t.Cleanup(func() { _, _ = a.Admin.DeleteCustomerGroup(context.Background(), group.CustomerGroup.Id) })
	read, err := a.Admin.GetCustomerGroup(ctx, group.CustomerGroup.Id, nil)
	require.NoError(t, err)
	createdBy, err := read.CustomerGroup.CreatedBy.Get()
	require.NoError(t, err, "the customer group sends created_by")
	assert.Equal(t, me.User.Id, createdBy, "the admin who created it")
}
