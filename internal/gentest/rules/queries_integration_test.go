//go:build integration

package rules_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
	"github.com/medusa-sdk/medusa-go/v2/gen/store"
	"github.com/medusa-sdk/medusa-go/v2/internal/medusatest"
)

// Query parameters against the server's query validators
// (openapi/validators.json "queries", make validator-check).

// storefront returns a store client with a publishable key of its own.
func storefront(t *testing.T, srv *medusatest.Server, c *medusa.Client) *medusa.Client {
	t.Helper()
	ctx := ctxT(t)
	name := srv.UniqueName("qs")
	channel, err := c.Admin.CreateSalesChannel(ctx, nil, admin.AdminCreateSalesChannel{Name: name})
	require.NoError(t, err)
	key, err := c.Admin.CreateAPIKey(ctx, admin.AdminCreateApiKey{Title: name, Type: "publishable"})
	require.NoError(t, err)
	_, err = c.Admin.CreateAPIKeySalesChannel(ctx, key.ApiKey.Id, nil, admin.AdminBatchLink{Add: &[]string{channel.SalesChannel.Id}})
	require.NoError(t, err)
	s, err := medusa.New(srv.URL, medusa.WithPublishableKey(key.ApiKey.Token))
	require.NoError(t, err)
	return s
}

// withQuery adds raw query text to one request (to show what the server
// does with a key the SDK does not send).
func withQuery(raw string) store.RequestEditorFn { return store.RequestEditorFn(rawQuery(raw)) }

func rawQuery(raw string) func(context.Context, *http.Request) error {
	return func(_ context.Context, req *http.Request) error {
		if req.URL.RawQuery != "" {
			raw = req.URL.RawQuery + "&" + raw
		}
		req.URL.RawQuery = raw
		return nil
	}
}

func invalidData(t *testing.T, err error) *medusa.Error {
	t.Helper()
	var me *medusa.Error
	require.True(t, errors.As(err, &me), "want a *medusa.Error, got %v", err)
	assert.Equal(t, http.StatusBadRequest, me.StatusCode)
	assert.Equal(t, "invalid_data", me.Type)
	return me
}

// The store's `locale` query parameter works: @medusajs/framework's
// applyLocale middleware, mounted on /store before every route, reads a
// non-empty `locale` (then the x-medusa-locale header), sets the request's
// locale and deletes the key from the query, so the route's validator, which
// refuses every key it does not declare, never sees it. validator-check
// counted it as refused because it read the validator alone; it now counts it
// as consumed. An empty value is not taken out, and the validator refuses it.
func TestStoreLocaleQueryIsReadBeforeValidation(t *testing.T) {
	srv := medusatest.Require(t)
	s := storefront(t, srv, adminClient(t, srv))
	ctx := ctxT(t)

	list, err := s.Store.ListProducts(ctx, &store.ListProductsParams{Locale: medusa.Ptr("fr-FR"), Limit: medusa.Ptr(1)})
	require.NoError(t, err, "a locale in the query is accepted")
	assert.Equal(t, 1, list.Limit)

	_, err = s.Store.GetProduct(ctx, "prod_missing", &store.GetProductParams{Locale: medusa.Ptr("de-DE")})
	var me *medusa.Error
	require.True(t, errors.As(err, &me), "%v", err)
	assert.Equal(t, http.StatusNotFound, me.StatusCode, "the retrieve got past validation: %v", err)

	// the same route refuses a key it does not declare, so locale was taken out
	_, err = s.Store.ListProducts(ctx, &store.ListProductsParams{Limit: medusa.Ptr(1)}, withQuery("unknown_key=1"))
	assert.Contains(t, invalidData(t, err).Message, "Unrecognized fields: 'unknown_key'")

	_, err = s.Store.ListProducts(ctx, &store.ListProductsParams{Locale: medusa.Ptr("")})
	assert.Contains(t, invalidData(t, err).Message, "Unrecognized fields: 'locale'", "an empty locale reaches the validator")

	// any store route: the middleware is the namespace's, not the route's
	_, err = s.Store.ListRegions(ctx, &store.ListRegionsParams{Limit: medusa.Ptr(1)}, withQuery("locale=fr-FR"))
	require.NoError(t, err)

	// A list or an object (locale[0]=fr, which the typed parameter cannot
	// send, a request editor or Do can) makes the middleware throw outside
	// Express's error handling on 2.18.0: the request is never answered.
	short, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	_, err = s.Store.ListRegions(short, nil, withQuery("locale[0]=fr-FR"))
	assert.ErrorIs(t, err, context.DeadlineExceeded, "the server answered a list locale: %v", err)
}

