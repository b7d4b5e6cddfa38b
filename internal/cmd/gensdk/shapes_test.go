package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Two batch answers spell out the same {ids, deleted} object; two bodies
// spell out the same image; a union-like nested type has a method.
const shapesFixture = `package admin

type AdminBatchThingResponse struct{ Deleted AdminBatchThingResponse_Deleted }

type AdminBatchThingResponse_Deleted struct {
	// Deleted Whether the things were deleted.
	Deleted bool ` + "`json:\"deleted\"`" + `
	// Ids The IDs.
	Ids []string ` + "`json:\"ids\"`" + `
}

type BatchPriceRulesResult struct{ Deleted BatchPriceRulesResult_Deleted }

type BatchPriceRulesResult_Deleted struct {
	// Deleted Whether the prices were deleted.
	Deleted bool ` + "`json:\"deleted\"`" + `
	// Ids The IDs.
	Ids []string ` + "`json:\"ids\"`" + `
}

type AdminCreateThing struct{ Image *AdminCreateThing_Image }
type AdminCreateThing_Image struct{ Url string }
type AdminUpdateThing struct{ Image *AdminUpdateThing_Image }
type AdminUpdateThing_Image struct{ Url string }

type AdminA struct{ Value AdminA_Value }
type AdminA_Value struct{ union []byte }
type AdminB struct{ Value AdminB_Value }
type AdminB_Value struct{ union []byte }

func (t AdminA_Value) AsString() string { return "" }
`

func TestOneTypeForOneShape(t *testing.T) {
	r, err := planRenames("admin", []byte(shapesFixture), nil)
	require.NoError(t, err)
	require.NoError(t, r.mergeShapes([]byte(shapesFixture)))
	assert.Equal(t, map[string][]string{
		"BatchDeleted":    {"AdminBatchThingResponseDeleted", "BatchPriceRulesResultDeleted"},
		"AdminThingImage": {"AdminCreateThingImage", "AdminUpdateThingImage"},
	}, r.members, "the words the names share, in order; AdminA_Value has a method")
	assert.Equal(t, "BatchDeleted", r.final("BatchPriceRulesResult_Deleted"), "the old name leads to the shared type")

	out, err := r.apply([]byte(shapesFixture))
	require.NoError(t, err)
	s := string(out)
	assert.Equal(t, 1, strings.Count(s, "type BatchDeleted struct"), "declared once")
	assert.Contains(t, s, "type BatchPriceRulesResult struct{ Deleted BatchDeleted }", "every use names it")
	assert.Contains(t, s, "// BatchDeleted is the one type of a shape the API spells out in several\n// places: AdminBatchThingResponseDeleted, BatchPriceRulesResultDeleted\n// (each now an alias of it).\ntype BatchDeleted struct {")
	assert.Contains(t, s, "// Ids The IDs.\n", "a comment all members share stays")
	assert.NotContains(t, s, "Whether the things were deleted", "one that speaks of one member goes")

	former, err := r.former(out)
	require.NoError(t, err)
	f := string(former)
	assert.Contains(t, f, "// Deprecated: use BatchDeleted, the one type of this shape.\ntype BatchPriceRulesResultDeleted = BatchDeleted")
	assert.Contains(t, f, "type BatchPriceRulesResult_Deleted = BatchDeleted")
}

func TestSharedName(t *testing.T) {
	assert.Equal(t, "BatchDeleted", sharedName([]string{"AdminBatchProductResponseDeleted", "BatchPromotionRulesResultDeleted"}))
	assert.Equal(t, "StoreLineItemTaxLine", sharedName([]string{"StoreCartLineItemTaxLine", "StoreOrderLineItemTaxLine"}))
	assert.Equal(t, "", sharedName([]string{"ListProductVariantsParamsOptions", "ListProductsParamsVariantsOptions"}), "a method's kind of type")
	assert.Equal(t, "", sharedName([]string{"AdminAddExchangeInboundItemsItem", "AdminPostReturnsRequestItemsReqSchemaItem"}), "a word twice in a row")
	assert.Equal(t, "", sharedName([]string{"AdminThingImage", "AdminOtherPicture"}), "another last word")
	assert.Equal(t, []string{"Admin", "API", "Key", "Deleted"}, goWordList("AdminAPIKeyDeleted"))
}
