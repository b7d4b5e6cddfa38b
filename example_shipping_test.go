package medusa_test

import (
	"encoding/json"
	"fmt"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
)

// A flat-rate shipping option, the common case: one From call (it sets
// price_type), prices as plain structs (by currency or by region), no rules
// (the storefront lists an option without rules; examples/quickstart does
// so). Send it with c.Admin.CreateShippingOption(ctx, nil, body).
func Example_shippingOption() {
	var body admin.CreateShippingOptionBody
	err := body.FromAdminCreateFlatRateShippingOption(admin.AdminCreateFlatRateShippingOption{
		Name: "Standard", ServiceZoneId: "serzo_123", ShippingProfileId: "sp_123", ProviderId: "manual_manual",
		Type:   &admin.AdminCreateShippingOptionType{Label: "Standard", Code: "standard"},
		Prices: []admin.AdminCreateFlatRateShippingOptionPrice{{CurrencyCode: medusa.Ptr("eur"), Amount: 4.9}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	sent, _ := json.Marshal(body)
	fmt.Println(string(sent))

	// The tag guards the other kind.
	_, err = body.AsAdminCreateCalculatedShippingOption()
	fmt.Println(err)
	// Output:
	// {"name":"Standard","price_type":"flat","prices":[{"amount":4.9,"currency_code":"eur"}],"provider_id":"manual_manual","service_zone_id":"serzo_123","shipping_profile_id":"sp_123","type":{"code":"standard","label":"Standard"}}
	// PostShippingOptionsJSONBody: price_type is "flat", not "calculated": this is not a AdminCreateCalculatedShippingOption
}
