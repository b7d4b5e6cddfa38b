//go:build integration

package rules_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/apierror"
	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
	"github.com/medusa-sdk/medusa-go/v2/gen/store"
	"github.com/medusa-sdk/medusa-go/v2/internal/medusatest"
)

// The routes Medusa 2.19-2.21 added that its published spec (2.18.0) lacks:
// the rule release-routes gives each a method from the server's route table,
// its body and query from the route's validators and its answer from the
// @medusajs/types type the route declares. Each test calls the route through
// that method on the real server and reads the answer strictly; on an older
// server (make test-prev) it proves the route is not there.

// notOnOlder is what a 2.18 server answers a route it does not mount: a typed
// *medusa.Error, 404 for the admin and store routes; the auth namespace
// routes its unknown paths to a provider and answers 4xx.
func notOnOlder(t *testing.T, err error, notFound bool) {
	t.Helper()
	e, ok := apierror.As(err)
	require.True(t, ok, "a typed error: %v", err)
	if notFound {
		assert.Equal(t, http.StatusNotFound, e.StatusCode, "%v", err)
	} else {
		assert.GreaterOrEqual(t, e.StatusCode, 400, "%v", err)
		assert.Less(t, e.StatusCode, 500, "%v", err)
	}
}

// TestSearchRoutes: the Search Module's admin routes (the products and
// scratch indexes of testdata/medusa-server/src/search) and the storefront
// search, with a product the test creates found by its title.
func TestSearchRoutes(t *testing.T) {
	srv := medusatest.Require(t)
	a := adminClient(t, srv)
	ctx := ctxT(t)
	if !srv.Since(t, "2.21.0", "the Search Module's routes are new in Medusa 2.21") {
		_, err := a.Admin.ListSearchIndexes(ctx)
		notOnOlder(t, err, true)
		_, err = a.Admin.Search(ctx, &admin.SearchParams{Q: medusa.Ptr("x")})
		notOnOlder(t, err, true)
		return
	}

	indexes, err := a.Admin.ListSearchIndexes(ctx)
	require.NoError(t, err)
	assert.True(t, indexes.Enabled, "the harness enables the Search Module")
	var products *admin.AdminSearchIndex
	for i, ix := range indexes.SearchIndexes {
		if ix.Name == "products" {
			products = &indexes.SearchIndexes[i]
		}
	}
	require.NotNil(t, products, "the products index of src/search")
	assert.Equal(t, "product", products.Entity)
	assert.Equal(t, "search-postgres", products.Provider)
	var searchable []string
	for _, f := range products.Fields {
		if f.Searchable {
			searchable = append(searchable, f.Name)
		}
	}
	assert.Equal(t, []string{"title"}, searchable)

	s := setUpShop(t, srv, a)
	p, err := a.Admin.GetProduct(ctx, s.ProductID, nil)
	require.NoError(t, err)
	word := strings.Fields(p.Product.Title)[0] // the shop's unique name

	// The index follows product events: the product is found once its
	// created event is consumed.
	var found *admin.AdminSearchResultGroup
	require.Eventually(t, func() bool {
		res, err := a.Admin.Search(ctx, &admin.SearchParams{Q: &word, Entity: medusa.Ptr("products"), Limit: medusa.Ptr(5)})
		if !assert.NoError(t, err) {
			return true
		}
		for i, g := range res.Results {
			if g.Entity == "products" && g.Count > 0 {
				found = &res.Results[i]
			}
		}
		return found != nil
	}, 30*time.Second, 200*time.Millisecond, "GET /admin/search finds the new product")
	require.NotNil(t, found)
	assert.Equal(t, 5, found.Limit)
	assert.Equal(t, 0, found.Offset)
	require.NotEmpty(t, found.Data)
	assert.Equal(t, s.ProductID, found.Data[0]["id"])

	// The storefront: one query against the products index.
	sf, err := medusa.New(srv.URL, medusa.WithPublishableKey(s.PublishableKey))
	require.NoError(t, err)
	hits, err := sf.Store.Search(ctx, store.SearchBody{
		Queries: &[]store.PostSearchJSONBody_Queries{{Entity: "products", Filters: map[string]any{"q": word}}},
	})
	require.NoError(t, err)
	require.Len(t, hits.Results, 1)
	ids := []string{}
	for _, h := range hits.Results[0].Hits {
		ids = append(ids, h.Id)
	}
	assert.Contains(t, ids, s.ProductID, "POST /store/search finds the published product")

	// Reindex: a job over the named index.
	re, err := a.Admin.ReindexSearchIndex(ctx, "products", admin.ReindexSearchIndexBody{})
	require.NoError(t, err)
	assert.NotEmpty(t, re.JobId)
	assert.Equal(t, []string{"products"}, re.Indexes)

	// Delete the scratch index (the module writes its record again at
	// start; a delete of a deleted index answers alike). Last: the sweep
	// (internal/gentest) then meets GET /admin/search answering 404 and
	// lists it as not covered; this test reads it.
	del, err := a.Admin.DeleteSearchIndex(ctx, "scratch")
	require.NoError(t, err)
	assert.Equal(t, "scratch", del.Id)
	assert.True(t, del.Deleted)
	assert.Equal(t, admin.AdminSearchIndexDeleteResponseObject("search_index"), del.Object)

	// What a deleted index leaves until the server starts again (the module
	// writes its record back as pending, without an active version): a
	// search over every index answers 404, one naming another index works.
	_, err = a.Admin.Search(ctx, &admin.SearchParams{Q: &word})
	assert.True(t, apierror.IsStatus(err, http.StatusNotFound), "a search over all indexes after a delete: %v", err)
	again, err := a.Admin.Search(ctx, &admin.SearchParams{Q: &word, Entity: medusa.Ptr("products")})
	require.NoError(t, err)
	require.Len(t, again.Results, 1)
	assert.Positive(t, again.Results[0].Count)
}

