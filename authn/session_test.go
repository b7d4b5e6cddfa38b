package authn

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2/apierror"
)

func TestSessionLoginCookieOnlyThenLogout(t *testing.T) {
	f := newFake(t)
	ctx := context.Background()
	a := mustNew(t, Config{BaseURL: f.URL(), Mode: ModeSession})

	res, err := a.Login(ctx, ActorUser, ProviderEmailPass, admin)
	require.NoError(t, err)
	ex := f.last(http.MethodPost, "/auth/session")
	require.NotNil(t, ex)
	assert.Equal(t, "Bearer "+res.Token, ex.Header.Get("Authorization"))
	in, _ := a.LoggedIn(ctx)
	assert.True(t, in)
	tok, _ := a.Token(ctx)
	assert.Empty(t, tok, "the JWT is not kept in session mode")

	assert.Equal(t, 200, get(t, ctx, a, "/admin/users/me"))
	me := f.last(http.MethodGet, "/admin/users/me")
	assert.Empty(t, me.Header.Get("Authorization"), "no Bearer after the exchange")
	assert.Contains(t, me.Header.Get("Cookie"), "connect.sid=")

	require.NoError(t, a.Logout(ctx))
	del := f.last(http.MethodDelete, "/auth/session")
	require.NotNil(t, del)
	assert.Contains(t, del.Header.Get("Cookie"), "connect.sid=")
	in, _ = a.LoggedIn(ctx)
	assert.False(t, in)
	assert.Equal(t, 401, get(t, ctx, a, "/admin/users/me"))
	assert.Empty(t, f.last(http.MethodGet, "/admin/users/me").Header.Get("Cookie"))
}

func TestSessionLogoutClearsLocallyEvenWhenServerFails(t *testing.T) {
	f := newFake(t)
	ctx := context.Background()
	a := mustNew(t, Config{BaseURL: f.URL(), Mode: ModeSession})
	_, err := a.Login(ctx, ActorUser, ProviderEmailPass, admin)
	require.NoError(t, err)
	f.failDelete = true
	err = a.Logout(ctx)
	require.Error(t, err)
	assert.True(t, apierror.IsStatus(err, 500))
	in, _ := a.LoggedIn(ctx)
	assert.False(t, in, "local credentials are gone anyway")

	// JWT mode: a store that cannot delete still reports it.
	boom := errors.New("store down")
	j := mustNew(t, Config{BaseURL: f.URL(), Store: StoreFuncs{
		GetFunc:    func(context.Context, string) (string, error) { return "", nil },
		SetFunc:    func(context.Context, string, string) error { return nil },
		DeleteFunc: func(context.Context, string) error { return boom },
	}})
	assert.ErrorIs(t, j.Logout(ctx), boom)

	// Logout works with a cancelled context for the local part.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	m := mustNew(t, Config{BaseURL: f.URL()})
	require.NoError(t, m.SetToken(ctx, "x"))
	assert.NoError(t, m.Logout(cctx))
	tok, _ := m.Token(ctx)
	assert.Empty(t, tok)
}

func TestSessionWithoutCookieIsAnErrorAndKeepsNothing(t *testing.T) {
	f := newFake(t)
	f.noCookie = true // production Medusa over plain http
	a := mustNew(t, Config{BaseURL: f.URL(), Mode: ModeSession})
	res, err := a.Login(context.Background(), ActorUser, ProviderEmailPass, admin)
	assert.Nil(t, res)
	assert.ErrorIs(t, err, ErrNoSessionCookie)
	in, _ := a.LoggedIn(context.Background())
	assert.False(t, in)
}

func TestSessionRefreshRenewsTheSession(t *testing.T) {
	f := newFake(t)
	ctx := context.Background()
	a := mustNew(t, Config{BaseURL: f.URL(), Mode: ModeSession})
	_, err := a.Login(ctx, ActorUser, ProviderEmailPass, admin)
	require.NoError(t, err)
	fresh, err := a.Refresh(ctx)
	require.NoError(t, err)
	rf := f.last(http.MethodPost, "/auth/token/refresh")
	assert.Contains(t, rf.Header.Get("Cookie"), "connect.sid=", "refresh authenticates with the cookie")
	assert.Empty(t, rf.Header.Get("Authorization"))
	ex := f.last(http.MethodPost, "/auth/session")
	assert.Equal(t, "Bearer "+fresh, ex.Header.Get("Authorization"))
	assert.Contains(t, ex.Header.Get("Cookie"), "connect.sid=", "the same session is renewed")
	assert.Equal(t, 200, get(t, ctx, a, "/admin/users/me"))
}

