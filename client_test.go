//go:build integration

package medusa_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/apierror"
	"github.com/medusa-sdk/medusa-go/v2/authn"
	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
	"github.com/medusa-sdk/medusa-go/v2/gen/store"
	"github.com/medusa-sdk/medusa-go/v2/internal/medusatest"
)

// These tests drive a real Medusa 2.18.0 through the SDK alone: the harness
// only supplies the server's URL and the admin's credentials.

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// fromJSON fills a generated type (unions included) from a JSON literal.
func fromJSON[T any](t *testing.T, s string) T {
	t.Helper()
	var v T
	require.NoError(t, json.Unmarshal([]byte(s), &v), s)
	return v
}

// adminClient logs the harness admin in through the SDK.
func adminClient(t *testing.T, srv *medusatest.Server, opts ...medusa.Option) *medusa.Client {
	t.Helper()
	c, err := medusa.New(srv.URL, opts...)
	require.NoError(t, err)
	res, err := c.Auth.Login(ctxT(t), "user", "emailpass", medusa.EmailPass{Email: srv.AdminEmail, Password: srv.AdminPassword})
	require.NoError(t, err)
	require.NotEmpty(t, res.Token)
	return c
}

// shop is what the admin half of the flow sets up for the storefront half.
type shop struct {
	country                                                   string
	regionID, salesChannelID, locationID, profileID, optionID string
	productID, variantID                                      string
	publishableKey                                            string
}

// cartToPay is the storefront half every checkout test starts with: a guest
// cart in the shop's region holding quantity of its stocked variant, with a
// shipping address and the shop's shipping option, ready for a payment
// session. It returns the cart's id.
func (s shop) cartToPay(t *testing.T, c *medusa.Client, email string, quantity float64) string {
	t.Helper()
	ctx := ctxT(t)
	cart, err := c.Store.CreateCart(ctx, nil, store.CreateCartBody{RegionId: &s.regionID, SalesChannelId: &s.salesChannelID, Email: &email})
	require.NoError(t, err)
	cartID := cart.Cart.Id
	_, err = c.Store.CreateCartLineItem(ctx, cartID, nil, store.CreateCartLineItemBody{VariantId: s.variantID, Quantity: quantity})
	require.NoError(t, err)
	addr := fmt.Sprintf(`{"first_name":"Ada","last_name":"Lovelace","address_1":"1 Main St","city":"Springfield","country_code":%q,"postal_code":"12345"}`, s.country)
	_, err = c.Store.UpdateCart(ctx, cartID, nil, store.UpdateCartBody{
		ShippingAddress: fromJSON[*store.PostCartsIdJSONBody_ShippingAddress](t, addr),
	})
	require.NoError(t, err)
	_, err = c.Store.CreateCartShippingMethod(ctx, cartID, nil, fromJSON[store.CreateCartShippingMethodBody](t, fmt.Sprintf(`{"option_id":%q}`, s.optionID)))
	require.NoError(t, err)
	return cartID
}

