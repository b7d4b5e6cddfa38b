package sdkrt_test

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2/apierror"
	"github.com/medusa-sdk/medusa-go/v2/internal/sdkrt"
)

func response(status int, ctype string, body io.Reader) *http.Response {
	h := http.Header{}
	if ctype != "" {
		h.Set("Content-Type", ctype)
	}
	return &http.Response{
		StatusCode: status, Header: h, Body: io.NopCloser(body), ContentLength: -1,
		Request: &http.Request{Method: "GET", URL: &url.URL{Path: "/store/products"}},
	}
}

type failingReader struct{ head []byte }

func (f *failingReader) Read(p []byte) (int, error) {
	if len(f.head) > 0 {
		n := copy(p, f.head)
		f.head = f.head[n:]
		return n, nil
	}
	return 0, errors.New("connection reset")
}

func TestDecodeErrors(t *testing.T) {
	type out struct {
		Count int `json:"count"`
	}
	for name, tc := range map[string]struct {
		status int
		ctype  string
		body   io.Reader
		cause  error
		msg    string
	}{
		"empty":          {200, "application/json", strings.NewReader(""), sdkrt.ErrEmptyBody, ""},
		"white space":    {200, "application/json", strings.NewReader(" \n"), sdkrt.ErrEmptyBody, ""},
		"not JSON":       {200, "text/html", strings.NewReader("<html>"), sdkrt.ErrNotJSON, ""},
		"truncated":      {200, "application/json", strings.NewReader(`{"count":`), nil, "unexpected end of JSON input"},
		"trailing data":  {200, "application/json", strings.NewReader(`{"count":1} {}`), nil, "invalid character"},
		"wrong type":     {200, "application/json", strings.NewReader(`{"count":"x"}`), nil, "cannot unmarshal"},
		"read error":     {200, "application/json", &failingReader{head: []byte(`{"count":`)}, nil, "connection reset"},
		"secret in body": {200, "", strings.NewReader(`{"token":"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abcdefghijklmnop"`), nil, ""},
	} {
		t.Run(name, func(t *testing.T) {
			var v out
			err := sdkrt.Decode(response(tc.status, tc.ctype, tc.body), nil, &v)
			var de *sdkrt.DecodeError
			require.ErrorAs(t, err, &de)
			assert.Equal(t, "/store/products", de.Path)
			assert.Equal(t, 200, de.StatusCode)
			if tc.cause != nil {
				assert.ErrorIs(t, err, tc.cause)
			}
			if tc.msg != "" {
				assert.Contains(t, err.Error(), tc.msg)
			}
			assert.NotContains(t, err.Error(), "eyJzdWIiOiIxMjM0NTY3ODkwIn0", "secrets are masked")
		})
	}
}

func TestDecodeOK(t *testing.T) {
	var v struct {
		Products []struct {
			ID string `json:"id"`
		} `json:"products"`
	}
	body := `{"products":[{"id":"prod_1"},{"id":"prod_2"}],"count":2}`
	resp := response(200, "application/json; charset=utf-8", strings.NewReader(body))
	resp.ContentLength = int64(len(body))
	require.NoError(t, sdkrt.Decode(resp, nil, &v))
	require.Len(t, v.Products, 2)
	assert.Equal(t, "prod_2", v.Products[1].ID)

	// A body much larger than any pooled buffer still decodes.
	big := `{"products":[` + strings.Repeat(`{"id":"p"},`, 600_000) + `{"id":"last"}]}`
	require.NoError(t, sdkrt.Decode(response(200, "application/vnd.api+json", bytes.NewReader([]byte(big))), nil, &v))
	assert.Len(t, v.Products, 600_001)

	// nil out discards the body.
	require.NoError(t, sdkrt.Decode(response(204, "", strings.NewReader("")), nil, nil))
}

func TestDecodePassesErrorsThrough(t *testing.T) {
	boom := errors.New("dial failed")
	assert.Same(t, boom, sdkrt.Decode(nil, boom, new(int)))
	assert.Error(t, sdkrt.Decode(nil, nil, new(int)))

	resp := response(404, "application/json", strings.NewReader(`{"type":"not_found","message":"Product was not found"}`))
	var apiErr *apierror.Error
	require.ErrorAs(t, sdkrt.Decode(resp, nil, new(int)), &apiErr)
	assert.Equal(t, 404, apiErr.StatusCode)
	assert.Equal(t, "Product was not found", apiErr.Message)
}
