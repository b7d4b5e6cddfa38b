//go:build integration

package rules_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
	"github.com/medusa-sdk/medusa-go/v2/internal/medusatest"
)

// Bodies the spec rule validator-shapes fixed from the server's validators
// (openapi/validators.json): each call here was impossible before.

// Documented as required, optional for the server: a campaign with only its
// name and identifier, a promotion without a campaign. Before, the SDK's
// required check refused them (ErrRequiredEmpty on description, campaign_id).
func TestOptionalFieldsTheSpecRequired(t *testing.T) {
	srv := medusatest.Require(t)
	c := adminClient(t, srv)
	ctx := ctxT(t)
	name := srv.UniqueName("val")

	campaign, err := c.Admin.CreateCampaign(ctx, nil, admin.CreateCampaignBody{Name: name, CampaignIdentifier: name})
	require.NoError(t, err)
	assert.Equal(t, name, campaign.Campaign.Name)
	assert.Empty(t, campaign.Campaign.Description, "no description was sent")

	promo, err := c.Admin.CreatePromotion(ctx, nil, admin.CreatePromotionBody{
		Code: name, Type: admin.PostPromotionsJSONBodyTypeStandard,
		ApplicationMethod: admin.PostPromotionsJSONBody_ApplicationMethod{
			Type: admin.PostPromotionsJSONBodyApplicationMethodTypePercentage, TargetType: admin.PostPromotionsJSONBodyApplicationMethodTargetTypeOrder,
			Value: 10,
		},
	})
	require.NoError(t, err, "a promotion without a campaign")
	require.NotNil(t, promo.Promotion.Code)
	assert.Equal(t, name, *promo.Promotion.Code)
}

// The draft-order body documented option_id; the validator takes
// shipping_option_id (and dropped the other silently, then failed).
func TestDraftOrderWithShippingMethod(t *testing.T) {
	srv := medusatest.Require(t)
	c := adminClient(t, srv)
	s := setUpShop(t, srv, c)
	ctx := ctxT(t)

	var amount admin.PostDraftOrdersJSONBody_ShippingMethods_Amount
	require.NoError(t, amount.FromNumber(7.5))
	email := srv.UniqueEmail("draft")
	draft, err := c.Admin.CreateDraftOrder(ctx, &admin.CreateDraftOrderParams{Fields: medusa.Ptr("+shipping_methods.*")}, admin.CreateDraftOrderBody{
		Email: &email, RegionId: &s.RegionID, SalesChannelId: &s.SalesChannelID,
		Items:           &[]admin.PostDraftOrdersJSONBody_Items{{VariantId: &s.VariantID, Quantity: medusa.Ptr(1.0)}},
		ShippingMethods: &[]admin.PostDraftOrdersJSONBody_ShippingMethods{{ShippingOptionId: s.OptionID, Name: "Standard", Amount: amount}},
	})
	require.NoError(t, err)
	methods := draft.DraftOrder.ShippingMethods
	require.Len(t, methods, 1)
	assert.Equal(t, s.OptionID, methods[0].ShippingOptionId)
	assert.Equal(t, "Standard", methods[0].Name)
	assert.InDelta(t, 7.5, methods[0].Amount, 1e-9)
}

