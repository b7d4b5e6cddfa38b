package authn

import (
	"context"
	"encoding/base64"
	"errors"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2/apierror"
)

var admin = EmailPass{Email: "admin@example.com", Password: "supersecret"}

func TestLoginJWTStoresAndSendsBearer(t *testing.T) {
	f := newFake(t)
	ctx := context.Background()
	a := mustNew(t, Config{BaseURL: f.URL()})

	res, err := a.Login(ctx, ActorUser, ProviderEmailPass, admin)
	require.NoError(t, err)
	require.NotEmpty(t, res.Token)
	assert.Empty(t, res.Location)
	login := f.last(http.MethodPost, "/auth/user/emailpass")
	require.NotNil(t, login, "the actor type is in the path")
	assert.JSONEq(t, `{"email":"admin@example.com","password":"supersecret"}`, login.Body)
	assert.Equal(t, "application/json", login.Header.Get("Content-Type"))

	tok, err := a.Token(ctx)
	require.NoError(t, err)
	assert.Equal(t, res.Token, tok)
	c, err := a.Claims(ctx)
	require.NoError(t, err)
	assert.Equal(t, "user_01", c.ActorID)
	assert.Equal(t, "user", c.ActorType)
	in, _ := a.LoggedIn(ctx)
	assert.True(t, in)

	assert.Equal(t, 200, get(t, ctx, a, "/admin/users/me"))
	assert.Equal(t, "Bearer "+res.Token, f.last(http.MethodGet, "/admin/users/me").Header.Get("Authorization"))

	// A second login does not send the first token to the login route.
	_, err = a.Login(ctx, ActorUser, ProviderEmailPass, admin)
	require.NoError(t, err)
	assert.Empty(t, f.last(http.MethodPost, "/auth/user/emailpass").Header.Get("Authorization"))

	require.NoError(t, a.Logout(ctx))
	tok, _ = a.Token(ctx)
	assert.Empty(t, tok)
	assert.Equal(t, 401, get(t, ctx, a, "/admin/users/me"))
}

func TestLoginFailureIsTypedAndKeepsPreviousLogin(t *testing.T) {
	f := newFake(t)
	ctx := context.Background()
	a := mustNew(t, Config{BaseURL: f.URL()})
	require.NoError(t, a.SetToken(ctx, "previous"))

	_, err := a.Login(ctx, ActorUser, ProviderEmailPass, EmailPass{Email: "admin@example.com", Password: "hunter2-wrong"})
	require.Error(t, err)
	var apiErr *apierror.Error
	require.True(t, errors.As(err, &apiErr))
	assert.Equal(t, 401, apiErr.StatusCode)
	assert.Equal(t, "unauthorized", apiErr.Type)
	assert.Equal(t, "Invalid email or password", apiErr.Message)
	assert.Equal(t, "/auth/user/emailpass", apiErr.Path)
	assert.NotContains(t, err.Error(), "hunter2")
	tok, _ := a.Token(ctx)
	assert.Equal(t, "previous", tok)

	_, err = a.Login(ctx, ActorUser, "nosuch", admin)
	assert.True(t, apierror.IsStatus(err, 400))
	assert.True(t, apierror.IsType(err, apierror.TypeNotAllowed))
}

func TestLoginStoreWriteFailureAppliesNothing(t *testing.T) {
	f := newFake(t)
	ctx := context.Background()
	boom := errors.New("disk full")
	mem := NewMemoryStore()
	require.NoError(t, mem.Set(ctx, DefaultStorageKey, "old"))
	st := StoreFuncs{GetFunc: mem.Get, DeleteFunc: mem.Delete,
		SetFunc: func(context.Context, string, string) error { return boom }}
	a := mustNew(t, Config{BaseURL: f.URL(), Store: st})

	res, err := a.Login(ctx, ActorUser, ProviderEmailPass, admin)
	assert.Nil(t, res)
	assert.ErrorIs(t, err, boom)
	tok, _ := a.Token(ctx)
	assert.Equal(t, "old", tok, "the previous token is untouched")

	_, err = a.Register(ctx, ActorCustomer, ProviderEmailPass, EmailPass{Email: "n@example.com", Password: "p"})
	assert.ErrorIs(t, err, boom)
	tok, _ = a.Token(ctx)
	assert.Equal(t, "old", tok)

	// A corrupt token file fails the login the same way.
	path := t.TempDir() + "/tok.json"
	require.NoError(t, os.WriteFile(path, []byte("{not json"), 0o600))
	fa := mustNew(t, Config{BaseURL: f.URL(), Store: NewFileStore(path)})
	_, err = fa.Login(ctx, ActorUser, ProviderEmailPass, admin)
	assert.ErrorIs(t, err, ErrCorruptTokenFile)
}

