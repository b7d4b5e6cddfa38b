//go:build integration

package medusa_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/apierror"
	"github.com/medusa-sdk/medusa-go/v2/internal/medusatest"
)

// Medusa's authentication middleware answers a request without credentials
// with a 401 whose body has no "type"; the SDK still reports the type
// "unauthorized", so one check covers every 401.
func TestMiddleware401IsTypedUnauthorized(t *testing.T) {
	srv := medusatest.Require(t)
	c, err := medusa.New(srv.URL, medusa.WithPublishableKey(srv.PublishableKey(t)))
	require.NoError(t, err)
	ctx := ctxT(t)

	for name, call := range map[string]func() error{
		"admin route, no credentials": func() error { _, err := c.Admin.GetCurrentUser(ctx, nil); return err },
		"store route, no customer":    func() error { _, err := c.Store.GetCurrentCustomer(ctx, nil); return err },
		"admin route, garbage token": func() error {
			_, err := c.Admin.GetCurrentUser(medusa.WithToken(ctx, "garbage"), nil)
			return err
		},
	} {
		err := call()
		var apiErr *medusa.Error
		require.ErrorAs(t, err, &apiErr, name)
		assert.Equal(t, 401, apiErr.StatusCode, name)
		assert.NotContains(t, string(apiErr.Body), `"type"`, "%s: the server's body has no type (%s)", name, apiErr.Body)
		assert.Equal(t, apierror.TypeUnauthorized, apiErr.Type, name)
		assert.True(t, apierror.IsType(err, apierror.TypeUnauthorized), name)
	}
}
