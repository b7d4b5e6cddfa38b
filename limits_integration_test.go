//go:build integration

package medusa_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/internal/medusatest"
)

// The default body limit is far above any real Medusa answer. On the real
// server: five products of 100 variants each (two options of ten values,
// prices in two currencies, images), read back with every relation the
// product routes expand, as a list and one by one, plus other big lists
// and an export request. The largest answer is logged (the figure in
// BENCHMARKS.md); a page of 100 such products, 20 times the list of five,
// must fit in the default limit four times over.
func TestDefaultBodyLimitIsFarAboveRealAnswers(t *testing.T) {
	srv := medusatest.Require(t)
	ctx := ctxT(t)
	c := adminClient(t, srv)
	name := srv.UniqueName("big")

	values := make([]string, 10)
	for i := range values {
		values[i] = fmt.Sprintf("v%02d", i)
	}
	const products = 5
	ids := make([]string, 0, products)
	for p := range products {
		var variants []map[string]any
		for _, a := range values {
			for _, b := range values {
				variants = append(variants, map[string]any{
					"title": a + "/" + b, "sku": fmt.Sprintf("%s-%d-%s-%s", name, p, a, b),
					"options": map[string]string{"Size": a, "Color": b}, "manage_inventory": true,
					"prices": []map[string]any{{"currency_code": "usd", "amount": 19.99}, {"currency_code": "eur", "amount": 18.5}},
				})
			}
		}
		body := map[string]any{
			"title": fmt.Sprintf("%s product %d", name, p), "status": "published",
			"description": "A product with every option combination, to measure the largest answers.",
			"options":     []map[string]any{{"title": "Size", "values": values}, {"title": "Color", "values": values}},
			"variants":    variants,
			"images":      []map[string]string{{"url": "https://example.com/a.png"}, {"url": "https://example.com/b.png"}},
		}
		var out struct {
			Product struct {
				ID string `json:"id"`
			} `json:"product"`
		}
		require.NoError(t, c.Do(ctx, "POST", "/admin/products", nil, body, &out))
		ids = append(ids, out.Product.ID)
	}
	t.Cleanup(func() {
		for _, id := range ids {
			_, _ = c.Admin.DeleteProduct(t.Context(), id)
		}
	})

	fields := "*variants,*variants.prices,*variants.options,*variants.inventory_items,*options,*options.values,*images,*tags,*type,*collection,*categories,*sales_channels"
	var largest int
	var largestWhat string
	measure := func(what, path string, query map[string]any) {
		var raw json.RawMessage
		require.NoError(t, c.Do(ctx, "GET", path, query, nil, &raw), what)
		t.Logf("%s: %d bytes", what, len(raw))
		if len(raw) > largest {
			largest, largestWhat = len(raw), what
		}
	}
	measure("one 100-variant product, every relation", "/admin/products/"+ids[0], map[string]any{"fields": fields})
	measure("list of 5 such products, every relation", "/admin/products", map[string]any{"fields": fields, "limit": products, "q": name})
	measure("variant list, limit 1000", "/admin/products/"+ids[0]+"/variants", map[string]any{"limit": 1000, "fields": "*prices,*options,*inventory_items"})
	measure("inventory items, limit 1000", "/admin/inventory-items", map[string]any{"limit": 1000})
	measure("price lists and regions", "/admin/regions", map[string]any{"limit": 1000, "fields": "*countries,*payment_providers"})

	// An export is asynchronous: its answer is a transaction id, not the file.
	var exp json.RawMessage
	require.NoError(t, c.Do(ctx, "POST", "/admin/products/export", map[string]any{"q": name}, map[string]any{}, &exp))
	t.Logf("product export answer: %d bytes (%s)", len(exp), exp)
	assert.Less(t, len(exp), 1<<10)

	perVariant := float64(largest) / float64(products*100)
	page100 := int64(largest) * 100 / products
	t.Logf("largest answer: %s, %d bytes (%.0f bytes per fully expanded variant); a page of 100 such products would be %d bytes; DefaultMaxBodySize %d bytes is %.0f times the largest answer, %.1f times that page",
		largestWhat, largest, perVariant, page100, medusa.DefaultMaxBodySize,
		float64(medusa.DefaultMaxBodySize)/float64(largest), float64(medusa.DefaultMaxBodySize)/float64(page100))
	assert.Less(t, page100*4, medusa.DefaultMaxBodySize, "the default limit must be far above real answers")
}
