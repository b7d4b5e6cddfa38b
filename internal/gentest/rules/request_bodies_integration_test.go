//go:build integration

package rules_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
	"github.com/medusa-sdk/medusa-go/v2/gen/store"
	"github.com/medusa-sdk/medusa-go/v2/internal/medusatest"
)

// What the server does with the request bodies `make validator-check` found
// in disagreement with its validators (openapi/README.md, "Spec against the
// server's validators").

// sizedProduct creates a product with a Size option (S, M, L) and one
// variant S priced 10 usd, and returns its id.
func sizedProduct(t *testing.T, c *medusa.Client, name string) string {
	t.Helper()
	var created struct {
		Product struct {
			ID string `json:"id"`
		} `json:"product"`
	}
	require.NoError(t, c.Do(ctxT(t), "POST", "/admin/products", nil, map[string]any{
		"title":    name,
		"options":  []any{map[string]any{"title": "Size", "values": []any{"S", "M", "L"}}},
		"variants": []any{map[string]any{"title": "S", "options": map[string]any{"Size": "S"}, "prices": []any{map[string]any{"amount": 10, "currency_code": "usd"}}}},
	}, &created))
	require.NotEmpty(t, created.Product.ID)
	return created.Product.ID
}

func variantTitled(p admin.AdminProduct, title string) *admin.AdminProductVariant {
	for i := range p.Variants {
		if p.Variants[i].Title == title {
			return &p.Variants[i]
		}
	}
	return nil
}

// A product update's variants are upserted: one without an id is created.
// The validator leaves title and prices (and a price's amount and currency)
// optional because an item with an id may change only some of them; the
// spec's create branch (AdminCreateProductVariant, no id) requires them, and
// creating a variant does need a title and a price an amount and a currency
// (the workflow fails without them), while a new variant's price list may be
// empty. validator-check explains these findings as "upsert-create".
func TestProductUpdateCreatesVariantWithCreateBranch(t *testing.T) {
	srv := medusatest.Require(t)
	c := adminClient(t, srv)
	ctx := ctxT(t)
	id := sizedProduct(t, c, srv.UniqueName("upsert"))
	fields := &admin.UpdateProductParams{Fields: medusa.Ptr("*variants,*variants.prices")}

	var m, l admin.PostProductsIdJSONBody_Variants
	require.NoError(t, m.FromAdminCreateProductVariant(admin.AdminCreateProductVariant{
		Title: "M", Options: &map[string]interface{}{"Size": "M"}, Prices: []admin.AdminCreateProductVariantPrice{},
	}))
	require.NoError(t, l.FromAdminCreateProductVariant(admin.AdminCreateProductVariant{
		Title: "L", Options: &map[string]interface{}{"Size": "L"},
		Prices: []admin.AdminCreateProductVariantPrice{{Amount: 12, CurrencyCode: "usd"}},
	}))
	got, err := c.Admin.UpdateProduct(ctx, id, fields, admin.UpdateProductBody{Variants: &[]admin.PostProductsIdJSONBody_Variants{m, l}})
	require.NoError(t, err)
	// The list is the product's variants: S, not listed, is gone (keeping
	// it takes its id, which neither typed branch has: README, Known limits).
	require.Len(t, got.Product.Variants, 2)
	assert.Nil(t, variantTitled(got.Product, "S"))
	vm, vl := variantTitled(got.Product, "M"), variantTitled(got.Product, "L")
	require.NotNil(t, vm)
	require.NotNil(t, vl)
	assert.Empty(t, vm.Prices, "an empty price list creates a variant without prices")
	require.Len(t, vl.Prices, 1)
	assert.InDelta(t, 12, vl.Prices[0].Amount, 1e-9)
	assert.Equal(t, "usd", vl.Prices[0].CurrencyCode)

	// What the validator lets through and creating refuses: the spec's
	// requirements are the truth for a new variant.
	other := sizedProduct(t, c, srv.UniqueName("upsert"))
	for name, variant := range map[string]map[string]any{
		"no title":          {"options": map[string]any{"Size": "M"}},
		"no price amount":   {"title": "M", "options": map[string]any{"Size": "M"}, "prices": []any{map[string]any{"currency_code": "usd"}}},
		"no price currency": {"title": "M", "options": map[string]any{"Size": "M"}, "prices": []any{map[string]any{"amount": 3}}},
	} {
		err := c.Do(ctx, "POST", "/admin/products/"+other, nil, map[string]any{"variants": []any{variant}}, nil)
		var apiErr *medusa.Error
		require.ErrorAs(t, err, &apiErr, name)
		assert.GreaterOrEqual(t, apiErr.StatusCode, 400, name)
		assert.NotContains(t, apiErr.Message, "Invalid request", "%s: the validator takes it; creating the variant fails", name)
	}
	p, err := c.Admin.GetProduct(ctx, other, &admin.GetProductParams{Fields: medusa.Ptr("*variants")})
	require.NoError(t, err)
	assert.Len(t, p.Product.Variants, 1, "no variant was created")
}