// The server's validator wants prices for a calculated option too; the
// typed body now has them. The test server's manual provider cannot
// calculate prices, so the proof is that the body passes validation (the
// same body without prices does not) and the workflow answers.
func TestCalculatedShippingOptionBodyPassesValidation(t *testing.T) {
	srv := medusatest.Require(t)
	c := adminClient(t, srv)
	ctx := ctxT(t)
	name := srv.UniqueName("calc")
	profile, err := c.Admin.CreateShippingProfile(ctx, nil, admin.AdminCreateShippingProfile{Name: name, Type: "default"})
	require.NoError(t, err)

	var body admin.CreateShippingOptionBody
	require.NoError(t, body.FromAdminCreateCalculatedShippingOption(admin.AdminCreateCalculatedShippingOption{
		Name: name, ServiceZoneId: "serzo_missing", ShippingProfileId: profile.ShippingProfile.Id, ProviderId: "manual_manual",
		Type:   &admin.AdminCreateShippingOptionType{Label: "Live rates", Code: fmt.Sprint(time.Now().UnixNano())},
		Prices: []admin.AdminCreateCalculatedShippingOption_Prices{},
	}))
	_, err = c.Admin.CreateShippingOption(ctx, nil, body)
	var apiErr *medusa.Error
	require.ErrorAs(t, err, &apiErr)
	assert.NotContains(t, apiErr.Message, "Invalid request", "the validator accepts the body")

	// What the spec documented (no prices) is what the validator refuses.
	raw, err := body.MarshalJSON()
	require.NoError(t, err)
	var doc map[string]any
	require.NoError(t, json.Unmarshal(raw, &doc))
	delete(doc, "prices")
	raw, err = json.Marshal(doc)
	require.NoError(t, err)
	_, err = c.Admin.CreateShippingOption(ctx, nil, fromJSON[admin.CreateShippingOptionBody](t, string(raw)))
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "Invalid request: Field 'prices' is required", apiErr.Message)
}

// A strict validator refuses what the spec documented (campaign
// "promotions"): the typed body no longer has the field (a compile-time
// fact), because the server refuses it when sent anyway.
func TestRefusedFieldsAreGone(t *testing.T) {
	srv := medusatest.Require(t)
	c := adminClient(t, srv)
	name := srv.UniqueName("refused")
	err := c.Do(ctxT(t), "POST", "/admin/campaigns", nil,
		map[string]any{"name": name, "campaign_identifier": name, "promotions": []any{}}, nil)
	var apiErr *medusa.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 400, apiErr.StatusCode)
	assert.Contains(t, apiErr.Message, "promotions")

}

// Keys the validators take that Medusa's spec does not document are fields
// (validator-shapes, step takenKeys): a promotion's limit and
// is_tax_inclusive, a collection's external_id, each read back as stored.
func TestValidatorKeysTheSpecLacks(t *testing.T) {
	srv := medusatest.Require(t)
	c := adminClient(t, srv)
	ctx := ctxT(t)

	ext := srv.UniqueName("erp")
	col, err := c.Admin.CreateCollection(ctx, nil, admin.CreateCollectionBody{Title: srv.UniqueName("col"), ExternalId: &ext})
	require.NoError(t, err)
	t.Cleanup(func() { _, _ = c.Admin.DeleteCollection(ctxT(t), col.Collection.Id) })
	require.NotNil(t, col.Collection.ExternalId)
	assert.Equal(t, ext, *col.Collection.ExternalId)

	promo, err := c.Admin.CreatePromotion(ctx, nil, admin.CreatePromotionBody{
		Code: srv.UniqueName("LIMIT"), Type: admin.PostPromotionsJSONBodyTypeStandard,
		ApplicationMethod: admin.PostPromotionsJSONBody_ApplicationMethod{
			Type: admin.PostPromotionsJSONBodyApplicationMethodTypeFixed, TargetType: admin.PostPromotionsJSONBodyApplicationMethodTargetTypeOrder,
			Value: 5, CurrencyCode: medusa.Ptr("usd"),
		},
		Limit: medusa.Ptr(3),
	})
	require.NoError(t, err)
	t.Cleanup(func() { _, _ = c.Admin.DeletePromotion(ctxT(t), promo.Promotion.Id) })
	require.NotNil(t, promo.Promotion.Limit)
	assert.EqualValues(t, 3, *promo.Promotion.Limit)

	updated, err := c.Admin.UpdatePromotion(ctx, promo.Promotion.Id, nil, admin.UpdatePromotionBody{
		IsTaxInclusive: medusa.Ptr(true), Status: medusa.Ptr("inactive"),
	})
	require.NoError(t, err)
	require.NotNil(t, updated.Promotion.IsTaxInclusive)
	assert.True(t, *updated.Promotion.IsTaxInclusive)
	require.NotNil(t, updated.Promotion.Status)
	assert.Equal(t, admin.AdminPromotionStatus("inactive"), *updated.Promotion.Status)
}
