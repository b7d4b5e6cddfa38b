package medusatest

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
)

// The seeds make the data a test needs in one line each, through the SDK
// (as a service would), with names unique to the test (Server.Name). Each
// returns the typed records the server answered and fails the test on an
// error.

// countries are tried in turn for a new region: a country belongs to at most
// one region, so each Region seed takes one no region has.
var countries = strings.Fields(`de fr it es nl be at ie pt fi se dk pl cz gr hu ro bg hr si sk lt lv ee lu mt cy
	gb no ch is us ca mx br ar cl co pe uy au nz jp kr sg my th vn ph id in za eg ma ke ng gh tz ug
	tr il ae sa qa kw om bh jo lb ua md rs ba me mk al ge am az kz uz kg tj mn np lk bd pk hk tw mo`)

// Region makes a region in euros with one country no other region has and
// the system payment provider (pp_system_default, which authorizes every
// payment). It is deleted when the test ends, which frees the country.
func (s *Server) Region(t testing.TB) admin.AdminRegion {
	t.Helper()
	ctx := t.Context()
	taken := map[string]bool{}
	for r, err := range s.Admin.Admin.ListRegionsAll(ctx, &admin.ListRegionsParams{Fields: medusa.Ptr("id,*countries")}) {
		if err != nil {
			t.Fatalf("medusatest: Region: listing regions: %v", err)
		}
		for _, c := range deref(r.Countries) {
			taken[deref(c.Iso2)] = true
		}
	}
	for _, code := range countries {
		if taken[code] {
			continue
		}
		res, err := s.Admin.Admin.CreateRegion(ctx, &admin.CreateRegionParams{Fields: medusa.Ptr("*countries,*payment_providers")}, admin.AdminCreateRegion{
			Name: s.Name("Region"), CurrencyCode: "eur", Countries: &[]string{code},
			PaymentProviders: &[]string{"pp_system_default"},
		})
		if err != nil {
			// Another test took the country since the list: try the next.
			if strings.Contains(err.Error(), "already assigned") {
				continue
			}
			t.Fatalf("medusatest: Region: %v", err)
		}
		id := res.Region.Id
		t.Cleanup(func() {
			// t.Context is done by now.
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			_, _ = s.Admin.Admin.DeleteRegion(ctx, id)
		})
		return res.Region
	}
	t.Fatalf("medusatest: Region: every country of the kit's list already has a region")
	return admin.AdminRegion{}
}

// SalesChannel makes a sales channel and links it to the server's
// publishable key, so the Store client and Customer clients see it.
func (s *Server) SalesChannel(t testing.TB) admin.AdminSalesChannel {
	t.Helper()
	ctx := t.Context()
	res, err := s.Admin.Admin.CreateSalesChannel(ctx, nil, admin.AdminCreateSalesChannel{Name: s.Name("Channel")})
	if err != nil {
		t.Fatalf("medusatest: SalesChannel: %v", err)
	}
	if err := s.linkKey(t, res.SalesChannel.Id); err != nil {
		t.Fatalf("medusatest: SalesChannel: %v", err)
	}
	return res.SalesChannel
}

// Location is a stock location that ships to its region's country: a
// warehouse of the sales channel with the manual fulfillment provider, a
// service zone for the country, a shipping profile and a flat-rate
// "Standard" shipping option (4.90 in the region's currency).
type Location struct {
	StockLocation   admin.AdminStockLocation
	ShippingProfile admin.AdminShippingProfile
	ShippingOption  admin.AdminShippingOption
	// Region and SalesChannel are what the location was made for.
	Region       admin.AdminRegion
	SalesChannel admin.AdminSalesChannel
}

