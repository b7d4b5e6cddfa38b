package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bytedance/sonic"
	gojson "github.com/goccy/go-json"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2/internal/sdkrt"
)

// BenchmarkPerCall is benchmark 1 of issue 6: the same call made three ways
// (see paths_test.go) against an httptest server answering with the
// recorded Medusa 2.18.0 responses, all in one run.
func BenchmarkPerCall(b *testing.B) {
	e := newEnv(b, false)
	for _, tg := range targets {
		for _, v := range []struct {
			name string
			mk   func(*env) call
		}{{"a-nethttp", tg.a}, {"b-generated", tg.b}, {"c-sdk", tg.c}} {
			fn := v.mk(e)
			b.Run("resp="+tg.name+"/path="+v.name, func(b *testing.B) {
				ctx := context.Background()
				b.ReportAllocs()
				for b.Loop() {
					if _, err := fn(ctx); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
	if n := e.static.Rejections.Load(); n != 0 {
		b.Fatalf("the static server rejected %d requests", n)
	}
}

// codec is a whole-body decoder measured behind sdkrt.DecodeWith.
type codec struct {
	name      string
	unmarshal func([]byte, any) error
}

// codecs are the decoders compared behind sdkrt.Decode. A GOEXPERIMENT=jsonv2
// build adds encoding/json/v2 (jsonv2_test.go), and its "std" is then
// encoding/json v1 as implemented over v2.
var codecs = []codec{
	{"std", sdkrt.StdUnmarshal},
	{"goccy", gojson.Unmarshal},
	{"sonic", sonic.ConfigStd.Unmarshal},
	{"sdkrt", sdkrt.Unmarshal}, // what Decode uses: sdkrt.Backend, falling back to std
}

// streams decode straight from the body instead of reading it first.
var streams = []struct {
	name   string
	decode func(io.Reader, any) error
}{
	{"std-stream", func(r io.Reader, v any) error { return json.NewDecoder(r).Decode(v) }},
	{"goccy-stream", func(r io.Reader, v any) error { return gojson.NewDecoder(r).Decode(v) }},
	{"sonic-stream", func(r io.Reader, v any) error { return sonic.ConfigStd.NewDecoder(r).Decode(v) }},
}

// fakeResponse is a 200 answer carrying body, as the transport hands it to
// sdkrt.Decode.
func fakeResponse(req *http.Request, body []byte) *http.Response {
	return &http.Response{
		StatusCode: 200, ContentLength: int64(len(body)), Request: req,
		Header: http.Header{"Content-Type": jsonHeader},
		Body:   io.NopCloser(bytes.NewReader(body)),
	}
}

// decodeFiles are the answers BenchmarkDecode measures, with short names.
var decodeFiles = map[string]string{
	"products-list-50.json": "list50", "products-list-50-region.json": "list50-region",
	"product.json": "product", "cart.json": "cart", "order.json": "order",
}

// BenchmarkDecode compares the decoders behind sdkrt.Decode on each recorded
// answer, without the network: body in memory → generated type.
func BenchmarkDecode(b *testing.B) {
	req := &http.Request{Method: "GET", URL: &url.URL{Path: "/store/x"}}
	for _, r := range recorded(b) {
		short, ok := decodeFiles[r.File]
		if !ok {
			continue
		}
		for _, c := range codecs {
			b.Run("resp="+short+"/codec="+c.name, func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(len(r.Body)))
				for b.Loop() {
					if err := sdkrt.DecodeWith(c.unmarshal, fakeResponse(req, r.Body), nil, r.New()); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
		for _, s := range streams {
			b.Run("resp="+short+"/codec="+s.name, func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(len(r.Body)))
				for b.Loop() {
					resp := fakeResponse(req, r.Body)
					if err := s.decode(resp.Body, r.New()); err != nil {
						b.Fatal(err)
					}
					resp.Body.Close()
				}
			})
		}
	}
}

// BenchmarkConcurrency is benchmark 3 of issue 6: the full SDK path (a
// single product, 15 KB) from 64 goroutines sharing one client against one
// goroutine, with a JWT and with a session cookie. ns/op is wall time per
// call, so 64 goroutines on 2 cores should show a lower ns/op, never a
// higher one; calls/s says the same as a rate.
func BenchmarkConcurrency(b *testing.B) {
	for _, mode := range []string{"jwt", "session"} {
		e := newEnv(b, mode == "session")
		fn := targetNamed(b, "product").c(e)
		ctx := context.Background()
		b.Run("mode="+mode+"/goroutines=1", func(b *testing.B) {
			b.ReportAllocs()
			start := time.Now()
			for b.Loop() {
				if _, err := fn(ctx); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "calls/s")
		})
		b.Run("mode="+mode+"/goroutines=64", func(b *testing.B) {
			b.ReportAllocs()
			procs := runtime.GOMAXPROCS(0)
			b.SetParallelism((64 + procs - 1) / procs) // RunParallel starts parallelism × GOMAXPROCS goroutines
			start := time.Now()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if _, err := fn(ctx); err != nil {
						b.Error(err)
						return
					}
				}
			})
			b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "calls/s")
		})
		if n := e.static.Rejections.Load(); n != 0 {
			b.Fatalf("%s: the static server rejected %d requests", mode, n)
		}
	}
}

// TestPathsAgree runs each path of BenchmarkPerCall once per target and
// requires the same decoded value from all three: the benchmark compares
// equal work. It is the fast smoke test of the benchmarks (no timing).
func TestPathsAgree(t *testing.T) {
	for _, session := range []bool{false, true} {
		e := newEnv(t, session)
		for _, tg := range targets {
			t.Run(tg.name+"/session="+strconv.FormatBool(session), func(t *testing.T) {
				ctx := context.Background()
				a, err := tg.a(e)(ctx)
				require.NoError(t, err)
				bv, err := tg.b(e)(ctx)
				require.NoError(t, err)
				c, err := tg.c(e)(ctx)
				require.NoError(t, err)
				assert.True(t, reflect.DeepEqual(a, bv), "a and b differ")
				// the SDK's records also say which keys came (their JSON
				// fields); the values must be the same
				assert.True(t, reflect.DeepEqual(a, withoutPresence(c)), "a and c differ")
			})
		}
		assert.Zero(t, e.static.Rejections.Load(), "the static server rejected requests")
	}
}

// TestCodecsAgree checks that every codec measured in BenchmarkDecode reads
// each recorded answer as encoding/json does, so that the numbers compare
// equal work.
func TestCodecsAgree(t *testing.T) {
	req := &http.Request{Method: "GET", URL: &url.URL{Path: "/store/x"}}
	for _, r := range recorded(t) {
		want := r.New()
		require.NoError(t, json.Unmarshal(r.Body, want))
		for _, c := range codecs {
			got := r.New()
			require.NoError(t, sdkrt.DecodeWith(c.unmarshal, fakeResponse(req, r.Body), nil, got), "%s %s", r.File, c.name)
			assert.True(t, reflect.DeepEqual(want, got), "%s: %s differs from encoding/json", r.File, c.name)
		}
		for _, s := range streams {
			got := r.New()
			require.NoError(t, s.decode(bytes.NewReader(r.Body), got), "%s %s", r.File, s.name)
			assert.True(t, reflect.DeepEqual(want, got), "%s: %s differs from encoding/json", r.File, s.name)
		}
	}
}

func targetNamed(tb testing.TB, name string) target {
	for _, tg := range targets {
		if tg.name == name {
			return tg
		}
	}
	tb.Fatalf("no target %q", name)
	return target{}
}

// withoutPresence zeroes, in place, every record's JSON field (the presence
// the SDK's methods fill) in the value v points to, and returns v.
func withoutPresence(v any) any {
	var walk func(reflect.Value)
	walk = func(rv reflect.Value) {
		switch rv.Kind() {
		case reflect.Pointer, reflect.Interface:
			if !rv.IsNil() {
				walk(rv.Elem())
			}
		case reflect.Slice, reflect.Array:
			for i := 0; i < rv.Len(); i++ {
				walk(rv.Index(i))
			}
		case reflect.Struct:
			for i := 0; i < rv.NumField(); i++ {
				f := rv.Field(i)
				if rv.Type().Field(i).Name == "JSON" && strings.HasSuffix(f.Type().Name(), "Presence") && f.CanSet() {
					f.SetZero()
				} else if rv.Type().Field(i).IsExported() {
					walk(f)
				}
			}
		}
	}
	walk(reflect.ValueOf(v))
	return v
}
