//go:build upstream

// These tests read Medusa's published spec files (upstream data, not in the
// repository): make gen-check runs them (go test -tags upstream), after
// specsync has put the files where they are found. make test does not.

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2/internal/cmd/namelock"
	"github.com/medusa-sdk/medusa-go/v2/internal/cmd/speclock"
	"github.com/medusa-sdk/medusa-go/v2/internal/specfix"
)

// specOps reads the operations of Medusa's spec of one release, pinned by
// one of the repository's locks (openapi/*lock*.json) and found as specsync
// finds it (the mirror $MEDUSA_OAS_BASE, default ../shared/medusa-oas, else
// the cache, else the lock's URL), with synthetic routes added (path ->
// method -> operationId) and the routes withLocked ("METHOD /path") the spec
// lacks.
func specOps(t *testing.T, release, api string, extra map[string]map[string]string, withLocked ...string) []*operation {
	t.Helper()
	locks, err := filepath.Glob(filepath.Join(repoRoot(t), "openapi", "*lock*.json"))
	require.NoError(t, err)
	var lock *speclock.Lock
	var lockPath string
	for _, p := range locks {
		l, err := speclock.Read(p)
		require.NoError(t, err)
		if l.SpecsRelease() == release {
			lock, lockPath = l, p
			break
		}
	}
	require.NotNil(t, lock, "no lock in openapi/ pins Medusa's spec of %s", release)
	base := os.Getenv("MEDUSA_OAS_BASE")
	if base == "" {
		base = filepath.Join(repoRoot(t), "..", "shared", "medusa-oas")
	}
	raw, _, err := lock.Fetch(api+".oas.yaml", speclock.Sources{LockPath: lockPath, Mirror: base, Cache: speclock.DefaultCache()})
	require.NoError(t, err, "Medusa's %s spec of %s", api, release)
	doc, err := specfix.Decode(raw)
	require.NoError(t, err)
	paths := doc["paths"].(map[string]any)
	// the routes of the committed names lock that the published spec lacks
	// (those make generate adds, rule release-routes, from the route facts)
	for _, k := range withLocked {
		m, p, _ := strings.Cut(k, " ")
		item, _ := paths[p].(map[string]any)
		if item == nil {
			item = map[string]any{}
			paths[p] = item
		}
		if _, ok := item[strings.ToLower(m)]; !ok {
			item[strings.ToLower(m)] = map[string]any{"operationId": "Locked" + strings.NewReplacer("/", "_", "{", "", "}", "").Replace(k), "summary": "from the names lock", "responses": map[string]any{}}
		}
	}
	for p, methods := range extra {
		item, _ := paths[p].(map[string]any)
		if item == nil {
			item = map[string]any{}
			paths[p] = item
		}
		for m, id := range methods {
			require.NotContains(t, item, m, "synthetic route %s %s already exists", m, p)
			item[m] = map[string]any{"operationId": id, "summary": "synthetic", "responses": map[string]any{}}
		}
	}
	b, err := specfix.Encode(doc)
	require.NoError(t, err)
	file := filepath.Join(t.TempDir(), api+".json")
	require.NoError(t, os.WriteFile(file, b, 0o644))
	ops, err := readSpec(file)
	require.NoError(t, err)
	return ops
}

// From 2.17.1 to 2.18.0, Medusa added GET /admin/product-options. Named
// afresh, it took ListProductOptions from GET /admin/products/{id}/options,
// which became GetProductsIdOptions: the gate must see that, and with the
// lock of 2.17.1 the regeneration must keep every name.
func TestGateCatches2171To2180Rename(t *testing.T) {
	ops171 := specOps(t, "2.17.1", "admin", nil)
	assignNames(ops171, namelock.New(), false, "")
	lock171 := namesOf(ops171)
	require.Equal(t, "ListProductOptions", lock171.Routes["GET /admin/products/{id}/options"].Method)

	fresh := specOps(t, "2.18.0", "admin", nil)
	assignNames(fresh, namelock.New(), false, "")
	changes := incompatible(namelock.Compare("admin", lock171, namesOf(fresh)))
	var caught bool
	for _, c := range changes {
		caught = caught || (c.Route == "GET /admin/products/{id}/options" && c.Method == "admin.ListProductOptions" &&
			strings.Contains(c.What, "renamed to GetProductsIdOptions"))
	}
	assert.True(t, caught, "the gate reports the rename; it reported %v", changes)
	assert.Empty(t, namelock.Declared("", 2, changes), "nothing declares it")

	locked := specOps(t, "2.18.0", "admin", nil)
	lock := namesOnly(lock171)
	gone := assignNames(locked, lock, true, "2.18.0")
	now := namesOf(locked)
	for _, r := range gone {
		now.Routes[r.key] = r.Entry
	}
	assert.Empty(t, namelock.Renames(lock171, now), "with the lock nothing is renamed")
	assert.Equal(t, "ListProductOptions", now.Routes["GET /admin/products/{id}/options"].Method)
	assert.NotEqual(t, "ListProductOptions", now.Routes["GET /admin/product-options"].Method, "the new route gets another name")
	for _, c := range incompatible(namelock.Compare("admin", lock171, now)) {
		assert.Contains(t, c.What, "removed the route", "only routes Medusa removed are reported: %s", c)
	}
}

// A synthetic next release regenerates against the committed lock with no
// rename and nothing removed, while naming it afresh would rename.
func TestNextReleaseRenamesNothing(t *testing.T) {
	for _, api := range []string{"store", "admin"} {
		t.Run(api, func(t *testing.T) {
			committed, err := namelock.Load(filepath.Join(repoRoot(t), "openapi", "names", api+".json"))
			require.NoError(t, err)
			require.NotEmpty(t, committed.Routes, "openapi/names/%s.json is committed", api)
			base := namesOnly(committed)

			var locked []string
			for _, k := range committed.Keys() {
				if committed.Routes[k].Removed == "" {
					locked = append(locked, k)
				}
			}
			fresh := specOps(t, "2.18.0", api, nextRelease[api], locked...)
			assignNames(fresh, namelock.New(), false, "")
			if api == "admin" {
				assert.NotEmpty(t, namelock.Renames(base, namesOf(fresh)), "without the lock the new routes move names")
			}

			next := specOps(t, "2.18.0", api, nextRelease[api], locked...)
			gone := assignNames(next, namesOnly(committed), true, "2.19.0")
			assert.Empty(t, gone, "every route of 2.18.0 is still there")
			now := namesOf(next)
			assert.Empty(t, namelock.Renames(base, now), "zero renames")
			assert.Empty(t, incompatible(namelock.Compare(api, base, now)), "the gate passes")
			names := map[string]string{}
			for k, e := range now.Routes {
				require.NotContains(t, names, e.Method, "%s and %s share a method", names[e.Method], k)
				names[e.Method] = k
			}
			for p, methods := range nextRelease[api] {
				for m := range methods {
					k := namelock.Key(strings.ToUpper(m), p)
					e := now.Routes[k]
					require.NotNil(t, e, k)
					assert.Nil(t, committed.Routes[k])
					t.Logf("new route %s: %s", k, e.Method)
					_, held := base.Methods()[e.Method]
					assert.False(t, held, "%s took %s, which the lock holds", k, e.Method)
				}
			}
		})
	}
}
