//go:build integration

package main

import (
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2/internal/medusatest"
)

// TestQuickstart runs the demo against the real test server, so that
// `make demo` keeps working: the catalogue is built, the customer's order
// is placed and paid, and the admin reads it back.
func TestQuickstart(t *testing.T) {
	srv := medusatest.Require(t)
	var out strings.Builder
	require.NoError(t, run(t.Context(), io.MultiWriter(&out, t.Output()), srv.URL, srv.AdminEmail, srv.AdminPassword))
	got := out.String()
	assert.Contains(t, got, "2 × T-shirt")
	assert.Regexp(t, `picture +t-shirt\.png uploaded: http\S+t-shirt\S*\.png`, got)
	assert.Regexp(t, `T-shirt \S+ +\w+ €2.*\(picture \S*t-shirt\S*\.png\)`, got, "the storefront sees the uploaded picture")
	assert.Regexp(t, `order +#\d+ placed: items €62\.50 \+ shipping €4\.90`, got)
	assert.Regexp(t, `order +#\d+ by ada-\w+@example\.com: pending, payment authorized`, got)
}