// inventory_items is part of the create branch (the product create takes
// it); the product update and the batch update refuse it with a 400.
// validator-check explains these as "shared-branch".
func TestProductUpdateRefusesInventoryItems(t *testing.T) {
	srv := medusatest.Require(t)
	c := adminClient(t, srv)
	ctx := ctxT(t)
	id := sizedProduct(t, c, srv.UniqueName("kit"))
	variant := admin.AdminCreateProductVariant{
		Title: "M", Options: &map[string]interface{}{"Size": "M"}, Prices: []admin.AdminCreateProductVariantPrice{},
		InventoryItems: &[]admin.AdminCreateProductVariantInventoryKit{{InventoryItemId: "iitem_missing", RequiredQuantity: 1}},
	}
	var v admin.PostProductsIdJSONBody_Variants
	require.NoError(t, v.FromAdminCreateProductVariant(variant))
	_, err := c.Admin.UpdateProduct(ctx, id, nil, admin.UpdateProductBody{Variants: &[]admin.PostProductsIdJSONBody_Variants{v}})
	var apiErr *medusa.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 400, apiErr.StatusCode)
	assert.Contains(t, apiErr.Message, "inventory_items")

	var bv admin.AdminBatchUpdateProduct_Variants
	require.NoError(t, bv.FromAdminCreateProductVariant(variant))
	_, err = c.Admin.BatchProducts(ctx, nil, admin.AdminBatchProductRequest{Update: &[]admin.AdminBatchUpdateProduct{{Id: id, Variants: &[]admin.AdminBatchUpdateProduct_Variants{bv}}}})
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 400, apiErr.StatusCode)
	assert.Contains(t, apiErr.Message, "inventory_items")
}

// A product's options are no longer set through the product update (Medusa
// 2.16 moved them to their own routes): the update and the batch update
// refuse "options" whatever its value, and the batch validator, which lists
// the key, does not need it. The typed update body has no Options field
// (the rule validator-shapes drops a property the validator refuses).
func TestProductUpdateWithoutOptions(t *testing.T) {
	srv := medusatest.Require(t)
	c := adminClient(t, srv)
	ctx := ctxT(t)
	id := sizedProduct(t, c, srv.UniqueName("opts"))

	res, err := c.Admin.BatchProducts(ctx, nil, admin.AdminBatchProductRequest{
		Update: &[]admin.AdminBatchUpdateProduct{{Id: id, Subtitle: medusa.Ptr("batched")}},
	})
	require.NoError(t, err, "a batch update without options")
	require.Len(t, res.Updated, 1)
	assert.Equal(t, "batched", res.Updated[0].Subtitle)

	upd, err := c.Admin.UpdateProduct(ctx, id, nil, admin.UpdateProductBody{Subtitle: medusa.Ptr("single")})
	require.NoError(t, err)
	assert.Equal(t, "single", upd.Product.Subtitle)

	for _, call := range []struct {
		path string
		body any
	}{
		{"/admin/products/" + id, map[string]any{"options": []any{}}},
		{"/admin/products/" + id, map[string]any{"options": []any{map[string]any{"title": "Color", "values": []any{"red"}}}}},
		{"/admin/products/batch", map[string]any{"update": []any{map[string]any{"id": id, "options": []any{}}}}},
	} {
		err := c.Do(ctx, "POST", call.path, nil, call.body, nil)
		var apiErr *medusa.Error
		require.ErrorAs(t, err, &apiErr, call.path)
		assert.Equal(t, 400, apiErr.StatusCode, call.path)
		assert.Contains(t, apiErr.Message, "'options' property was removed", call.path)
	}
}

