//go:build integration

package authn_test

import (
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2/apierror"
	"github.com/medusa-sdk/medusa-go/v2/authn"
	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
	"github.com/medusa-sdk/medusa-go/v2/gen/store"
	"github.com/medusa-sdk/medusa-go/v2/internal/medusatest"
)

// recorder records the headers each request really went out with.
type recorder struct {
	mu   sync.Mutex
	reqs []*http.Request
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	r.mu.Lock()
	r.reqs = append(r.reqs, &http.Request{Method: req.Method, URL: req.URL, Header: req.Header.Clone()})
	r.mu.Unlock()
	return http.DefaultTransport.RoundTrip(req)
}

func (r *recorder) last(method, path string) *http.Request {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := len(r.reqs) - 1; i >= 0; i-- {
		if r.reqs[i].Method == method && r.reqs[i].URL.Path == path {
			return r.reqs[i]
		}
	}
	return nil
}

type env struct {
	a   *authn.Auth
	sc  *store.ClientWithResponses
	ac  *admin.ClientWithResponses
	rec *recorder
}

func setup(t *testing.T, cfg authn.Config) env {
	t.Helper()
	srv := medusatest.Require(t)
	rec := &recorder{}
	cfg.BaseURL = srv.URL
	cfg.Transport = rec
	a, err := authn.New(cfg)
	require.NoError(t, err)
	sc, err := store.NewClientWithResponses(a.BaseURL(), store.WithHTTPClient(a.HTTPClient()), store.WithRequestEditorFn(a.EditRequest))
	require.NoError(t, err)
	ac, err := admin.NewClientWithResponses(a.BaseURL(), admin.WithHTTPClient(a.HTTPClient()), admin.WithRequestEditorFn(a.EditRequest))
	require.NoError(t, err)
	return env{a: a, sc: sc, ac: ac, rec: rec}
}

// asErr turns a generated response into the SDK's error for assertions.
func asErr(resp *http.Response, body []byte) *apierror.Error {
	return apierror.FromResponse(resp, body)
}

func adminCreds(srv *medusatest.Server) authn.EmailPass {
	return authn.EmailPass{Email: srv.AdminEmail, Password: srv.AdminPassword}
}

func TestIntegrationAdminJWTLogin(t *testing.T) {
	srv := medusatest.Require(t)
	ctx := t.Context()
	e := setup(t, authn.Config{})

	res, err := e.a.Login(ctx, authn.ActorUser, authn.ProviderEmailPass, adminCreds(srv))
	require.NoError(t, err)
	c, err := authn.ParseClaims(res.Token)
	require.NoError(t, err)
	assert.Equal(t, "user", c.ActorType)
	assert.True(t, strings.HasPrefix(c.ActorID, "user_"))
	assert.InDelta(t, 24*time.Hour, c.ExpiresAt.Sub(c.IssuedAt), float64(time.Second))

	me, err := e.ac.GetUsersMeWithResponse(ctx, nil)
	require.NoError(t, err)
	require.Equal(t, 200, me.StatusCode(), string(me.Body))
	require.NotNil(t, me.JSON200)
	assert.Equal(t, srv.AdminEmail, me.JSON200.User.Email)
	assert.Equal(t, c.ActorID, me.JSON200.User.Id)
	assert.Equal(t, "Bearer "+res.Token, e.rec.last("GET", "/admin/users/me").Header.Get("Authorization"))

	require.NoError(t, e.a.Logout(ctx))
	me, err = e.ac.GetUsersMeWithResponse(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, 401, me.StatusCode())
}

