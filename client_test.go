//go:build integration

package medusa_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/apierror"
	"github.com/medusa-sdk/medusa-go/v2/authn"
	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
	"github.com/medusa-sdk/medusa-go/v2/gen/store"
	"github.com/medusa-sdk/medusa-go/v2/internal/medusatest"
	"github.com/medusa-sdk/medusa-go/v2/internal/testshop"
)

// These tests drive a real Medusa through the SDK alone: the harness only
// supplies the server's URL and the admin's credentials.

// The shop the tests build (internal/testshop, shared with
// internal/gentest/rules), under the names these tests use.
type shop = testshop.Shop

var (
	ctxT        = testshop.Ctx
	adminClient = testshop.AdminClient
	setUpShop   = testshop.SetUp
	freeCountry = testshop.FreeCountry
)

func fromJSON[T any](t *testing.T, s string) T { return testshop.FromJSON[T](t, s) }

func TestAdminCatalogFlow(t *testing.T) {
	srv := medusatest.Require(t)
	c := adminClient(t, srv)
	s := setUpShop(t, srv, c)
	ctx := ctxT(t)

	// Update and read back.
	updated, err := c.Admin.UpdateProduct(ctx, s.ProductID, nil, admin.UpdateProductBody{Subtitle: medusa.Ptr("updated by medusa-go")})
	require.NoError(t, err)
	assert.Equal(t, "updated by medusa-go", updated.Product.Subtitle)

	got, err := c.Admin.GetProduct(ctx, s.ProductID, nil)
	require.NoError(t, err)
	assert.Equal(t, s.ProductID, got.Product.Id)

	regions, err := c.Admin.ListRegions(ctx, &admin.ListRegionsParams{Id: &[]string{s.RegionID}})
	require.NoError(t, err)
	require.Len(t, regions.Regions, 1)
	assert.Equal(t, s.RegionID, regions.Regions[0].Id)

	// A validation failure is a typed error carrying Medusa's message.
	_, err = c.Admin.CreateAPIKey(ctx, admin.AdminCreateApiKey{Title: "bad", Type: "bogus"})
	var apiErr *medusa.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 400, apiErr.StatusCode)
	assert.Equal(t, "invalid_data", apiErr.Type)
	assert.Contains(t, apiErr.Message, "Expected: 'publishable, secret' for field 'type'")

	// Delete one, then it is gone.
	extra, err := c.Admin.CreateSalesChannel(ctx, nil, admin.AdminCreateSalesChannel{Name: srv.UniqueName("to-delete")})
	require.NoError(t, err)
	del, err := c.Admin.DeleteSalesChannel(ctx, extra.SalesChannel.Id)
	require.NoError(t, err)
	assert.True(t, del.Deleted)
	_, err = c.Admin.GetSalesChannel(ctx, extra.SalesChannel.Id, nil)
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 404, apiErr.StatusCode)
	assert.Equal(t, "not_found", apiErr.Type)
}

