package qs_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
	"github.com/medusa-sdk/medusa-go/v2/internal/qs"
)

// An empty id and the dot segments would name another resource once a proxy
// or the server normalises the path: they are refused before a request
// exists.
func TestPathParamRefusesEmptyAndDotSegments(t *testing.T) {
	for _, bad := range []any{"", ".", "..", (*string)(nil)} {
		_, err := qs.PathParam("id", bad)
		require.ErrorIs(t, err, qs.ErrBadPathParam, "%#v", bad)
		assert.Contains(t, err.Error(), `path parameter "id"`)
	}
	for _, ok := range []string{"...", ".a", "a.", "%2e%2e", "../x", "prod_1"} {
		got, err := qs.PathParam("id", ok)
		require.NoError(t, err, ok)
		assert.NotContains(t, []string{"", ".", ".."}, got)
	}
	req, err := admin.NewDeleteProductsIdVariantsVariantIdRequest("http://h", "prod_1", "..", nil)
	assert.Nil(t, req)
	assert.ErrorIs(t, err, qs.ErrBadPathParam)
	_, err = admin.NewPostProductsIdRequestWithBody("http://h", "", nil, "application/json", nil)
	assert.ErrorIs(t, err, qs.ErrBadPathParam)
}
