package authn

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ModeSession, Register then Login while other goroutines keep calling:
// no request ever carries both the registration Bearer token and the
// session cookie, however the Login's cookie and the end of the
// registration token interleave with them.
func TestSessionRegisterThenLoginNeverSendsTwoCredentials(t *testing.T) {
	f := newFake(t)
	ctx := context.Background()
	for trial := range 20 {
		a := mustNew(t, Config{BaseURL: f.URL(), Mode: ModeSession, PublishableKey: f.pubKey})
		email := "race" + strings.Repeat("x", trial) + "@example.com"
		ep := EmailPass{Email: email, Password: "pw"}
		_, err := a.Register(ctx, ActorCustomer, ProviderEmailPass, ep)
		require.NoError(t, err)
		f.mu.Lock()
		f.actors["customer/"+email] = "cus_race" // the customer now exists
		f.mu.Unlock()

		stop := make(chan struct{})
		var wg sync.WaitGroup
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					select {
					case <-stop:
						return
					default:
					}
					get(t, ctx, a, "/store/customers/me")
				}
			}()
		}
		_, err = a.Login(ctx, ActorCustomer, ProviderEmailPass, ep)
		require.NoError(t, err)
		for range 20 {
			get(t, ctx, a, "/store/customers/me")
		}
		close(stop)
		wg.Wait()
	}
	both := 0
	for _, r := range f.reqs() {
		if r.Path == "/auth/session" {
			continue
		}
		if r.Header.Get("Authorization") != "" && strings.Contains(r.Header.Get("Cookie"), "connect.sid=") {
			both++
		}
	}
	assert.Zero(t, both, "requests that carried two credentials")
}

// An OAuth callback answered by a redirect to the same origin carrying the
// token: Callback takes the token from the Location and does not follow it
// (the token would go out in a GET URL).
func TestCallbackDoesNotFollowASameOriginRedirect(t *testing.T) {
	var followed atomic.Int32
	var srvURL string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/auth/customer/acme/callback":
			http.Redirect(w, r, srvURL+"/app/welcome?access_token=opaque-token-123", http.StatusFound)
		default:
			followed.Add(1)
			w.WriteHeader(404)
		}
	}))
	defer srv.Close()
	srvURL = srv.URL
	a := mustNew(t, Config{BaseURL: srv.URL})
	res, err := a.Callback(context.Background(), ActorCustomer, "acme", url.Values{"code": {"c"}, "state": {"s"}})
	require.NoError(t, err)
	assert.Equal(t, "opaque-token-123", res.Token)
	assert.Zero(t, followed.Load(), "the redirect was followed")

	// Any same-origin redirect whose URL carries a secret is not followed.
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/app/welcome?token%5B0%5D=x", nil)
	assert.ErrorIs(t, a.checkRedirect(req, []*http.Request{req}), http.ErrUseLastResponse)
	plain, _ := http.NewRequest(http.MethodGet, srv.URL+"/app/welcome?page=2", nil)
	assert.NoError(t, a.checkRedirect(plain, []*http.Request{plain}))
}