// fieldNames lists the json names of a generated Params struct's fields.
func fieldNames(v any) []string {
	var out []string
	t := reflect.TypeOf(v)
	for i := range t.NumField() {
		tag, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		out = append(out, tag)
	}
	return out
}

// Rule validator-queries, class "refused": a documented query parameter the
// route's validator does not declare gets a 400 (every top-level query
// validator is strict at run time), so the parameter is gone from the Params
// type. The retrieve of a category documented the list's filters; the
// refund-reason list documented $and/$or.
func TestRefusedQueryParametersAreGone(t *testing.T) {
	srv := medusatest.Require(t)
	c := adminClient(t, srv)
	ctx := ctxT(t)
	cat, err := c.Admin.CreateProductCategory(ctx, nil, admin.AdminCreateProductCategory{Name: srv.UniqueName("qcat")})
	require.NoError(t, err)
	t.Cleanup(func() { _, _ = c.Admin.DeleteProductCategory(context.Background(), cat.ProductCategory.Id) })

	for _, q := range []string{"q=x", "limit=1", "handle[0]=x", "with_deleted=true"} {
		_, err = c.Admin.GetProductCategory(ctx, cat.ProductCategory.Id, nil, admin.RequestEditorFn(rawQuery(q)))
		assert.Contains(t, invalidData(t, err).Message, "Unrecognized fields", q)
	}
	assert.Equal(t, []string{"fields", "include_ancestors_tree", "include_descendants_tree"}, fieldNames(admin.GetProductCategoryParams{}))
	got, err := c.Admin.GetProductCategory(ctx, cat.ProductCategory.Id, &admin.GetProductCategoryParams{Fields: medusa.Ptr("id"), IncludeDescendantsTree: medusa.Ptr(true)})
	require.NoError(t, err, "what is left is taken")
	assert.Equal(t, cat.ProductCategory.Id, got.ProductCategory.Id)

	_, err = c.Admin.ListRefundReasons(ctx, nil, admin.RequestEditorFn(rawQuery("$and[0][label]=x")))
	assert.Contains(t, invalidData(t, err).Message, "Unrecognized fields: '$and'")
	assert.NotContains(t, fieldNames(admin.ListRefundReasonsParams{}), "$and")
}

// Rule validator-queries, class "type": GET /admin/products/{id}/options
// documented title as a list; the validator takes one string and refuses
// the list (title[0]=...), so Title is a *string now and filters.
func TestListParameterIsOneValue(t *testing.T) {
	srv := medusatest.Require(t)
	c := adminClient(t, srv)
	ctx := ctxT(t)
	prod, err := c.Admin.CreateProduct(ctx, nil, fromJSON[admin.CreateProductBody](t,
		`{"title":"`+srv.UniqueName("qopt")+`","options":[{"title":"Size","values":["S"]},{"title":"Colour","values":["Red"]}]}`))
	require.NoError(t, err)
	t.Cleanup(func() { _, _ = c.Admin.DeleteProduct(context.Background(), prod.Product.Id) })

	got, err := c.Admin.GetProductsIdOptions(ctx, prod.Product.Id, &admin.GetProductsIdOptionsParams{Title: medusa.Ptr("Size")})
	require.NoError(t, err)
	require.Len(t, got.ProductOptions, 1)
	assert.Equal(t, "Size", got.ProductOptions[0].Title)

	_, err = c.Admin.GetProductsIdOptions(ctx, prod.Product.Id, nil, admin.RequestEditorFn(rawQuery("title[0]=Size")))
	assert.Contains(t, invalidData(t, err).Message, "Expected type: 'string' for field 'title'", "the list the old type sent")
}