func TestCustomActorAndOAuthLocationAndCallback(t *testing.T) {
	f := newFake(t)
	ctx := context.Background()
	f.identities["vendor/v@example.com"] = "pw"
	f.actors["vendor/v@example.com"] = "ven_1"
	a := mustNew(t, Config{BaseURL: f.URL()})

	res, err := a.Login(ctx, "vendor", ProviderEmailPass, EmailPass{Email: "v@example.com", Password: "pw"})
	require.NoError(t, err)
	assert.NotNil(t, f.last(http.MethodPost, "/auth/vendor/emailpass"))
	c, _ := ParseClaims(res.Token)
	assert.Equal(t, "vendor", c.ActorType)

	require.NoError(t, a.Logout(ctx))
	res, err = a.Login(ctx, ActorCustomer, "google", map[string]string{"callback_url": "http://shop/cb"})
	require.NoError(t, err)
	assert.Empty(t, res.Token)
	assert.True(t, strings.HasPrefix(res.Location, "https://accounts.google.com/"))
	tok, _ := a.Token(ctx)
	assert.Empty(t, tok, "a redirect keeps nothing")

	q := url.Values{"code": {"good-code"}, "state": {"st"}}
	cbRes, err := a.Callback(ctx, ActorCustomer, "google", q)
	require.NoError(t, err)
	assert.True(t, cbRes.Complete())
	tok = cbRes.Token
	cb := f.last(http.MethodPost, "/auth/customer/google/callback")
	require.NotNil(t, cb)
	assert.Equal(t, q.Encode(), cb.Query)
	stored, _ := a.Token(ctx)
	assert.Equal(t, tok, stored)

	_, err = a.Callback(ctx, ActorCustomer, "google", url.Values{"code": {"stolen"}})
	assert.True(t, apierror.IsUnauthorized(err))
}

func TestRegisterThenCreateCustomerAndSignUp(t *testing.T) {
	f := newFake(t)
	ctx := context.Background()
	a := mustNew(t, Config{BaseURL: f.URL(), PublishableKey: f.pubKey})

	// Register stores the registration token, so POST /store/customers works next.
	regTok, err := a.Register(ctx, ActorCustomer, ProviderEmailPass, EmailPass{Email: "c1@example.com", Password: "pw1"})
	require.NoError(t, err)
	c, _ := ParseClaims(regTok)
	assert.False(t, c.Registered())
	status := post(t, ctx, a, "/store/customers", `{"email":"c1@example.com"}`)
	assert.Equal(t, 200, status)
	rec := f.last(http.MethodPost, "/store/customers")
	assert.Equal(t, "Bearer "+regTok, rec.Header.Get("Authorization"))
	assert.Equal(t, f.pubKey, rec.Header.Get(PublishableKeyHeader))

	// Register again: typed 401.
	_, err = a.Register(ctx, ActorCustomer, ProviderEmailPass, EmailPass{Email: "c1@example.com", Password: "x"})
	assert.True(t, apierror.IsUnauthorized(err))

	// The helper does all three steps, keeping only the login token.
	b := mustNew(t, Config{BaseURL: f.URL(), PublishableKey: f.pubKey})
	res, err := b.SignUpCustomer(ctx, SignUp{Email: "c2@example.com", Password: "pw2", FirstName: "Ada"})
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(res.CustomerID, "cus_"))
	stored, _ := b.Token(ctx)
	assert.Equal(t, res.Token, stored)
	claims, _ := ParseClaims(res.Token)
	assert.Equal(t, res.CustomerID, claims.ActorID)
	assert.JSONEq(t, `{"email":"c2@example.com","first_name":"Ada"}`, f.last(http.MethodPost, "/store/customers").Body)
	assert.Equal(t, 200, get(t, ctx, b, "/store/customers/me"))

	// Without a publishable key the create step fails, and says so.
	n := mustNew(t, Config{BaseURL: f.URL()})
	_, err = n.SignUpCustomer(ctx, SignUp{Email: "c3@example.com", Password: "pw3"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "create customer")
	assert.True(t, apierror.IsStatus(err, 400))
	tok, _ := n.Token(ctx)
	assert.Empty(t, tok, "nothing kept after a failed sign-up")
}

func TestRefreshJWT(t *testing.T) {
	f := newFake(t)
	ctx := context.Background()
	a := mustNew(t, Config{BaseURL: f.URL()})
	res, err := a.Login(ctx, ActorUser, ProviderEmailPass, admin)
	require.NoError(t, err)
	fresh, err := a.Refresh(ctx)
	require.NoError(t, err)
	assert.NotEqual(t, res.Token, fresh)
	assert.Equal(t, "Bearer "+res.Token, f.last(http.MethodPost, "/auth/token/refresh").Header.Get("Authorization"))
	stored, _ := a.Token(ctx)
	assert.Equal(t, fresh, stored)

	// Per-call: refreshes that token, stores nothing.
	other, err := a.Refresh(WithToken(ctx, fresh))
	require.NoError(t, err)
	stored, _ = a.Token(ctx)
	assert.Equal(t, fresh, stored)
	assert.NotEqual(t, fresh, other)

	_, err = a.Refresh(WithToken(ctx, "garbage"))
	assert.True(t, apierror.IsUnauthorized(err))
}

