package authn

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A token close to expiry is refreshed once, however many requests need it.
func TestRefreshAheadOnceUnderConcurrency(t *testing.T) {
	f := newFake(t)
	f.refreshWait = 50 * time.Millisecond
	ctx := context.Background()
	a := mustNew(t, Config{BaseURL: f.URL(), RefreshBefore: time.Hour})
	// Issued 90 minutes ago, 30 left: within the hour of RefreshBefore,
	// which is shorter than its two-hour lifetime.
	old := f.issueAged(fakeClaims{ActorID: "user_01", ActorType: "user"}, 90*time.Minute, 30*time.Minute)
	require.NoError(t, a.SetToken(ctx, old))

	var wg sync.WaitGroup
	for range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			assert.Equal(t, 200, get(t, ctx, a, "/admin/users/me"))
		}()
	}
	wg.Wait()
	assert.Equal(t, int32(1), f.refreshes.Load(), "one refresh for 64 requests")
	fresh, _ := a.Token(ctx)
	assert.NotEqual(t, old, fresh)
	for _, r := range f.reqs() {
		if r.Path == "/admin/users/me" {
			assert.Equal(t, "Bearer "+fresh, r.Header.Get("Authorization"))
		}
	}

	// Fresh enough: no refresh.
	assert.Equal(t, 200, get(t, ctx, a, "/admin/users/me"))
	assert.Equal(t, int32(1), f.refreshes.Load())
}