func setUpShop(t *testing.T, srv *medusatest.Server, c *medusa.Client) shop {
	ctx := ctxT(t)
	var s shop
	name := srv.UniqueName("go-sdk")

	// A country belongs to at most one region: take one no region has, and
	// free it again when the test ends.
	s.country = freeCountry(t, c)
	region, err := c.Admin.CreateRegion(ctx, nil, admin.AdminCreateRegion{
		Name: name, CurrencyCode: "usd", Countries: &[]string{s.country},
		PaymentProviders: &[]string{"pp_system_default"},
	})
	require.NoError(t, err)
	s.regionID = region.Region.Id
	t.Cleanup(func() { _, _ = c.Admin.DeleteRegion(context.Background(), s.regionID) })
	assert.Equal(t, "usd", region.Region.CurrencyCode)

	sc, err := c.Admin.CreateSalesChannel(ctx, nil, admin.AdminCreateSalesChannel{Name: name})
	require.NoError(t, err)
	s.salesChannelID = sc.SalesChannel.Id

	loc, err := c.Admin.CreateStockLocation(ctx, nil, admin.AdminCreateStockLocation{Name: name})
	require.NoError(t, err)
	s.locationID = loc.StockLocation.Id
	_, err = c.Admin.CreateStockLocationSalesChannel(ctx, s.locationID, nil, admin.AdminBatchLink{Add: &[]string{s.salesChannelID}})
	require.NoError(t, err)
	_, err = c.Admin.CreateStockLocationFulfillmentProvider(ctx, s.locationID, nil, admin.AdminBatchLink{Add: &[]string{"manual_manual"}})
	require.NoError(t, err)
	withSet, err := c.Admin.CreateStockLocationFulfillmentSet(ctx, s.locationID, &admin.CreateStockLocationFulfillmentSetParams{Fields: medusa.Ptr("*fulfillment_sets")},
		admin.AdminCreateStockLocationFulfillmentSet{Name: name, Type: "shipping"})
	require.NoError(t, err)
	require.NotNil(t, withSet.StockLocation.FulfillmentSets)
	require.Len(t, *withSet.StockLocation.FulfillmentSets, 1)
	setID := (*withSet.StockLocation.FulfillmentSets)[0].Id
	require.NotEmpty(t, setID)
	// A typed oneOf: From<Variant> sets the "type" discriminator itself.
	var zone admin.AdminCreateFulfillmentSetServiceZone_GeoZones
	require.NoError(t, zone.FromAdminCreateFulfillmentSetServiceZoneGeoZonesCountry(admin.AdminCreateFulfillmentSetServiceZoneGeoZonesCountry{CountryCode: &s.country}))
	zoned, err := c.Admin.CreateFulfillmentSetServiceZone(ctx, setID, nil, admin.AdminCreateFulfillmentSetServiceZone{
		Name: name, GeoZones: &[]admin.AdminCreateFulfillmentSetServiceZone_GeoZones{zone},
	})
	require.NoError(t, err)
	require.NotEmpty(t, zoned.FulfillmentSet.ServiceZones)
	zoneID := zoned.FulfillmentSet.ServiceZones[0].Id

	profile, err := c.Admin.CreateShippingProfile(ctx, nil, admin.AdminCreateShippingProfile{Name: name, Type: "default"})
	require.NoError(t, err)
	s.profileID = profile.ShippingProfile.Id

	// A flat-rate option: From… sets price_type itself (spec rule
	// tag-from-names), a price is one struct (merge-exclusive-branches), a
	// rule value is a string or a list (named-branches).
	enabled, notReturn := shippingRule(t, "enabled_in_store", "true"), shippingRule(t, "is_return", "false")
	var option admin.CreateShippingOptionBody
	require.NoError(t, option.FromAdminCreateFlatRateShippingOption(admin.AdminCreateFlatRateShippingOption{
		Name: name, ServiceZoneId: zoneID, ShippingProfileId: s.profileID, ProviderId: "manual_manual",
		Type:   &admin.AdminCreateShippingOptionType{Label: "Standard", Description: medusa.Ptr("Ships in 2 days"), Code: "standard"},
		Prices: []admin.AdminCreateFlatRateShippingOption_Prices{{CurrencyCode: medusa.Ptr("usd"), Amount: 10}},
		Rules:  &[]admin.AdminCreateShippingOptionRule{enabled, notReturn},
	}))
	opt, err := c.Admin.CreateShippingOption(ctx, nil, option)
	require.NoError(t, err)
	s.optionID = opt.ShippingOption.Id

	// The body as JSON: the option list's generated type is a union on 2.18
	// and a plain struct on 2.17, and this setup compiles on both (gen-compat).
	product, err := c.Admin.CreateProduct(ctx, nil, fromJSON[admin.CreateProductBody](t, fmt.Sprintf(`{
		"title": %q, "status": "published", "shipping_profile_id": %q,
		"sales_channels": [{"id": %q}],
		"options": [{"title": "Size", "values": ["S", "M"]}],
		"variants": [
			{"title": "S", "sku": %q, "manage_inventory": true, "options": {"Size": "S"},
			 "prices": [{"currency_code": "usd", "amount": 19.99}]},
			{"title": "M", "sku": %q, "manage_inventory": true, "options": {"Size": "M"},
			 "prices": [{"currency_code": "usd", "amount": 21.5}]}]}`,
		name+" shirt", s.profileID, s.salesChannelID, name+"-s", name+"-m")))
	require.NoError(t, err)
	s.productID = product.Product.Id
	require.Len(t, product.Product.Variants, 2)
	// The answer's variant order is not the order of creation: find "S",
	// the variant stocked below.
	for _, v := range product.Product.Variants {
		if v.Title == "S" {
			s.variantID = v.Id
		}
	}
	require.NotEmpty(t, s.variantID)

	// Inventory: each managed variant got an inventory item; stock it at the location.
	items, err := c.Admin.ListInventoryItems(ctx, &admin.ListInventoryItemsParams{Sku: &[]string{name + "-s"}})
	require.NoError(t, err)
	require.Len(t, items.InventoryItems, 1)
	_, err = c.Admin.CreateInventoryItemLocationLevel(ctx, items.InventoryItems[0].Id, nil,
		admin.AdminBatchCreateInventoryItemLocationLevels{LocationId: s.locationID, StockedQuantity: medusa.Ptr(100.0)})
	require.NoError(t, err)

	key, err := c.Admin.CreateAPIKey(ctx, admin.AdminCreateApiKey{Title: name, Type: "publishable"})
	require.NoError(t, err)
	_, err = c.Admin.CreateAPIKeySalesChannel(ctx, key.ApiKey.Id, nil, admin.AdminBatchLink{Add: &[]string{s.salesChannelID}})
	require.NoError(t, err)
	s.publishableKey = key.ApiKey.Token
	return s
}