func TestResetPasswordAndUpdateProvider(t *testing.T) {
	f := newFake(t)
	ctx := context.Background()
	a := mustNew(t, Config{BaseURL: f.URL()})
	_, err := a.Login(ctx, ActorUser, ProviderEmailPass, admin)
	require.NoError(t, err)

	require.NoError(t, a.ResetPassword(ctx, ActorUser, ProviderEmailPass, "admin@example.com"))
	rp := f.last(http.MethodPost, "/auth/user/emailpass/reset-password")
	require.NotNil(t, rp)
	assert.JSONEq(t, `{"identifier":"admin@example.com"}`, rp.Body)
	assert.Empty(t, rp.Header.Get("Authorization"), "the login token is not sent")

	reset := f.resetTokenFor("user", "admin@example.com")
	require.NotEmpty(t, reset)
	before, _ := a.Token(ctx)
	require.NoError(t, a.UpdateProvider(ctx, ActorUser, ProviderEmailPass, reset, map[string]string{"password": "newpass"}))
	up := f.last(http.MethodPost, "/auth/user/emailpass/update")
	assert.Equal(t, "Bearer "+reset, up.Header.Get("Authorization"))
	after, _ := a.Token(ctx)
	assert.Equal(t, before, after, "the reset token is never stored")

	// Single use: typed 401 the second time.
	err = a.UpdateProvider(ctx, ActorUser, ProviderEmailPass, reset, map[string]string{"password": "x"})
	assert.True(t, apierror.IsUnauthorized(err))
	assert.NotContains(t, err.Error(), reset)

	_, err = a.Login(ctx, ActorUser, ProviderEmailPass, EmailPass{Email: "admin@example.com", Password: "newpass"})
	require.NoError(t, err)
}

func TestPerCallTokensServeManyUsersWithNothingStored(t *testing.T) {
	f := newFake(t)
	ctx := context.Background()
	a := mustNew(t, Config{BaseURL: f.URL(), Store: NoStore{}, PublishableKey: f.pubKey})
	f.identities["customer/a@example.com"], f.actors["customer/a@example.com"] = "pa", "cus_A"
	f.identities["customer/b@example.com"], f.actors["customer/b@example.com"] = "pb", "cus_B"
	ra, err := a.Login(ctx, ActorCustomer, ProviderEmailPass, EmailPass{Email: "a@example.com", Password: "pa"})
	require.NoError(t, err)
	rb, err := a.Login(ctx, ActorCustomer, ProviderEmailPass, EmailPass{Email: "b@example.com", Password: "pb"})
	require.NoError(t, err)
	tok, _ := a.Token(ctx)
	assert.Empty(t, tok)

	assert.Equal(t, 200, get(t, WithToken(ctx, ra.Token), a, "/store/customers/me"))
	assert.Equal(t, "Bearer "+ra.Token, f.last(http.MethodGet, "/store/customers/me").Header.Get("Authorization"))
	assert.Equal(t, 200, get(t, WithToken(ctx, rb.Token), a, "/store/customers/me"))
	assert.Equal(t, "Bearer "+rb.Token, f.last(http.MethodGet, "/store/customers/me").Header.Get("Authorization"))
	assert.Equal(t, 401, get(t, ctx, a, "/store/customers/me"), "nothing was left behind")
	assert.Empty(t, f.last(http.MethodGet, "/store/customers/me").Header.Get("Authorization"))
}

func TestSecretAPIKeyBasic(t *testing.T) {
	f := newFake(t)
	ctx := context.Background()
	a := mustNew(t, Config{BaseURL: f.URL(), APIKey: f.secretKey})
	assert.Equal(t, 200, get(t, ctx, a, "/admin/products"))
	h := f.last(http.MethodGet, "/admin/products").Header.Get("Authorization")
	assert.Equal(t, "Basic "+base64.StdEncoding.EncodeToString([]byte(f.secretKey+":")), h)
	bad := mustNew(t, Config{BaseURL: f.URL(), APIKey: "sk_revoked"})
	assert.Equal(t, 401, get(t, ctx, bad, "/admin/products"))
}

func post(t *testing.T, ctx context.Context, a *Auth, path, body string) int {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, a.BaseURL()+path, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	require.NoError(t, a.EditRequest(ctx, req))
	resp, err := a.HTTPClient().Do(req)
	require.NoError(t, err)
	_ = resp.Body.Close()
	return resp.StatusCode
}

func TestCallbackRedirectIsNotFollowed(t *testing.T) {
	f := newFake(t)
	ctx := context.Background()
	a := mustNew(t, Config{BaseURL: f.URL()})
	res, err := a.Callback(ctx, ActorCustomer, "github", url.Values{"code": {"x"}})
	require.NoError(t, err, "the token comes from the redirect's access_token; shop.invalid is never fetched")
	tok := res.Token
	c, err := ParseClaims(tok)
	require.NoError(t, err)
	assert.Equal(t, "cus_gh", c.ActorID)
	stored, _ := a.Token(ctx)
	assert.Equal(t, tok, stored)
}
