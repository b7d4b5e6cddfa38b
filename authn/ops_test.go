package authn

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The auth routes are built by authn itself (not by a generated operation
// whose shape changes between Medusa releases): they keep a BaseURL's path
// prefix and put the actor type in the path.
func TestAuthRoutesKeepTheBaseURLPath(t *testing.T) {
	f := newFake(t)
	var mu sync.Mutex
	var seen []string
	prefixed := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.Method+" "+r.URL.Path)
		mu.Unlock()
		http.StripPrefix("/medusa", http.HandlerFunc(f.serve)).ServeHTTP(w, r)
	}))
	t.Cleanup(prefixed.Close)
	ctx := context.Background()

	a := mustNew(t, Config{BaseURL: prefixed.URL + "/medusa/", Mode: ModeSession})
	_, err := a.Login(ctx, ActorUser, ProviderEmailPass, admin)
	require.NoError(t, err)
	_, err = a.Refresh(ctx)
	require.NoError(t, err)
	require.NoError(t, a.Logout(ctx))

	assert.Equal(t, []string{
		"POST /medusa/auth/user/emailpass",
		"POST /medusa/auth/session",
		"POST /medusa/auth/token/refresh",
		"POST /medusa/auth/session",
		"DELETE /medusa/auth/session",
	}, seen)
}
