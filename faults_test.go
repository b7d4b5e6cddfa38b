package medusa_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/internal/sdkrt"
)

const productList = `{"products":[{"id":"prod_1","title":"Shirt"}],"count":1,"offset":0,"limit":50}`

// fake serves handler and returns a client for it with fast retries.
func fake(t *testing.T, handler http.HandlerFunc, opts ...medusa.Option) *medusa.Client {
	t.Helper()
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)
	opts = append([]medusa.Option{medusa.WithPublishableKey("pk_test"),
		medusa.WithRetry(medusa.RetryPolicy{MaxRetries: 2, BaseDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond})}, opts...)
	c, err := medusa.New(srv.URL, opts...)
	require.NoError(t, err)
	return c
}

func TestListDecodes(t *testing.T) {
	var got *http.Request
	c := fake(t, func(w http.ResponseWriter, r *http.Request) {
		got = r
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		_, _ = w.Write([]byte(productList))
	})
	list, err := c.Store.ListProducts(context.Background(), nil)
	require.NoError(t, err)
	require.Len(t, list.Products, 1)
	assert.Equal(t, "pk_test", got.Header.Get("x-publishable-api-key"))
	assert.Equal(t, "/store/products", got.URL.Path)
}

func TestHTMLErrorPage(t *testing.T) {
	var calls atomic.Int32
	c := fake(t, func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		_, _ = w.Write([]byte("<html><body><h1>502 Bad Gateway</h1></body></html>"))
	})
	_, err := c.Store.ListProducts(context.Background(), nil)
	var apiErr *medusa.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 502, apiErr.StatusCode)
	assert.Contains(t, apiErr.Message, "502 Bad Gateway")
	assert.Contains(t, string(apiErr.Body), "<h1>")
	assert.EqualValues(t, 3, calls.Load(), "a GET is retried twice on 5xx")
}

func TestBadSuccessBodies(t *testing.T) {
	for name, tc := range map[string]struct {
		status int
		ctype  string
		body   string
		cause  error
	}{
		"truncated JSON": {200, "application/json", productList[:40], nil},
		"204 no body":    {204, "", "", sdkrt.ErrEmptyBody},
		"empty 200":      {200, "application/json", "", sdkrt.ErrEmptyBody},
		"HTML 200":       {200, "text/html", "<html>hi</html>", sdkrt.ErrNotJSON},
		"wrong shape":    {200, "application/json", `{"products":"nope"}`, nil},
	} {
		t.Run(name, func(t *testing.T) {
			c := fake(t, func(w http.ResponseWriter, r *http.Request) {
				if tc.ctype != "" {
					w.Header().Set("Content-Type", tc.ctype)
				}
				w.WriteHeader(tc.status)
				_, _ = w.Write([]byte(tc.body))
			})
			out, err := c.Store.ListProducts(context.Background(), nil)
			assert.Nil(t, out)
			var de *medusa.DecodeError
			require.ErrorAs(t, err, &de)
			assert.Equal(t, tc.status, de.StatusCode)
			assert.Equal(t, "/store/products", de.Path)
			if tc.cause != nil {
				assert.ErrorIs(t, err, tc.cause)
			}
		})
	}
}

func TestContextDeadlineOnSlowServer(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	c := fake(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := c.Store.ListProducts(ctx, nil)
	require.Error(t, err)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
}

func TestCancelledContext(t *testing.T) {
	c := fake(t, func(w http.ResponseWriter, r *http.Request) { t.Error("no request expected") })
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := c.Store.ListProducts(ctx, nil)
	assert.ErrorIs(t, err, context.Canceled)
}

func TestConnectionResetMidBody(t *testing.T) {
	c := fake(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", "1000")
		w.WriteHeader(200)
		_, _ = w.Write([]byte(productList[:30]))
		w.(http.Flusher).Flush()
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
	})
	_, err := c.Store.ListProducts(context.Background(), nil)
	require.Error(t, err)
	var de *medusa.DecodeError
	assert.ErrorAs(t, err, &de)
}

func TestTooManyRequestsRetryAfter(t *testing.T) {
	var calls atomic.Int32
	c := fake(t, func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(productList))
	})
	start := time.Now()
	list, err := c.Store.ListProducts(context.Background(), nil)
	require.NoError(t, err)
	assert.Len(t, list.Products, 1)
	assert.EqualValues(t, 2, calls.Load())
	assert.GreaterOrEqual(t, time.Since(start), time.Second, "Retry-After is honoured")
}

func TestMedusaErrorBody(t *testing.T) {
	c := fake(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(422)
		_, _ = w.Write([]byte(`{"code":"invalid_request_error","type":"duplicate_error","message":"Customer with this email already has an account"}`))
	})
	_, err := c.Store.ListProducts(context.Background(), nil)
	var apiErr *medusa.Error
	require.True(t, errors.As(err, &apiErr))
	assert.Equal(t, 422, apiErr.StatusCode)
	assert.Equal(t, "duplicate_error", apiErr.Type)
	assert.Equal(t, "invalid_request_error", apiErr.Code)
	assert.Equal(t, "Customer with this email already has an account", apiErr.Message)
}

func TestNewValidatesOptions(t *testing.T) {
	for name, tc := range map[string]struct {
		url  string
		opts []medusa.Option
	}{
		"empty URL":          {"", nil},
		"relative URL":       {"localhost:9000", nil},
		"ftp URL":            {"ftp://x", nil},
		"key and session":    {"http://x", []medusa.Option{medusa.WithSecretAPIKey("sk_1"), medusa.WithSession()}},
		"twice":              {"http://x", []medusa.Option{medusa.WithPublishableKey("a"), medusa.WithPublishableKey("b")}},
		"nil http client":    {"http://x", []medusa.Option{medusa.WithHTTPClient(nil)}},
		"negative retries":   {"http://x", []medusa.Option{medusa.WithMaxRetries(-1)}},
		"nil option":         {"http://x", []medusa.Option{nil}},
		"empty publishable":  {"http://x", []medusa.Option{medusa.WithPublishableKey("")}},
		"zero refresh ahead": {"http://x", []medusa.Option{medusa.WithRefreshAhead(0)}},
	} {
		_, err := medusa.New(tc.url, tc.opts...)
		assert.Error(t, err, name)
	}
	c, err := medusa.New("http://localhost:9000")
	require.NoError(t, err)
	assert.NotNil(t, c.Store)
	assert.NotNil(t, c.Admin)
	assert.NotNil(t, c.Auth)
}

func TestWithHeaderRefusesCredentials(t *testing.T) {
	c := fake(t, func(w http.ResponseWriter, r *http.Request) { t.Error("no request expected") })
	_, err := c.Store.ListProducts(context.Background(), nil, medusa.WithHeader("Authorization", "Bearer x"))
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "Bearer x")
}
