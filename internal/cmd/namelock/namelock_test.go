package namelock

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func sample() *Lock {
	l := New()
	l.Routes["GET /admin/products/{id}/options"] = &Entry{Method: "ListProductOptions", Operation: "GetProductsIdOptions",
		In: "string, *ListProductOptionsParams", Out: "*ListProductOptionsResult", All: true,
		Aliases: map[string]string{"ListProductOptionsParams": "GetProductsIdOptionsParams", "ListProductOptionsResult": "GetProductsIdOptions200JSONResponseBody"}}
	l.Routes["GET /admin/products"] = &Entry{Method: "ListProducts", Operation: "GetProducts", In: "*ListProductsParams", Out: "*ListProductsResult"}
	return l
}

func clone(t *testing.T, l *Lock) *Lock {
	c, err := Parse(l.Marshal())
	require.NoError(t, err)
	return c
}

func TestCompare(t *testing.T) {
	base := sample()
	assert.Empty(t, Compare("admin", base, clone(t, base)), "the same lock: no change")

	added := clone(t, base)
	added.Routes["GET /admin/product-options"] = &Entry{Method: "GetProductOptions"}
	changes := Compare("admin", base, added)
	require.Len(t, changes, 1)
	assert.False(t, changes[0].Incompatible, "a new route is compatible")

	for name, edit := range map[string]func(l *Lock){
		"renamed to GetProductsIdOptions": func(l *Lock) { l.Routes["GET /admin/products/{id}/options"].Method = "GetProductsIdOptions" },
		"signature changed":               func(l *Lock) { l.Routes["GET /admin/products/{id}/options"].In = "string" },
		"ListProductOptionsAll iterator gone": func(l *Lock) {
			l.Routes["GET /admin/products/{id}/options"].All = false
		},
		"type ListProductOptionsResult gone": func(l *Lock) {
			delete(l.Routes["GET /admin/products/{id}/options"].Aliases, "ListProductOptionsResult")
		},
		"type ListProductOptionsResult now stands for map[string]interface{}": func(l *Lock) {
			l.Routes["GET /admin/products/{id}/options"].Aliases["ListProductOptionsResult"] = "map[string]interface{}"
		},
		"route gone":                      func(l *Lock) { delete(l.Routes, "GET /admin/products/{id}/options") },
		"Medusa 2.19.0 removed the route": func(l *Lock) { l.Routes["GET /admin/products/{id}/options"].Removed = "2.19.0" },
	} {
		cur := clone(t, base)
		edit(cur)
		changes := Compare("admin", base, cur)
		require.Len(t, changes, 1, name)
		assert.True(t, changes[0].Incompatible, name)
		assert.Equal(t, "admin.ListProductOptions", changes[0].Method, name)
		assert.Contains(t, changes[0].What, name)
		nameChange := name == "route gone" || name == "renamed to GetProductsIdOptions"
		assert.Len(t, Renames(base, cur), map[bool]int{true: 1, false: 0}[nameChange], name)
		assert.Equal(t, nameChange, changes[0].NameChange(), name)
	}

	// A former name (a deprecated method calling the current one) may not go.
	withFormer := clone(t, base)
	withFormer.Routes["GET /admin/products/{id}/options"].Former = []string{"GetProductsIdOptions"}
	assert.Empty(t, incompatibleOnly(Compare("admin", base, withFormer)), "adding a former name is compatible")
	changes = incompatibleOnly(Compare("admin", withFormer, base))
	require.Len(t, changes, 1)
	assert.Contains(t, changes[0].What, "deprecated method GetProductsIdOptions (a former name) gone")
}

func incompatibleOnly(changes []Change) []Change {
	var out []Change
	for _, c := range changes {
		if c.Incompatible {
			out = append(out, c)
		}
	}
	return out
}

func TestDeclared(t *testing.T) {
	base := sample()
	cur := clone(t, base)
	cur.Routes["GET /admin/products/{id}/options"].Method = "GetProductsIdOptions"
	changes := Compare("admin", base, cur)
	require.Len(t, changes, 1)
	key := changes[0].Route + " " + changes[0].Method

	for name, tc := range map[string]struct {
		log  string
		want bool
	}{
		"major bump, named under Breaking": {"# Changelog\n\n## v3.0.0 (unreleased)\n\n### Breaking\n\n- `admin.ListProductOptions` is now `GetProductsIdOptions`.\n\n## v2.18.0\n", true},
		"same major":                       {"## v2.19.0\n\n### Breaking\n\n- `admin.ListProductOptions` renamed\n", false},
		"not under Breaking":               {"## v3.0.0\n\n### Added\n\n- `admin.ListProductOptions`\n", false},
		"another method":                   {"## v3.0.0\n\n### Breaking\n\n- `admin.ListProducts`\n", false},
		"only in an older section":         {"## v2.19.0\n\n## v3.0.0\n\n### Breaking\n\n- `admin.ListProductOptions`\n", false},
		"no changelog":                     {"", false},
	} {
		assert.Equal(t, tc.want, Declared(tc.log, 2, changes)[key], name)
	}
}

