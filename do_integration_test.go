//go:build integration

package medusa_test

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/authn"
	"github.com/medusa-sdk/medusa-go/v2/internal/medusatest"
	"github.com/medusa-sdk/medusa-go/v2/qs"
)

// echoed is what the test server's echo routes (testdata/medusa-server/src/
// api/{store,admin}/echo, src/lib/echo.ts) answer about the request.
type echoed struct {
	Method          string            `json:"method"`
	Path            string            `json:"path"`
	Query           map[string]any    `json:"query"`
	Body            map[string]any    `json:"body"`
	Headers         map[string]string `json:"headers"`
	Locale          *string           `json:"locale"`
	ActorType       *string           `json:"actor_type"`
	ActorID         *string           `json:"actor_id"`
	SalesChannelIDs []string          `json:"sales_channel_ids"`
}

// authMode is a client authenticated one way, with the actor the server
// should see ("user" or "customer").
type authMode struct {
	c     *medusa.Client
	actor string
}

// authModes builds one client per way of authenticating, each with the
// publishable key.
func authModes(t *testing.T, srv *medusatest.Server) map[string]authMode {
	t.Helper()
	ctx := ctxT(t)
	pk := srv.PublishableKey(t)
	sk, err := medusa.New(srv.URL, medusa.WithPublishableKey(pk), medusa.WithSecretAPIKey(srv.SecretKey(t).Token))
	require.NoError(t, err)
	cust, err := medusa.New(srv.URL, medusa.WithPublishableKey(pk))
	require.NoError(t, err)
	_, err = cust.Auth.SignUpCustomer(ctx, authnSignUp(srv.UniqueEmail("do")))
	require.NoError(t, err)
	custSession, err := medusa.New(srv.URL, medusa.WithPublishableKey(pk), medusa.WithSession())
	require.NoError(t, err)
	_, err = custSession.Auth.SignUpCustomer(ctx, authnSignUp(srv.UniqueEmail("do-session")))
	require.NoError(t, err)
	return map[string]authMode{
		"jwt":              {adminClient(t, srv, medusa.WithPublishableKey(pk)), "user"},
		"session":          {adminClient(t, srv, medusa.WithPublishableKey(pk), medusa.WithSession()), "user"},
		"secret-key":       {sk, "user"},
		"customer-jwt":     {cust, "customer"},
		"customer-session": {custSession, "customer"},
	}
}

func TestDoCustomRouteEveryAuthMode(t *testing.T) {
	srv := medusatest.Require(t)
	for name, m := range authModes(t, srv) {
		t.Run(name, func(t *testing.T) {
			ctx := ctxT(t)
			q := map[string]any{
				"id":         []string{"a", "b"},
				"created_at": map[string]string{"$gt": "2024-01-02T15:04:05Z"},
				"limit":      medusa.Ptr(5),
			}
			var got echoed
			require.NoError(t, m.c.Do(ctx, http.MethodPost, "/store/echo", q, map[string]any{"hello": "world"}, &got))
			assert.Equal(t, "POST", got.Method)
			assert.Equal(t, []any{"a", "b"}, got.Query["id"], "qs array syntax parsed by the server")
			assert.Equal(t, map[string]any{"$gt": "2024-01-02T15:04:05Z"}, got.Query["created_at"])
			assert.Equal(t, "5", got.Query["limit"])
			assert.Equal(t, map[string]any{"hello": "world"}, got.Body)
			assert.NotEmpty(t, got.SalesChannelIDs, "the publishable key reached the store route")
			if m.actor == "customer" {
				require.NotNil(t, got.ActorType)
				assert.Equal(t, "customer", *got.ActorType)
				require.NotNil(t, got.ActorID)
				assert.NotEmpty(t, *got.ActorID)
			}

			if m.actor == "user" {
				var adm echoed
				require.NoError(t, m.c.Do(ctx, "GET", "/admin/echo", nil, nil, &adm), "admin route authenticated")
				require.NotNil(t, adm.ActorType)
				assert.Contains(t, []string{"user", "api-key"}, *adm.ActorType)
				assert.Empty(t, adm.Headers["x-publishable-api-key"], "no publishable key on admin routes")
			}

			// Typed errors: the route answers 409 with Medusa's error body.
			err := m.c.Do(ctx, "POST", "/store/echo", nil, map[string]any{"fail": true}, nil)
			var me *medusa.Error
			require.ErrorAs(t, err, &me)
			assert.Equal(t, 409, me.StatusCode)
			assert.Equal(t, "echo_conflict", me.Code)

			// HTTPClient carries the same credentials for a request built by hand.
			path := "/store/echo"
			if m.actor == "user" {
				path = "/admin/echo"
			}
			req, err := http.NewRequestWithContext(ctx, "GET", srv.URL+path+"?x=1", nil)
			require.NoError(t, err)
			resp, err := m.c.HTTPClient().Do(req)
			require.NoError(t, err)
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			require.Equal(t, 200, resp.StatusCode, string(body))
			assert.Contains(t, string(body), `"actor_id":"`)
		})
	}
}

