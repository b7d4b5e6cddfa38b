package authn

import (
	"context"
	"encoding/base64"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// get sends GET path through a's client and editor, as a generated client
// would, and returns the status.
func get(t *testing.T, ctx context.Context, a *Auth, path string) int {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, a.BaseURL()+path, nil)
	require.NoError(t, err)
	require.NoError(t, a.EditRequest(ctx, req))
	resp, err := a.HTTPClient().Do(req)
	require.NoError(t, err)
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	return resp.StatusCode
}

func mustNew(t *testing.T, cfg Config) *Auth {
	t.Helper()
	a, err := New(cfg)
	require.NoError(t, err)
	return a
}

func TestNewRejectsBadAndConflictingConfig(t *testing.T) {
	base := "http://127.0.0.1:9000"
	for name, cfg := range map[string]Config{
		"no base":                 {},
		"relative base":           {BaseURL: "/api"},
		"ftp base":                {BaseURL: "ftp://x"},
		"base with query":         {BaseURL: base + "?a=1"},
		"base with user":          {BaseURL: "http://u:p@127.0.0.1"},
		"api key and session":     {BaseURL: base, APIKey: "sk_x", Mode: ModeSession},
		"api key and store":       {BaseURL: base, APIKey: "sk_x", Store: NewMemoryStore()},
		"api key and refresh":     {BaseURL: base, APIKey: "sk_x", RefreshBefore: 1},
		"api key with space":      {BaseURL: base, APIKey: " sk_x"},
		"session and omit":        {BaseURL: base, Mode: ModeSession, Cookies: CookiesOmit},
		"session and store":       {BaseURL: base, Mode: ModeSession, Store: NewMemoryStore()},
		"session and refresh":     {BaseURL: base, Mode: ModeSession, RefreshBefore: 1},
		"unknown mode":            {BaseURL: base, Mode: 7},
		"unknown cookie policy":   {BaseURL: base, Cookies: 9},
		"negative refresh":        {BaseURL: base, RefreshBefore: -1},
		"publishable key newline": {BaseURL: base, PublishableKey: "pk\r\nX-Evil: 1"},
	} {
		t.Run(name, func(t *testing.T) {
			a, err := New(cfg)
			assert.Nil(t, a)
			require.Error(t, err)
			assert.True(t, errors.Is(err, ErrInvalidArgument) || errors.Is(err, ErrConflictingCredentials), err)
			assert.NotContains(t, err.Error(), "sk_x")
		})
	}
	a := mustNew(t, Config{BaseURL: base + "/"})
	assert.Equal(t, base, a.BaseURL())
	assert.Equal(t, ModeJWT, a.Mode())
	assert.Nil(t, a.HTTPClient().Jar, "JWT mode keeps no cookies by default")
	assert.NotNil(t, mustNew(t, Config{BaseURL: base, Mode: ModeSession}).HTTPClient().Jar)
}

func TestEditRequestPrecedence(t *testing.T) {
	ctx := context.Background()
	base := "http://127.0.0.1:9000/api"
	newReq := func(path string) *http.Request {
		r, err := http.NewRequest(http.MethodGet, "http://127.0.0.1:9000/api"+path, nil)
		require.NoError(t, err)
		return r
	}

	// Stored JWT.
	a := mustNew(t, Config{BaseURL: base, PublishableKey: "pk_1"})
	require.NoError(t, a.SetToken(ctx, "stored"))
	r := newReq("/admin/products")
	require.NoError(t, a.EditRequest(ctx, r))
	assert.Equal(t, "Bearer stored", r.Header.Get("Authorization"))
	assert.Empty(t, r.Header.Get(PublishableKeyHeader), "publishable key only on /store")

	r = newReq("/store/products")
	require.NoError(t, a.EditRequest(ctx, r))
	assert.Equal(t, "pk_1", r.Header.Get(PublishableKeyHeader))
	r = newReq("/storefront")
	require.NoError(t, a.EditRequest(ctx, r))
	assert.Empty(t, r.Header.Get(PublishableKeyHeader))
	r = newReq("/store/products")
	require.NoError(t, a.EditRequest(WithPublishableKey(ctx, "pk_2"), r))
	assert.Equal(t, "pk_2", r.Header.Get(PublishableKeyHeader))
	r = newReq("/store/products")
	r.Header.Set(PublishableKeyHeader, "pk_explicit")
	require.NoError(t, a.EditRequest(ctx, r))
	assert.Equal(t, "pk_explicit", r.Header.Get(PublishableKeyHeader))

	// Per-call token beats the stored one.
	r = newReq("/admin/products")
	require.NoError(t, a.EditRequest(WithToken(ctx, "percall"), r))
	assert.Equal(t, "Bearer percall", r.Header.Get("Authorization"))
	// Per-call API key.
	r = newReq("/admin/products")
	require.NoError(t, a.EditRequest(WithAPIKey(ctx, "sk_k"), r))
	assert.Equal(t, "Basic "+base64.StdEncoding.EncodeToString([]byte("sk_k:")), r.Header.Get("Authorization"))
	// No credentials at all.
	r = newReq("/store/products")
	require.NoError(t, a.EditRequest(WithoutCredentials(ctx), r))
	assert.Empty(t, r.Header.Get("Authorization"))
	assert.Equal(t, "pk_1", r.Header.Get(PublishableKeyHeader))
	// The same per-call token twice is fine.
	r = newReq("/admin/products")
	require.NoError(t, a.EditRequest(WithToken(WithToken(ctx, "x"), "x"), r))

	// Conflicts are errors, never a silent choice.
	for name, c := range map[string]context.Context{
		"token then key":  WithAPIKey(WithToken(ctx, "a"), "sk_b"),
		"two tokens":      WithToken(WithToken(ctx, "a"), "b"),
		"token then none": WithoutCredentials(WithToken(ctx, "a")),
		"conflict sticks": WithToken(WithToken(WithToken(ctx, "a"), "b"), "b"),
	} {
		r = newReq("/admin/products")
		assert.ErrorIs(t, a.EditRequest(c, r), ErrConflictingCredentials, name)
	}
	r = newReq("/admin/products")
	assert.ErrorIs(t, a.EditRequest(WithToken(ctx, ""), r), ErrEmptyCredential)
	r = newReq("/admin/products")
	r.Header.Set("Authorization", "Bearer other")
	assert.ErrorIs(t, a.EditRequest(ctx, r), ErrConflictingCredentials)

	// Credentials never go to another origin.
	for _, u := range []string{"http://evil.example/api/admin", "https://127.0.0.1:9000/api/admin", "http://127.0.0.1:9001/api/admin"} {
		r, _ = http.NewRequest(http.MethodGet, u, nil)
		err := a.EditRequest(ctx, r)
		assert.ErrorIs(t, err, ErrForeignOrigin, u)
		assert.Empty(t, r.Header.Get("Authorization"))
	}
	assert.ErrorIs(t, a.EditRequest(ctx, nil), ErrInvalidArgument)

	// Secret API key: Basic base64(key + ":"), whatever is in the store.
	k := mustNew(t, Config{BaseURL: base, APIKey: "sk_secret"})
	r = newReq("/admin/products")
	require.NoError(t, k.EditRequest(ctx, r))
	assert.Equal(t, "Basic "+base64.StdEncoding.EncodeToString([]byte("sk_secret:")), r.Header.Get("Authorization"))
	assert.ErrorIs(t, k.SetToken(ctx, "t"), ErrAPIKeyConfigured)
	_, err := k.Login(ctx, ActorUser, ProviderEmailPass, EmailPass{})
	assert.ErrorIs(t, err, ErrAPIKeyConfigured)
	_, err = k.Refresh(ctx)
	assert.ErrorIs(t, err, ErrAPIKeyConfigured)
	assert.ErrorIs(t, k.Logout(ctx), ErrAPIKeyConfigured)
	// A per-call token still wins, explicitly.
	r = newReq("/admin/products")
	require.NoError(t, k.EditRequest(WithToken(ctx, "t"), r))
	assert.Equal(t, "Bearer t", r.Header.Get("Authorization"))
}