func TestParseRefusesBadLocks(t *testing.T) {
	for name, s := range map[string]string{
		"not json":            "{",
		"unknown field":       `{"routes": {"GET /x": {"method": "X", "colour": "red"}}}`,
		"no method":           `{"routes": {"GET /x": {"operation": "GetX"}}}`,
		"one method twice":    `{"routes": {"GET /x": {"method": "X"}, "GET /y": {"method": "X"}}}`,
		"a former name taken": `{"routes": {"GET /x": {"method": "X", "former": ["Y"]}, "GET /y": {"method": "Y"}}}`,
	} {
		_, err := Parse([]byte(s))
		assert.Error(t, err, name)
	}
	l, err := Load(filepath.Join(t.TempDir(), "missing.json"))
	require.NoError(t, err, "a missing lock is an empty lock")
	assert.Empty(t, l.Routes)
}

func TestMarshalIsDeterministic(t *testing.T) {
	path := filepath.Join(t.TempDir(), "l.json")
	require.NoError(t, sample().Save(path))
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	for i := 0; i < 5; i++ {
		assert.Equal(t, string(b), string(clone(t, sample()).Marshal()))
	}
}

// A lock of the first format (aliases as a list of names) reads with the
// types unknown; Compare then sees an alias gone, not a retargeted one.
func TestParseFirstFormat(t *testing.T) {
	l, err := Parse([]byte(`{"routes": {"GET /x": {"method": "ListX", "in": "*ListXParams", "aliases": ["ListXParams"]}}}`))
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"ListXParams": ""}, l.Routes["GET /x"].Aliases)
	cur := clone(t, l)
	cur.Routes["GET /x"].Aliases["ListXParams"] = "GetXParams"
	assert.Empty(t, Compare("store", l, cur), "a type the old lock did not record is not a change")
	delete(cur.Routes["GET /x"].Aliases, "ListXParams")
	changes := Compare("store", l, cur)
	require.Len(t, changes, 1)
	assert.Equal(t, "alias", changes[0].Kind)

	for name, s := range map[string]string{
		"aliases a number":         `{"routes": {"GET /x": {"method": "X", "aliases": 3}}}`,
		"aliases a list of others": `{"routes": {"GET /x": {"method": "X", "aliases": [1]}}}`,
		"unknown field":            `{"routes": {"GET /x": {"method": "X", "aliases": [], "colour": "red"}}}`,
	} {
		_, err := Parse([]byte(s))
		if assert.Error(t, err, name) {
			assert.Contains(t, err.Error(), "not a format this version reads", name)
		}
	}
}

// The method that sends a body a route gained is an addition; once
// released, it may neither go nor change its signature.
func TestCompareGainedBody(t *testing.T) {
	base := sample()
	with := clone(t, base)
	e := with.Routes["GET /admin/products/{id}/options"]
	e.With, e.WithIn = "ListProductOptionsWith", e.In+", ListProductOptionsBody"
	changes := Compare("admin", base, with)
	require.Len(t, changes, 1)
	assert.False(t, changes[0].Incompatible)
	assert.Equal(t, "admin.ListProductOptionsWith", changes[0].Method)
	assert.Equal(t, "added", changes[0].Kind)
	assert.Equal(t, "GET /admin/products/{id}/options", with.Methods()["ListProductOptionsWith"], "the sibling's name is held")

	changes = incompatibleOnly(Compare("admin", with, base))
	require.Len(t, changes, 1)
	assert.Equal(t, "with", changes[0].Kind)
	assert.Contains(t, changes[0].What, "ListProductOptionsWith")

	moved := clone(t, with)
	moved.Routes["GET /admin/products/{id}/options"].WithIn = "string"
	changes = incompatibleOnly(Compare("admin", with, moved))
	require.Len(t, changes, 1)
	assert.Contains(t, changes[0].What, "ListProductOptionsWith signature changed")
}