func TestIntegrationSessionCookieOnlyThenLogout(t *testing.T) {
	srv := medusatest.Require(t)
	ctx := t.Context()
	e := setup(t, authn.Config{Mode: authn.ModeSession})

	_, err := e.a.Login(ctx, authn.ActorUser, authn.ProviderEmailPass, adminCreds(srv))
	require.NoError(t, err)
	me, err := e.ac.GetUsersMeWithResponse(ctx, nil)
	require.NoError(t, err)
	require.Equal(t, 200, me.StatusCode(), string(me.Body))
	sent := e.rec.last("GET", "/admin/users/me")
	assert.Empty(t, sent.Header.Get("Authorization"), "cookie only")
	cookie := sent.Header.Get("Cookie")
	require.True(t, strings.HasPrefix(cookie, "connect.sid="), "only the session cookie: %q", cookie)
	assert.NotContains(t, cookie, ";")

	require.NoError(t, e.a.Logout(ctx))
	assert.NotNil(t, e.rec.last("DELETE", "/auth/session"))
	me, err = e.ac.GetUsersMeWithResponse(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, 401, me.StatusCode())
	assert.Empty(t, e.rec.last("GET", "/admin/users/me").Header.Get("Cookie"))

	// The old cookie is dead on the server too.
	old := srv.Do(t, "GET", "/admin/users/me", map[string]string{"Cookie": cookie}, nil)
	assert.Equal(t, 401, old.Status)

	// Logging out again with no session: nothing to end, no error.
	assert.NoError(t, e.a.Logout(ctx))
}

func TestIntegrationSessionRefresh(t *testing.T) {
	srv := medusatest.Require(t)
	ctx := t.Context()
	e := setup(t, authn.Config{Mode: authn.ModeSession})
	_, err := e.a.Login(ctx, authn.ActorUser, authn.ProviderEmailPass, adminCreds(srv))
	require.NoError(t, err)
	tok, err := e.a.Refresh(ctx)
	require.NoError(t, err)
	c, err := authn.ParseClaims(tok)
	require.NoError(t, err)
	assert.Equal(t, "user", c.ActorType)
	me, err := e.ac.GetUsersMeWithResponse(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, 200, me.StatusCode())
	assert.Empty(t, e.rec.last("GET", "/admin/users/me").Header.Get("Authorization"))
	require.NoError(t, e.a.Logout(ctx))
}

func TestIntegrationSecretAPIKey(t *testing.T) {
	srv := medusatest.Require(t)
	ctx := t.Context()
	key := srv.SecretKey(t)
	e := setup(t, authn.Config{APIKey: key.Token})

	products, err := e.ac.GetProductsWithResponse(ctx, nil)
	require.NoError(t, err)
	require.Equal(t, 200, products.StatusCode(), string(products.Body))
	assert.True(t, strings.HasPrefix(e.rec.last("GET", "/admin/products").Header.Get("Authorization"), "Basic "))

	// Sent as Bearer (per call, explicitly), Medusa rejects it.
	bearer, err := e.ac.GetProductsWithResponse(authn.WithToken(ctx, key.Token), nil)
	require.NoError(t, err)
	assert.Equal(t, 401, bearer.StatusCode())
	assert.Contains(t, asErr(bearer.HTTPResponse, bearer.Body).Message, "Basic")

	srv.RevokeAPIKey(t, key.ID)
	products, err = e.ac.GetProductsWithResponse(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, 401, products.StatusCode())
	err = asErr(products.HTTPResponse, products.Body)
	assert.True(t, apierror.IsUnauthorized(err))
	assert.NotContains(t, err.Error(), key.Token)

	_, err = e.a.Login(ctx, authn.ActorUser, authn.ProviderEmailPass, adminCreds(srv))
	assert.ErrorIs(t, err, authn.ErrAPIKeyConfigured)
}

func TestIntegrationPublishableKey(t *testing.T) {
	srv := medusatest.Require(t)
	ctx := t.Context()
	without := setup(t, authn.Config{})
	r, err := without.sc.GetProductsWithResponse(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, 400, r.StatusCode())
	e := asErr(r.HTTPResponse, r.Body)
	assert.Equal(t, apierror.TypeNotAllowed, e.Type)
	assert.Contains(t, e.Message, "x-publishable-api-key")

	pk := srv.PublishableKey(t)
	with := setup(t, authn.Config{PublishableKey: pk})
	r, err = with.sc.GetProductsWithResponse(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, 200, r.StatusCode(), string(r.Body))
	assert.Equal(t, pk, with.rec.last("GET", "/store/products").Header.Get(authn.PublishableKeyHeader))

	// Per call, overriding the configured one.
	r, err = with.sc.GetProductsWithResponse(authn.WithPublishableKey(ctx, "pk_bogus"), nil)
	require.NoError(t, err)
	assert.Equal(t, 400, r.StatusCode())
}

