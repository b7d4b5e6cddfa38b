//go:build integration

package gentest

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
	"github.com/medusa-sdk/medusa-go/v2/gen/store"
	"github.com/medusa-sdk/medusa-go/v2/internal/medusatest"
)

// withHeaders is a request editor that sets the header pairs kv (name, value, ...).
func withHeaders(kv ...string) func(context.Context, *http.Request) error {
	return func(_ context.Context, r *http.Request) error {
		for i := 0; i+1 < len(kv); i += 2 {
			r.Header.Set(kv[i], kv[i+1])
		}
		return nil
	}
}

// rawAdmin is the generated admin client on the test server, sending the headers kv.
func rawAdmin(t *testing.T, srv *medusatest.Server, kv ...string) *admin.ClientWithResponses {
	t.Helper()
	c, err := admin.NewClientWithResponses(srv.URL, admin.WithHTTPClient(srv.HTTPClient()), admin.WithRequestEditorFn(withHeaders(kv...)))
	require.NoError(t, err)
	return c
}

// rawStore is the generated store client on the test server, sending the headers kv.
func rawStore(t *testing.T, srv *medusatest.Server, kv ...string) *store.ClientWithResponses {
	t.Helper()
	c, err := store.NewClientWithResponses(srv.URL, store.WithHTTPClient(srv.HTTPClient()), store.WithRequestEditorFn(withHeaders(kv...)))
	require.NoError(t, err)
	return c
}
