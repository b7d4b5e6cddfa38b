package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
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
	git := newRepo(t)
	git("add", ".")
	git("commit", "-q", "-m", "release")
	git("tag", "v2.18.0")

	require.NoError(t, run("", "openapi/names", "CHANGELOG.md"), "unchanged: compatible")

	edit(t, func(l *namelock.Lock) { l.Routes["GET /admin/products/{id}/options"].Method = "ListOptionsOfProduct" })
	err := run("", "openapi/names", "CHANGELOG.md")
	require.Error(t, err, "a deliberate rename fails the gate")
	assert.Contains(t, err.Error(), "1 incompatible change(s) since v2.18.0")

	require.NoError(t, os.WriteFile("CHANGELOG.md", []byte("# Changelog\n\n## v2.19.0\n\n### Breaking\n\n- `admin.GetProductsIdOptions` renamed\n"), 0o644))
	require.Error(t, run("", "openapi/names", "CHANGELOG.md"), "a minor release cannot declare a break")
	require.NoError(t, os.WriteFile("CHANGELOG.md", []byte("# Changelog\n\n## v3.0.0\n\n### Breaking\n\n- `admin.GetProductsIdOptions` is now `ListOptionsOfProduct`\n"), 0o644))
	require.NoError(t, run("", "openapi/names", "CHANGELOG.md"), "declared under a major bump")

	git("checkout", "-q", "--", "openapi/names")
	require.NoError(t, os.Remove("CHANGELOG.md"))
	edit(t, func(l *namelock.Lock) {
		e := l.Routes["GET /admin/products"]
		e.In = strings.TrimPrefix(e.In, "*") // another signature
	})
	require.Error(t, run("", "openapi/names", "CHANGELOG.md"), "a changed signature fails against a release")
	require.NoError(t, run("main", "openapi/names", "CHANGELOG.md"), "main is not a release: changes are listed, not failed")
}

// newRepo makes a git repository in a temporary directory holding the
// committed names locks (not yet committed there), changes into it and
// returns a function running git in it.
func newRepo(t *testing.T) func(args ...string) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", "..", ".."))
	require.NoError(t, err)
	t.Chdir(t.TempDir())
	git := gitIn(t, ".")
	git("init", "-q", "-b", "main")
	require.NoError(t, os.MkdirAll("openapi/names", 0o755))
	for _, api := range apis {
		b, err := os.ReadFile(filepath.Join(root, "openapi", "names", api+".json"))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile("openapi/names/"+api+".json", b, 0o644))
	}
	return git
}

func gitIn(t *testing.T, dir string) func(args ...string) string {
	return func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "advice.detachedHead=false"}, args...)...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "git %v: %s", args, out)
		return strings.TrimSpace(string(out))
	}
}

// edit changes the admin names lock of the working tree.
func edit(t *testing.T, fn func(l *namelock.Lock)) {
	t.Helper()
	l, err := namelock.Load("openapi/names/admin.json")
	require.NoError(t, err)
	fn(l)
	require.NoError(t, l.Save("openapi/names/admin.json"))
}

func writeChangelog(t *testing.T, text string) {
	t.Helper()
	require.NoError(t, os.WriteFile("CHANGELOG.md", []byte(text), 0o644))
}

const rename = "GET /admin/products/{id}/options"

