package bench

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"testing"
	"time"

	"github.com/medusa-sdk/medusa-go/v2"
)

// BenchmarkHostileBody measures what a hostile answer costs a call with the
// default body limit (medusa.DefaultMaxBodySize): a JSON list that never
// ends, and a gzip bomb of 1 GiB (about 1 MiB on the wire). B/op is what
// the call allocated before failing with a *medusa.BodyTooLargeError;
// peak-heap-MiB the largest heap seen while it ran (sampled every
// millisecond). Run: go test -run '^$' -bench HostileBody -benchtime 3x ./bench/
func BenchmarkHostileBody(b *testing.B) {
	var zipped bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&zipped, gzip.BestCompression)
	_, _ = zw.Write([]byte(`{"products":[],"pad":"`))
	zeros := make([]byte, 1<<20)
	for range 1 << 10 {
		_, _ = zw.Write(zeros)
	}
	_ = zw.Close()
	bomb := zipped.Bytes()
	item := []byte(`{"id":"prod_01HXYZ","title":"A shirt that never ends"},`)

	for _, tc := range []struct {
		name  string
		serve http.HandlerFunc
	}{
		{"endless-json", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{"products":[`)
			for {
				if _, err := w.Write(item); err != nil {
					return
				}
			}
		}},
		{"gzip-bomb-1GiB", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Content-Encoding", "gzip")
			_, _ = w.Write(bomb)
		}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			srv := httptest.NewServer(tc.serve)
			defer srv.Close()
			c, err := medusa.New(srv.URL, medusa.WithPublishableKey(PublishableKey))
			if err != nil {
				b.Fatal(err)
			}
			runtime.GC()
			peak := make(chan uint64)
			stop := make(chan struct{})
			go func() {
				var m runtime.MemStats
				var max uint64
				t := time.NewTicker(time.Millisecond)
				defer t.Stop()
				for {
					select {
					case <-stop:
						peak <- max
						return
					case <-t.C:
						runtime.ReadMemStats(&m)
						max = maxU(max, m.HeapInuse)
					}
				}
			}()
			b.ReportAllocs()
			for b.Loop() {
				_, err := c.Store.ListProducts(context.Background(), nil)
				var tooLarge *medusa.BodyTooLargeError
				if !errors.As(err, &tooLarge) {
					b.Fatalf("want a BodyTooLargeError, got %v", err)
				}
			}
			close(stop)
			b.ReportMetric(float64(<-peak)/(1<<20), "peak-heap-MiB")
		})
	}
}

func maxU(a, b uint64) uint64 {
	if a > b {
		return a
	}
	return b
}
