package authn

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// issueAged is issue for a token issued age ago that has left to live.
func (f *fakeMedusa) issueAged(c fakeClaims, age, left time.Duration) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.seq++
	now := time.Now()
	c.Exp = now.Add(left)
	tok := jwt(map[string]any{
		"actor_id": c.ActorID, "actor_type": c.ActorType, "auth_identity_id": fmt.Sprintf("authid_%d", f.seq),
		"app_metadata": map[string]any{}, "iat": now.Add(-age).Unix(), "exp": c.Exp.Unix(), "n": f.seq,
	})
	f.tokens[tok] = c
	return tok
}

// 100 goroutines, 40 times over: exactly one refresh each time, also for
// the goroutines that read the old token just before the refresh stored the
// new one and asked after it finished.
func TestRefreshAheadExactlyOncePerExpiry(t *testing.T) {
	f := newFake(t)
	f.refreshWait = 2 * time.Millisecond
	ctx := context.Background()
	for trial := range 40 {
		a := mustNew(t, Config{BaseURL: f.URL(), RefreshBefore: time.Hour})
		old := f.issueAged(fakeClaims{ActorID: "user_01", ActorType: "user"}, 90*time.Minute, 30*time.Minute)
		require.NoError(t, a.SetToken(ctx, old))
		before := f.refreshes.Load()
		var wg sync.WaitGroup
		for range 100 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				req, _ := http.NewRequestWithContext(ctx, http.MethodGet, f.URL()+"/admin/users/me", nil)
				assert.NoError(t, a.EditRequest(ctx, req))
				assert.NotEqual(t, "Bearer "+old, req.Header.Get("Authorization"), "a request went out with the old token after its refresh")
			}()
		}
		wg.Wait()
		require.Equal(t, int32(1), f.refreshes.Load()-before, "trial %d: refreshes for one expiry", trial)
	}
}

// A refresh endpoint that hangs does not fail calls whose token is still
// valid: each waits at most half its own time, then goes with the current
// token.
func TestRefreshAheadThatHangsUsesTheValidToken(t *testing.T) {
	release := make(chan struct{})
	var refreshes atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/auth/token/refresh" {
			refreshes.Add(1)
			select {
			case <-release:
			case <-r.Context().Done():
			}
			return
		}
		w.WriteHeader(200)
	}))
	defer srv.Close()
	defer close(release)
	a := mustNew(t, Config{BaseURL: srv.URL, RefreshBefore: time.Hour})
	tok := jwt(map[string]any{"actor_id": "user_1", "iat": time.Now().Add(-23 * time.Hour).Unix(), "exp": time.Now().Add(time.Hour - time.Minute).Unix()})
	require.NoError(t, a.SetToken(context.Background(), tok))

	// The call's own time is long enough that a loaded machine cannot eat the
	// half it keeps: what is asserted is that the refresh gave up while the
	// call still had time left, not how fast the machine is.
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/admin/users/me", nil)
	require.NoError(t, a.EditRequest(ctx, req))
	assert.Equal(t, "Bearer "+tok, req.Header.Get("Authorization"))
	require.NoError(t, ctx.Err(), "waited for the refresh until the call's own deadline")
	if d, ok := ctx.Deadline(); ok {
		assert.Greater(t, time.Until(d), time.Second, "waited for the refresh well past half the call's time")
	}
	resp, err := a.HTTPClient().Do(req)
	require.NoError(t, err, "the call must succeed with the valid token")
	resp.Body.Close()
	assert.Equal(t, int32(1), refreshes.Load())
}

// A failing refresh is not retried by every request: the valid token is
// used and the next try waits for the cooldown.
func TestRefreshAheadFailureCoolsDown(t *testing.T) {
	f := newFake(t)
	ctx := context.Background()
	a := mustNew(t, Config{BaseURL: f.URL(), RefreshBefore: time.Hour})
	unknown := jwt(map[string]any{"actor_id": "x", "iat": time.Now().Add(-23 * time.Hour).Unix(), "exp": time.Now().Add(10 * time.Minute).Unix()})
	require.NoError(t, a.SetToken(ctx, unknown))
	for range 5 {
		get(t, ctx, a, "/admin/users/me")
	}
	assert.Equal(t, int32(1), f.refreshes.Load())
	a.now = func() time.Time { return time.Now().Add(refreshCooldown + time.Second) }
	get(t, ctx, a, "/admin/users/me")
	assert.Equal(t, int32(2), f.refreshes.Load())
}

// RefreshBefore longer than the tokens' lifetime would refresh on every
// request: refresh-ahead uses half the lifetime instead and says so once.
func TestRefreshAheadWindowLongerThanLifetimeWarns(t *testing.T) {
	f := newFake(t)
	ctx := context.Background()
	var buf bytes.Buffer
	log := slog.New(slog.NewTextHandler(&syncWriter{w: &buf}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	a := mustNew(t, Config{BaseURL: f.URL(), RefreshBefore: 48 * time.Hour, Logger: log})
	_, err := a.Login(ctx, ActorUser, ProviderEmailPass, admin) // the fake issues 24 h tokens
	require.NoError(t, err)
	for range 10 {
		assert.Equal(t, 200, get(t, ctx, a, "/admin/users/me"))
	}
	assert.Equal(t, int32(0), f.refreshes.Load(), "a fresh 24 h token is not refreshed")
	assert.Equal(t, 1, bytes.Count(buf.Bytes(), []byte("RefreshBefore is not shorter than the token's lifetime")), buf.String())

	// Past half its lifetime, it is refreshed, once.
	a.now = func() time.Time { return time.Now().Add(13 * time.Hour) }
	assert.Equal(t, 200, get(t, ctx, a, "/admin/users/me"))
	assert.Equal(t, int32(1), f.refreshes.Load())
}
