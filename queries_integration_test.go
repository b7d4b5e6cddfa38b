//go:build integration

package medusa_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

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
func withQuery(raw string) store.RequestEditorFn {
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
}