func TestIntegrationCustomerSignUpAndLogin(t *testing.T) {
	srv := medusatest.Require(t)
	ctx := t.Context()
	e := setup(t, authn.Config{PublishableKey: srv.PublishableKey(t)})
	email := srv.UniqueEmail("authn-signup")

	res, err := e.a.SignUpCustomer(ctx, authn.SignUp{Email: email, Password: "pw-1", FirstName: "Ada"})
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(res.CustomerID, "cus_"))
	require.NotNil(t, res.Login)
	assert.True(t, res.Login.Complete())
	assert.Equal(t, res.Token, res.Login.Token)
	me, err := e.sc.GetCustomersMeWithResponse(ctx, nil)
	require.NoError(t, err)
	require.Equal(t, 200, me.StatusCode(), string(me.Body))
	assert.Equal(t, res.CustomerID, me.JSON200.Customer.Id)
	assert.Equal(t, email, me.JSON200.Customer.Email)

	// Signing up again: the identity exists, typed 401.
	_, err = e.a.SignUpCustomer(ctx, authn.SignUp{Email: email, Password: "pw-2"})
	var apiErr *apierror.Error
	require.True(t, errors.As(err, &apiErr), "%v", err)
	assert.Equal(t, 401, apiErr.StatusCode)
	assert.Equal(t, "Identity with email already exists", apiErr.Message)

	// Register + create customer through the generated client + login, by hand.
	b := setup(t, authn.Config{PublishableKey: srv.PublishableKey(t)})
	email2 := srv.UniqueEmail("authn-register")
	_, err = b.a.Register(ctx, authn.ActorCustomer, authn.ProviderEmailPass, authn.EmailPass{Email: email2, Password: "pw"})
	require.NoError(t, err)
	created, err := b.sc.PostCustomersWithBodyWithResponse(ctx, nil, "application/json",
		strings.NewReader(`{"email":"`+email2+`","first_name":"Reg"}`))
	require.NoError(t, err)
	require.Equal(t, 200, created.StatusCode(), string(created.Body))
	_, err = b.a.Login(ctx, authn.ActorCustomer, authn.ProviderEmailPass, authn.EmailPass{Email: email2, Password: "pw"})
	require.NoError(t, err)
	me, err = b.sc.GetCustomersMeWithResponse(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, 200, me.StatusCode())

	// Customer sign-up in session mode.
	s := setup(t, authn.Config{Mode: authn.ModeSession, PublishableKey: srv.PublishableKey(t)})
	_, err = s.a.SignUpCustomer(ctx, authn.SignUp{Email: srv.UniqueEmail("authn-session"), Password: "pw"})
	require.NoError(t, err)
	me, err = s.sc.GetCustomersMeWithResponse(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, 200, me.StatusCode(), string(me.Body))
	assert.Empty(t, s.rec.last("GET", "/store/customers/me").Header.Get("Authorization"))
}

func TestIntegrationPerCallTokensOnOneClient(t *testing.T) {
	srv := medusatest.Require(t)
	ctx := t.Context()
	e := setup(t, authn.Config{PublishableKey: srv.PublishableKey(t), Store: authn.NoStore{}})
	ca, cb := srv.NewCustomer(t), srv.NewCustomer(t)

	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := ca
			if i%2 == 1 {
				c = cb
			}
			me, err := e.sc.GetCustomersMeWithResponse(authn.WithToken(ctx, c.Token), nil)
			if assert.NoError(t, err) && assert.Equal(t, 200, me.StatusCode()) {
				assert.Equal(t, c.ID, me.JSON200.Customer.Id)
			}
		}()
	}
	wg.Wait()
	me, err := e.sc.GetCustomersMeWithResponse(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, 401, me.StatusCode(), "nothing stored on the client")
}