func TestStorefrontCheckoutFlow(t *testing.T) {
	srv := medusatest.Require(t)
	s := setUpShop(t, srv, adminClient(t, srv))
	ctx := ctxT(t)

	c, err := medusa.New(srv.URL, medusa.WithPublishableKey(s.PublishableKey))
	require.NoError(t, err)

	// A customer signs up and logs in through the SDK.
	email := srv.UniqueEmail("shopper")
	_, err = c.Auth.SignUpCustomer(ctx, authnSignUp(email))
	require.NoError(t, err)

	products, err := c.Store.ListProducts(ctx, &store.ListProductsParams{
		Id:       &[]string{s.ProductID},
		RegionId: &s.RegionID,
		Fields:   medusa.Ptr("id,title,*variants,*variants.calculated_price"),
	})
	require.NoError(t, err)
	require.Len(t, products.Products, 1)
	assert.Equal(t, s.ProductID, products.Products[0].Id)

	cart, err := c.Store.CreateCart(ctx, nil, store.CreateCartBody{RegionId: &s.RegionID, SalesChannelId: &s.SalesChannelID})
	require.NoError(t, err)
	cartID := cart.Cart.Id
	claims, err := c.Auth.Claims(ctx)
	require.NoError(t, err)
	require.Equal(t, "customer", claims.ActorType)
	require.NotNil(t, cart.Cart.CustomerId)
	assert.Equal(t, claims.ActorID, *cart.Cart.CustomerId, "a cart created while signed in belongs to the customer")

	cart, err = c.Store.CreateCartLineItem(ctx, cartID, nil, store.CreateCartLineItemBody{VariantId: s.VariantID, Quantity: 1})
	require.NoError(t, err)
	require.Len(t, *cart.Cart.Items, 1)
	lineID := (*cart.Cart.Items)[0].Id
	cart, err = c.Store.UpdateCartLineItem(ctx, cartID, lineID, nil, store.UpdateCartLineItemBody{Quantity: 2})
	require.NoError(t, err)
	assert.EqualValues(t, 2, (*cart.Cart.Items)[0].Quantity)

	addr := fmt.Sprintf(`{"first_name":"Ada","last_name":"Lovelace","address_1":"1 Main St","city":"Springfield","country_code":%q,"postal_code":"12345"}`, s.Country)
	_, err = c.Store.UpdateCart(ctx, cartID, nil, store.UpdateCartBody{
		Email:           &email,
		ShippingAddress: fromJSON[*store.PostCartsIdJSONBody_ShippingAddress](t, addr),
		BillingAddress:  fromJSON[*store.PostCartsIdJSONBody_BillingAddress](t, addr),
	})
	require.NoError(t, err)

	options, err := c.Store.ListShippingOptions(ctx, &store.ListShippingOptionsParams{CartId: cartID})
	require.NoError(t, err)
	var optionID string
	for _, o := range options.ShippingOptions {
		if o.Id == s.OptionID {
			optionID = o.Id
		}
	}
	require.NotEmpty(t, optionID, "the shipping option set up by the admin is offered for the cart")
	_, err = c.Store.CreateCartShippingMethod(ctx, cartID, nil, fromJSON[store.CreateCartShippingMethodBody](t, fmt.Sprintf(`{"option_id":%q}`, optionID)))
	require.NoError(t, err)

	pc, err := c.Store.CreatePaymentCollection(ctx, nil, store.StoreCreatePaymentCollection{CartId: cartID})
	require.NoError(t, err)
	_, err = c.Store.CreatePaymentCollectionPaymentSession(ctx, pc.PaymentCollection.Id, nil,
		store.StoreInitializePaymentSession{ProviderId: "pp_system_default"})
	require.NoError(t, err)

	done, err := c.Store.CompleteCart(ctx, cartID, nil, medusa.Retryable())
	require.NoError(t, err)
	kind, err := done.Discriminator()
	require.NoError(t, err)
	require.Equal(t, "order", kind, "completing the cart places an order")
	placed, err := done.AsCompleteCartOrder()
	require.NoError(t, err)
	orderID := placed.Order.Id

	// Completing it again answers with the same order: the reason
	// medusa.Retryable() is safe on this POST.
	again, err := c.Store.CompleteCart(ctx, cartID, nil)
	require.NoError(t, err)
	placedAgain, err := again.AsCompleteCartOrder()
	require.NoError(t, err)
	assert.Equal(t, orderID, placedAgain.Order.Id)

	order, err := c.Store.GetOrder(ctx, orderID, nil)
	require.NoError(t, err)
	assert.Equal(t, orderID, order.Order.Id)
	assert.Equal(t, email, order.Order.Email)

	// The customer's own order list (an authenticated route) has it.
	mine, err := c.Store.ListOrders(ctx, nil)
	require.NoError(t, err)
	var ids []string
	for _, o := range mine.Orders {
		ids = append(ids, o.Id)
	}
	assert.Contains(t, ids, orderID, "the order belongs to the signed-in customer")
	_, err = c.Store.ListOrders(medusa.WithoutCredentials(ctx), nil)
	assert.True(t, apierror.IsUnauthorized(err), "a guest cannot list orders: %v", err)
}

func TestPaginationWalksEveryItem(t *testing.T) {
	srv := medusatest.Require(t)
	c := adminClient(t, srv)
	ctx := ctxT(t)

	// Seven tags sharing a unique prefix, walked two per page.
	prefix := srv.UniqueName("page")
	want := map[string]bool{}
	for i := range 7 {
		tag, err := c.Admin.CreateProductTag(ctx, nil, admin.AdminCreateProductTag{Value: fmt.Sprintf("%s-%d", prefix, i)})
		require.NoError(t, err)
		want[tag.ProductTag.Id] = true
	}
	params := &admin.ListProductTagsParams{Q: &prefix, Limit: medusa.Ptr(2)}
	seen := map[string]int{}
	for tag, err := range c.Admin.ListProductTagsAll(ctx, params) {
		require.NoError(t, err)
		seen[tag.Id]++
	}
	assert.Len(t, seen, len(want))
	for id := range want {
		assert.Equal(t, 1, seen[id], "tag %s yielded once", id)
	}
	assert.Nil(t, params.Offset, "the caller's params are not modified")
	assert.Equal(t, 2, *params.Limit)

	// Breaking out of the loop stops the walk.
	n := 0
	for _, err := range c.Admin.ListProductTagsAll(ctx, params) {
		require.NoError(t, err)
		if n++; n == 3 {
			break
		}
	}
	assert.Equal(t, 3, n)
}

func authnSignUp(email string) authn.SignUp {
	return authn.SignUp{Email: email, Password: "pw-" + email, FirstName: "Ada", LastName: "Lovelace"}
}