// Rule validator-queries on the operator maps. Medusa's createOperatorMap
// declares $eq, $ne, $in, $nin, $like, $ilike, $re, $contains, $gt, $gte,
// $lt, $lte; its object is not strict, so any other operator is dropped
// silently and the filter does nothing. $contains takes one value: a list
// gets a 400. A numeric map's $in/$nin take a list of numbers the
// validator does not parse, and a query string sends text: always a 400.
func TestOperatorMapsFollowTheValidator(t *testing.T) {
	srv := medusatest.Require(t)
	c := adminClient(t, srv)
	ctx := ctxT(t)
	tag, err := c.Admin.CreateProductTag(ctx, nil, admin.AdminCreateProductTag{Value: srv.UniqueName("qtag")})
	require.NoError(t, err)
	id := tag.ProductTag.Id
	t.Cleanup(func() { _, _ = c.Admin.DeleteProductTag(context.Background(), id) })
	future := "2099-01-01T00:00:00Z"

	// a declared operator filters: the tag is not created after 2099
	list, err := c.Admin.ListProductTags(ctx, &admin.ListProductTagsParams{Id: &[]string{id}, CreatedAt: &admin.OperatorMap{Gt: &future}})
	require.NoError(t, err)
	assert.Empty(t, list.ProductTags)

	// the dropped ones do nothing: each would exclude the tag, and it comes back
	for _, q := range []string{
		"created_at[$exists]=false", "created_at[$overlap][0]=x", "created_at[$contained][0]=x",
		"created_at[$not][0]=" + tag.ProductTag.CreatedAt.Format(time.RFC3339Nano), "created_at[$fulltext]=x",
		"created_at[$and][0][$gt]=" + future, "created_at[$or][0][$gt]=" + future,
	} {
		list, err = c.Admin.ListProductTags(ctx, &admin.ListProductTagsParams{Id: &[]string{id}}, admin.RequestEditorFn(rawQuery(q)))
		require.NoError(t, err, q)
		assert.Len(t, list.ProductTags, 1, "%s is ignored by the server", q)
	}
	assert.Equal(t, []string{"$contains", "$eq", "$gt", "$gte", "$ilike", "$in", "$like", "$lt", "$lte", "$ne", "$nin", "$re"},
		sortedStrings(fieldNames(admin.OperatorMap{})))

	// $contains: the list the old type sent is refused; one value passes validation
	_, err = c.Admin.ListProductTags(ctx, nil, admin.RequestEditorFn(rawQuery("created_at[$contains][0]=x")))
	assert.Contains(t, invalidData(t, err).Message, "Expected type: 'string' for field 'created_at, $contains'")
	_, err = c.Admin.ListProductTags(ctx, &admin.ListProductTagsParams{CreatedAt: &admin.OperatorMap{Contains: medusa.Ptr("x")}})
	var me *medusa.Error
	require.True(t, errors.As(err, &me), "%v", err)
	assert.NotEqual(t, "invalid_data", me.Type, "one value passes the validator: %v", err)
	t.Logf("$contains on a timestamp column, past validation: %d %s (the database's answer)", me.StatusCode, me.Type)

	// a numeric map's list operands
	_, err = c.Admin.ListReservations(ctx, nil, admin.RequestEditorFn(rawQuery("quantity[$in][0]=1")))
	invalidData(t, err)
	assert.NotContains(t, fieldNames(admin.NumericOperatorMap{}), "$in")
	_, err = c.Admin.ListReservations(ctx, &admin.ListReservationsParams{Quantity: &admin.NumericOperatorMap{Gt: medusa.Ptr(1.0)}, Limit: medusa.Ptr(1)})
	require.NoError(t, err, "a single numeric operand is parsed by the validator")
}

func sortedStrings(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return out
}

