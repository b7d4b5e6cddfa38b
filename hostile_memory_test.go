package medusa_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/gen/store"
)

// endless writes a JSON list that never ends: `{"products":[{...},{...},...`
// until the client stops reading, or n bytes when n > 0.
func endless(w http.ResponseWriter, n int) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = io.WriteString(w, `{"products":[`)
	item := []byte(`{"id":"prod_01HXYZ","title":"A shirt that never ends"},`)
	for sent := 0; n <= 0 || sent < n; sent += len(item) {
		if _, err := w.Write(item); err != nil {
			return
		}
	}
}

// allocated runs f and returns the bytes it allocated (all goroutines).
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// A server that streams a JSON answer without end costs the client the
// limit, not the stream: the call ends with a *BodyTooLargeError.
func TestEndlessAnswerIsCappedWithATypedError(t *testing.T) {
	const limit = 4 << 20
	c := fake(t, func(w http.ResponseWriter, _ *http.Request) { endless(w, 0) }, medusa.WithMaxBodySize(limit))
	var err error
	alloc := allocated(func() { _, err = c.Store.ListProducts(context.Background(), nil) })
	var tooLarge *medusa.BodyTooLargeError
	require.ErrorAs(t, err, &tooLarge)
	var decErr *medusa.DecodeError
	require.ErrorAs(t, err, &decErr)
	assert.EqualValues(t, limit, tooLarge.Limit)
	assert.Equal(t, "/store/products", tooLarge.Path)
	assert.Contains(t, err.Error(), "larger than the limit of 4194304 bytes")
	t.Logf("endless JSON answer, limit 4 MiB: %.1f MiB allocated by the call", float64(alloc)/(1<<20))
	assert.Less(t, alloc, uint64(3*limit), "allocations must stay within a few times the limit")
}

// gzipBomb is a gzip stream of n MiB of zeros inside a JSON string: about
// a thousandth of that on the wire.
func gzipBomb(t testing.TB, mib int) []byte {
	var zipped bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&zipped, gzip.BestCompression)
	zeros := make([]byte, 1<<20)
	_, _ = zw.Write([]byte(`{"products":[],"pad":"`))
	for range mib {
		_, _ = zw.Write(zeros)
	}
	require.NoError(t, zw.Close())
	return zipped.Bytes()
}

// A gzip bomb: the limit counts decompressed bytes, so a small answer on
// the wire cannot inflate past it. (BenchmarkHostileBody in bench/ measures
// the same with the default limit and a 1 GiB bomb.)
func TestGzipBombIsCapped(t *testing.T) {
	const limit = 4 << 20
	bomb := gzipBomb(t, 16)
	require.Less(t, len(bomb), 32<<10, "the bomb is small on the wire")
	c := fake(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Encoding", "gzip")
		_, _ = w.Write(bomb)
	}, medusa.WithMaxBodySize(limit))
	var err error
	alloc := allocated(func() { _, err = c.Store.ListProducts(context.Background(), nil) })
	var tooLarge *medusa.BodyTooLargeError
	require.ErrorAs(t, err, &tooLarge)
	assert.EqualValues(t, limit, tooLarge.Limit)
	t.Logf("gzip bomb (%d KiB on the wire, 16 MiB inflated), limit 4 MiB: %.1f MiB allocated by the call",
		len(bomb)>>10, float64(alloc)/(1<<20))
	assert.Less(t, alloc, uint64(3*limit), "allocations must stay within a few times the limit")
}

// An announced Content-Length over the limit is refused before reading, and
// the raw clients' WithResponse parsers obey the same limit.
func TestAnnouncedTooLargeAndRawParsersAreCapped(t *testing.T) {
	var served atomic.Int64
	c := fake(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("announce") != "" {
			w.Header().Set("Content-Length", "10485760")
		}
		w.Header().Set("Content-Type", "application/json")
		body := `{"products":[],"count":0,"offset":0,"limit":50,"pad":"` + strings.Repeat("x", 2<<10) + `"}`
		n, _ := io.WriteString(w, body)
		served.Add(int64(n))
	}, medusa.WithMaxBodySize(1<<10))
	_, err := c.Store.ListProducts(context.Background(), nil)
	var tooLarge *medusa.BodyTooLargeError
	require.ErrorAs(t, err, &tooLarge)

	raw, err := store.NewClientWithResponses(c.Auth.BaseURL(), store.WithHTTPClient(c.HTTPClient()))
	require.NoError(t, err)
	// A raw client built on HTTPClient reads through its capped bodies.
	_, err = raw.GetProductsWithResponse(context.Background(), nil)
	require.ErrorAs(t, err, &tooLarge)
	// Through c.Store.Raw() the client's limit applies.
	r2, err := c.Store.Raw().GetProducts(context.Background(), nil)
	require.NoError(t, err)
	_, err = store.ParseGetProductsResponse(r2)
	require.ErrorAs(t, err, &tooLarge)
}

func TestWithMaxBodySizeValidates(t *testing.T) {
	for _, n := range []int64{0, -1} {
		_, err := medusa.New("http://localhost:9000", medusa.WithMaxBodySize(n))
		assert.Error(t, err)
	}
}

// A 200 text/html answer (a proxy's page) and an error answer are read to
// their end before closing, so the connection serves the next call.
func TestUnreadAnswersAreDrainedForReuse(t *testing.T) {
	var conns atomic.Int32
	page := "<html><body>" + strings.Repeat("maintenance ", 2000) + "</body></html>"
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/store/products":
			w.Header().Set("Content-Type", "text/html")
			_, _ = io.WriteString(w, page)
		default:
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(404)
			_, _ = io.WriteString(w, `{"type":"not_found","message":"`+strings.Repeat("n", 100<<10)+`"}`)
		}
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()
	c, err := medusa.New(srv.URL, medusa.WithPublishableKey("pk_test"))
	require.NoError(t, err)
	for range 5 {
		_, err := c.Store.ListProducts(context.Background(), nil)
		var decErr *medusa.DecodeError
		require.ErrorAs(t, err, &decErr)
		_, err = c.Store.GetProduct(context.Background(), "prod_1", nil)
		var apiErr *medusa.Error
		require.ErrorAs(t, err, &apiErr)
	}
	assert.Equal(t, int32(1), conns.Load(), "every call reused the first connection")
}

// ListProductsAll against a server whose count never ends and which ignores
// the offset: the walk stops with an error after one page instead of
// yielding the same products forever.
func TestAllAgainstALyingCount(t *testing.T) {
	var calls atomic.Int32
	c := fake(t, func(w http.ResponseWriter, _ *http.Request) {
		calls.Add(1)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"products":[{"id":"prod_1"},{"id":"prod_2"}],"count":1000000000,"offset":0,"limit":2}`)
	})
	n := 0
	var last error
	for _, err := range c.Store.ListProductsAll(context.Background(), &store.ListProductsParams{Limit: medusa.Ptr(2)}) {
		if err != nil {
			last = err
			break
		}
		n++
		require.Less(t, n, 100, "the walk does not end")
	}
	assert.True(t, errors.Is(last, medusa.ErrOffsetIgnored), "%v", last)
	assert.Equal(t, 2, n)
	assert.Equal(t, int32(2), calls.Load())
}