// POST /store/carts/{id}/customer takes an empty body: its strict validator
// knows no property and refuses the documented additional_data. The body
// type is now empty (struct{}); the method keeps its signature.
func TestCartCustomerEmptyBody(t *testing.T) {
	srv := medusatest.Require(t)
	sh := setUpShop(t, srv, adminClient(t, srv))
	c, err := medusa.New(srv.URL, medusa.WithPublishableKey(sh.PublishableKey))
	require.NoError(t, err)
	ctx := ctxT(t)
	cust := srv.NewCustomer(t)
	cart, err := c.Store.CreateCart(ctx, nil, store.PostCartsJSONRequestBody{RegionId: &sh.RegionID, SalesChannelId: &sh.SalesChannelID})
	require.NoError(t, err)
	require.Nil(t, cart.Cart.CustomerId, "a guest cart")

	cctx := medusa.WithToken(ctx, cust.Token)
	err = c.Do(cctx, "POST", "/store/carts/"+cart.Cart.Id+"/customer", nil, map[string]any{"additional_data": map[string]any{"source": "test"}}, nil)
	var apiErr *medusa.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 400, apiErr.StatusCode)
	assert.Contains(t, apiErr.Message, "additional_data")

	got, err := c.Store.UpdateCartCustomer(cctx, cart.Cart.Id, nil, store.UpdateCartCustomerBody{})
	require.NoError(t, err)
	require.NotNil(t, got.Cart.CustomerId)
	assert.Equal(t, cust.ID, *got.Cart.CustomerId)
}

// A batch route's update items and the single update of the same resource
// document each other's missing properties (validator-shapes, batch twins):
// the product update takes the batch item's shipping_profile_id and
// option_ids, the variant update the variant batch item's thumbnail.
func TestSingleUpdateTakesBatchTwinProperties(t *testing.T) {
	srv := medusatest.Require(t)
	c := adminClient(t, srv)
	ctx := ctxT(t)
	name := srv.UniqueName("twin")
	id := sizedProduct(t, c, name)
	profile, err := c.Admin.CreateShippingProfile(ctx, nil, admin.AdminCreateShippingProfile{Name: name, Type: "default"})
	require.NoError(t, err)
	// (by c.Do and JSON: this file must build on Medusa 2.17.1's types,
	// which have no product-option routes of their own and no option_ids)
	var color struct {
		ProductOption struct {
			ID string `json:"id"`
		} `json:"product_option"`
	}
	require.NoError(t, c.Do(ctx, "POST", "/admin/product-options", nil, map[string]any{"title": "Color " + name, "values": []string{"red", "blue"}}, &color))
	p, err := c.Admin.GetProduct(ctx, id, &admin.GetProductParams{Fields: medusa.Ptr("*options,*variants")})
	require.NoError(t, err)
	require.Len(t, p.Product.Options, 1)
	size := p.Product.Options[0].Id

	body := fromJSON[admin.UpdateProductBody](t, fmt.Sprintf(`{"option_ids": [%q, %q]}`, size, color.ProductOption.ID))
	body.ShippingProfileId = &profile.ShippingProfile.Id
	got, err := c.Admin.UpdateProduct(ctx, id, &admin.UpdateProductParams{Fields: medusa.Ptr("*options,*shipping_profile")}, body)
	require.NoError(t, err)
	require.NotNil(t, got.Product.ShippingProfile)
	assert.Equal(t, profile.ShippingProfile.Id, got.Product.ShippingProfile.Id)
	titles := []string{}
	for _, o := range got.Product.Options {
		titles = append(titles, o.Title)
	}
	assert.ElementsMatch(t, []string{"Size", "Color " + name}, titles)

	variant := p.Product.Variants[0].Id
	upd, err := c.Admin.UpdateProductVariant(ctx, id, variant, &admin.UpdateProductVariantParams{Fields: medusa.Ptr("*variants")}, admin.UpdateProductVariantBody{
		Thumbnail: medusa.Ptr("https://example.com/thumb.png"),
	})
	require.NoError(t, err)
	require.Len(t, upd.Product.Variants, 1)
	assert.Equal(t, "https://example.com/thumb.png", upd.Product.Variants[0].Thumbnail)
}

