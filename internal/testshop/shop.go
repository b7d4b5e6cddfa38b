// Package testshop is the shop the project's integration tests build on the
// real test server, shared by the root package's tests and those of the
// generated layer (internal/gentest/rules): a logged-in admin client, a
// region with a country of its own, a sales channel, a stocked warehouse
// that ships there, a product and a publishable key, and the cart a
// checkout test starts from. Test code only: nothing the SDK imports.
package testshop

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
	"github.com/medusa-sdk/medusa-go/v2/gen/store"
	"github.com/medusa-sdk/medusa-go/v2/internal/medusatest"
)

// Ctx is a context for one test's calls: two minutes, cancelled when the
// test ends.
func Ctx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// FromJSON fills a generated type (unions included) from a JSON literal.
func FromJSON[T any](t *testing.T, s string) T {
	t.Helper()
	var v T
	require.NoError(t, json.Unmarshal([]byte(s), &v), s)
	return v
}

// AdminClient logs the harness admin in through the SDK.
func AdminClient(t *testing.T, srv *medusatest.Server, opts ...medusa.Option) *medusa.Client {
	t.Helper()
	c, err := medusa.New(srv.URL, opts...)
	require.NoError(t, err)
	res, err := c.Auth.Login(Ctx(t), "user", "emailpass", medusa.EmailPass{Email: srv.AdminEmail, Password: srv.AdminPassword})
	require.NoError(t, err)
	require.NotEmpty(t, res.Token)
	return c
}

// Shop is what the admin half of the flow sets up for the storefront half.
type Shop struct {
	Country                                                   string
	RegionID, SalesChannelID, LocationID, ProfileID, OptionID string
	ProductID, VariantID                                      string
	PublishableKey                                            string
}

// CartToPay is the storefront half every checkout test starts with: a guest
// cart in the shop's region holding quantity of its stocked variant, with a
// shipping address and the shop's shipping option, ready for a payment
// session. It returns the cart's id.
func (s Shop) CartToPay(t *testing.T, c *medusa.Client, email string, quantity float64) string {
	t.Helper()
	ctx := Ctx(t)
	cart, err := c.Store.CreateCart(ctx, nil, store.CreateCartBody{RegionId: &s.RegionID, SalesChannelId: &s.SalesChannelID, Email: &email})
	require.NoError(t, err)
	cartID := cart.Cart.Id
	_, err = c.Store.CreateCartLineItem(ctx, cartID, nil, store.CreateCartLineItemBody{VariantId: s.VariantID, Quantity: quantity})
	require.NoError(t, err)
	addr := fmt.Sprintf(`{"first_name":"Ada","last_name":"Lovelace","address_1":"1 Main St","city":"Springfield","country_code":%q,"postal_code":"12345"}`, s.Country)
	_, err = c.Store.UpdateCart(ctx, cartID, nil, store.UpdateCartBody{
		ShippingAddress: FromJSON[*store.PostCartsIdJSONBody_ShippingAddress](t, addr),
	})
	require.NoError(t, err)
	_, err = c.Store.CreateCartShippingMethod(ctx, cartID, nil, FromJSON[store.CreateCartShippingMethodBody](t, fmt.Sprintf(`{"option_id":%q}`, s.OptionID)))
	require.NoError(t, err)
	return cartID
}

