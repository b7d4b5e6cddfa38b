package medusa_test

import (
	"context"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2"
)

// An id that is empty, "." or ".." would reach another route once a proxy
// normalises the path (DELETE .../variants/.. is DELETE the product): the
// call fails before anything is sent.
func TestDotSegmentIDsAreRefusedBeforeSending(t *testing.T) {
	var sent atomic.Int32
	c := fake(t, func(w http.ResponseWriter, _ *http.Request) { sent.Add(1) })
	ctx := context.Background()
	for _, id := range []string{"", ".", ".."} {
		_, err := c.Admin.DeleteProductVariant(ctx, "prod_1", id, nil)
		require.ErrorIs(t, err, medusa.ErrBadPathParam, "%q", id)
		_, err = c.Admin.DeleteProductVariant(ctx, id, "variant_1", nil)
		require.ErrorIs(t, err, medusa.ErrBadPathParam, "%q", id)
		// UpdateProduct's raw form: POST /admin/products/{id}.
		_, err = c.Admin.Raw().PostProductsIdWithBody(ctx, id, nil, "application/json", strings.NewReader(`{}`))
		require.ErrorIs(t, err, medusa.ErrBadPathParam, "%q", id)
		_, err = c.Store.GetProduct(ctx, id, nil)
		require.ErrorIs(t, err, medusa.ErrBadPathParam, "%q", id)
	}
	assert.Zero(t, sent.Load(), "requests reached the server")
}
