//go:build integration

package rules_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
	"github.com/medusa-sdk/medusa-go/v2/gen/store"
	"github.com/medusa-sdk/medusa-go/v2/internal/medusatest"
)

// Request bodies that reused a response entity (spec rule input-shapes) and
// the address accepted as an object or an id (validator-bodies).
func TestCreateCartWithBothAddresses(t *testing.T) {
	srv := medusatest.Require(t)
	ctx := ctxT(t)
	ac := adminClient(t, srv)
	country := freeCountry(t, ac)
	region, err := ac.Admin.CreateRegion(ctx, nil, admin.AdminCreateRegion{
		Name: srv.UniqueName("addr"), CurrencyCode: "eur", Countries: &[]string{country},
	})
	require.NoError(t, err)
	t.Cleanup(func() { _, _ = ac.Admin.DeleteRegion(context.Background(), region.Region.Id) })

	c, err := medusa.New(srv.URL, medusa.WithPublishableKey(srv.PublishableKey(t)))
	require.NoError(t, err)

	var ship, bill store.AddressInputOrID
	require.NoError(t, ship.FromAddressInput(store.AddressInput{
		FirstName: medusa.Ptr("Ada"), LastName: medusa.Ptr("Lovelace"), Address1: medusa.Ptr("1 Main St"),
		City: medusa.Ptr("Springfield"), CountryCode: &country, PostalCode: medusa.Ptr("12345"),
	}))
	require.NoError(t, bill.FromAddressInput(store.AddressInput{
		FirstName: medusa.Ptr("Charles"), Company: medusa.Ptr("Analytical Engines"), CountryCode: &country,
		Metadata: &map[string]interface{}{"floor": "2"},
	}))
	cart, err := c.Store.CreateCart(ctx, nil, store.PostCartsJSONRequestBody{
		RegionId: &region.Region.Id, ShippingAddress: &ship, BillingAddress: &bill,
	})
	require.NoError(t, err, "a cart is created with both addresses in one call")
	require.NotNil(t, cart.Cart.ShippingAddress)
	require.NotNil(t, cart.Cart.BillingAddress)
	got := cart.Cart.ShippingAddress
	assert.NotEmpty(t, got.Id)
	assert.Equal(t, "Ada", *got.FirstName)
	assert.Equal(t, "1 Main St", *got.Address1)
	assert.Equal(t, country, *got.CountryCode)
	assert.Equal(t, "Charles", *cart.Cart.BillingAddress.FirstName)
	assert.Equal(t, "Analytical Engines", *cart.Cart.BillingAddress.Company)
	assert.NotEqual(t, got.Id, cart.Cart.BillingAddress.Id, "two addresses, two records")

	// The same address by its id: the server links the existing record.
	var byID store.AddressInputOrID
	require.NoError(t, byID.FromAddressID(got.Id))
	again, err := c.Store.CreateCart(ctx, nil, store.PostCartsJSONRequestBody{RegionId: &region.Region.Id, ShippingAddress: &byID})
	require.NoError(t, err)
	require.NotNil(t, again.Cart.ShippingAddress)
	assert.Equal(t, got.Id, again.Cart.ShippingAddress.Id)
	assert.Equal(t, "Ada", *again.Cart.ShippingAddress.FirstName)

	// An id that does not exist is the server's clear error, not a silent drop.
	var missing store.AddressInputOrID
	require.NoError(t, missing.FromAddressID("caaddr_missing"))
	_, err = c.Store.CreateCart(ctx, nil, store.PostCartsJSONRequestBody{RegionId: &region.Region.Id, ShippingAddress: &missing})
	var apiErr *medusa.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "not_found", apiErr.Type)
}