// The create of a collection and the update of one of its records are
// twins too: a cart is created with promotion codes and a locale, and a
// draft order with a locale, which the spec documented only on the
// updates. (The bodies are decoded from JSON: this file must build on Medusa
// 2.17.1's types, which may lack the fields; on 2.18.0 a field the type
// lacked would be dropped by the decoder and the assertions would fail.)
func TestCreateTakesUpdateTwinProperties(t *testing.T) {
	srv := medusatest.Require(t)
	ac := adminClient(t, srv)
	sh := setUpShop(t, srv, ac)
	ctx := ctxT(t)
	code := srv.UniqueName("twin")
	require.NoError(t, ac.Do(ctx, "POST", "/admin/promotions", nil, map[string]any{
		"code": code, "type": "standard", "status": "active",
		"application_method": map[string]any{"type": "percentage", "target_type": "order", "value": 10},
	}, nil))

	c, err := medusa.New(srv.URL, medusa.WithPublishableKey(sh.PublishableKey))
	require.NoError(t, err)
	body := fromJSON[store.CreateCartBody](t, fmt.Sprintf(`{"promo_codes": [%q], "locale": "fr-FR"}`, code))
	body.RegionId, body.SalesChannelId = &sh.RegionID, &sh.SalesChannelID
	body.Items = &[]store.PostCartsJSONBody_Items{{VariantId: sh.VariantID, Quantity: 1}}
	// Read untyped: StoreCartPromotion types application_method.value as a
	// string while the server sends a number, so a typed cart with a
	// promotion does not decode yet (an answer-side gap, not this body's).
	var cart struct {
		Cart struct {
			Locale     *string `json:"locale"`
			Promotions []struct {
				Code string `json:"code"`
			} `json:"promotions"`
		} `json:"cart"`
	}
	require.NoError(t, c.Do(ctx, "POST", "/store/carts", map[string]any{"fields": "+promotions.code,+locale"}, body, &cart))
	require.Len(t, cart.Cart.Promotions, 1, "the promotion applied at creation")
	assert.Equal(t, code, cart.Cart.Promotions[0].Code)
	require.NotNil(t, cart.Cart.Locale)
	assert.Equal(t, "fr-FR", *cart.Cart.Locale)

	draftBody := fromJSON[admin.CreateDraftOrderBody](t, `{"locale": "fr-FR"}`)
	draftBody.Email, draftBody.RegionId, draftBody.SalesChannelId = medusa.Ptr(srv.UniqueEmail("twin")), &sh.RegionID, &sh.SalesChannelID
	draft, err := ac.Admin.CreateDraftOrder(ctx, nil, draftBody)
	require.NoError(t, err)
	var read struct {
		DraftOrder struct {
			Locale *string `json:"locale"`
		} `json:"draft_order"`
	}
	require.NoError(t, ac.Do(ctx, "GET", "/admin/draft-orders/"+draft.DraftOrder.Id, map[string]any{"fields": "+locale"}, nil, &read))
	require.NotNil(t, read.DraftOrder.Locale)
	assert.Equal(t, "fr-FR", *read.DraftOrder.Locale)
}