func TestIntegrationResetPassword(t *testing.T) {
	srv := medusatest.Require(t)
	ctx := t.Context()
	e := setup(t, authn.Config{PublishableKey: srv.PublishableKey(t)})
	c := srv.NewCustomer(t)

	require.NoError(t, e.a.ResetPassword(ctx, authn.ActorCustomer, authn.ProviderEmailPass, c.Email))
	reset := srv.ResetToken(t, "customer", c.Email)
	rc, err := authn.ParseClaims(reset)
	require.NoError(t, err)
	assert.Equal(t, "reset", rc.Purpose)
	assert.Equal(t, c.Email, rc.EntityID)

	require.NoError(t, e.a.UpdateProvider(ctx, authn.ActorCustomer, authn.ProviderEmailPass, reset,
		map[string]string{"password": "brand-new-pw"}))
	_, err = e.a.Login(ctx, authn.ActorCustomer, authn.ProviderEmailPass, authn.EmailPass{Email: c.Email, Password: "brand-new-pw"})
	require.NoError(t, err)
	me, err := e.sc.GetCustomersMeWithResponse(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, 200, me.StatusCode())

	_, err = e.a.Login(ctx, authn.ActorCustomer, authn.ProviderEmailPass, authn.EmailPass{Email: c.Email, Password: c.Password})
	assert.True(t, apierror.IsUnauthorized(err), "old password refused: %v", err)

	err = e.a.UpdateProvider(ctx, authn.ActorCustomer, authn.ProviderEmailPass, reset, map[string]string{"password": "again"})
	var apiErr *apierror.Error
	require.True(t, errors.As(err, &apiErr))
	assert.Equal(t, 401, apiErr.StatusCode)
	assert.Equal(t, "Invalid token", apiErr.Message)
	assert.NotContains(t, err.Error(), reset)

	// Unknown identifiers answer 201 as well (no enumeration).
	assert.NoError(t, e.a.ResetPassword(ctx, authn.ActorUser, authn.ProviderEmailPass, srv.UniqueEmail("nobody")))
}

func TestIntegrationRefresh(t *testing.T) {
	srv := medusatest.Require(t)
	ctx := t.Context()
	e := setup(t, authn.Config{})
	res, err := e.a.Login(ctx, authn.ActorUser, authn.ProviderEmailPass, adminCreds(srv))
	require.NoError(t, err)
	fresh, err := e.a.Refresh(ctx)
	require.NoError(t, err)
	stored, _ := e.a.Token(ctx)
	assert.Equal(t, fresh, stored)
	assert.Equal(t, "Bearer "+res.Token, e.rec.last("POST", "/auth/token/refresh").Header.Get("Authorization"))
	me, err := e.ac.GetUsersMeWithResponse(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, 200, me.StatusCode())

	// Refresh ahead of expiry: a token with a minute left is replaced by a
	// fresh 24 h one before the request goes out.
	claims, err := authn.ParseClaims(res.Token)
	require.NoError(t, err)
	raw := map[string]any{}
	for k, v := range claims.Raw {
		raw[k] = v
	}
	now := time.Now().Unix()
	raw["iat"], raw["exp"] = now-86340, now+60
	short := srv.SignJWT(t, raw)
	ra := setup(t, authn.Config{RefreshBefore: 5 * time.Minute})
	require.NoError(t, ra.a.SetToken(ctx, short))
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			me, err := ra.ac.GetUsersMeWithResponse(ctx, nil)
			if assert.NoError(t, err) {
				assert.Equal(t, 200, me.StatusCode())
			}
		}()
	}
	wg.Wait()
	now2, _ := ra.a.Claims(ctx)
	assert.Greater(t, now2.ExpiresAt.Sub(time.Now()), 23*time.Hour)
	n := 0
	ra.rec.mu.Lock()
	for _, r := range ra.rec.reqs {
		if r.URL.Path == "/auth/token/refresh" {
			n++
		}
	}
	ra.rec.mu.Unlock()
	assert.Equal(t, 1, n, "one refresh for eight requests")
}