// The cart update body follows the strict validator (validator-bodies).
func TestUpdateCartAddressesAfterCreate(t *testing.T) {
	srv := medusatest.Require(t)
	ctx := ctxT(t)
	ac := adminClient(t, srv)
	// A region of its own: without region_id Medusa uses the store's default
	// region, which a fresh database (a cold CI run) does not have.
	region, err := ac.Admin.CreateRegion(ctx, nil, admin.AdminCreateRegion{Name: srv.UniqueName("upd"), CurrencyCode: "eur"})
	require.NoError(t, err)
	t.Cleanup(func() { _, _ = ac.Admin.DeleteRegion(context.Background(), region.Region.Id) })
	c, err := medusa.New(srv.URL, medusa.WithPublishableKey(srv.PublishableKey(t)))
	require.NoError(t, err)
	cart, err := c.Store.CreateCart(ctx, nil, store.PostCartsJSONRequestBody{RegionId: &region.Region.Id})
	require.NoError(t, err)
	// The update body no longer offers the fields the strict validator
	// refuses (billing_address_id, customer_id, ...) and takes promo_codes.
	updated, err := c.Store.UpdateCart(ctx, cart.Cart.Id, nil, store.PostCartsIdJSONRequestBody{
		Email: medusa.Ptr(srv.UniqueEmail("upd")), PromoCodes: &[]string{},
	})
	require.NoError(t, err)
	require.NotNil(t, updated.Cart.Email)
}

// POST /admin/invites/accept takes the invite token in the query and the
// new user's names in a strict body (spec rules params-are-query,
// validator-bodies).
func TestInviteCreatedAndAccepted(t *testing.T) {
	srv := medusatest.Require(t)
	ctx := ctxT(t)
	ac := adminClient(t, srv)
	email := srv.UniqueEmail("invitee")
	inv, err := ac.Admin.CreateInvite(ctx, nil, admin.PostInvitesJSONRequestBody{Email: email})
	require.NoError(t, err)
	require.NotEmpty(t, inv.Invite.Token)
	assert.False(t, inv.Invite.Accepted)

	// The invitee registers an identity, then accepts with that token.
	c, err := medusa.New(srv.URL)
	require.NoError(t, err)
	password := "pw-" + email
	_, err = c.Auth.Register(ctx, "user", "emailpass", medusa.EmailPass{Email: email, Password: password})
	require.NoError(t, err)
	res, err := c.Admin.AcceptInvites(ctx, &admin.PostInvitesAcceptParams{Token: inv.Invite.Token},
		admin.PostInvitesAcceptJSONRequestBody{FirstName: medusa.Ptr("Grace"), LastName: medusa.Ptr("Hopper")})
	require.NoError(t, err)
	// The answer is {user} or {message}: one struct (merge-exclusive-branches).
	require.NotNil(t, res.User, "the invite's answer carries the new user")
	assert.Nil(t, res.Message)
	accepted := res
	assert.Equal(t, email, accepted.User.Email)
	assert.Equal(t, "Grace", accepted.User.FirstName)

	// The new user logs in and sees themself.
	u, err := medusa.New(srv.URL)
	require.NoError(t, err)
	_, err = u.Auth.Login(ctx, "user", "emailpass", medusa.EmailPass{Email: email, Password: password})
	require.NoError(t, err)
	me, err := u.Admin.GetCurrentUser(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, accepted.User.Id, me.User.Id)
	assert.Equal(t, "Hopper", me.User.LastName)

	// The invite is used up: the server deletes it on acceptance.
	_, err = ac.Admin.GetInvite(ctx, inv.Invite.Id, nil)
	var gone *medusa.Error
	require.ErrorAs(t, err, &gone)
	assert.Equal(t, 404, gone.StatusCode)

	// A wrong token is refused with the server's error.
	other, err := medusa.New(srv.URL)
	require.NoError(t, err)
	otherEmail := srv.UniqueEmail("stranger")
	_, err = other.Auth.Register(ctx, "user", "emailpass", medusa.EmailPass{Email: otherEmail, Password: "pw-" + otherEmail})
	require.NoError(t, err)
	_, err = other.Admin.AcceptInvites(ctx, &admin.PostInvitesAcceptParams{Token: "not-a-token"}, admin.PostInvitesAcceptJSONRequestBody{})
	var apiErr *medusa.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 401, apiErr.StatusCode)
}

