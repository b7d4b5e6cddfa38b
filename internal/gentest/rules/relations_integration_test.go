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

// Relations asked for with fields=*relation decode into their own types
// (spec rules typed-relations, record-timestamps, foreign-keys; see
// openapi/README.md), not into maps.
func TestRelationsReadTyped(t *testing.T) {
	srv := medusatest.Require(t)
	c := adminClient(t, srv)
	s := setUpShop(t, srv, c)
	ctx := ctxT(t)

	// A variant's product, a product's option values.
	variants, err := c.Admin.ListProductVariants(ctx, &admin.ListProductVariantsParams{
		Id: &[]string{s.VariantID}, Fields: medusa.Ptr("*product,*options,*options.option"),
	})
	require.NoError(t, err)
	require.Len(t, variants.Variants, 1)
	v := variants.Variants[0]
	require.NotNil(t, v.Product)
	assert.Equal(t, s.ProductID, v.Product.Id)
	require.Len(t, v.Options, 1)
	assert.Equal(t, "S", v.Options[0].Value)

	product, err := c.Admin.GetProduct(ctx, s.ProductID, &admin.GetProductParams{Fields: medusa.Ptr("*options,*options.values")})
	require.NoError(t, err)
	require.Len(t, product.Product.Options, 1)
	opt := product.Product.Options[0]
	require.NotNil(t, opt.Values)
	var values []string
	for _, val := range *opt.Values {
		values = append(values, val.Value)
	}
	assert.ElementsMatch(t, []string{"S", "M"}, values)

	// A stock location's fulfillment sets, with their service zones.
	loc, err := c.Admin.GetStockLocation(ctx, s.LocationID, &admin.GetStockLocationParams{Fields: medusa.Ptr("*fulfillment_sets,*fulfillment_sets.service_zones")})
	require.NoError(t, err)
	require.NotNil(t, loc.StockLocation.FulfillmentSets)
	require.Len(t, *loc.StockLocation.FulfillmentSets, 1)
	set := (*loc.StockLocation.FulfillmentSets)[0]
	assert.Equal(t, "shipping", set.Type)
	require.Len(t, set.ServiceZones, 1)
	assert.NotEmpty(t, set.ServiceZones[0].Id)

	// A category's parent and children, and the parent's products.
	name := srv.UniqueName("cat")
	parent, err := c.Admin.CreateProductCategory(ctx, nil, admin.AdminCreateProductCategory{Name: name})
	require.NoError(t, err)
	child, err := c.Admin.CreateProductCategory(ctx, nil, admin.AdminCreateProductCategory{Name: name + "-child", ParentCategoryId: &parent.ProductCategory.Id})
	require.NoError(t, err)
	t.Cleanup(func() {
		_, _ = c.Admin.DeleteProductCategory(ctxT(t), child.ProductCategory.Id)
		_, _ = c.Admin.DeleteProductCategory(ctxT(t), parent.ProductCategory.Id)
	})
	_, err = c.Admin.UpdateProduct(ctx, s.ProductID, nil, admin.PostProductsIdJSONRequestBody{
		Categories: &[]admin.PostProductsIdJSONBody_Categories{{Id: parent.ProductCategory.Id}},
	})
	require.NoError(t, err)

	gotChild, err := c.Admin.GetProductCategory(ctx, child.ProductCategory.Id, &admin.GetProductCategoryParams{Fields: medusa.Ptr("*parent_category")})
	require.NoError(t, err)
	require.NotNil(t, gotChild.ProductCategory.ParentCategory)
	assert.Equal(t, parent.ProductCategory.Id, gotChild.ProductCategory.ParentCategory.Id)
	assert.Equal(t, name, gotChild.ProductCategory.ParentCategory.Name)

	gotParent, err := c.Admin.GetProductCategory(ctx, parent.ProductCategory.Id, &admin.GetProductCategoryParams{Fields: medusa.Ptr("*category_children,*products")})
	require.NoError(t, err)
	require.NotNil(t, gotParent.ProductCategory.CategoryChildren)
	require.Len(t, *gotParent.ProductCategory.CategoryChildren, 1)
	assert.Equal(t, child.ProductCategory.Id, (*gotParent.ProductCategory.CategoryChildren)[0].Id)
	require.NotNil(t, gotParent.ProductCategory.Products)
	require.Len(t, *gotParent.ProductCategory.Products, 1)
	assert.Equal(t, s.ProductID, (*gotParent.ProductCategory.Products)[0].Id)
	assert.False(t, (*gotParent.ProductCategory.Products)[0].CreatedAt.IsZero())
}
