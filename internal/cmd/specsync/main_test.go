package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func sum(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// isolate keeps a test away from the developer's environment: no mirror or
// URL from the environment, and a cache of its own (returned).
func isolate(t *testing.T) string {
	t.Helper()
	t.Setenv("MEDUSA_OAS_DIR", "")
	t.Setenv("MEDUSA_OAS_URL", "")
	cache := filepath.Join(t.TempDir(), "cache")
	t.Setenv("MEDUSA_OAS_CACHE", cache)
	return cache
}

// writeLock writes a lock of the older form ("specs": {name: sha256}).
func writeLock(t *testing.T, dir, version string, specs map[string]string) string {
	t.Helper()
	p := filepath.Join(dir, "lock.json")
	body := fmt.Sprintf(`{"medusa": %q, "specs": {`, version)
	i := 0
	for n, s := range specs {
		if i > 0 {
			body += ","
		}
		body += fmt.Sprintf("%q: %q", n, s)
		i++
	}
	body += "}}"
	require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
	return p
}

func TestSyncFromDirectory(t *testing.T) {
	tmp := t.TempDir()
	base := filepath.Join(tmp, "shared")
	src := filepath.Join(base, "9.9.9")
	require.NoError(t, os.MkdirAll(src, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(src, "store.oas.yaml"), []byte("store"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(src, "admin.oas.yaml"), []byte("admin"), 0o644))
	out := filepath.Join(tmp, "out")
	lock := writeLock(t, tmp, "9.9.9", map[string]string{"store.oas.yaml": sum("store"), "admin.oas.yaml": sum("admin")})

	isolate(t)
	require.NoError(t, run([]string{"-lock", lock, "-base", base, "-out", out}))
	b, err := os.ReadFile(filepath.Join(out, "admin.oas.yaml"))
	require.NoError(t, err)
	assert.Equal(t, "admin", string(b))

	// A changed file is refused, naming both sums.
	require.NoError(t, os.WriteFile(filepath.Join(src, "admin.oas.yaml"), []byte("tampered"), 0o644))
	err = run([]string{"-lock", lock, "-dir", src, "-out", out})
	require.Error(t, err)
	assert.Contains(t, err.Error(), sum("tampered"))
	assert.Contains(t, err.Error(), sum("admin"))

	// A missing file says where it looked and how to point elsewhere.
	err = run([]string{"-lock", lock, "-dir", filepath.Join(tmp, "nowhere"), "-out", out})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "missing")
	assert.Contains(t, err.Error(), "MEDUSA_OAS_DIR")
}

func TestSyncFromURL(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/specs/store.oas.yaml":
			fmt.Fprint(w, "store")
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	isolate(t)
	tmp := t.TempDir()
	out := filepath.Join(tmp, "out")
	lock := writeLock(t, tmp, "9.9.9", map[string]string{"store.oas.yaml": sum("store")})
	require.NoError(t, run([]string{"-lock", lock, "-url", srv.URL + "/specs/", "-out", out}))

	lock = writeLock(t, tmp, "9.9.9", map[string]string{"admin.oas.yaml": sum("admin")})
	err := run([]string{"-lock", lock, "-url", srv.URL + "/specs", "-out", out})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "404")
	assert.Contains(t, err.Error(), srv.URL+"/specs/admin.oas.yaml", "the error names the URL")
}

func TestBadLocks(t *testing.T) {
	isolate(t)
	tmp := t.TempDir()
	for name, body := range map[string]string{
		"not json":     "{",
		"no version":   `{"specs": {"a": "` + sum("a") + `"}}`,
		"no specs":     `{"medusa": "1"}`,
		"short sum":    `{"medusa": "1", "specs": {"a": "abc"}}`,
		"not hex":      `{"medusa": "1", "specs": {"a": "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"}}`,
		"unknown keys": `{"medusa": "1", "specs": {}, "x": 1}`,
	} {
		p := filepath.Join(tmp, "lock.json")
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
		assert.Error(t, run([]string{"-lock", p, "-dir", tmp, "-out", tmp}), name)
	}
	assert.Error(t, run([]string{"-lock", filepath.Join(tmp, "absent.json")}))
}
