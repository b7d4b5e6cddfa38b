package medusa

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// stalled accepts requests and never answers until the test ends.
func stalled(t *testing.T) *httptest.Server {
	done := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-done:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(func() { close(done); srv.Close() })
	return srv
}

// With default options every call has a finite bound: DefaultTimeout.
func TestDefaultTimeoutIsFiniteAndApplied(t *testing.T) {
	assert.Equal(t, time.Minute, DefaultTimeout)
	c, err := New("http://127.0.0.1:1")
	require.NoError(t, err)
	assert.Equal(t, DefaultTimeout, c.timeout)

	srv := stalled(t)
	c, err = New(srv.URL, WithTimeout(150*time.Millisecond), WithPublishableKey("pk_x"))
	require.NoError(t, err)
	start := time.Now()
	_, err = c.Store.ListProducts(context.Background(), nil)
	require.Error(t, err)
	assert.Less(t, time.Since(start), 2*time.Second)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	var te *TimeoutError
	require.ErrorAs(t, err, &te)
	assert.Contains(t, err.Error(), "client's timeout of 150ms")

	// A context deadline replaces the timeout, longer or shorter.
	ctx, cancel := context.WithTimeout(context.Background(), 400*time.Millisecond)
	defer cancel()
	start = time.Now()
	_, err = c.Store.ListProducts(ctx, nil)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.False(t, errors.As(err, &te), "the context's deadline ended it, not the client's timeout")
	assert.GreaterOrEqual(t, time.Since(start), 350*time.Millisecond)
}

// The timeout covers reading the answer, but a stream (text/event-stream)
// is bounded by it only until its headers arrive.
func TestTimeoutCoversBodiesButNotStreams(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/stream" {
			w.Header().Set("Content-Type", "text/event-stream")
		}
		w.WriteHeader(200)
		w.(http.Flusher).Flush()
		for i := range 3 {
			time.Sleep(150 * time.Millisecond)
			_, _ = io.WriteString(w, "data: "+strings.Repeat("x", i)+"\n\n")
			w.(http.Flusher).Flush()
		}
	}))
	defer srv.Close()
	c, err := New(srv.URL, WithTimeout(200*time.Millisecond))
	require.NoError(t, err)

	resp, err := c.HTTPClient().Get(srv.URL + "/slow-body")
	require.NoError(t, err)
	_, err = io.ReadAll(resp.Body)
	resp.Body.Close()
	var te *TimeoutError
	assert.ErrorAs(t, err, &te, "a slow body is cut at the timeout")

	resp, err = c.HTTPClient().Get(srv.URL + "/stream")
	require.NoError(t, err)
	defer resp.Body.Close()
	n := 0
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "data:") {
			n++
		}
	}
	require.NoError(t, sc.Err())
	assert.Equal(t, 3, n, "the stream outlives the timeout")
}

// The deadline would pass during the retry's wait: the call returns the
// server's last answer at once, not DeadlineExceeded after sleeping.
func TestRetryWaitClippedToTheDeadline(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.Header().Set("Retry-After", "5")
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(503)
		_, _ = io.WriteString(w, `{"type":"unexpected_state","message":"maintenance"}`)
	}))
	defer srv.Close()
	c, err := New(srv.URL, WithPublishableKey("pk_x"))
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	start := time.Now()
	_, err = c.Store.ListProducts(ctx, nil)
	var apiErr *Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 503, apiErr.StatusCode)
	assert.Equal(t, "maintenance", apiErr.Message)
	assert.Less(t, time.Since(start), time.Second, "did not sleep towards the deadline")
	assert.Equal(t, int32(1), calls.Load())

	// The same holds for the client's own timeout.
	c2, err := New(srv.URL, WithPublishableKey("pk_x"), WithTimeout(time.Second))
	require.NoError(t, err)
	_, err = c2.Store.ListProducts(context.Background(), nil)
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 503, apiErr.StatusCode)
}

// A Retry-After too large to multiply into a Duration is capped, not
// turned into a zero wait.
func TestHugeRetryAfterIsCapped(t *testing.T) {
	now := time.Now()
	for _, v := range []string{"9223372036854775807", "99999999999999999999999", "9999999999", "31", "Fri, 31 Dec 9999 23:59:59 GMT"} {
		d, ok := retryAfter(v, now)
		require.True(t, ok, v)
		assert.Equal(t, maxRetryAfter, d, v)
	}
	for v, want := range map[string]time.Duration{"0": 0, "-5": 0, "-99999999999999999999": 0, "2": 2 * time.Second} {
		d, ok := retryAfter(v, now)
		require.True(t, ok, v)
		assert.Equal(t, want, d, v)
	}
	p := RetryPolicy{MaxRetries: 100, BaseDelay: time.Second, MaxDelay: 5 * time.Second}
	for attempt := range 100 {
		d := p.backoff(attempt)
		assert.Positive(t, d, "attempt %d", attempt)
		assert.LessOrEqual(t, d, 5*time.Second+5*time.Second/2, "attempt %d", attempt)
	}
}

type idleCounter struct {
	http.RoundTripper
	closed atomic.Int32
}

func (c *idleCounter) CloseIdleConnections() { c.closed.Add(1) }

// CloseIdleConnections on the SDK's client reaches the caller's transport
// through the auth, timeout and retry wrappers.
func TestCloseIdleConnectionsPassesThrough(t *testing.T) {
	base := &idleCounter{RoundTripper: http.DefaultTransport}
	c, err := New("http://127.0.0.1:1", WithHTTPClient(&http.Client{Transport: base}))
	require.NoError(t, err)
	c.HTTPClient().CloseIdleConnections()
	assert.Equal(t, int32(1), base.closed.Load())
}