func TestStoreReadFailureFailsTheRequest(t *testing.T) {
	boom := errors.New("redis down")
	a := mustNew(t, Config{BaseURL: "http://127.0.0.1:9000", Store: StoreFuncs{
		GetFunc: func(context.Context, string) (string, error) { return "", boom },
	}})
	r, _ := http.NewRequest(http.MethodGet, "http://127.0.0.1:9000/admin/products", nil)
	err := a.EditRequest(context.Background(), r)
	assert.ErrorIs(t, err, boom)
	assert.Empty(t, r.Header.Get("Authorization"))
}

func TestBadFlowArgumentsAreErrorsNotPanics(t *testing.T) {
	f := newFake(t)
	a := mustNew(t, Config{BaseURL: f.URL()})
	ctx := context.Background()
	for _, actor := range []string{"", "../admin", "user/x", "a b", "ü", strings.Repeat("a", 65), "x?y"} {
		_, err := a.Login(ctx, actor, ProviderEmailPass, nil)
		assert.ErrorIs(t, err, ErrInvalidArgument, actor)
		_, err = a.Login(ctx, ActorUser, actor, nil)
		assert.ErrorIs(t, err, ErrInvalidArgument, actor)
	}
	_, err := a.Login(ctx, ActorUser, ProviderEmailPass, map[string]any{"c": make(chan int)})
	assert.ErrorIs(t, err, ErrInvalidArgument)
	assert.ErrorIs(t, a.ResetPassword(ctx, ActorUser, ProviderEmailPass, ""), ErrInvalidArgument)
	assert.ErrorIs(t, a.UpdateProvider(ctx, ActorUser, ProviderEmailPass, "", nil), ErrInvalidArgument)
	_, err = a.SignUpCustomer(ctx, SignUp{})
	assert.ErrorIs(t, err, ErrInvalidArgument)
	_, err = a.Refresh(ctx)
	assert.ErrorIs(t, err, ErrNotLoggedIn)
	_, err = a.Claims(ctx)
	assert.ErrorIs(t, err, ErrNotLoggedIn)
	assert.Empty(t, f.reqs(), "nothing was sent")
}

func TestNilContextAndZeroAuthAreErrors(t *testing.T) {
	f := newFake(t)
	a := mustNew(t, Config{BaseURL: f.URL()})
	res, err := a.Login(nil, ActorUser, ProviderEmailPass, admin) //nolint:staticcheck
	require.NoError(t, err)
	assert.NotEmpty(t, res.Token)
	var zero Auth
	_, err = zero.Login(context.Background(), ActorUser, ProviderEmailPass, admin)
	assert.ErrorIs(t, err, ErrInvalidArgument)
	var nilAuth *Auth
	assert.ErrorIs(t, nilAuth.Logout(context.Background()), ErrInvalidArgument)
	r, _ := http.NewRequest(http.MethodGet, f.URL(), nil)
	assert.ErrorIs(t, zero.EditRequest(context.Background(), r), ErrInvalidArgument)
}