// Tags need not reach the clone CI runs in: v2.18.0 is released by the
// commit that adds "## v2.18.0" to CHANGELOG.md, and the gate finds it in a
// clone without tags. It passes on that history, fails on a deliberate
// rename, and refuses to guess in a shallow clone.
func TestGateOnAChangelogRelease(t *testing.T) {
	git := newRepo(t)
	writeChangelog(t, "# Changelog\n\n## Unreleased\n\n- names lock\n")
	git("add", ".")
	git("commit", "-q", "-m", "names lock")
	rel, err := lastRelease("openapi/names", "CHANGELOG.md")
	require.NoError(t, err)
	assert.Equal(t, "", rel.version, "an Unreleased section is no release")

	writeChangelog(t, "# Changelog\n\n## v2.18.0 (unreleased)\n\n- names lock\n")
	git("commit", "-q", "-am", "prepare v2.18.0")
	rel, err = lastRelease("openapi/names", "CHANGELOG.md")
	require.NoError(t, err)
	assert.Equal(t, "", rel.version, "a heading that says unreleased is no release")

	writeChangelog(t, "# Changelog\n\n## v2.18.0\n\n- names lock\n")
	git("commit", "-q", "-am", "release v2.18.0")
	released := git("rev-parse", "HEAD")
	git("tag", "v2.18.0")
	edit(t, func(l *namelock.Lock) { l.Routes["GET /admin/new-things"] = &namelock.Entry{Method: "ListNewThings"} })
	writeChangelog(t, "# Changelog\n\n## Unreleased\n\n- `admin.ListNewThings`\n\n## v2.18.0\n\n- names lock\n")
	git("commit", "-q", "-am", "a new route after the release")

	// The clone CI works in: the whole history, no tags.
	clone := t.TempDir()
	git("clone", "-q", "--no-tags", ".", clone)
	t.Chdir(clone)
	assert.Empty(t, gitIn(t, ".")("tag"), "the clone has no tags")
	rel, err = lastRelease("openapi/names", "CHANGELOG.md")
	require.NoError(t, err)
	assert.Equal(t, release{ref: released, version: "v2.18.0", from: "the commit " + released[:12] + " that added its heading to CHANGELOG.md"}, rel)
	require.NoError(t, run("", "openapi/names", "CHANGELOG.md"), "main after the release: compatible")

	edit(t, func(l *namelock.Lock) { l.Routes[rename].Method = "ListOptionsOfProduct" })
	err = run("", "openapi/names", "CHANGELOG.md")
	require.Error(t, err, "a deliberate rename fails the gate")
	assert.Contains(t, err.Error(), "1 incompatible change(s) since v2.18.0")
	gitIn(t, ".")("checkout", "-q", "--", "openapi/names")

	// A newer release heading wins over an older tag.
	writeChangelog(t, "# Changelog\n\n## v2.19.0\n\n- `admin.ListNewThings`\n\n## v2.18.0\n\n- names lock\n")
	gitIn(t, ".")("commit", "-q", "-am", "release v2.19.0")
	gitIn(t, ".")("tag", "v2.18.0", released)
	rel, err = lastRelease("openapi/names", "CHANGELOG.md")
	require.NoError(t, err)
	assert.Equal(t, "v2.19.0", rel.version)

	// A shallow clone without tags cannot know the release: a clear error,
	// not a pass.
	shallow := t.TempDir()
	gitIn(t, ".")("clone", "-q", "--no-tags", "--depth", "1", "file://"+clone, shallow)
	t.Chdir(shallow)
	err = run("", "openapi/names", "CHANGELOG.md")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "shallow")
	assert.Contains(t, err.Error(), "v2.19.0")
}

// The release's lock may be of an older format than today's code reads
// (aliases were a list of names before they recorded their types): the gate
// reads it, still fails on a rename, and refuses an unknown format with an
// error that says so.
func TestGateReadsAnOlderLockFormat(t *testing.T) {
	git := newRepo(t)
	b, err := os.ReadFile("openapi/names/admin.json")
	require.NoError(t, err)
	var doc struct {
		Routes map[string]map[string]any `json:"routes"`
	}
	require.NoError(t, json.Unmarshal(b, &doc))
	lists := 0
	for _, e := range doc.Routes {
		if a, ok := e["aliases"].(map[string]any); ok {
			names := make([]string, 0, len(a))
			for n := range a {
				names = append(names, n)
			}
			sort.Strings(names)
			e["aliases"] = names
			lists++
		}
	}
	require.NotZero(t, lists)
	old, err := json.MarshalIndent(doc, "", "  ")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile("openapi/names/admin.json", old, 0o644))
	git("add", ".")
	git("commit", "-q", "-m", "release with the first lock format")
	git("tag", "v2.18.0")
	require.NoError(t, os.WriteFile("openapi/names/admin.json", b, 0o644))

	require.NoError(t, run("", "openapi/names", "CHANGELOG.md"), "today's lock against the first format: compatible")
	edit(t, func(l *namelock.Lock) {
		e := l.Routes[rename]
		for a := range e.Aliases {
			delete(e.Aliases, a)
			break
		}
	})
	err = run("", "openapi/names", "CHANGELOG.md")
	require.Error(t, err, "an alias gone is seen against the first format")
	assert.Contains(t, err.Error(), "1 incompatible change(s) since v2.18.0")

	require.NoError(t, os.WriteFile("openapi/names/admin.json", []byte(`{"routes": {"GET /x": {"method": "X", "aliases": 3}}}`), 0o644))
	git("commit", "-q", "-am", "a lock of no known format")
	git("tag", "v2.18.1")
	require.NoError(t, os.WriteFile("openapi/names/admin.json", b, 0o644))
	err = run("", "openapi/names", "CHANGELOG.md")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "openapi/names/admin.json at v2.18.1: names lock: not a format this version reads")
	assert.NotContains(t, err.Error(), "cannot unmarshal")
}