// Rule validator-queries, class "undocumented": keys a route's validator
// takes that Medusa's spec leaves out are added (on lists: filters and
// paging), and they do what they say on the real server.
func TestUndocumentedQueryKeysAreAdded(t *testing.T) {
	srv := medusatest.Require(t)
	c := adminClient(t, srv)
	ctx := ctxT(t)
	future := "2099-01-01T00:00:00Z"
	name := srv.UniqueName("qadd")

	// date filters on the refund-reason list
	reason, err := c.Admin.CreateRefundReason(ctx, nil, admin.AdminCreateRefundReason{Label: name, Code: name})
	require.NoError(t, err)
	t.Cleanup(func() { _, _ = c.Admin.DeleteRefundReason(context.Background(), reason.RefundReason.Id) })
	reasons, err := c.Admin.ListRefundReasons(ctx, &admin.ListRefundReasonsParams{Id: &[]string{reason.RefundReason.Id}, CreatedAt: &admin.OperatorMap{Lt: &future}})
	require.NoError(t, err)
	assert.Len(t, reasons.RefundReasons, 1)
	reasons, err = c.Admin.ListRefundReasons(ctx, &admin.ListRefundReasonsParams{Id: &[]string{reason.RefundReason.Id}, CreatedAt: &admin.OperatorMap{Gt: &future}})
	require.NoError(t, err)
	assert.Empty(t, reasons.RefundReasons, "the filter applies")

	// paging on a price list's prices
	s := setUpShop(t, srv, c)
	list, err := c.Admin.CreatePriceList(ctx, nil, fromJSON[admin.AdminCreatePriceList](t, `{"title":"`+name+`","description":"d",
		"prices":[{"variant_id":"`+s.VariantID+`","currency_code":"usd","amount":5},{"variant_id":"`+s.VariantID+`","currency_code":"eur","amount":6}]}`))
	require.NoError(t, err)
	t.Cleanup(func() { _, _ = c.Admin.DeletePriceList(context.Background(), list.PriceList.Id) })
	prices, err := c.Admin.ListPriceListPrices(ctx, list.PriceList.Id, &admin.ListPriceListPricesParams{Limit: medusa.Ptr(1)})
	require.NoError(t, err)
	assert.Len(t, prices.Prices, 1, "limit applies")
	assert.Equal(t, 2, int(prices.Count))
	var all []admin.AdminPrice
	for p, err := range c.Admin.ListPriceListPricesAll(ctx, list.PriceList.Id, &admin.ListPriceListPricesParams{Limit: medusa.Ptr(1)}) {
		require.NoError(t, err)
		all = append(all, p)
	}
	assert.Len(t, all, 2, "the new iterator walks both pages")

	// the pricing context on the store's variant list
	st, err := medusa.New(srv.URL, medusa.WithPublishableKey(s.PublishableKey))
	require.NoError(t, err)
	var variants struct {
		Variants []struct {
			CalculatedPrice map[string]any `json:"calculated_price"`
		} `json:"variants"`
	}
	callByName(t, st.Store, "ListProductVariants", `{"id":["`+s.VariantID+`"],"region_id":"`+s.RegionID+`","fields":"id,*calculated_price"}`, &variants)
	require.Len(t, variants.Variants, 1)
	assert.NotEmpty(t, variants.Variants[0].CalculatedPrice, "region_id gives the variant its calculated price")
}

// callByName calls a generated method func(ctx, *Params) (*Result, error) by
// name, its params given as JSON, and decodes the result's JSON into out: the
// route (GET /store/product-variants) is new in Medusa 2.18, and this file
// also compiles against 2.17.1's generated packages (make gen-compat).
func callByName(t *testing.T, api any, name, params string, out any) {
	t.Helper()
	m := reflect.ValueOf(api).MethodByName(name)
	require.True(t, m.IsValid(), "no method %s", name)
	p := reflect.New(m.Type().In(1).Elem())
	require.NoError(t, json.Unmarshal([]byte(params), p.Interface()))
	res := m.Call([]reflect.Value{reflect.ValueOf(ctxT(t)), p})
	if err, _ := res[1].Interface().(error); err != nil {
		require.NoError(t, err)
	}
	b, err := json.Marshal(res[0].Interface())
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, out))
}