func TestRefreshAheadFailureFallsBackAndLogs(t *testing.T) {
	f := newFake(t)
	ctx := context.Background()
	var buf bytes.Buffer
	log := slog.New(slog.NewTextHandler(&syncWriter{w: &buf}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	a := mustNew(t, Config{BaseURL: f.URL(), RefreshBefore: time.Hour, Logger: log})
	// The server does not know this token: refresh fails with 401, but it
	// is not expired, so the request still goes out with it.
	unknown := jwt(map[string]any{"actor_id": "x", "exp": time.Now().Add(10 * time.Minute).Unix()})
	require.NoError(t, a.SetToken(ctx, unknown))
	assert.Equal(t, 401, get(t, ctx, a, "/admin/users/me"))
	assert.Equal(t, "Bearer "+unknown, f.last(http.MethodGet, "/admin/users/me").Header.Get("Authorization"))
	assert.Contains(t, buf.String(), "refresh ahead of expiry failed")
	assert.NotContains(t, buf.String(), unknown)

	// An expired token is not refreshed (the server would refuse).
	n := f.refreshes.Load()
	expired := jwt(map[string]any{"actor_id": "x", "exp": time.Now().Add(-time.Minute).Unix()})
	require.NoError(t, a.SetToken(ctx, expired))
	assert.Equal(t, 401, get(t, ctx, a, "/admin/users/me"))
	assert.Equal(t, n, f.refreshes.Load())
}

// 64 goroutines share one client: logins, per-call tokens, stored-token
// requests and logouts interleave under -race.
func Test64GoroutinesShareOneClient(t *testing.T) {
	f := newFake(t)
	ctx := context.Background()
	for i := range 64 {
		f.identities[fmt.Sprintf("customer/u%d@example.com", i)] = "pw"
		f.actors[fmt.Sprintf("customer/u%d@example.com", i)] = fmt.Sprintf("cus_%d", i)
	}
	shared := mustNew(t, Config{BaseURL: f.URL(), PublishableKey: f.pubKey, Store: NoStore{}})
	stateful := mustNew(t, Config{BaseURL: f.URL(), RefreshBefore: time.Minute})
	_, err := stateful.Login(ctx, ActorUser, ProviderEmailPass, admin)
	require.NoError(t, err)

	var wg sync.WaitGroup
	errs := make(chan error, 64*4)
	for i := range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := shared.Login(ctx, ActorCustomer, ProviderEmailPass, EmailPass{Email: fmt.Sprintf("u%d@example.com", i), Password: "pw"})
			if err != nil {
				errs <- err
				return
			}
			c, _ := ParseClaims(res.Token)
			if c.ActorID != fmt.Sprintf("cus_%d", i) {
				errs <- fmt.Errorf("goroutine %d got %s's token", i, c.ActorID)
			}
			req, _ := http.NewRequestWithContext(ctx, http.MethodGet, shared.BaseURL()+"/store/customers/me", nil)
			uctx := WithToken(ctx, res.Token)
			if err := shared.EditRequest(uctx, req); err != nil {
				errs <- err
				return
			}
			if got := req.Header.Get("Authorization"); got != "Bearer "+res.Token {
				errs <- fmt.Errorf("goroutine %d would send another user's token", i)
			}
			resp, err := shared.HTTPClient().Do(req)
			if err != nil {
				errs <- err
				return
			}
			_ = resp.Body.Close()
			if resp.StatusCode != 200 {
				errs <- fmt.Errorf("goroutine %d: status %d", i, resp.StatusCode)
			}
			if i%8 == 0 {
				_, _ = stateful.Refresh(ctx)
			}
			_, _ = stateful.Claims(ctx)
			req2, _ := http.NewRequestWithContext(ctx, http.MethodGet, stateful.BaseURL()+"/admin/users/me", nil)
			if err := stateful.EditRequest(ctx, req2); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// syncWriter makes a bytes.Buffer safe for concurrent log writes.
type syncWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

func (s *syncWriter) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.String()
}

func TestDebugLogsRedactSecrets(t *testing.T) {
	f := newFake(t)
	ctx := context.Background()
	sw := &syncWriter{w: &bytes.Buffer{}}
	log := slog.New(slog.NewJSONHandler(sw, &slog.HandlerOptions{Level: slog.LevelDebug}))

	s := mustNew(t, Config{BaseURL: f.URL(), Mode: ModeSession, PublishableKey: f.pubKey, Logger: log})
	res, err := s.Login(ctx, ActorUser, ProviderEmailPass, admin)
	require.NoError(t, err)
	assert.Equal(t, 200, get(t, ctx, s, "/admin/users/me"))
	_, _ = s.Callback(ctx, ActorCustomer, "google", map[string][]string{"code": {"oauth-code-secret"}, "state": {"st"}})
	assert.Equal(t, 200, get(t, ctx, s, "/store/products?limit=5"))
	require.NoError(t, s.Logout(ctx))

	k := mustNew(t, Config{BaseURL: f.URL(), APIKey: f.secretKey, Logger: log})
	assert.Equal(t, 200, get(t, ctx, k, "/admin/products"))

	out := sw.String()
	require.NotEmpty(t, out)
	for _, secret := range []string{res.Token, f.secretKey, f.pubKey, "s%3A", "oauth-code-secret", "supersecret", "YTFhMWEx"} {
		assert.NotContains(t, out, secret)
	}
	for _, want := range []string{`"Authorization":"Bearer [REDACTED]"`, `"Authorization":"Basic [REDACTED]"`,
		`connect.sid=[REDACTED]`, `"X-Publishable-Api-Key":"[REDACTED]"`, `code=[REDACTED]`, `limit=5`, `"status":200`} {
		assert.Contains(t, out, want)
	}
}

func TestErrorStringsCarryNoSecrets(t *testing.T) {
	f := newFake(t)
	ctx := context.Background()
	a := mustNew(t, Config{BaseURL: f.URL()})
	// A transport error on a callback: the URL's code must not leak.
	f.srv.Close()
	_, err := a.Callback(ctx, ActorCustomer, "google", map[string][]string{"code": {"oauth-code-secret"}})
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "oauth-code-secret")
	assert.True(t, strings.Contains(err.Error(), "[REDACTED]"), err.Error())

	err = a.UpdateProvider(ctx, ActorUser, ProviderEmailPass, "eyJhbGciOiJIUzI1NiJ9.eyJ4IjoxfQ.c2ln", map[string]string{"password": "p4ss"})
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "eyJ")
	assert.NotContains(t, err.Error(), "p4ss")
}