func TestDoAnonymousAndPerCallCredentials(t *testing.T) {
	srv := medusatest.Require(t)
	ctx := ctxT(t)
	c, err := medusa.New(srv.URL)
	require.NoError(t, err)

	// Without a publishable key the store route refuses, as Medusa does.
	err = c.Do(ctx, "GET", "/store/echo", nil, nil, nil)
	var me *medusa.Error
	require.ErrorAs(t, err, &me)
	assert.Equal(t, 400, me.StatusCode)

	// A route outside /store and /admin needs nothing; url.Values and
	// *qs.Values are accepted as queries.
	var got echoed
	require.NoError(t, c.Do(ctx, "GET", "/echo", url.Values{"q": {"x y"}}, nil, &got))
	assert.Equal(t, "x y", got.Query["q"])
	var qv qs.Values
	qv.Add("fields", []string{"a", "b"})
	require.NoError(t, c.Do(ctx, "GET", "/echo", &qv, nil, &got))
	assert.Equal(t, []any{"a", "b"}, got.Query["fields"])

	// A per-call token on the context authenticates one call.
	tok := srv.AdminToken(t)
	require.NoError(t, c.Do(medusa.WithToken(ctx, tok), "GET", "/admin/echo", nil, nil, &got))
	require.NotNil(t, got.ActorType)
	assert.Equal(t, "user", *got.ActorType)
	err = c.Do(ctx, "GET", "/admin/echo", nil, nil, nil)
	require.ErrorAs(t, err, &me)
	assert.Equal(t, 401, me.StatusCode)

	// HTTPClient refuses to take credentials to another origin.
	ctxTok := medusa.WithToken(ctx, tok)
	req, err := http.NewRequestWithContext(ctxTok, "GET", "http://localhost:1/x", nil)
	require.NoError(t, err)
	_, err = c.HTTPClient().Do(req)
	assert.True(t, errors.Is(err, authn.ErrForeignOrigin), "got %v", err)
}

func TestGlobalHeadersAndLocale(t *testing.T) {
	srv := medusatest.Require(t)
	ctx := ctxT(t)
	c, err := medusa.New(srv.URL,
		medusa.WithPublishableKey(srv.PublishableKey(t)),
		medusa.WithGlobalHeaders(map[string]string{"X-Tenant": "acme"}),
		medusa.WithLocale("fr-FR"))
	require.NoError(t, err)

	var got echoed
	require.NoError(t, c.Do(ctx, "GET", "/store/echo", nil, nil, &got))
	assert.Equal(t, "acme", got.Headers["x-tenant"])
	assert.Equal(t, "fr-FR", got.Headers["x-medusa-locale"])
	require.NotNil(t, got.Locale)
	assert.Equal(t, "fr-FR", *got.Locale, "Medusa's locale middleware read it")

	// Per-call override, then a client-wide change.
	require.NoError(t, c.Do(ctx, "GET", "/store/echo", nil, nil, &got,
		medusa.WithHeader(medusa.LocaleHeader, "de-DE"), medusa.WithHeader("X-Tenant", "other")))
	assert.Equal(t, "de-DE", *got.Locale)
	assert.Equal(t, "other", got.Headers["x-tenant"])
	require.NoError(t, c.SetLocale("it-IT"))
	assert.Equal(t, "it-IT", c.Locale())
	require.NoError(t, c.Do(ctx, "GET", "/store/echo", nil, nil, &got))
	assert.Equal(t, "it-IT", *got.Locale)
	require.NoError(t, c.SetLocale(""))
	require.NoError(t, c.Do(ctx, "GET", "/store/echo", nil, nil, &got))
	assert.Nil(t, got.Locale)
	assert.Equal(t, "acme", got.Headers["x-tenant"])

	// One call without the locale or a global header (the JS SDK's
	// headers: {name: null}); the next call has them again.
	require.NoError(t, c.SetLocale("fr-FR"))
	var bare, again echoed
	require.NoError(t, c.Do(ctx, "GET", "/store/echo", nil, nil, &bare,
		medusa.WithoutHeader(medusa.LocaleHeader), medusa.WithoutHeader("x-tenant")))
	assert.Nil(t, bare.Locale, "no locale on this call")
	assert.NotContains(t, bare.Headers, "x-tenant")
	assert.NotContains(t, bare.Headers, "x-medusa-locale")
	require.NoError(t, c.Do(ctx, "GET", "/store/echo", nil, nil, &again))
	assert.Equal(t, "fr-FR", *again.Locale)
	assert.Equal(t, "acme", again.Headers["x-tenant"])
	regions, err := c.Store.ListRegions(ctx, nil, medusa.WithoutHeader(medusa.LocaleHeader))
	require.NoError(t, err, "a generated call takes it too")
	assert.NotNil(t, regions)

	// Generated calls and HTTPClient carry them too: the store's product
	// list answers in the locale's shape (no error) and the header went out.
	require.NoError(t, c.SetLocale("fr-FR"))
	req, err := http.NewRequestWithContext(ctx, "GET", srv.URL+"/store/echo", nil)
	require.NoError(t, err)
	resp, err := c.HTTPClient().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	assert.Contains(t, string(body), `"x-tenant":"acme"`)
	assert.Contains(t, string(body), `"locale":"fr-FR"`)
}
