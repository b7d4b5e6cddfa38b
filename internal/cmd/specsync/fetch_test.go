package main

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2/internal/cmd/speclock"
)

// newLock writes a lock of the current form: each spec with its sum and URL.
func newLock(t *testing.T, dir string, l map[string]any) string {
	t.Helper()
	b, err := json.Marshal(l)
	require.NoError(t, err)
	p := filepath.Join(dir, "lock.json")
	require.NoError(t, os.WriteFile(p, b, 0o644))
	return p
}

func spec(body, url string) map[string]string {
	return map[string]string{"sha256": sum(body), "url": url}
}

// specServer serves path -> body and counts the requests.
func specServer(t *testing.T, files map[string]string) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		body, ok := files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv, &hits
}

// With no mirror, a file is downloaded from the lock's URL, checked, and
// kept in the cache under its sum; the next run reads the cache and asks
// the network nothing.
func TestDownloadVerifiesAndCaches(t *testing.T) {
	cache := isolate(t)
	srv, hits := specServer(t, map[string]string{"/c0ffee/specs/store/openapi.full.yaml": "store bytes"})
	tmp := t.TempDir()
	lock := newLock(t, tmp, map[string]any{
		"medusa": "9.9.9",
		"specs":  map[string]any{"store.oas.yaml": spec("store bytes", srv.URL+"/c0ffee/specs/store/openapi.full.yaml")},
	})
	out := filepath.Join(tmp, "out")
	args := []string{"-lock", lock, "-base", filepath.Join(tmp, "no-mirror"), "-out", out}
	require.NoError(t, run(args))
	assert.Equal(t, int32(1), hits.Load())
	b, err := os.ReadFile(filepath.Join(out, "store.oas.yaml"))
	require.NoError(t, err)
	assert.Equal(t, "store bytes", string(b))
	cached, err := os.ReadFile(filepath.Join(cache, sum("store bytes")))
	require.NoError(t, err)
	assert.Equal(t, "store bytes", string(cached))
	entries, err := os.ReadDir(cache)
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no temporary file is left in the cache")

	require.NoError(t, os.RemoveAll(out))
	require.NoError(t, run(args))
	assert.Equal(t, int32(1), hits.Load(), "the second run reads the cache")
	b, err = os.ReadFile(filepath.Join(out, "store.oas.yaml"))
	require.NoError(t, err)
	assert.Equal(t, "store bytes", string(b))
}

// A download whose sum is not the lock's is refused, naming the file, the
// URL and both sums, and nothing is cached or written.
func TestDownloadMismatchIsRefused(t *testing.T) {
	cache := isolate(t)
	srv, _ := specServer(t, map[string]string{"/admin.yaml": "tampered"})
	tmp := t.TempDir()
	lock := newLock(t, tmp, map[string]any{
		"medusa": "9.9.9",
		"specs":  map[string]any{"admin.oas.yaml": spec("admin", srv.URL+"/admin.yaml")},
	})
	out := filepath.Join(tmp, "out")
	err := run([]string{"-lock", lock, "-base", filepath.Join(tmp, "no-mirror"), "-out", out})
	require.Error(t, err)
	for _, s := range []string{"admin.oas.yaml", srv.URL + "/admin.yaml", sum("tampered"), sum("admin"), lock} {
		assert.Contains(t, err.Error(), s)
	}
	assert.NoFileExists(t, filepath.Join(cache, sum("admin")))
	assert.NoFileExists(t, filepath.Join(cache, sum("tampered")))
	assert.NoFileExists(t, filepath.Join(out, "admin.oas.yaml"))
}

// MEDUSA_OAS_URL replaces the lock's URLs: <url>/<file name>, checked and
// cached the same way.
func TestMedusaOASURL(t *testing.T) {
	cache := isolate(t)
	srv, hits := specServer(t, map[string]string{"/mirror/store.oas.yaml": "store"})
	tmp := t.TempDir()
	lock := newLock(t, tmp, map[string]any{
		"medusa": "9.9.9",
		"specs":  map[string]any{"store.oas.yaml": spec("store", "https://example.invalid/store.yaml")},
	})
	t.Setenv("MEDUSA_OAS_URL", srv.URL+"/mirror")
	require.NoError(t, run([]string{"-lock", lock, "-out", filepath.Join(tmp, "out")}))
	assert.Equal(t, int32(1), hits.Load())
	assert.FileExists(t, filepath.Join(cache, sum("store")))
}

