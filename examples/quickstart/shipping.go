package main

import (
	"context"
	"fmt"
	"io"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
)

// buildShipping makes a warehouse for the sales channel that ships to the
// region's country by the manual provider, a shipping profile, and two
// flat-rate options: Standard and Express. It returns the warehouse (stock
// location) and the profile.
func buildShipping(ctx context.Context, out io.Writer, c *medusa.Client, cat catalogue, channelID, run string) (warehouse, profile string, err error) {
	loc, err := c.Admin.CreateStockLocation(ctx, nil, admin.AdminCreateStockLocation{Name: "Warehouse " + run})
	if err != nil {
		return "", "", err
	}
	warehouse = loc.StockLocation.Id
	if _, err := c.Admin.CreateStockLocationSalesChannel(ctx, warehouse, nil, admin.AdminBatchLink{Add: &[]string{channelID}}); err != nil {
		return "", "", err
	}
	if _, err := c.Admin.CreateStockLocationFulfillmentProvider(ctx, warehouse, nil, admin.AdminBatchLink{Add: &[]string{"manual_manual"}}); err != nil {
		return "", "", err
	}
	withSet, err := c.Admin.CreateStockLocationFulfillmentSet(ctx, warehouse, &admin.CreateStockLocationFulfillmentSetParams{Fields: medusa.Ptr("*fulfillment_sets")},
		admin.AdminCreateStockLocationFulfillmentSet{Name: "Deliveries " + run, Type: "shipping"})
	if err != nil {
		return "", "", err
	}
	sets := deref(withSet.StockLocation.FulfillmentSets)
	if len(sets) != 1 {
		return "", "", fmt.Errorf("the warehouse has %d fulfillment sets", len(sets))
	}
	// A geo zone is a tagged union: From… sets its "type" itself.
	var zone admin.AdminCreateFulfillmentSetServiceZoneGeoZone
	if err := zone.FromAdminCreateFulfillmentSetServiceZoneGeoZonesCountry(admin.AdminCreateFulfillmentSetServiceZoneGeoZonesCountry{CountryCode: &cat.country}); err != nil {
		return "", "", err
	}
	zoned, err := c.Admin.CreateFulfillmentSetServiceZone(ctx, sets[0].Id, nil, admin.AdminCreateFulfillmentSetServiceZone{
		Name: "Home country " + run, GeoZones: &[]admin.AdminCreateFulfillmentSetServiceZoneGeoZone{zone},
	})
	if err != nil {
		return "", "", err
	}
	zoneID := zoned.FulfillmentSet.ServiceZones[0].Id

	sp, err := c.Admin.CreateShippingProfile(ctx, nil, admin.AdminCreateShippingProfile{Name: "Parcels " + run, Type: "default"})
	if err != nil {
		return "", "", err
	}
	profile = sp.ShippingProfile.Id

	for _, o := range []struct {
		name, code string
		price      float64
	}{{"Standard", "standard", 4.9}, {"Express", "express", 9.9}} {
		// A flat-rate option: From… sets price_type, and a price is a plain
		// struct (by currency here, or by region).
		var body admin.CreateShippingOptionBody
		err := body.FromAdminCreateFlatRateShippingOption(admin.AdminCreateFlatRateShippingOption{
			Name: o.name, ServiceZoneId: zoneID, ShippingProfileId: profile, ProviderId: "manual_manual",
			Type:   &admin.AdminCreateShippingOptionType{Label: o.name, Code: o.code},
			Prices: []admin.AdminCreateFlatRateShippingOptionPrice{{CurrencyCode: &cat.currency, Amount: o.price}},
		})
		if err != nil {
			return "", "", err
		}
		if _, err := c.Admin.CreateShippingOption(ctx, nil, body); err != nil {
			return "", "", err
		}
	}
	fmt.Fprintf(out, "  shipping    %s ships to %s: Standard %s, Express %s\n", loc.StockLocation.Name, cat.country, money(4.9, cat.currency), money(9.9, cat.currency))
	return warehouse, profile, nil
}
