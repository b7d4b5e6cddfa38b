package medusa

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2/authn"
)

func testJWT(t *testing.T, claims map[string]any) string {
	enc := base64.RawURLEncoding
	p, err := json.Marshal(claims)
	require.NoError(t, err)
	return enc.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." + enc.EncodeToString(p) + ".c2ln"
}

// A refresh endpoint that hangs, called with context.Background() and a
// client timeout: the call waits for the refresh no more than half its
// timeout, then goes with the current (still valid) token and succeeds,
// all within the client's timeout; the generated calls, Do and HTTPClient
// alike.
func TestHangingRefreshStaysWithinTheClientTimeout(t *testing.T) {
	release := make(chan struct{})
	var refreshes atomic.Int32
	var authorized atomic.Int32
	tok := testJWT(t, map[string]any{"actor_id": "user_1", "actor_type": "user",
		"iat": time.Now().Add(-23 * time.Hour).Unix(), "exp": time.Now().Add(time.Hour - time.Minute).Unix()})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/auth/token/refresh" {
			refreshes.Add(1)
			select {
			case <-release:
			case <-r.Context().Done():
			}
			return
		}
		if r.Header.Get("Authorization") == "Bearer "+tok {
			authorized.Add(1)
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"user":{"id":"user_1"}}`))
	}))
	defer srv.Close()
	defer close(release)
	store := authn.NewMemoryStore()
	require.NoError(t, store.Set(context.Background(), authn.DefaultStorageKey, tok))
	const timeout = 1500 * time.Millisecond
	c, err := New(srv.URL, WithTimeout(timeout), WithRefreshAhead(time.Hour), WithTokenStore(store))
	require.NoError(t, err)

	calls := map[string]func() error{
		"generated": func() error { _, err := c.Admin.GetCurrentUser(context.Background(), nil); return err },
		"Do":        func() error { return c.Do(context.Background(), "GET", "/admin/custom", nil, nil, nil) },
		"HTTPClient": func() error {
			resp, err := c.HTTPClient().Get(srv.URL + "/admin/custom")
			if err == nil {
				resp.Body.Close()
			}
			return err
		},
	}
	for name, call := range calls {
		start := time.Now()
		require.NoError(t, call(), name)
		assert.Less(t, time.Since(start), timeout, "%s: within the client's timeout", name)
	}
	assert.Equal(t, int32(3), authorized.Load(), "each call went with the valid token")
	assert.Equal(t, int32(1), refreshes.Load(), "one refresh, then the cooldown")
}

// Refresh-ahead through the client, 100 goroutines calling at once with a
// token inside the window, 40 trials: exactly one refresh each time, and no
// call after it goes out with the old token.
func TestRefreshAheadOncePerExpiryThroughTheClient(t *testing.T) {
	var refreshes, stale atomic.Int32
	var current atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path == "/auth/token/refresh" {
			refreshes.Add(1)
			time.Sleep(2 * time.Millisecond)
			fresh := testJWT(t, map[string]any{"actor_id": "user_1", "actor_type": "user", "n": refreshes.Load(),
				"iat": time.Now().Unix(), "exp": time.Now().Add(24 * time.Hour).Unix()})
			current.Store(fresh)
			_ = json.NewEncoder(w).Encode(map[string]string{"token": fresh})
			return
		}
		if cur, _ := current.Load().(string); cur != "" && r.Header.Get("Authorization") != "Bearer "+cur {
			stale.Add(1)
		}
		_, _ = w.Write([]byte(`{"user":{"id":"user_1"}}`))
	}))
	defer srv.Close()
	for trial := range 40 {
		old := testJWT(t, map[string]any{"actor_id": "user_1", "actor_type": "user", "trial": trial,
			"iat": time.Now().Add(-23 * time.Hour).Unix(), "exp": time.Now().Add(30 * time.Minute).Unix()})
		current.Store("")
		store := authn.NewMemoryStore()
		require.NoError(t, store.Set(context.Background(), authn.DefaultStorageKey, old))
		c, err := New(srv.URL, WithRefreshAhead(time.Hour), WithTokenStore(store))
		require.NoError(t, err)
		before := refreshes.Load()
		var wg sync.WaitGroup
		for range 100 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := c.Admin.GetCurrentUser(context.Background(), nil)
				assert.NoError(t, err)
			}()
		}
		wg.Wait()
		require.Equal(t, int32(1), refreshes.Load()-before, "trial %d: refreshes for one expiry", trial)
	}
	assert.Zero(t, stale.Load(), "calls that went out with the old token after the refresh")
}