// TestUserAuthRoutes: a user's auth providers, a reset token an admin asks
// for another user, the auth providers an actor type can log in with, and a
// user created from an identity an SSO provider verified (the test-sso
// provider of testdata/medusa-server).
func TestUserAuthRoutes(t *testing.T) {
	srv := medusatest.Require(t)
	a := adminClient(t, srv)
	ctx := ctxT(t)
	me, err := a.Admin.GetCurrentUser(ctx, nil)
	require.NoError(t, err)
	anon, err := medusa.New(srv.URL)
	require.NoError(t, err)
	if !srv.Since(t, "2.21.0", "user auth providers, admin reset tokens, provider lists and SSO user creation are new in Medusa 2.21") {
		_, err := a.Admin.ListUserAuthProviders(ctx, me.User.Id)
		notOnOlder(t, err, true)
		_, err = a.Admin.GenerateUserResetPasswordToken(ctx, me.User.Id)
		notOnOlder(t, err, true)
		_, err = anon.Store.ListAuthProviders(ctx)
		notOnOlder(t, err, false)
		return
	}

	providers, err := a.Admin.ListUserAuthProviders(ctx, me.User.Id)
	require.NoError(t, err)
	assert.Equal(t, []string{"emailpass"}, providers.Providers, "the admin logs in with emailpass")

	reset, err := a.Admin.GenerateUserResetPasswordToken(ctx, me.User.Id)
	require.NoError(t, err)
	assert.Equal(t, 2, strings.Count(reset.Token, "."), "a JWT")

	customers, err := anon.Store.ListAuthProviders(ctx)
	require.NoError(t, err, "GET /auth/customer/providers")
	ids := map[string]string{}
	for _, p := range customers.Providers {
		ids[p.Id] = p.DisplayName
	}
	assert.Equal(t, "Test SSO", ids["sso"])
	assert.Contains(t, ids, "emailpass")
	users, err := anon.Admin.ListAuthProviders(ctx)
	require.NoError(t, err)
	assert.NotEmpty(t, users.Providers, "GET /auth/user/providers")

	// SSO: the provider verified an identity that has no user yet; its
	// registration token creates the user from the identity's claims.
	email := strings.ToLower(srv.UniqueName("sso")) + "@medusa-go.test"
	login := srv.Do(t, "POST", "/auth/user/sso", nil, map[string]string{"email": email, "given_name": "Ada", "family_name": "Lovelace"})
	require.Equal(t, http.StatusOK, login.Status, "%s", login.Body)
	var tok struct {
		Token string `json:"token"`
	}
	login.Decode(t, &tok)
	created, err := anon.Admin.CreateAuthUser(medusa.WithToken(ctx, tok.Token), "sso")
	require.NoError(t, err)
	assert.Equal(t, email, created.User.Email)
	assert.Equal(t, "Ada", created.User.FirstName, "from the identity's claims")
	t.Cleanup(func() { _, _ = a.Admin.DeleteUser(ctxT(t), created.User.Id) })
}

// TestExportInventoryItems: the export runs as a workflow; its answer names
// the transaction.
func TestExportInventoryItems(t *testing.T) {
	srv := medusatest.Require(t)
	a := adminClient(t, srv)
	ctx := ctxT(t)
	if !srv.Since(t, "2.21.0", "POST /admin/inventory-items/export is new in Medusa 2.21") {
		_, err := a.Admin.ExportInventoryItems(ctx, nil)
		notOnOlder(t, err, true)
		return
	}
	got, err := a.Admin.ExportInventoryItems(ctx, &admin.ExportInventoryItemsParams{Limit: medusa.Ptr(10)})
	require.NoError(t, err)
	assert.NotEmpty(t, got.TransactionId)
}