// SetUp builds a new Shop through c (the admin's client), with names of its
// own; its region is deleted when the test ends, which frees its country.
func SetUp(t *testing.T, srv *medusatest.Server, c *medusa.Client) Shop {
	ctx := Ctx(t)
	var s Shop
	name := srv.UniqueName("go-sdk")

	// A country belongs to at most one region: take one no region has, and
	// free it again when the test ends.
	s.Country = FreeCountry(t, c)
	region, err := c.Admin.CreateRegion(ctx, nil, admin.AdminCreateRegion{
		Name: name, CurrencyCode: "usd", Countries: &[]string{s.Country},
		PaymentProviders: &[]string{"pp_system_default"},
	})
	require.NoError(t, err)
	s.RegionID = region.Region.Id
	t.Cleanup(func() { _, _ = c.Admin.DeleteRegion(context.Background(), s.RegionID) })
	assert.Equal(t, "usd", region.Region.CurrencyCode)

	sc, err := c.Admin.CreateSalesChannel(ctx, nil, admin.AdminCreateSalesChannel{Name: name})
	require.NoError(t, err)
	s.SalesChannelID = sc.SalesChannel.Id

	loc, err := c.Admin.CreateStockLocation(ctx, nil, admin.AdminCreateStockLocation{Name: name})
	require.NoError(t, err)
	s.LocationID = loc.StockLocation.Id
	_, err = c.Admin.CreateStockLocationSalesChannel(ctx, s.LocationID, nil, admin.AdminBatchLink{Add: &[]string{s.SalesChannelID}})
	require.NoError(t, err)
	_, err = c.Admin.CreateStockLocationFulfillmentProvider(ctx, s.LocationID, nil, admin.AdminBatchLink{Add: &[]string{"manual_manual"}})
	require.NoError(t, err)
	withSet, err := c.Admin.CreateStockLocationFulfillmentSet(ctx, s.LocationID, &admin.CreateStockLocationFulfillmentSetParams{Fields: medusa.Ptr("*fulfillment_sets")},
		admin.AdminCreateStockLocationFulfillmentSet{Name: name, Type: "shipping"})
	require.NoError(t, err)
	require.NotNil(t, withSet.StockLocation.FulfillmentSets)
	require.Len(t, *withSet.StockLocation.FulfillmentSets, 1)
	setID := (*withSet.StockLocation.FulfillmentSets)[0].Id
	require.NotEmpty(t, setID)
	// A typed oneOf: From<Variant> sets the "type" discriminator itself.
	var zone admin.AdminCreateFulfillmentSetServiceZone_GeoZones
	require.NoError(t, zone.FromAdminCreateFulfillmentSetServiceZoneGeoZonesCountry(admin.AdminCreateFulfillmentSetServiceZoneGeoZonesCountry{CountryCode: &s.Country}))
	zoned, err := c.Admin.CreateFulfillmentSetServiceZone(ctx, setID, nil, admin.AdminCreateFulfillmentSetServiceZone{
		Name: name, GeoZones: &[]admin.AdminCreateFulfillmentSetServiceZone_GeoZones{zone},
	})
	require.NoError(t, err)
	require.NotEmpty(t, zoned.FulfillmentSet.ServiceZones)
	zoneID := zoned.FulfillmentSet.ServiceZones[0].Id

	profile, err := c.Admin.CreateShippingProfile(ctx, nil, admin.AdminCreateShippingProfile{Name: name, Type: "default"})
	require.NoError(t, err)
	s.ProfileID = profile.ShippingProfile.Id

	// A flat-rate option: From… sets price_type itself (spec rule
	// tag-from-names), a price is one struct (merge-exclusive-branches), a
	// rule value is a string or a list (named-branches).
	enabled, notReturn := ShippingRule(t, "enabled_in_store", "true"), ShippingRule(t, "is_return", "false")
	var option admin.CreateShippingOptionBody
	require.NoError(t, option.FromAdminCreateFlatRateShippingOption(admin.AdminCreateFlatRateShippingOption{
		Name: name, ServiceZoneId: zoneID, ShippingProfileId: s.ProfileID, ProviderId: "manual_manual",
		Type:   &admin.AdminCreateShippingOptionType{Label: "Standard", Description: medusa.Ptr("Ships in 2 days"), Code: "standard"},
		Prices: []admin.AdminCreateFlatRateShippingOption_Prices{{CurrencyCode: medusa.Ptr("usd"), Amount: 10}},
		Rules:  &[]admin.AdminCreateShippingOptionRule{enabled, notReturn},
	}))
	opt, err := c.Admin.CreateShippingOption(ctx, nil, option)
	require.NoError(t, err)
	s.OptionID = opt.ShippingOption.Id

	// The body as JSON: the option list's generated type is a union on 2.18
	// and a plain struct on 2.17, and this setup compiles on both (gen-compat).
	product, err := c.Admin.CreateProduct(ctx, nil, FromJSON[admin.CreateProductBody](t, fmt.Sprintf(`{
		"title": %q, "status": "published", "shipping_profile_id": %q,
		"sales_channels": [{"id": %q}],
		"options": [{"title": "Size", "values": ["S", "M"]}],
		"variants": [
			{"title": "S", "sku": %q, "manage_inventory": true, "options": {"Size": "S"},
			 "prices": [{"currency_code": "usd", "amount": 19.99}]},
			{"title": "M", "sku": %q, "manage_inventory": true, "options": {"Size": "M"},
			 "prices": [{"currency_code": "usd", "amount": 21.5}]}]}`,
		name+" shirt", s.ProfileID, s.SalesChannelID, name+"-s", name+"-m")))
	require.NoError(t, err)
	s.ProductID = product.Product.Id
	require.Len(t, product.Product.Variants, 2)
	// The answer's variant order is not the order of creation: find "S",
	// the variant stocked below.
	for _, v := range product.Product.Variants {
		if v.Title == "S" {
			s.VariantID = v.Id
		}
	}
	require.NotEmpty(t, s.VariantID)

	// Inventory: each managed variant got an inventory item; stock it at the location.
	items, err := c.Admin.ListInventoryItems(ctx, &admin.ListInventoryItemsParams{Sku: &[]string{name + "-s"}})
	require.NoError(t, err)
	require.Len(t, items.InventoryItems, 1)
	_, err = c.Admin.CreateInventoryItemLocationLevel(ctx, items.InventoryItems[0].Id, nil,
		admin.AdminBatchCreateInventoryItemLocationLevels{LocationId: s.LocationID, StockedQuantity: medusa.Ptr(100.0)})
	require.NoError(t, err)

	key, err := c.Admin.CreateAPIKey(ctx, admin.AdminCreateApiKey{Title: name, Type: "publishable"})
	require.NoError(t, err)
	_, err = c.Admin.CreateAPIKeySalesChannel(ctx, key.ApiKey.Id, nil, admin.AdminBatchLink{Add: &[]string{s.SalesChannelID}})
	require.NoError(t, err)
	s.PublishableKey = key.ApiKey.Token
	return s
}

// ShippingRule is an "attribute eq value" shipping-option rule.
func ShippingRule(t *testing.T, attribute, value string) admin.AdminCreateShippingOptionRule {
	t.Helper()
	r := admin.AdminCreateShippingOptionRule{Attribute: attribute, Operator: "eq"}
	require.NoError(t, r.Value.FromAdminCreateShippingOptionRuleValueString(value))
	return r
}

// FreeCountry returns a country code that no region has yet.
func FreeCountry(t *testing.T, c *medusa.Client) string {
	t.Helper()
	taken := map[string]bool{}
	for r, err := range c.Admin.ListRegionsAll(Ctx(t), &admin.ListRegionsParams{Fields: medusa.Ptr("id,*countries")}) {
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