func TestSessionRegisterUsesBearerUntilLogin(t *testing.T) {
	f := newFake(t)
	ctx := context.Background()
	a := mustNew(t, Config{BaseURL: f.URL(), Mode: ModeSession, PublishableKey: f.pubKey})
	reg, err := a.Register(ctx, ActorCustomer, ProviderEmailPass, EmailPass{Email: "s@example.com", Password: "pw"})
	require.NoError(t, err)
	assert.Equal(t, 200, post(t, ctx, a, "/store/customers", `{"email":"s@example.com"}`))
	assert.Equal(t, "Bearer "+reg, f.last(http.MethodPost, "/store/customers").Header.Get("Authorization"))
	_, err = a.Login(ctx, ActorCustomer, ProviderEmailPass, EmailPass{Email: "s@example.com", Password: "pw"})
	require.NoError(t, err)
	assert.Equal(t, 200, get(t, ctx, a, "/store/customers/me"))
	me := f.last(http.MethodGet, "/store/customers/me")
	assert.Empty(t, me.Header.Get("Authorization"))
	assert.Contains(t, me.Header.Get("Cookie"), "connect.sid=")

	// The whole helper works in session mode too.
	b := mustNew(t, Config{BaseURL: f.URL(), Mode: ModeSession, PublishableKey: f.pubKey})
	_, err = b.SignUpCustomer(ctx, SignUp{Email: "s2@example.com", Password: "pw"})
	require.NoError(t, err)
	assert.Equal(t, 200, get(t, ctx, b, "/store/customers/me"))
}

func TestSessionPerCallTokenDoesNotSendOrReplaceTheCookie(t *testing.T) {
	f := newFake(t)
	ctx := context.Background()
	a := mustNew(t, Config{BaseURL: f.URL(), Mode: ModeSession, PublishableKey: f.pubKey})
	_, err := a.Login(ctx, ActorUser, ProviderEmailPass, admin)
	require.NoError(t, err)
	f.identities["customer/p@example.com"], f.actors["customer/p@example.com"] = "pw", "cus_P"
	other := mustNew(t, Config{BaseURL: f.URL(), Store: NoStore{}})
	res, err := other.Login(ctx, ActorCustomer, ProviderEmailPass, EmailPass{Email: "p@example.com", Password: "pw"})
	require.NoError(t, err)

	assert.Equal(t, 200, get(t, WithToken(ctx, res.Token), a, "/store/customers/me"))
	me := f.last(http.MethodGet, "/store/customers/me")
	assert.Equal(t, "Bearer "+res.Token, me.Header.Get("Authorization"))
	assert.NotContains(t, me.Header.Get("Cookie"), "connect.sid", "the session cookie stays home")
	// The session is still ours afterwards.
	assert.Equal(t, 200, get(t, ctx, a, "/admin/users/me"))
}

// cookieSetter sets a cookie on every answer and records what it receives.
type cookieSetter struct {
	srv  *httptest.Server
	mu   sync.Mutex
	seen []string
}

func newCookieSetter(t *testing.T) *cookieSetter {
	c := &cookieSetter{}
	c.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c.mu.Lock()
		c.seen = append(c.seen, r.Header.Get("Cookie"))
		c.mu.Unlock()
		http.SetCookie(w, &http.Cookie{Name: "connect.sid", Value: "foreign", Path: "/"})
		http.SetCookie(w, &http.Cookie{Name: "tracker", Value: "t", Path: "/"})
	}))
	t.Cleanup(c.srv.Close)
	return c
}

func (c *cookieSetter) cookies() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.seen...)
}

func TestCookiesGoOnlyToTheMedusaOrigin(t *testing.T) {
	f := newFake(t)
	ctx := context.Background()
	a := mustNew(t, Config{BaseURL: f.URL(), Mode: ModeSession})
	_, err := a.Login(ctx, ActorUser, ProviderEmailPass, admin)
	require.NoError(t, err)

	// Another server on the same host, another port: another origin.
	other := newCookieSetter(t)
	for range 2 {
		resp, err := a.HTTPClient().Get(other.srv.URL + "/x")
		require.NoError(t, err)
		_ = resp.Body.Close()
	}
	for _, c := range other.cookies() {
		assert.Empty(t, c, "no cookie to another origin, and none accepted from it")
	}
	// The same host name spelled differently is another origin too.
	local := strings.Replace(other.srv.URL, "127.0.0.1", "localhost", 1)
	resp, err := a.HTTPClient().Get(local + "/x")
	require.NoError(t, err)
	_ = resp.Body.Close()
	assert.Empty(t, other.cookies()[2])

	// Only the session cookie is kept from Medusa itself.
	require.Len(t, a.jar.Cookies(a.base), 1)
	assert.Equal(t, "connect.sid", a.jar.Cookies(a.base)[0].Name)
	assert.Equal(t, 200, get(t, ctx, a, "/admin/users/me"))

	// CookiesInclude behaves like a browser: cookies from any host, sent back there.
	inc := mustNew(t, Config{BaseURL: f.URL(), Cookies: CookiesInclude})
	for range 2 {
		resp, err := inc.HTTPClient().Get(other.srv.URL + "/y")
		require.NoError(t, err)
		_ = resp.Body.Close()
	}
	seen := other.cookies()
	assert.Contains(t, seen[len(seen)-1], "tracker=t")

	// CookiesOmit (JWT default): nothing kept.
	omit := mustNew(t, Config{BaseURL: f.URL()})
	for range 2 {
		resp, err := omit.HTTPClient().Get(other.srv.URL + "/z")
		require.NoError(t, err)
		_ = resp.Body.Close()
	}
	seen = other.cookies()
	assert.Empty(t, seen[len(seen)-1])
}