func TestIntegrationTypedUnauthorized(t *testing.T) {
	srv := medusatest.Require(t)
	ctx := t.Context()
	e := setup(t, authn.Config{})

	_, err := e.a.Login(ctx, authn.ActorUser, authn.ProviderEmailPass, authn.EmailPass{Email: srv.AdminEmail, Password: "wrong-password"})
	var apiErr *apierror.Error
	require.True(t, errors.As(err, &apiErr), "%v", err)
	assert.Equal(t, 401, apiErr.StatusCode)
	assert.Equal(t, apierror.TypeUnauthorized, apiErr.Type)
	assert.Equal(t, "Invalid email or password", apiErr.Message)
	assert.NotContains(t, err.Error(), "wrong-password")

	for name, tok := range map[string]string{
		"garbage": "garbage",
		"expired": srv.ExpiredToken(t, srv.AdminToken(t)),
	} {
		me, err := e.ac.GetUsersMeWithResponse(authn.WithToken(ctx, tok), nil)
		require.NoError(t, err)
		assert.Equal(t, 401, me.StatusCode(), name)
		ae := asErr(me.HTTPResponse, me.Body)
		assert.Equal(t, "Unauthorized", ae.Message, name)
		assert.Equal(t, apierror.TypeUnauthorized, ae.Type, "%s: the middleware's 401 has no type in its body; the SDK gives it one", name)
		assert.NotContains(t, ae.Error(), tok)

		_, err = e.a.Refresh(authn.WithToken(ctx, tok))
		assert.True(t, apierror.IsUnauthorized(err), "%s: %v", name, err)
	}

	// Unknown route: Express's HTML 404 decodes to a readable message.
	r := srv.Do(t, "GET", "/nope", nil, nil)
	assert.Equal(t, 404, r.Status)
	assert.Equal(t, "Cannot GET /nope", apierror.New(r.Status, r.Header, r.Body).Message)

	// An unknown provider (2.18.0 answers 401, 2.21.2 was measured at 400).
	_, err = e.a.Login(ctx, authn.ActorUser, "nosuch", nil)
	ae, ok := apierror.As(err)
	require.True(t, ok, "%v", err)
	assert.Contains(t, []int{400, 401}, ae.StatusCode)
}

func TestIntegrationCallbackPassesQueryThrough(t *testing.T) {
	medusatest.Require(t)
	ctx := t.Context()
	e := setup(t, authn.Config{})
	// No OAuth provider is configured on the test server: the callback is
	// refused, but the request must reach the actor's route with the query.
	_, err := e.a.Callback(ctx, authn.ActorCustomer, "emailpass", map[string][]string{"code": {"c0de"}, "state": {"s1"}})
	require.Error(t, err)
	_, isAPI := apierror.As(err)
	assert.True(t, isAPI, "%v", err)
	sent := e.rec.last("POST", "/auth/customer/emailpass/callback")
	require.NotNil(t, sent)
	assert.Equal(t, "c0de", sent.URL.Query().Get("code"))
	assert.Equal(t, "s1", sent.URL.Query().Get("state"))
	assert.NotContains(t, err.Error(), "c0de")
}

func TestIntegrationSessionClientServesPerCallTokens(t *testing.T) {
	srv := medusatest.Require(t)
	ctx := t.Context()
	e := setup(t, authn.Config{Mode: authn.ModeSession, PublishableKey: srv.PublishableKey(t)})
	_, err := e.a.Login(ctx, authn.ActorUser, authn.ProviderEmailPass, adminCreds(srv))
	require.NoError(t, err)
	c := srv.NewCustomer(t)

	me, err := e.sc.GetCustomersMeWithResponse(authn.WithToken(ctx, c.Token), nil)
	require.NoError(t, err)
	require.Equal(t, 200, me.StatusCode(), string(me.Body))
	assert.Equal(t, c.ID, me.JSON200.Customer.Id)
	sent := e.rec.last("GET", "/store/customers/me")
	assert.Equal(t, "Bearer "+c.Token, sent.Header.Get("Authorization"))
	assert.NotContains(t, sent.Header.Get("Cookie"), "connect.sid", "the admin session stays out of the customer's call")

	// The admin session is intact.
	um, err := e.ac.GetUsersMeWithResponse(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, 200, um.StatusCode())
	require.NoError(t, e.a.Logout(ctx))
}
