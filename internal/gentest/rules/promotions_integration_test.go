//go:build integration

package rules_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
	"github.com/medusa-sdk/medusa-go/v2/gen/store"
	"github.com/medusa-sdk/medusa-go/v2/internal/medusatest"
)

// A store cart that carries a promotion decodes: the spec typed the
// promotion's application_method.value as a string, the server sends the
// stored bigNumber as a JSON number, so every answer with a promotion in it
// (adding the code, reading or updating the cart) was a decode error. The
// spec rule model-column-types gives the property the type of Medusa's
// ApplicationMethod.value column. The line's adjustment (the discount) is
// read with its own subtotal and total.
func TestCartPromotionValueIsANumber(t *testing.T) {
	srv := medusatest.Require(t)
	a := adminClient(t, srv)
	s := setUpShop(t, srv, a)
	ctx := ctxT(t)
	code := srv.UniqueName("PROMO")

	promo, err := a.Admin.CreatePromotion(ctx, nil, admin.CreatePromotionBody{
		Code: code, Type: admin.PostPromotionsJSONBodyTypeStandard,
		ApplicationMethod: admin.PostPromotionsJSONBody_ApplicationMethod{
			Type: admin.PostPromotionsJSONBodyApplicationMethodTypePercentage, TargetType: admin.PostPromotionsJSONBodyApplicationMethodTargetTypeOrder,
			Value: 12.5, CurrencyCode: medusa.Ptr("usd"),
		},
		// Not in Medusa's spec, taken by its validator (validator-shapes):
		// without it a new promotion is a draft, which a cart does not take.
		Status: medusa.Ptr("active"),
	})
	require.NoError(t, err)
	require.NotNil(t, promo.Promotion.Status)
	require.Equal(t, admin.AdminPromotionStatus("active"), *promo.Promotion.Status)
	t.Cleanup(func() { _, _ = a.Admin.DeletePromotion(ctxT(t), promo.Promotion.Id) })

	c, err := medusa.New(srv.URL, medusa.WithPublishableKey(s.PublishableKey))
	require.NoError(t, err)
	cart, err := c.Store.CreateCart(ctx, nil, store.CreateCartBody{RegionId: &s.RegionID, SalesChannelId: &s.SalesChannelID})
	require.NoError(t, err)
	cartID := cart.Cart.Id
	_, err = c.Store.CreateCartLineItem(ctx, cartID, nil, store.CreateCartLineItemBody{VariantId: s.VariantID, Quantity: 1})
	require.NoError(t, err)

	added, err := c.Store.CreateCartPromotion(ctx, cartID, nil, store.StoreCartAddPromotion{PromoCodes: []string{code}})
	require.NoError(t, err, "the answer to adding the code carries the promotion")
	assertPromotion(t, added.Cart, code, 12.5)

	got, err := c.Store.GetCart(ctx, cartID, nil)
	require.NoError(t, err, "a cart with a promotion decodes")
	assertPromotion(t, got.Cart, code, 12.5)

	// The discount on the line: each adjustment has its own subtotal and
	// total (spec rule computed-totals).
	lines, err := c.Store.GetCart(ctx, cartID, &store.GetCartParams{Fields: medusa.Ptr("*items,*items.adjustments")})
	require.NoError(t, err)
	require.NotNil(t, lines.Cart.Items)
	require.Len(t, *lines.Cart.Items, 1)
	adjustments := (*lines.Cart.Items)[0].Adjustments
	require.NotNil(t, adjustments)
	require.Len(t, *adjustments, 1)
	adj := (*adjustments)[0]
	assert.Equal(t, code, *adj.Code)
	assert.Positive(t, adj.Amount)
	require.NotNil(t, adj.Subtotal, "the adjustment sends its subtotal")
	require.NotNil(t, adj.Total, "the adjustment sends its total")
	assert.InDelta(t, adj.Amount, *adj.Subtotal, 1e-9, "no tax in the test region: the subtotal is the amount")

	// What the server sends, untyped: a JSON number, not text.
	var raw struct {
		Cart struct {
			Promotions []struct {
				ApplicationMethod map[string]any `json:"application_method"`
			} `json:"promotions"`
		} `json:"cart"`
	}
	require.NoError(t, c.Do(ctx, "GET", "/store/carts/"+cartID, nil, nil, &raw))
	require.Len(t, raw.Cart.Promotions, 1)
	assert.IsType(t, float64(0), raw.Cart.Promotions[0].ApplicationMethod["value"], "the server sends the value as a JSON number")
}

func assertPromotion(t *testing.T, cart store.StoreCart, code string, value float64) {
	t.Helper()
	require.Len(t, cart.Promotions, 1)
	p := cart.Promotions[0]
	require.NotNil(t, p.Code)
	assert.Equal(t, code, *p.Code)
	require.NotNil(t, p.ApplicationMethod)
	assert.InDelta(t, value, p.ApplicationMethod.Value, 1e-9)
	assert.Equal(t, store.StoreCartPromotionApplicationMethodTypePercentage, p.ApplicationMethod.Type)
}
