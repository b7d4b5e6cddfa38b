package speclock

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const sha = "8bc01abb873a48ce2c03d05848939644e7ebf9f273202cbc9c4ff6ef65d668f9"

func TestParseBothForms(t *testing.T) {
	l, err := Parse([]byte(`{"medusa": "2.21.2", "spec_release": "2.18.0",
		"specs": {"store.oas.yaml": {"sha256": "` + strings.ToUpper(sha) + `", "url": "https://example.com/c/store.yaml"}},
		"npm": {"@medusajs/medusa": "2.21.2", "@medusajs/types": "2.21.2"}}`))
	require.NoError(t, err)
	assert.Equal(t, "2.21.2", l.Medusa)
	assert.Equal(t, "2.18.0", l.SpecsRelease())
	assert.Equal(t, Spec{SHA256: sha, URL: "https://example.com/c/store.yaml"}, l.Specs["store.oas.yaml"], "the sum is lower-cased")
	assert.Equal(t, "2.21.2", l.NPM["@medusajs/types"])

	old, err := Parse([]byte(`{"medusa": "2.17.1", "specs": {"admin.oas.yaml": "` + sha + `", "store.oas.yaml": "` + sha + `"}}`))
	require.NoError(t, err)
	assert.Equal(t, "2.17.1", old.SpecsRelease(), "no spec_release: the release of medusa")
	assert.Equal(t, Spec{SHA256: sha}, old.Specs["admin.oas.yaml"])
	assert.Equal(t, []string{"admin.oas.yaml", "store.oas.yaml"}, old.Names())
}

func TestParseRefuses(t *testing.T) {
	for name, body := range map[string]string{
		"not json":           `{`,
		"no medusa":          `{"specs": {"a": "` + sha + `"}}`,
		"no specs":           `{"medusa": "1.0.0"}`,
		"unknown key":        `{"medusa": "1.0.0", "specs": {"a": "` + sha + `"}, "x": 1}`,
		"unknown spec key":   `{"medusa": "1.0.0", "specs": {"a": {"sha256": "` + sha + `", "md5": "x"}}}`,
		"short sum":          `{"medusa": "1.0.0", "specs": {"a": "abc"}}`,
		"not hex":            `{"medusa": "1.0.0", "specs": {"a": "` + strings.Repeat("z", 64) + `"}}`,
		"relative url":       `{"medusa": "1.0.0", "specs": {"a": {"sha256": "` + sha + `", "url": "specs/a.yaml"}}}`,
		"file url":           `{"medusa": "1.0.0", "specs": {"a": {"sha256": "` + sha + `", "url": "file:///etc/a"}}}`,
		"name with a path":   `{"medusa": "1.0.0", "specs": {"../a": "` + sha + `"}}`,
		"range version":      `{"medusa": "1.0.0", "specs": {"a": "` + sha + `"}, "npm": {"@medusajs/medusa": "^1.0.0"}}`,
		"loose release":      `{"medusa": "2.18", "specs": {"a": "` + sha + `"}}`,
		"npm not the target": `{"medusa": "2.21.2", "specs": {"a": "` + sha + `"}, "npm": {"@medusajs/medusa": "2.18.0"}}`,
	} {
		_, err := Parse([]byte(body))
		assert.Error(t, err, name)
	}
}

func TestTarget(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "lock.json")
	require.NoError(t, os.WriteFile(p, []byte(`{"medusa": "2.21.2", "spec_release": "2.18.0"}`), 0o644))
	got, err := Target(p)
	require.NoError(t, err)
	assert.Equal(t, "2.21.2", got, "the target, not the spec release")
	require.NoError(t, os.WriteFile(p, []byte(`{"spec_release": "2.18.0"}`), 0o644))
	_, err = Target(p)
	assert.Error(t, err)
	_, err = Target(filepath.Join(dir, "absent.json"))
	assert.Error(t, err)
}

// Every lock of the repository says where each input comes from: each spec
// file's URL at a fixed commit, and for the target the npm packages the
// facts are read from.
func TestRepositoryLocksSayWhereInputsComeFrom(t *testing.T) {
	pinned := regexp.MustCompile(`^https://raw\.githubusercontent\.com/[^/]+/[^/]+/[0-9a-f]{40}/.+$`)
	locks, err := filepath.Glob("../../../openapi/*lock*.json")
	require.NoError(t, err)
	require.Len(t, locks, 3, "openapi/lock.json and the two compat locks")
	for _, p := range locks {
		l, err := Read(p)
		require.NoError(t, err, p)
		assert.ElementsMatch(t, []string{"admin.oas.yaml", "store.oas.yaml"}, l.Names(), p)
		for _, n := range l.Names() {
			assert.Regexp(t, pinned, l.Specs[n].URL, "%s: %s", p, n)
		}
		if filepath.Base(p) == "lock.json" {
			assert.Equal(t, l.Medusa, l.NPM["@medusajs/medusa"], "the facts are read from the target's @medusajs/medusa")
		}
	}
}