// The tagged-union guard on a real answer: a completed cart answers
// {"type":"order"}, so reading it as the cart-with-error variant fails.
func TestTaggedUnionGuardOnRealServer(t *testing.T) {
	srv := medusatest.Require(t)
	s := setUpShop(t, srv, adminClient(t, srv))
	ctx := ctxT(t)
	c, err := medusa.New(srv.URL, medusa.WithPublishableKey(s.PublishableKey))
	require.NoError(t, err)

	var ship store.AddressInputOrID
	require.NoError(t, ship.FromAddressInput(store.AddressInput{
		FirstName: medusa.Ptr("Ada"), Address1: medusa.Ptr("1 Main St"), City: medusa.Ptr("Springfield"),
		CountryCode: &s.Country, PostalCode: medusa.Ptr("12345"),
	}))
	cart, err := c.Store.CreateCart(ctx, nil, store.PostCartsJSONRequestBody{
		RegionId: &s.RegionID, SalesChannelId: &s.SalesChannelID, Email: medusa.Ptr(srv.UniqueEmail("guard")),
		ShippingAddress: &ship, BillingAddress: &ship,
		Items: &[]store.PostCartsJSONBody_Items{{VariantId: s.VariantID, Quantity: 1}},
	})
	require.NoError(t, err)
	_, err = c.Store.CreateCartShippingMethod(ctx, cart.Cart.Id, nil, fromJSON[store.PostCartsIdShippingMethodsJSONRequestBody](t, `{"option_id":"`+s.OptionID+`"}`))
	require.NoError(t, err)
	pc, err := c.Store.CreatePaymentCollection(ctx, nil, store.StoreCreatePaymentCollection{CartId: cart.Cart.Id})
	require.NoError(t, err)
	_, err = c.Store.CreatePaymentCollectionPaymentSession(ctx, pc.PaymentCollection.Id, nil,
		store.PostPaymentCollectionsIdPaymentSessionsJSONRequestBody{ProviderId: "pp_system_default"})
	require.NoError(t, err)

	done, err := c.Store.CompleteCart(ctx, cart.Cart.Id, nil, medusa.Retryable())
	require.NoError(t, err)
	tag, err := done.Discriminator()
	require.NoError(t, err)
	require.Equal(t, "order", tag)
	_, err = done.AsCompleteCartCart()
	require.Error(t, err, "an order is not a cart with an error")
	assert.Contains(t, err.Error(), `type is "order", not "cart"`)
	order, err := done.AsCompleteCartOrder()
	require.NoError(t, err)
	assert.NotEmpty(t, order.Order.Id)
	require.NotNil(t, order.Order.ShippingAddress)
	assert.Equal(t, "Ada", *order.Order.ShippingAddress.FirstName)
}

// A forgotten required string: the server answers 500 (regions) or stores a
// nameless record (sales channels); the SDK refuses it before sending.
func TestRequiredStringLeftEmpty(t *testing.T) {
	srv := medusatest.Require(t)
	ctx := ctxT(t)
	auth := map[string]string{"Authorization": "Bearer " + srv.AdminToken(t)}

	raw := srv.Do(t, "POST", "/admin/regions", auth, map[string]any{"name": "", "currency_code": ""})
	assert.Equal(t, 500, raw.Status, "what Medusa does with the empty strings: %s", raw.Body)
	raw = srv.Do(t, "POST", "/admin/sales-channels", auth, map[string]any{"name": ""})
	require.Equal(t, 200, raw.Status, "Medusa stores a sales channel without a name: %s", raw.Body)
	var made struct {
		SalesChannel struct{ ID string } `json:"sales_channel"`
	}
	raw.Decode(t, &made)
	c := adminClient(t, srv)
	t.Cleanup(func() { _, _ = c.Admin.DeleteSalesChannel(context.Background(), made.SalesChannel.ID) })
	_, err := c.Admin.CreateRegion(ctx, nil, admin.AdminCreateRegion{Name: srv.UniqueName("no-currency")})
	require.ErrorIs(t, err, medusa.ErrRequiredEmpty)
	assert.Contains(t, err.Error(), "AdminCreateRegion")
	assert.Contains(t, err.Error(), "(currency_code)")
	var apiErr *medusa.Error
	assert.False(t, errors.As(err, &apiErr), "nothing was sent, so there is no server answer")

	_, err = c.Admin.CreateSalesChannel(ctx, nil, admin.AdminCreateSalesChannel{})
	require.ErrorIs(t, err, medusa.ErrRequiredEmpty)
	assert.Contains(t, err.Error(), "(name)")
}
