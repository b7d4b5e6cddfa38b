package sdkrt_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2/internal/sdkrt"
)

func withLimit(resp *http.Response, n int64) *http.Response {
	resp.Request = resp.Request.WithContext(sdkrt.WithMaxBody(context.Background(), n))
	return resp
}

// A body of exactly the limit is read; one byte more is a
// BodyTooLargeError, for Decode and ReadBody alike.
func TestBodyLimitBoundary(t *testing.T) {
	body := `{"a":"` + strings.Repeat("x", 100) + `"}`
	n := int64(len(body))
	var out map[string]string
	require.NoError(t, sdkrt.Decode(withLimit(response(200, "application/json", strings.NewReader(body)), n), nil, &out))
	assert.Len(t, out["a"], 100)

	err := sdkrt.Decode(withLimit(response(200, "application/json", strings.NewReader(body)), n-1), nil, &out)
	var tooLarge *sdkrt.BodyTooLargeError
	require.ErrorAs(t, err, &tooLarge)
	assert.Equal(t, n-1, tooLarge.Limit)
	var decErr *sdkrt.DecodeError
	require.ErrorAs(t, err, &decErr)
	assert.Empty(t, decErr.Snippet, "nothing of an oversized body is quoted")

	b, err := sdkrt.ReadBody(withLimit(response(200, "application/json", strings.NewReader(body)), n))
	require.NoError(t, err)
	assert.Equal(t, body, string(b))
	_, err = sdkrt.ReadBody(withLimit(response(200, "application/json", strings.NewReader(body)), n-1))
	require.ErrorAs(t, err, &tooLarge)

	// Without a limit on the context, the default applies.
	assert.Equal(t, sdkrt.DefaultMaxBody, sdkrt.MaxBody(response(200, "", strings.NewReader(""))))
	assert.Equal(t, sdkrt.DefaultMaxBody, sdkrt.MaxBody(nil))
}

// A transport error's URL loses its secret query values; errors.Is and
// errors.As still see the cause.
func TestSanitizeTransportError(t *testing.T) {
	jwt := "eyJhbGciOiJIUzI1NiJ9.eyJhY3Rvcl9pZCI6InVzZXJfMSJ9.c2lnbmF0dXJl"
	cause := &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}
	in := &url.Error{Op: "Get", URL: "http://u:p@h/admin/api-keys?token%5B0%5D=sk_live_0123456789abcdef&limit=2&access_token=opaque123", Err: cause}
	err := sdkrt.Decode(nil, in, nil)
	s := err.Error()
	for _, secret := range []string{"sk_live_0123456789abcdef", "opaque123", "u:p@"} {
		assert.NotContains(t, s, secret)
	}
	assert.Contains(t, s, "limit=2")
	var ue *url.Error
	require.ErrorAs(t, err, &ue)
	var oe *net.OpError
	require.ErrorAs(t, err, &oe)

	dl := &url.Error{Op: "Get", URL: "http://h/x?token=" + jwt, Err: context.DeadlineExceeded}
	err = sdkrt.Decode(nil, dl, nil)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.NotContains(t, err.Error(), jwt)
	assert.True(t, err.(*url.Error).Timeout())
}