// StockLocation makes a Location that ships to the region's first country
// and serves the sales channel.
func (s *Server) StockLocation(t testing.TB, region admin.AdminRegion, channel admin.AdminSalesChannel) Location {
	t.Helper()
	ctx := t.Context()
	fail := func(step string, err error) { t.Fatalf("medusatest: StockLocation: %s: %v", step, err) }
	country := firstCountry(region)
	if country == "" {
		t.Fatalf("medusatest: StockLocation: region %s has no country", region.Id)
	}
	loc := Location{Region: region, SalesChannel: channel}
	made, err := s.Admin.Admin.CreateStockLocation(ctx, nil, admin.AdminCreateStockLocation{Name: s.Name("Warehouse")})
	if err != nil {
		fail("creating the location", err)
	}
	id := made.StockLocation.Id
	if _, err := s.Admin.Admin.CreateStockLocationSalesChannel(ctx, id, nil, admin.AdminBatchLink{Add: &[]string{channel.Id}}); err != nil {
		fail("linking the sales channel", err)
	}
	if _, err := s.Admin.Admin.CreateStockLocationFulfillmentProvider(ctx, id, nil, admin.AdminBatchLink{Add: &[]string{"manual_manual"}}); err != nil {
		fail("adding the manual provider", err)
	}
	withSet, err := s.Admin.Admin.CreateStockLocationFulfillmentSet(ctx, id, &admin.CreateStockLocationFulfillmentSetParams{Fields: medusa.Ptr("*fulfillment_sets")},
		admin.AdminCreateStockLocationFulfillmentSet{Name: s.Name("Deliveries"), Type: "shipping"})
	if err != nil {
		fail("creating the fulfillment set", err)
	}
	sets := deref(withSet.StockLocation.FulfillmentSets)
	if len(sets) != 1 {
		t.Fatalf("medusatest: StockLocation: the location has %d fulfillment sets, want 1", len(sets))
	}
	var zone admin.AdminCreateFulfillmentSetServiceZoneGeoZone
	if err := zone.FromAdminCreateFulfillmentSetServiceZoneGeoZonesCountry(admin.AdminCreateFulfillmentSetServiceZoneGeoZonesCountry{CountryCode: &country}); err != nil {
		fail("the geo zone", err)
	}
	zoned, err := s.Admin.Admin.CreateFulfillmentSetServiceZone(ctx, sets[0].Id, nil, admin.AdminCreateFulfillmentSetServiceZone{
		Name: s.Name("Zone"), GeoZones: &[]admin.AdminCreateFulfillmentSetServiceZoneGeoZone{zone},
	})
	if err != nil {
		fail("creating the service zone", err)
	}
	profile, err := s.Admin.Admin.CreateShippingProfile(ctx, nil, admin.AdminCreateShippingProfile{Name: s.Name("Profile"), Type: "default"})
	if err != nil {
		fail("creating the shipping profile", err)
	}
	loc.ShippingProfile = profile.ShippingProfile
	var body admin.CreateShippingOptionBody
	if err := body.FromAdminCreateFlatRateShippingOption(admin.AdminCreateFlatRateShippingOption{
		Name: s.Name("Standard"), ServiceZoneId: zoned.FulfillmentSet.ServiceZones[0].Id, ShippingProfileId: profile.ShippingProfile.Id,
		ProviderId: "manual_manual", Type: &admin.AdminCreateShippingOptionType{Label: "Standard", Code: "standard"},
		Prices: []admin.AdminCreateFlatRateShippingOptionPrice{{CurrencyCode: &region.CurrencyCode, Amount: 4.9}},
	}); err != nil {
		fail("the shipping option", err)
	}
	opt, err := s.Admin.Admin.CreateShippingOption(ctx, nil, body)
	if err != nil {
		fail("creating the shipping option", err)
	}
	loc.ShippingOption = opt.ShippingOption
	got, err := s.Admin.Admin.GetStockLocation(ctx, id, &admin.GetStockLocationParams{Fields: medusa.Ptr("*sales_channels,*fulfillment_providers,*fulfillment_sets")})
	if err != nil {
		fail("reading the location back", err)
	}
	loc.StockLocation = got.StockLocation
	return loc
}

// Variant is one variant a Product seed makes: its option value (also its
// title), its price in the region's currency and how many are in stock.
type Variant struct {
	Title string
	Price float64
	Stock float64
}

