package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2/internal/cmd/namelock"
)

// A release v2.18.0 is tagged with the committed locks; the gate passes on
// it, fails on a deliberate rename and on a changed signature, and passes
// again when CHANGELOG.md declares the rename under v3.
func TestGateOnAReleaseTag(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", "..", ".."))
	require.NoError(t, err)
	dir := t.TempDir()
	t.Chdir(dir)
	git := func(args ...string) {
		cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.com"}, args...)...)
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "git %v: %s", args, out)
	}
	git("init", "-q", "-b", "main")
	require.NoError(t, os.MkdirAll("openapi/names", 0o755))
	src := filepath.Join(root, "openapi", "names")
	for _, api := range apis {
		b, err := os.ReadFile(filepath.Join(src, api+".json"))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile("openapi/names/"+api+".json", b, 0o644))
	}
	git("add", ".")
	git("commit", "-q", "-m", "release")
	git("tag", "v2.18.0")

	require.NoError(t, run("", "openapi/names", "CHANGELOG.md"), "unchanged: compatible")

	edit := func(fn func(l *namelock.Lock)) {
		l, err := namelock.Load("openapi/names/admin.json")
		require.NoError(t, err)
		fn(l)
		require.NoError(t, l.Save("openapi/names/admin.json"))
	}
	edit(func(l *namelock.Lock) { l.Routes["GET /admin/products/{id}/options"].Method = "ListOptionsOfProduct" })
	err = run("", "openapi/names", "CHANGELOG.md")
	require.Error(t, err, "a deliberate rename fails the gate")
	assert.Contains(t, err.Error(), "1 incompatible change(s) since v2.18.0")

	require.NoError(t, os.WriteFile("CHANGELOG.md", []byte("# Changelog\n\n## v2.19.0\n\n### Breaking\n\n- `admin.GetProductsIdOptions` renamed\n"), 0o644))
	require.Error(t, run("", "openapi/names", "CHANGELOG.md"), "a minor release cannot declare a break")
	require.NoError(t, os.WriteFile("CHANGELOG.md", []byte("# Changelog\n\n## v3.0.0\n\n### Breaking\n\n- `admin.GetProductsIdOptions` is now `ListOptionsOfProduct`\n"), 0o644))
	require.NoError(t, run("", "openapi/names", "CHANGELOG.md"), "declared under a major bump")

	git("checkout", "-q", "--", "openapi/names")
	require.NoError(t, os.Remove("CHANGELOG.md"))
	edit(func(l *namelock.Lock) {
		e := l.Routes["GET /admin/products"]
		e.In = strings.TrimPrefix(e.In, "*") // another signature
	})
	require.Error(t, run("", "openapi/names", "CHANGELOG.md"), "a changed signature fails against a release")
	require.NoError(t, run("main", "openapi/names", "CHANGELOG.md"), "main is not a release: changes are listed, not failed")
}
