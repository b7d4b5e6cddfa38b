package medusa_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2"
)

func TestDoSendsAndDecodes(t *testing.T) {
	var got *http.Request
	var gotBody string
	c := fake(t, func(w http.ResponseWriter, r *http.Request) {
		got = r
		b, _ := io.ReadAll(r.Body)
		gotBody = string(b)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"ok":true}`))
	}, medusa.WithGlobalHeaders(map[string]string{"x-app": "shop"}), medusa.WithLocale("fr-FR"))
	ctx := medusa.WithToken(context.Background(), "tok")

	var out struct{ OK bool }
	require.NoError(t, c.Do(ctx, "post", "/store/things?fixed=1", map[string]any{"id": []string{"a"}}, map[string]int{"n": 1}, &out))
	assert.True(t, out.OK)
	assert.Equal(t, "POST", got.Method)
	assert.Equal(t, "/store/things", got.URL.Path)
	assert.Equal(t, "fixed=1&id%5B0%5D=a", got.URL.RawQuery)
	assert.Equal(t, `{"n":1}`, gotBody)
	assert.Equal(t, "application/json", got.Header.Get("Content-Type"))
	assert.Equal(t, "Bearer tok", got.Header.Get("Authorization"))
	assert.Equal(t, "pk_test", got.Header.Get("x-publishable-api-key"))
	assert.Equal(t, "shop", got.Header.Get("X-App"))
	assert.Equal(t, "fr-FR", got.Header.Get("x-medusa-locale"))

	// Raw bodies go as given, and an option may change the content type.
	require.NoError(t, c.Do(ctx, "PUT", "/admin/x", nil, strings.NewReader("a,b"), nil, medusa.WithHeader("Content-Type", "text/csv")))
	assert.Equal(t, "a,b", gotBody)
	assert.Equal(t, "text/csv", got.Header.Get("Content-Type"))
	assert.Empty(t, got.Header.Get("x-publishable-api-key"), "only /store routes get the publishable key")
	require.NoError(t, c.Do(ctx, "POST", "/admin/x", nil, json.RawMessage(`{"raw":1}`), nil))
	assert.Equal(t, `{"raw":1}`, gotBody)
}

func TestDoRefusesBadArguments(t *testing.T) {
	var calls atomic.Int32
	c := fake(t, func(w http.ResponseWriter, r *http.Request) { calls.Add(1) })
	ctx := context.Background()
	for name, tc := range map[string]struct {
		method, path string
		query, body  any
		opt          medusa.RequestOption
	}{
		"absolute URL":    {"GET", "http://evil.example/x", nil, nil, nil},
		"scheme-relative": {"GET", "//evil.example/x", nil, nil, nil},
		"no slash":        {"GET", "store/x", nil, nil, nil},
		"empty method":    {"", "/x", nil, nil, nil},
		"bad method":      {"GE T", "/x", nil, nil, nil},
		"slice query":     {"GET", "/x", []string{"a"}, nil, nil},
		"bad body":        {"POST", "/x", nil, map[string]any{"c": make(chan int)}, nil},
		"credential":      {"GET", "/x", nil, nil, medusa.WithHeader("Authorization", "Bearer x")},
		"nil option":      {"GET", "/x", nil, nil, nil},
	} {
		opts := []medusa.RequestOption{tc.opt}
		if tc.opt == nil && name != "nil option" {
			opts = nil
		}
		err := c.Do(ctx, tc.method, tc.path, tc.query, tc.body, nil, opts...)
		assert.Error(t, err, name)
	}
	assert.Zero(t, calls.Load(), "no bad request is sent")
}

func TestDoNonJSONAnswers(t *testing.T) {
	c := fake(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		_, _ = w.Write([]byte("Created"))
	})
	require.NoError(t, c.Do(context.Background(), "POST", "/x", nil, nil, nil), "nil out discards any body")
	var out map[string]any
	var de *medusa.DecodeError
	require.ErrorAs(t, c.Do(context.Background(), "POST", "/x", nil, nil, &out), &de)
}

func TestGlobalHeaderOptionsValidate(t *testing.T) {
	for name, opt := range map[string]medusa.Option{
		"authorization":  medusa.WithGlobalHeaders(map[string]string{"Authorization": "x"}),
		"cookie":         medusa.WithGlobalHeaders(map[string]string{"cookie": "x"}),
		"publishable":    medusa.WithGlobalHeaders(map[string]string{"X-Publishable-Api-Key": "pk"}),
		"locale header":  medusa.WithGlobalHeaders(map[string]string{"x-medusa-locale": "fr"}),
		"line break":     medusa.WithGlobalHeaders(map[string]string{"x-a": "1\r\nx-b: 2"}),
		"bad name":       medusa.WithGlobalHeaders(map[string]string{"x a": "1"}),
		"empty locale":   medusa.WithLocale(""),
		"locale newline": medusa.WithLocale("fr\n"),
	} {
		_, err := medusa.New("http://localhost:9000", opt)
		assert.Error(t, err, name)
	}
	_, err := medusa.New("http://localhost:9000",
		medusa.WithGlobalHeaders(map[string]string{"x-a": "1"}), medusa.WithGlobalHeaders(map[string]string{"X-A": "2"}))
	assert.Error(t, err, "a header named twice")
	c, err := medusa.New("http://localhost:9000")
	require.NoError(t, err)
	assert.Error(t, c.SetLocale("a\nb"))
	assert.Empty(t, c.Locale())
}

// SetLocale may run while calls are in flight (run with -race).
func TestSetLocaleConcurrently(t *testing.T) {
	var seen sync.Map
	c := fake(t, func(w http.ResponseWriter, r *http.Request) {
		seen.Store(r.Header.Get(medusa.LocaleHeader), true)
	}, medusa.WithLocale("fr-FR"))
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 5 {
				if i%2 == 0 {
					assert.NoError(t, c.SetLocale([]string{"de-DE", "fr-FR"}[j%2]))
				}
				assert.NoError(t, c.Do(context.Background(), "GET", "/store/x", nil, nil, nil))
			}
		}()
	}
	wg.Wait()
	seen.Range(func(k, _ any) bool {
		assert.Contains(t, []string{"de-DE", "fr-FR"}, k, "every call carried a whole locale")
		return true
	})
}

func TestWithoutHeader(t *testing.T) {
	var got http.Header
	c := fake(t, func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"regions":[],"count":0,"offset":0,"limit":0}`))
	}, medusa.WithGlobalHeaders(map[string]string{"X-Tenant": "acme", "X-Other": "o"}), medusa.WithLocale("fr-FR"))
	ctx := context.Background()
	_, err := c.Store.ListRegions(ctx, nil, medusa.WithoutHeader("x-medusa-locale"), medusa.WithoutHeader("X-TENANT"))
	require.NoError(t, err)
	assert.Empty(t, got.Get("X-Medusa-Locale"))
	assert.Empty(t, got.Get("X-Tenant"))
	assert.Equal(t, "o", got.Get("X-Other"))
	assert.Equal(t, "pk_test", got.Get("X-Publishable-Api-Key"))
	require.NoError(t, c.Do(ctx, "GET", "/store/regions", nil, nil, nil, medusa.WithoutHeader("X-Other")))
	assert.Empty(t, got.Get("X-Other"))
	assert.Equal(t, "fr-FR", got.Get("X-Medusa-Locale"))
	for _, k := range []string{"Authorization", "cookie", "x-publishable-api-key", ""} {
		err := c.Do(ctx, "GET", "/store/regions", nil, nil, nil, medusa.WithoutHeader(k))
		assert.Error(t, err, k)
	}
}