// shippingRule is an "attribute eq value" shipping-option rule.
func shippingRule(t *testing.T, attribute, value string) admin.AdminCreateShippingOptionRule {
	t.Helper()
	r := admin.AdminCreateShippingOptionRule{Attribute: attribute, Operator: "eq"}
	require.NoError(t, r.Value.FromAdminCreateShippingOptionRuleValueString(value))
	return r
}

// freeCountry returns a country code that no region has yet.
func freeCountry(t *testing.T, c *medusa.Client) string {
	t.Helper()
	taken := map[string]bool{}
	for r, err := range c.Admin.ListRegionsAll(ctxT(t), &admin.ListRegionsParams{Fields: medusa.Ptr("id,*countries")}) {
		require.NoError(t, err)
		if r.Countries == nil {
			continue
		}
		for _, country := range *r.Countries {
			if country.Iso2 != nil {
				taken[*country.Iso2] = true
			}
		}
	}
	for _, code := range []string{"us", "ca", "gb", "de", "fr", "it", "es", "nl", "be", "at", "ch", "se", "no", "dk", "fi",
		"pl", "cz", "pt", "ie", "au", "nz", "jp", "kr", "br", "mx", "ar", "cl", "za", "in", "sg", "hk", "tw", "th", "my",
		"ph", "id", "vn", "tr", "gr", "hu", "ro", "bg", "hr", "si", "sk", "lt", "lv", "ee", "is", "lu", "mt", "cy"} {
		if !taken[code] {
			return code
		}
	}
	t.Fatalf("no free country left for a test region")
	return ""
}

func TestAdminCatalogFlow(t *testing.T) {
	srv := medusatest.Require(t)
	c := adminClient(t, srv)
	s := setUpShop(t, srv, c)
	ctx := ctxT(t)

	// Update and read back.
	updated, err := c.Admin.UpdateProduct(ctx, s.productID, nil, admin.UpdateProductBody{Subtitle: medusa.Ptr("updated by medusa-go")})
	require.NoError(t, err)
	assert.Equal(t, "updated by medusa-go", updated.Product.Subtitle)

	got, err := c.Admin.GetProduct(ctx, s.productID, nil)
	require.NoError(t, err)
	assert.Equal(t, s.productID, got.Product.Id)

	regions, err := c.Admin.ListRegions(ctx, &admin.ListRegionsParams{Id: &[]string{s.regionID}})
	require.NoError(t, err)
	require.Len(t, regions.Regions, 1)
	assert.Equal(t, s.regionID, regions.Regions[0].Id)

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

	c, err := medusa.New(srv.URL, medusa.WithPublishableKey(s.publishableKey))
	require.NoError(t, err)

	// A customer signs up and logs in through the SDK.
	email := srv.UniqueEmail("shopper")
	_, err = c.Auth.SignUpCustomer(ctx, authnSignUp(email))
	require.NoError(t, err)

	products, err := c.Store.ListProducts(ctx, &store.ListProductsParams{
		Id:       &[]string{s.productID},
		RegionId: &s.regionID,
		Fields:   medusa.Ptr("id,title,*variants,*variants.calculated_price"),
	})
	require.NoError(t, err)
	require.Len(t, products.Products, 1)
	assert.Equal(t, s.productID, products.Products[0].Id)

	cart, err := c.Store.CreateCart(ctx, nil, store.CreateCartBody{RegionId: &s.regionID, SalesChannelId: &s.salesChannelID})
	require.NoError(t, err)
	cartID := cart.Cart.Id
	claims, err := c.Auth.Claims(ctx)
	require.NoError(t, err)
	require.Equal(t, "customer", claims.ActorType)
	require.NotNil(t, cart.Cart.CustomerId)
	assert.Equal(t, claims.ActorID, *cart.Cart.CustomerId, "a cart created while signed in belongs to the customer")

	cart, err = c.Store.CreateCartLineItem(ctx, cartID, nil, store.CreateCartLineItemBody{VariantId: s.variantID, Quantity: 1})
	require.NoError(t, err)
	require.Len(t, *cart.Cart.Items, 1)
	lineID := (*cart.Cart.Items)[0].Id
	cart, err = c.Store.UpdateCartLineItem(ctx, cartID, lineID, nil, store.UpdateCartLineItemBody{Quantity: 2})
	require.NoError(t, err)
	assert.EqualValues(t, 2, (*cart.Cart.Items)[0].Quantity)

	addr := fmt.Sprintf(`{"first_name":"Ada","last_name":"Lovelace","address_1":"1 Main St","city":"Springfield","country_code":%q,"postal_code":"12345"}`, s.country)
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
		if o.Id == s.optionID {
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
	placed, err := done.AsPostCartsIdCompleteOrder()
	require.NoError(t, err)
	orderID := placed.Order.Id

	// Completing it again answers with the same order: the reason
	// medusa.Retryable() is safe on this POST.
	again, err := c.Store.CompleteCart(ctx, cartID, nil)
	require.NoError(t, err)
	placedAgain, err := again.AsPostCartsIdCompleteOrder()
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
