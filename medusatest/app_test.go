package medusatest

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEmbeddedAppIsTheTestServer: the app the kit installs is the SDK's own
// test server (testdata/medusa-server), file for file. After changing that
// server (make release-prep, a new route), copy its package.json,
// package-lock.json, medusa-config.ts, tsconfig.json and src/ to
// medusatest/app.
func TestEmbeddedAppIsTheTestServer(t *testing.T) {
	server := filepath.Join("..", "testdata", "medusa-server")
	var want []string
	for _, name := range []string{"package.json", "package-lock.json", "medusa-config.ts", "tsconfig.json"} {
		want = append(want, name)
	}
	require.NoError(t, filepath.WalkDir(filepath.Join(server, "src"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(server, p)
			want = append(want, filepath.ToSlash(rel))
		}
		return err
	}))
	var got []string
	require.NoError(t, fs.WalkDir(app, "app", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			got = append(got, strings.TrimPrefix(p, "app/"))
		}
		return err
	}))
	assert.ElementsMatch(t, want, got, "medusatest/app must hold the test server's files")
	for _, name := range want {
		w, err := os.ReadFile(filepath.Join(server, filepath.FromSlash(name)))
		require.NoError(t, err)
		g, err := app.ReadFile("app/" + name)
		require.NoError(t, err, name)
		assert.Equal(t, string(w), string(g), "medusatest/app/%s differs from testdata/medusa-server/%s", name, name)
	}
	assert.NotEmpty(t, TargetRelease(), "the release the kit pins")
}
