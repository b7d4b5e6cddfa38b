//go:build integration

package rules_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
	"github.com/medusa-sdk/medusa-go/v2/internal/medusatest"
)

// Update bodies can clear a field with JSON null (spec rule clearable-fields,
// nullable-type): set a product's collection and a category's parent, then
// clear both; an unset Nullable leaves the field alone.
func TestNullableFieldSetThenCleared(t *testing.T) {
	srv := medusatest.Require(t)
	ctx := ctxT(t)
	c := adminClient(t, srv)
	name := srv.UniqueName("nullable")

	col, err := c.Admin.CreateCollection(ctx, nil, admin.CreateCollectionBody{Title: name})
	require.NoError(t, err)
	t.Cleanup(func() { _, _ = c.Admin.DeleteCollection(context.Background(), col.Collection.Id) })
	prod, err := c.Admin.CreateProduct(ctx, nil, fromJSON[admin.CreateProductBody](t,
		`{"title":"`+name+`","options":[{"title":"Size","values":["S"]}]}`))
	require.NoError(t, err)
	t.Cleanup(func() { _, _ = c.Admin.DeleteProduct(context.Background(), prod.Product.Id) })

	// set
	got, err := c.Admin.UpdateProduct(ctx, prod.Product.Id, nil, admin.UpdateProductBody{
		CollectionId: medusa.Set(col.Collection.Id),
		Metadata:     medusa.Set(map[string]interface{}{"color": "red", "size": "M"}),
	})
	require.NoError(t, err)
	assert.Equal(t, col.Collection.Id, got.Product.CollectionId)
	require.NotNil(t, got.Product.Metadata)
	assert.Equal(t, map[string]interface{}{"color": "red", "size": "M"}, *got.Product.Metadata)

	// an unset Nullable sends nothing: the collection stays
	got, err = c.Admin.UpdateProduct(ctx, prod.Product.Id, nil, admin.UpdateProductBody{Subtitle: medusa.Ptr("still in the collection")})
	require.NoError(t, err)
	assert.Equal(t, col.Collection.Id, got.Product.CollectionId)

	// metadata merges key by key: a key set to null is kept as null, a key
	// set to "" is removed, the others stay
	got, err = c.Admin.UpdateProduct(ctx, prod.Product.Id, nil, admin.UpdateProductBody{
		Metadata: medusa.Set(map[string]interface{}{"color": nil}),
	})
	require.NoError(t, err)
	require.NotNil(t, got.Product.Metadata)
	assert.Equal(t, map[string]interface{}{"color": nil, "size": "M"}, *got.Product.Metadata)
	got, err = c.Admin.UpdateProduct(ctx, prod.Product.Id, nil, admin.UpdateProductBody{
		Metadata: medusa.Set(map[string]interface{}{"color": ""}),
	})
	require.NoError(t, err)
	require.NotNil(t, got.Product.Metadata)
	assert.Equal(t, map[string]interface{}{"size": "M"}, *got.Product.Metadata)

	// cleared
	got, err = c.Admin.UpdateProduct(ctx, prod.Product.Id, nil, admin.UpdateProductBody{
		CollectionId: medusa.Null[string](), Metadata: medusa.Null[map[string]interface{}](),
	})
	require.NoError(t, err)
	assert.Nil(t, got.Product.Metadata, "metadata: null clears it all")
	assert.Empty(t, got.Product.CollectionId, "collection_id is null again")
	assert.Nil(t, got.Product.Collection)
	reread, err := c.Admin.GetProduct(ctx, prod.Product.Id, &admin.GetProductParams{Fields: medusa.Ptr("id,collection_id")})
	require.NoError(t, err)
	assert.Empty(t, reread.Product.CollectionId)

	// a category's parent, set then cleared
	parent, err := c.Admin.CreateProductCategory(ctx, nil, admin.AdminCreateProductCategory{Name: name + " parent"})
	require.NoError(t, err)
	t.Cleanup(func() { _, _ = c.Admin.DeleteProductCategory(context.Background(), parent.ProductCategory.Id) })
	child, err := c.Admin.CreateProductCategory(ctx, nil, admin.AdminCreateProductCategory{Name: name + " child"})
	require.NoError(t, err)
	t.Cleanup(func() { _, _ = c.Admin.DeleteProductCategory(context.Background(), child.ProductCategory.Id) })

	moved, err := c.Admin.UpdateProductCategory(ctx, child.ProductCategory.Id, nil, admin.AdminUpdateProductCategory{
		ParentCategoryId: medusa.Set(parent.ProductCategory.Id),
	})
	require.NoError(t, err)
	assert.Equal(t, parent.ProductCategory.Id, moved.ProductCategory.ParentCategoryId)

	top, err := c.Admin.UpdateProductCategory(ctx, child.ProductCategory.Id, nil, admin.AdminUpdateProductCategory{
		ParentCategoryId: medusa.Null[string](),
	})
	require.NoError(t, err)
	assert.Empty(t, top.ProductCategory.ParentCategoryId, "the category is top-level again")

	// the empty string is not a way to clear: the server refuses it
	_, err = c.Admin.UpdateProductCategory(ctx, child.ProductCategory.Id, nil, admin.AdminUpdateProductCategory{
		ParentCategoryId: medusa.Set(""),
	})
	var apiErr *medusa.Error
	if assert.ErrorAs(t, err, &apiErr) {
		assert.NotEqual(t, 200, apiErr.StatusCode)
	}
}
