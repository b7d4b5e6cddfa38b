package rules_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
	"github.com/medusa-sdk/medusa-go/v2/gen/store"
)

// As<Variant> on a tagged union checks the tag (openapi/templates/union.tmpl).
func TestTaggedUnionAsChecksTheTag(t *testing.T) {
	var done store.PostCartsIdComplete200JSONResponseBody
	require.NoError(t, json.Unmarshal([]byte(`{"type":"cart","cart":{"id":"cart_1"},"error":{"message":"payment failed","name":"x","type":"payment"}}`), &done))

	_, err := done.AsCompleteCartOrder()
	require.Error(t, err, "the tag says cart: reading it as an order must fail")
	assert.Contains(t, err.Error(), `type is "cart", not "order"`)

	cart, err := done.AsCompleteCartCart()
	require.NoError(t, err)
	assert.Equal(t, "cart_1", cart.Cart.Id)
	assert.Equal(t, "payment failed", cart.Error.Message)

	v, err := done.ValueByDiscriminator()
	require.NoError(t, err)
	assert.IsType(t, store.PostCartsIdCompleteCart{}, v)

	// No tag at all is not an order either.
	var untagged store.PostCartsIdComplete200JSONResponseBody
	require.NoError(t, json.Unmarshal([]byte(`{"order":{"id":"order_1"}}`), &untagged))
	_, err = untagged.AsCompleteCartOrder()
	assert.ErrorContains(t, err, `type is "", not "order"`)
	_, err = untagged.ValueByDiscriminator()
	assert.ErrorContains(t, err, `unknown type ""`)

	// Not JSON: the decoder's error.
	var broken store.PostCartsIdComplete200JSONResponseBody
	require.NoError(t, broken.UnmarshalJSON([]byte(`[1]`)))
	_, err = broken.AsCompleteCartOrder()
	assert.Error(t, err)
}

// The shipping-option body is tagged by price_type (spec rule tag-from-names):
// From sets it, As checks it.
func TestShippingOptionBodyTag(t *testing.T) {
	var body admin.PostShippingOptionsJSONRequestBody
	require.NoError(t, body.FromAdminCreateCalculatedShippingOption(admin.AdminCreateCalculatedShippingOption{
		Name: "Express", ServiceZoneId: "serzo_1", ShippingProfileId: "sp_1", ProviderId: "manual_manual",
		Prices: []admin.AdminCreateCalculatedShippingOption_Prices{}, // the server's validator wants the list
	}))
	raw, err := json.Marshal(body)
	require.NoError(t, err)
	var sent map[string]any
	require.NoError(t, json.Unmarshal(raw, &sent))
	assert.Equal(t, "calculated", sent["price_type"], "From sets the tag")
	assert.Equal(t, []any{}, sent["prices"])

	_, err = body.AsAdminCreateFlatRateShippingOption()
	assert.ErrorContains(t, err, `price_type is "calculated", not "flat"`)
	calc, err := body.AsAdminCreateCalculatedShippingOption()
	require.NoError(t, err)
	assert.Equal(t, "Express", calc.Name)

	// A flat rate: one struct per price, by currency or by region.
	require.NoError(t, body.FromAdminCreateFlatRateShippingOption(admin.AdminCreateFlatRateShippingOption{
		Name: "Standard", Prices: []admin.AdminCreateFlatRateShippingOption_Prices{
			{CurrencyCode: medusa.Ptr("usd"), Amount: 10}, {RegionId: medusa.Ptr("reg_1"), Amount: 8},
		},
	}))
	raw, err = json.Marshal(body)
	require.NoError(t, err)
	assert.JSONEq(t, `{"name":"Standard","price_type":"flat","provider_id":"","service_zone_id":"","shipping_profile_id":"",
		"prices":[{"currency_code":"usd","amount":10},{"region_id":"reg_1","amount":8}]}`, string(raw))
}

// Untagged unions get names that say what they hold (spec rule named-branches).
func TestUnionBranchNames(t *testing.T) {
	var r admin.AdminCreateShippingOptionRule
	require.NoError(t, r.Value.FromAdminCreateShippingOptionRuleValueList([]string{"a", "b"}))
	raw, err := json.Marshal(r.Value)
	require.NoError(t, err)
	assert.JSONEq(t, `["a","b"]`, string(raw))
	_, err = r.Value.AsAdminCreateShippingOptionRuleValueString()
	assert.Error(t, err, "a list is not a string")
	list, err := r.Value.AsAdminCreateShippingOptionRuleValueList()
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "b"}, list)
}
