//go:build integration

package rules_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
	"github.com/medusa-sdk/medusa-go/v2/internal/medusatest"
)

// Lists the server upserts (validator-shapes, "an update shape in a list
// the validator upserts gets its id"): an item with an id updates that
// record, one without creates one, and a product update's variants list
// replaces the product's variants, so keeping a variant takes its id.
func TestUpsertListsTakeIDs(t *testing.T) {
	srv := medusatest.Require(t)
	c := adminClient(t, srv)
	ctx := ctxT(t)
	id := sizedProduct(t, c, srv.UniqueName("ids"))
	fields := medusa.Ptr("*variants,*variants.prices,*images")
	p, err := c.Admin.GetProduct(ctx, id, &admin.GetProductParams{Fields: fields})
	require.NoError(t, err)
	require.Len(t, p.Product.Variants, 1)
	small := p.Product.Variants[0]
	require.Len(t, small.Prices, 1)

	// the product update: S renamed in place, M created beside it
	var keep, add admin.PostProductsIdJSONBody_Variants
	require.NoError(t, keep.FromAdminUpdateProductVariant(admin.AdminUpdateProductVariant{Id: &small.Id, Title: medusa.Ptr("Small")}))
	require.NoError(t, add.FromAdminCreateProductVariant(admin.AdminCreateProductVariant{
		Title: "M", Options: &map[string]interface{}{"Size": "M"}, Prices: []admin.AdminCreateProductVariantPrice{},
	}))
	got, err := c.Admin.UpdateProduct(ctx, id, &admin.UpdateProductParams{Fields: fields}, admin.UpdateProductBody{
		Variants: &[]admin.PostProductsIdJSONBody_Variants{keep, add},
	})
	require.NoError(t, err)
	require.Len(t, got.Product.Variants, 2)
	renamed := variantTitled(got.Product, "Small")
	require.NotNil(t, renamed, "the variant with an id is updated")
	assert.Equal(t, small.Id, renamed.Id)
	medium := variantTitled(got.Product, "M")
	require.NotNil(t, medium)

	// the batch update: both kept by id, one renamed
	var b1, b2 admin.AdminBatchUpdateProduct_Variants
	require.NoError(t, b1.FromAdminUpdateProductVariant(admin.AdminUpdateProductVariant{Id: &small.Id, Title: medusa.Ptr("Smaller")}))
	require.NoError(t, b2.FromAdminUpdateProductVariant(admin.AdminUpdateProductVariant{Id: &medium.Id}))
	batch, err := c.Admin.BatchProducts(ctx, nil, admin.AdminBatchProductRequest{Update: &[]admin.AdminBatchUpdateProduct{{
		Id: id, Variants: &[]admin.AdminBatchUpdateProduct_Variants{b1, b2},
	}}})
	require.NoError(t, err)
	require.Len(t, batch.Updated, 1)
	p, err = c.Admin.GetProduct(ctx, id, &admin.GetProductParams{Fields: fields})
	require.NoError(t, err)
	require.Len(t, p.Product.Variants, 2)
	require.NotNil(t, variantTitled(p.Product, "Smaller"))
	assert.Equal(t, small.Id, variantTitled(p.Product, "Smaller").Id)
	assert.Equal(t, medium.Id, variantTitled(p.Product, "M").Id)

	// a variant's prices: the price with an id changes in place
	priceID := small.Prices[0].Id
	upd, err := c.Admin.UpdateProductVariant(ctx, id, small.Id, &admin.UpdateProductVariantParams{Fields: fields}, admin.UpdateProductVariantBody{
		Prices: &[]admin.PostProductsIdVariantsVariantIdJSONBody_Prices{{Id: &priceID, Amount: medusa.Ptr(25.0)}},
	})
	require.NoError(t, err)
	v := variantTitled(upd.Product, "Smaller")
	require.NotNil(t, v)
	require.Len(t, v.Prices, 1)
	assert.Equal(t, priceID, v.Prices[0].Id)
	assert.InDelta(t, 25, v.Prices[0].Amount, 1e-9)
	assert.Equal(t, "usd", v.Prices[0].CurrencyCode)

	// a product's images: the image with an id is kept, one without added
	upd, err = c.Admin.UpdateProduct(ctx, id, &admin.UpdateProductParams{Fields: fields}, admin.UpdateProductBody{
		Images: &[]admin.PostProductsIdJSONBody_Images{{Url: "https://example.com/a.png"}},
	})
	require.NoError(t, err)
	require.Len(t, upd.Product.Images, 1)
	created := upd.Product.Images[0].Id
	upd, err = c.Admin.UpdateProduct(ctx, id, &admin.UpdateProductParams{Fields: fields}, admin.UpdateProductBody{
		Images: &[]admin.PostProductsIdJSONBody_Images{{Url: "https://example.com/a.png"}},
	})
	require.NoError(t, err)
	require.Len(t, upd.Product.Images, 1)
	first := upd.Product.Images[0].Id
	assert.NotEqual(t, created, first, "without its id, the same image is a new record")
	upd, err = c.Admin.UpdateProduct(ctx, id, &admin.UpdateProductParams{Fields: fields}, admin.UpdateProductBody{
		Images: &[]admin.PostProductsIdJSONBody_Images{{Id: &first, Url: "https://example.com/a.png"}, {Url: "https://example.com/b.png"}},
	})
	require.NoError(t, err)
	require.Len(t, upd.Product.Images, 2)
	ids := map[string]string{}
	for _, img := range upd.Product.Images {
		ids[img.Url] = img.Id
	}
	assert.Equal(t, first, ids["https://example.com/a.png"], "the image with an id is the same record")
	assert.NotEmpty(t, ids["https://example.com/b.png"])
}