// Product makes a published product of the location's sales channel and
// shipping profile with one option ("Size") and the given variants (default:
// S at 10 and M at 12, 100 of each), each with a SKU, a price in the
// location's region currency and its stock at the location.
func (s *Server) Product(t testing.TB, loc Location, variants ...Variant) admin.AdminProduct {
	t.Helper()
	ctx := t.Context()
	if len(variants) == 0 {
		variants = []Variant{{"S", 10, 100}, {"M", 12, 100}}
	}
	title := s.Name("Product")
	values := make([]string, 0, len(variants))
	vs := make([]admin.AdminCreateProductVariant, 0, len(variants))
	for _, v := range variants {
		if v.Title == "" {
			t.Fatalf("medusatest: Product: a variant has no title")
		}
		values = append(values, v.Title)
		vs = append(vs, admin.AdminCreateProductVariant{
			Title: v.Title, Sku: medusa.Ptr(title + " " + v.Title), ManageInventory: medusa.Ptr(true),
			Options: &map[string]interface{}{"Size": v.Title},
			Prices:  []admin.AdminCreateProductVariantPrice{{CurrencyCode: loc.Region.CurrencyCode, Amount: v.Price}},
		})
	}
	body := admin.CreateProductBody{
		Title: title, Status: medusa.Ptr(admin.CreateProductBodyStatusPublished),
		ShippingProfileId: &loc.ShippingProfile.Id,
		SalesChannels:     &[]admin.CreateProductBodySalesChannel{{Id: loc.SalesChannel.Id}},
		Variants:          &vs,
	}
	// The option is a union (a new option or a global one's id): JSON fits.
	opts, _ := json.Marshal([]map[string]any{{"title": "Size", "values": values}})
	if err := json.Unmarshal(opts, &body.Options); err != nil {
		t.Fatalf("medusatest: Product: %v", err)
	}
	res, err := s.Admin.Admin.CreateProduct(ctx, nil, body)
	if err != nil {
		t.Fatalf("medusatest: Product: %v", err)
	}
	for i, v := range res.Product.Variants {
		items, err := s.Admin.Admin.ListInventoryItems(ctx, &admin.ListInventoryItemsParams{Sku: &[]string{v.Sku}})
		if err != nil {
			t.Fatalf("medusatest: Product: finding %s's inventory item: %v", v.Sku, err)
		}
		if len(items.InventoryItems) != 1 {
			t.Fatalf("medusatest: Product: variant %s has %d inventory items, want 1", v.Sku, len(items.InventoryItems))
		}
		qty := stockOf(variants, v.Title, i)
		if _, err := s.Admin.Admin.CreateInventoryItemLocationLevel(ctx, items.InventoryItems[0].Id, nil,
			admin.AdminBatchCreateInventoryItemLocationLevels{LocationId: loc.StockLocation.Id, StockedQuantity: &qty}); err != nil {
			t.Fatalf("medusatest: Product: stocking %s: %v", v.Sku, err)
		}
	}
	got, err := s.Admin.Admin.GetProduct(ctx, res.Product.Id, &admin.GetProductParams{Fields: medusa.Ptr("*variants,*variants.prices,*variants.inventory_items,*sales_channels")})
	if err != nil {
		t.Fatalf("medusatest: Product: reading it back: %v", err)
	}
	return got.Product
}

func stockOf(variants []Variant, title string, i int) float64 {
	for _, v := range variants {
		if v.Title == title {
			return v.Stock
		}
	}
	return variants[i%len(variants)].Stock
}

func firstCountry(r admin.AdminRegion) string {
	for _, c := range deref(r.Countries) {
		if code := deref(c.Iso2); code != "" {
			return code
		}
	}
	return ""
}

// linkKey adds a sales channel to the server's publishable key.
func (s *Server) linkKey(t testing.TB, channelID string) error {
	_, err := s.Admin.Admin.CreateAPIKeySalesChannel(t.Context(), s.pkID, nil, admin.AdminBatchLink{Add: &[]string{channelID}})
	return err
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
