//go:build integration

package main

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2/internal/medusatest"
)

// TestQuickstart runs the demo against the real test server, so that
// `make demo` keeps working.
func TestQuickstart(t *testing.T) {
	srv := medusatest.Require(t)
	require.NoError(t, run(t.Context(), srv.URL, srv.AdminEmail, srv.AdminPassword))
}