// The newest version heading of CHANGELOG.md follows the README's
// versioning rule: the module's major, Medusa's minor, not older than the
// last release.
func TestVersionRule(t *testing.T) {
	t.Chdir(t.TempDir())
	require.NoError(t, os.MkdirAll("openapi", 0o755))
	require.NoError(t, os.WriteFile("go.mod", []byte("module github.com/medusa-sdk/medusa-go/v2\n\ngo 1.26.0\n"), 0o644))
	require.NoError(t, os.WriteFile("openapi/lock.json", []byte(`{"medusa": "2.18.0", "specs": {}}`), 0o644))
	base := release{ref: "v2.18.0", version: "v2.18.0"}
	for log, want := range map[string]string{
		"# Changelog\n\n## Unreleased\n":          "",
		"## Unreleased\n\n## v2.18.0\n":           "",
		"## v2.18.1 (unreleased)\n\n## v2.18.0\n": "",
		"## v2.19.0\n":                            "generated from Medusa 2.18.0: the SDK's minor version is Medusa's (v2.18.x)",
		"## v3.18.0\n\n### Breaking\n":            "the module's major version is v2",
		"## v2.18.0\n":                            "",
		"## v2.17.3\n":                            "older than the last release v2.18.0",
	} {
		err := checkVersion([]byte(log), base, "go.mod", "openapi/lock.json")
		if want == "" {
			assert.NoError(t, err, log)
		} else if assert.Error(t, err, log) {
			assert.Contains(t, err.Error(), want, log)
		}
	}
	// Moved to Medusa 2.21 after v2.18.1, not released yet: the last
	// release's heading passes, a new heading must be v2.21.x.
	require.NoError(t, os.WriteFile("openapi/lock.json", []byte(`{"medusa": "2.21.2", "specs": {}}`), 0o644))
	last := release{ref: "v2.18.1", version: "v2.18.1"}
	assert.NoError(t, checkVersion([]byte("## Unreleased\n\n## v2.18.1\n"), last, "go.mod", "openapi/lock.json"), "between releases")
	assert.NoError(t, checkVersion([]byte("## v2.21.0 (unreleased)\n\n## v2.18.1\n"), last, "go.mod", "openapi/lock.json"))
	for _, log := range []string{"## v2.18.2\n\n## v2.18.1\n", "## v2.19.0\n\n## v2.18.1\n"} {
		err := checkVersion([]byte(log), last, "go.mod", "openapi/lock.json")
		if assert.Error(t, err, log) {
			assert.Contains(t, err.Error(), "the SDK's minor version is Medusa's (v2.21.x)", log)
		}
	}
	require.NoError(t, os.WriteFile("openapi/lock.json", []byte(`{"medusa": "2.18.0", "specs": {}}`), 0o644))
	require.NoError(t, os.WriteFile("go.mod", []byte("module github.com/medusa-sdk/medusa-go/v3\n"), 0o644))
	assert.NoError(t, checkVersion([]byte("## v3.18.0\n"), base, "go.mod", "openapi/lock.json"), "a major release with its module path")
}

func TestKitExportedAPI(t *testing.T) {
	before, err := exported(map[string][]byte{"a.go": []byte(`package medusatest
type Server struct { URL string; t int }
func Start(t testing.TB) *Server { return nil }
func (s *Server) Region(t testing.TB) Region { return Region{} }
func helper() {}
const EnvURL = "X"
`)})
	require.NoError(t, err)
	assert.Equal(t, map[string]string{
		"Server": "struct", "Server.URL": "field string", "Start": "func func(t testing.TB) *Server",
		"Server.Region": "func func(t testing.TB) Region", "EnvURL": "const",
	}, before)
}
