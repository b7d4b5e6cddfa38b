//go:build integration

package gentest

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
	"github.com/medusa-sdk/medusa-go/v2/internal/medusatest"
)

func ptr[T any](v T) *T { return &v }

// TestQueryFiltersOnRealServer checks that the filters the SDK encodes are
// read by Medusa as meant: each case must find exactly the product created
// here, or nothing.
func TestQueryFiltersOnRealServer(t *testing.T) {
	srv := medusatest.Require(t)
	tok := srv.AdminToken(t)
	title := srv.UniqueName("qs-probe")
	var created struct {
		Product struct {
			ID string `json:"id"`
		} `json:"product"`
	}
	srv.Admin(t, "POST", "/admin/products", map[string]any{
		"title": title, "status": "draft",
		"options":  []map[string]any{{"title": "Size", "values": []string{"S"}}},
		"variants": []map[string]any{{"title": "S", "options": map[string]string{"Size": "S"}, "prices": []map[string]any{{"currency_code": "usd", "amount": 10}}}},
	}, &created)
	id := created.Product.ID
	require.NotEmpty(t, id)

	ac := rawAdmin(t, srv, "Authorization", "Bearer "+tok)

	past := time.Now().Add(-time.Hour).UTC().Format(time.RFC3339)
	future := time.Now().Add(time.Hour).UTC().Format(time.RFC3339)
	cases := []struct {
		name   string
		params admin.GetProductsParams
		want   int
	}{
		{"id array", admin.GetProductsParams{Id: &[]string{id, "prod_does_not_exist"}}, 1},
		{"single id", admin.GetProductsParams{Id: &[]string{id}}, 1},
		{"title and status", admin.GetProductsParams{Title: &[]string{title}, Status: &[]admin.GetProductsParamsStatus{"draft"}}, 1},
		{"status excludes", admin.GetProductsParams{Id: &[]string{id}, Status: &[]admin.GetProductsParamsStatus{"published"}}, 0},
		{"created after", admin.GetProductsParams{Id: &[]string{id}, CreatedAt: &admin.OperatorMap{Gt: ptr(past)}}, 1},
		{"created after the future", admin.GetProductsParams{Id: &[]string{id}, CreatedAt: &admin.OperatorMap{Gt: ptr(future)}}, 0},
		{"date range", admin.GetProductsParams{Id: &[]string{id}, CreatedAt: &admin.OperatorMap{Gte: ptr(past), Lt: ptr(future)}}, 1},
		{"search", admin.GetProductsParams{Q: ptr(title)}, 1},
		{"fields and limit", admin.GetProductsParams{Id: &[]string{id}, Fields: ptr("id,title,*variants"), Limit: ptr(5), Offset: ptr(0)}, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := c.params
			resp, err := ac.GetProductsWithResponse(context.Background(), &p)
			require.NoError(t, err)
			require.Equal(t, 200, resp.StatusCode(), "%s: %s", resp.HTTPResponse.Request.URL.RawQuery, resp.Body)
			require.NotNil(t, resp.JSON200)
			assert.Equal(t, c.want, len(resp.JSON200.Products), "query %s", resp.HTTPResponse.Request.URL.RawQuery)
			if c.want == 1 && len(resp.JSON200.Products) == 1 {
				assert.Equal(t, id, resp.JSON200.Products[0].Id)
			}
		})
	}
}

// TestAndOrFiltersOnRealServer sends $and/$or arrays of objects. They are
// checked on product tags: Medusa 2.18.0's /admin/products and /admin/orders
// accept $and/$or but ignore them (the same raw query, written by hand, also
// returns every record there), while most other lists apply them.
func TestAndOrFiltersOnRealServer(t *testing.T) {
	srv := medusatest.Require(t)
	tok := srv.AdminToken(t)
	value := srv.UniqueName("qs-tag")
	var created struct {
		ProductTag struct {
			ID string `json:"id"`
		} `json:"product_tag"`
	}
	srv.Admin(t, "POST", "/admin/product-tags", map[string]any{"value": value}, &created)
	id := created.ProductTag.ID
	require.NotEmpty(t, id)
	ac := rawAdmin(t, srv, "Authorization", "Bearer "+tok)
	cases := []struct {
		name   string
		params admin.GetProductTagsParams
		want   int
	}{
		{"$or", admin.GetProductTagsParams{Or: &[]map[string]interface{}{{"value": value}, {"id": "ptag_does_not_exist"}}}, 1},
		{"$and", admin.GetProductTagsParams{And: &[]map[string]interface{}{{"value": value}, {"id": id}}}, 1},
		{"$and excludes", admin.GetProductTagsParams{And: &[]map[string]interface{}{{"value": value}, {"id": "ptag_does_not_exist"}}}, 0},
		{"$or with id arrays", admin.GetProductTagsParams{Or: &[]map[string]interface{}{{"id": []string{id, "ptag_x"}}}}, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := c.params
			resp, err := ac.GetProductTagsWithResponse(context.Background(), &p)
			require.NoError(t, err)
			require.Equal(t, 200, resp.StatusCode(), "%s: %s", resp.HTTPResponse.Request.URL.RawQuery, resp.Body)
			require.NotNil(t, resp.JSON200)
			assert.Equal(t, c.want, len(resp.JSON200.ProductTags), "query %s", resp.HTTPResponse.Request.URL.RawQuery)
		})
	}
}

// TestUnauthorizedIsJSONOnRealServer: a 401 is JSON and lands in JSON401.
func TestUnauthorizedIsJSONOnRealServer(t *testing.T) {
	srv := medusatest.Require(t)
	ac := rawAdmin(t, srv)
	resp, err := ac.GetProductsWithResponse(context.Background(), nil)
	require.NoError(t, err)
	require.Equal(t, 401, resp.StatusCode())
	require.NotNil(t, resp.JSON401, "body %s", resp.Body)
	assert.NotEmpty(t, resp.JSON401.Message)

	sc := rawStore(t, srv, "x-publishable-api-key", srv.PublishableKey(t))
	me, err := sc.GetCustomersMeWithResponse(context.Background(), nil)
	require.NoError(t, err)
	require.Equal(t, 401, me.StatusCode())
	require.NotNil(t, me.JSON401, "body %s", me.Body)
}
