package medusa_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2"
)

// The body limit outside the generated clients: a body read from
// c.HTTPClient() ends with a *BodyTooLargeError at the limit (also when
// the length is announced, and counted after decompression for a gzip
// bomb), and c.Do and UploadFiles end the same way.
func TestBodyLimitOutsideTheGeneratedClients(t *testing.T) {
	const limit = 1 << 20
	bomb := gzipBomb(t, 16)
	c := fake(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("gzip") != "" {
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Content-Encoding", "gzip")
			_, _ = w.Write(bomb)
			return
		}
		if r.URL.Query().Get("announce") != "" {
			w.Header().Set("Content-Length", "10485760")
		}
		endless(w, 10<<20)
	}, medusa.WithMaxBodySize(limit))
	ctx := context.Background()
	var tooLarge *medusa.BodyTooLargeError

	for _, q := range []string{"", "?announce=1", "?gzip=1"} {
		req, err := c.NewRequest(ctx, http.MethodGet, "/store/custom"+q, nil, nil)
		require.NoError(t, err)
		resp, err := c.HTTPClient().Do(req)
		require.NoError(t, err)
		var got []byte
		alloc := allocated(func() { got, err = io.ReadAll(resp.Body) })
		resp.Body.Close()
		require.ErrorAs(t, err, &tooLarge, "HTTPClient %q", q)
		assert.EqualValues(t, limit, tooLarge.Limit)
		assert.Equal(t, "/store/custom", tooLarge.Path)
		assert.LessOrEqual(t, len(got), limit)
		t.Logf("HTTPClient body %q, limit 1 MiB: %.1f MiB allocated (server included)", q, float64(alloc)/(1<<20))
		assert.Less(t, alloc, uint64(6*limit), "HTTPClient %q (the server in this process allocates too)", q)
	}

	err := c.Do(ctx, http.MethodGet, "/store/custom", nil, nil, &map[string]any{})
	require.ErrorAs(t, err, &tooLarge, "Do")
	err = c.Do(ctx, http.MethodGet, "/store/custom", nil, nil, nil)
	require.NoError(t, err, "Do without out reads nothing it would keep")

	_, err = c.UploadFiles(ctx, medusa.File{Name: "a.txt", Content: strings.NewReader("hello")})
	require.ErrorAs(t, err, &tooLarge, "UploadFiles")
}

// An event stream is bounded per event, not as a whole: many small events
// past the body limit all arrive; one event larger than the limit, as one
// line or as many data lines, ends the stream with a *BodyTooLargeError
// after allocating a few times the limit.
// longLineChunk is the part of one endless event line the fake server of
// TestEventStreamIsBoundedPerEvent writes at a time.
var longLineChunk = strings.Repeat("y", 64<<10)

func TestEventStreamIsBoundedPerEvent(t *testing.T) {
	const limit = 64 << 10
	c := fake(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		switch r.URL.Path {
		case "/admin/many":
			ev := "data: " + strings.Repeat("x", 1000) + "\n\n"
			for range 4 * limit / len(ev) {
				_, _ = io.WriteString(w, ev)
			}
		case "/admin/long-line":
			_, _ = io.WriteString(w, "data: ok\n\ndata: ")
			for range 64 {
				// One chunk for every write: the server's own allocations
				// must not grow with how long the client takes to hang up.
				if _, err := io.WriteString(w, longLineChunk); err != nil {
					return
				}
			}
		case "/admin/many-lines":
			_, _ = io.WriteString(w, "data: ok\n\n")
			for range 1 << 20 {
				if _, err := io.WriteString(w, "data: zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz\n"); err != nil {
					return
				}
			}
		}
	}, medusa.WithMaxBodySize(limit))
	ctx := context.Background()

	n := 0
	for _, err := range c.Events(ctx, "/admin/many", nil) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 4*limit/1008, n, "every event of a stream longer than the limit")

	for _, path := range []string{"/admin/long-line", "/admin/many-lines"} {
		var events int
		var last error
		alloc := allocated(func() {
			for _, err := range c.Events(ctx, path, nil) {
				if err != nil {
					last = err
					break
				}
				events++
			}
		})
		var tooLarge *medusa.BodyTooLargeError
		require.ErrorAs(t, last, &tooLarge, path)
		assert.EqualValues(t, limit, tooLarge.Limit)
		assert.Equal(t, path, tooLarge.Path)
		assert.Equal(t, 1, events, "%s: the event before the large one arrived", path)
		t.Logf("event stream %s, limit 64 KiB: %d KiB allocated (server included)", path, alloc>>10)
		assert.Less(t, alloc, uint64(16*limit), "%s: %d bytes allocated", path, alloc)
	}
}