// The mirror of the spec release (not of "medusa") comes before the cache
// and the network; a file the mirror lacks is taken from the cache.
func TestMirrorOfTheSpecReleaseFirst(t *testing.T) {
	cache := isolate(t)
	srv, hits := specServer(t, nil)
	tmp := t.TempDir()
	base := filepath.Join(tmp, "shared")
	require.NoError(t, os.MkdirAll(filepath.Join(base, "9.8.0"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(base, "9.8.0", "store.oas.yaml"), []byte("store"), 0o644))
	require.NoError(t, os.MkdirAll(cache, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(cache, sum("admin")), []byte("admin"), 0o644))
	lock := newLock(t, tmp, map[string]any{
		"medusa":       "9.9.9",
		"spec_release": "9.8.0",
		"specs": map[string]any{
			"store.oas.yaml": spec("store", srv.URL+"/store"),
			"admin.oas.yaml": spec("admin", srv.URL+"/admin"),
		},
		"npm": map[string]string{"@medusajs/medusa": "9.9.9"},
	})
	out := filepath.Join(tmp, "out")
	require.NoError(t, run([]string{"-lock", lock, "-base", base, "-out", out}))
	assert.Equal(t, int32(0), hits.Load(), "nothing is downloaded")
	for _, n := range []string{"store", "admin"} {
		b, err := os.ReadFile(filepath.Join(out, n+".oas.yaml"))
		require.NoError(t, err)
		assert.Equal(t, n, string(b))
	}

	// A mirror file with another sum is refused, not passed over.
	require.NoError(t, os.WriteFile(filepath.Join(base, "9.8.0", "store.oas.yaml"), []byte("edited"), 0o644))
	err := run([]string{"-lock", lock, "-base", base, "-out", out})
	require.Error(t, err)
	for _, s := range []string{"store.oas.yaml", filepath.Join(base, "9.8.0", "store.oas.yaml"), sum("edited"), sum("store")} {
		assert.Contains(t, err.Error(), s)
	}

	// So is a damaged cache file, saying what to do.
	require.NoError(t, os.WriteFile(filepath.Join(cache, sum("admin")), []byte("half"), 0o644))
	require.NoError(t, os.RemoveAll(filepath.Join(base, "9.8.0")))
	err = run([]string{"-lock", lock, "-base", base, "-out", out})
	require.Error(t, err)
	assert.Contains(t, err.Error(), filepath.Join(cache, sum("admin")))
	assert.Contains(t, err.Error(), sum("half"))
	assert.Contains(t, err.Error(), "delete it")
}

// No mirror, no cache and no network: the error says, per file, what was
// tried and how to provide the file.
func TestNoSourceSaysWhatWasTriedAndHowToProvide(t *testing.T) {
	cache := isolate(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	dead := "http://" + l.Addr().String() + "/spec/store.yaml"
	require.NoError(t, l.Close())
	tmp := t.TempDir()
	lock := newLock(t, tmp, map[string]any{
		"medusa": "9.9.9",
		"specs":  map[string]any{"store.oas.yaml": spec("store", dead)},
	})
	mirror := filepath.Join(tmp, "shared")
	err = run([]string{"-lock", lock, "-base", mirror, "-out", filepath.Join(tmp, "out")})
	require.Error(t, err)
	msg := err.Error()
	for _, s := range []string{
		"store.oas.yaml", sum("store"),
		filepath.Join(mirror, "9.9.9", "store.oas.yaml"), // the mirror tried
		filepath.Join(cache, sum("store")),               // the cache tried, and where to put the file
		"downloading " + dead,                            // the download tried
		"MEDUSA_OAS_DIR", "MEDUSA_OAS_CACHE",
	} {
		assert.Contains(t, msg, s)
	}
	t.Log(msg)

	// A lock of the older form gives no URL: said so.
	old := writeLock(t, tmp, "9.9.9", map[string]string{"store.oas.yaml": sum("store")})
	err = run([]string{"-lock", old, "-base", mirror, "-out", filepath.Join(tmp, "out")})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "gives no url for store.oas.yaml")
}

func TestPrint(t *testing.T) {
	tmp := t.TempDir()
	lock := newLock(t, tmp, map[string]any{
		"medusa": "9.9.9", "spec_release": "9.8.0",
		"specs": map[string]any{"store.oas.yaml": spec("store", "https://example.invalid/s")},
	})
	require.NoError(t, run([]string{"-lock", lock, "-print", "spec_release"}))
	assert.Error(t, run([]string{"-lock", lock, "-print", "sha"}))
	l, err := speclock.Read(lock)
	require.NoError(t, err)
	for name, want := range map[string]string{"medusa": "9.9.9", "spec_release": "9.8.0"} {
		got, err := field(l, name)
		require.NoError(t, err)
		assert.Equal(t, want, got, name)
	}
	// spec_release omitted: the release of "medusa".
	l.SpecRelease = ""
	got, err := field(l, "spec_release")
	require.NoError(t, err)
	assert.Equal(t, "9.9.9", got)
}
