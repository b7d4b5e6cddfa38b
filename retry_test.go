package medusa

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeSleep records the waits instead of sleeping.
type fakeSleep struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (f *fakeSleep) sleep(ctx context.Context, d time.Duration) error {
	f.mu.Lock()
	f.waits = append(f.waits, d)
	f.mu.Unlock()
	return ctx.Err()
}

func retryClient(policy RetryPolicy) (*http.Client, *fakeSleep) {
	fs := &fakeSleep{}
	return &http.Client{Transport: &retryTransport{next: http.DefaultTransport, policy: policy, sleep: fs.sleep}}, fs
}

// flaky answers the first `fail` requests with status, then 200 with the body it got.
func flaky(fail int, status int, header map[string]string) (*httptest.Server, *atomic.Int32) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if int(n.Add(1)) <= fail {
			for k, v := range header {
				w.Header().Set(k, v)
			}
			w.WriteHeader(status)
			_, _ = w.Write([]byte(`{"type":"unexpected_state","message":"try again"}`))
			return
		}
		_, _ = w.Write(body)
	}))
	return srv, &n
}

func TestRetryIdempotentOn5xxAnd429(t *testing.T) {
	for _, status := range []int{500, 502, 503, 504, 429} {
		srv, n := flaky(2, status, nil)
		c, fs := retryClient(DefaultRetryPolicy)
		resp, err := c.Get(srv.URL)
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, 200, resp.StatusCode, "status %d", status)
		assert.EqualValues(t, 3, n.Load(), "status %d", status)
		require.Len(t, fs.waits, 2)
		assert.GreaterOrEqual(t, fs.waits[1], 2*DefaultRetryPolicy.BaseDelay, "backoff grows")
		srv.Close()
	}
}

func TestRetryGivesUpAfterMaxRetries(t *testing.T) {
	srv, n := flaky(10, 503, nil)
	defer srv.Close()
	c, _ := retryClient(RetryPolicy{MaxRetries: 2})
	resp, err := c.Get(srv.URL)
	require.NoError(t, err)
	defer resp.Body.Close()
	assert.Equal(t, 503, resp.StatusCode)
	assert.EqualValues(t, 3, n.Load())
	b, _ := io.ReadAll(resp.Body)
	assert.Contains(t, string(b), "try again", "the last answer's body is intact")
}

func TestRetryHonoursRetryAfter(t *testing.T) {
	srv, _ := flaky(1, 429, map[string]string{"Retry-After": "3"})
	defer srv.Close()
	c, fs := retryClient(DefaultRetryPolicy)
	resp, err := c.Get(srv.URL)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, []time.Duration{3 * time.Second}, fs.waits)
}

func TestRetryAfterParsing(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for in, want := range map[string]time.Duration{
		"0": 0, "7": 7 * time.Second, "-3": 0, "99999": maxRetryAfter,
		now.Add(10 * time.Second).Format(http.TimeFormat): 10 * time.Second,
	} {
		got, ok := retryAfter(in, now)
		assert.True(t, ok, in)
		assert.Equal(t, want, got, in)
	}
	for _, in := range []string{"", "soon", "1.5"} {
		_, ok := retryAfter(in, now)
		assert.False(t, ok, in)
	}
}

func TestRetryPostOnlyWhenMarked(t *testing.T) {
	srv, n := flaky(1, 503, nil)
	defer srv.Close()
	c, _ := retryClient(DefaultRetryPolicy)
	for name, mark := range map[string]func(*http.Request) *http.Request{
		"plain":           func(r *http.Request) *http.Request { return r },
		"Idempotency-Key": func(r *http.Request) *http.Request { r.Header.Set("Idempotency-Key", "k1"); return r },
	} {
		n.Store(0)
		req, _ := http.NewRequest("POST", srv.URL, strings.NewReader(`{"a":1}`))
		resp, err := c.Do(mark(req))
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, 503, resp.StatusCode, "%s: a POST is not sent twice", name)
		assert.EqualValues(t, 1, n.Load(), name)
	}

	keys := &http.Client{Transport: &retryTransport{next: http.DefaultTransport, policy: DefaultRetryPolicy, keys: true, sleep: (&fakeSleep{}).sleep}}
	for name, tc := range map[string]struct {
		c    *http.Client
		mark func(*http.Request) *http.Request
	}{
		"Retryable": {c, func(r *http.Request) *http.Request { return r.WithContext(withRetryable(r.Context())) }},
		"Idempotency-Key with WithIdempotencyKeySupport": {keys, func(r *http.Request) *http.Request {
			r.Header.Set("Idempotency-Key", "k1")
			return r
		}},
	} {
		n.Store(0)
		req, _ := http.NewRequest("POST", srv.URL, strings.NewReader(`{"a":1}`))
		resp, err := tc.c.Do(tc.mark(req))
		require.NoError(t, err)
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		assert.Equal(t, 200, resp.StatusCode, name)
		assert.Equal(t, `{"a":1}`, string(b), "%s: the body is sent again whole", name)
		assert.EqualValues(t, 2, n.Load(), name)
	}
}

func TestRetryNotWhenBodyCannotBeResent(t *testing.T) {
	srv, n := flaky(1, 503, nil)
	defer srv.Close()
	c, _ := retryClient(DefaultRetryPolicy)
	req, _ := http.NewRequest("PUT", srv.URL, io.NopCloser(strings.NewReader("x"))) // no GetBody
	resp, err := c.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, 503, resp.StatusCode)
	assert.EqualValues(t, 1, n.Load())
}

func TestRetryStopsWhenContextDone(t *testing.T) {
	srv, n := flaky(10, 503, nil)
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	fs := &fakeSleep{}
	c := &http.Client{Transport: &retryTransport{next: http.DefaultTransport, policy: DefaultRetryPolicy,
		sleep: func(ctx context.Context, d time.Duration) error { cancel(); return fs.sleep(ctx, d) }}}
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL, nil)
	_, err := c.Do(req)
	require.ErrorIs(t, err, context.Canceled)
	assert.EqualValues(t, 1, n.Load())
}

func TestRetryOnConnectionReset(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close() // the connection dies before any answer
			}
			return
		}
		_, _ = w.Write([]byte("ok"))
	}))
	defer srv.Close()
	c, _ := retryClient(DefaultRetryPolicy)
	resp, err := c.Get(srv.URL)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, 200, resp.StatusCode)
	assert.EqualValues(t, 2, n.Load())
}
