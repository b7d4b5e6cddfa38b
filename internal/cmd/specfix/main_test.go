package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	return p
}

// The data models must be of the release the spec lock pins: models of
// another release are refused with what to run.
func TestLoadModelsChecksTheRelease(t *testing.T) {
	dir := t.TempDir()
	lock := write(t, dir, "lock.json", `{"medusa": "2.18.0", "specs": {}}`)
	facts := `{"medusa": "2.18.0", "models": [{"name": "LineItem", "table": "cart_line_item", "module": "cart",
		"columns": {"is_custom_price": {"type": "boolean"}}, "relations": {"cart": {"kind": "belongsTo", "model": "Cart", "key": "cart_id"}}}]}`

	m, err := loadModels(write(t, dir, "models.json", facts), lock)
	require.NoError(t, err)
	require.Len(t, m.Models, 1)
	assert.Equal(t, "boolean", m.Models[0].Columns["is_custom_price"].Type)
	assert.Equal(t, "cart_id", m.Models[0].Relations["cart"].Key)

	_, err = loadModels(write(t, dir, "old.json", `{"medusa": "2.17.1", "models": []}`), lock)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "is of Medusa 2.17.1")
	assert.Contains(t, err.Error(), "pins 2.18.0: run make model-facts")

	_, err = loadModels(write(t, dir, "none.json", `{"models": []}`), lock)
	require.ErrorContains(t, err, `no "medusa" release`)

	_, err = loadModels(write(t, dir, "bad.json", `{"medusa": `), lock)
	require.Error(t, err)
	_, err = loadModels(filepath.Join(dir, "missing.json"), lock)
	require.Error(t, err)

	// Without a lock (make gen-compat on another release) any release is taken.
	_, err = loadModels(filepath.Join(dir, "old.json"), "")
	require.NoError(t, err)
}

// run without -models leaves the rule out; with facts of another release it
// stops before writing anything.
func TestRunRefusesModelsOfAnotherRelease(t *testing.T) {
	dir := t.TempDir()
	spec := write(t, dir, "spec.yaml", "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\n")
	lock := write(t, dir, "lock.json", `{"medusa": "2.18.0"}`)
	old := write(t, dir, "old.json", `{"medusa": "2.17.1", "models": []}`)
	out := filepath.Join(dir, "out.json")

	err := run(spec, out, true, "", facts{models: old}, lock)
	require.ErrorContains(t, err, "run make model-facts")
	assert.NoFileExists(t, out)

	require.NoError(t, run(spec, out, true, "", facts{}, lock))
	assert.FileExists(t, out)
}

// The route table must be of the pinned release and read from the package
// versions the lock pins.
func TestLoadRoutesChecksTheRelease(t *testing.T) {
	dir := t.TempDir()
	lock := write(t, dir, "lock.json", `{"medusa": "2.21.2", "specs": {"store.oas.yaml": {"sha256": "8bc01abb873a48ce2c03d05848939644e7ebf9f273202cbc9c4ff6ef65d668f9", "url": "https://example.com/c/store.yaml"}}, "npm": {"@medusajs/medusa": "2.21.2", "@medusajs/types": "2.21.2"}}`)
	good := `{"medusa": "2.21.2", "packages": {"@medusajs/medusa": "2.21.2", "@medusajs/types": "2.21.2", "typescript": "5.9.3"},
		"routes": [{"method": "GET", "path": "/admin/search", "query": "AdminGetSearchParams", "file": "admin/search/route.js",
		"answer": {"declared": "HttpTypes.AdminSearchResponse", "schema": {"$ref": "#/definitions/AdminSearchResponse"}}}],
		"schemas": {"AdminSearchResponse": {"type": "object"}}}`
	r, err := loadRoutes(write(t, dir, "routes.json", good), lock)
	require.NoError(t, err)
	require.Len(t, r.Routes, 1)
	assert.Equal(t, "AdminGetSearchParams", r.Routes[0].Query)

	_, err = loadRoutes(write(t, dir, "old.json", `{"medusa": "2.18.0", "routes": []}`), lock)
	require.ErrorContains(t, err, "is of Medusa 2.18.0")
	require.ErrorContains(t, err, "run make route-facts")

	_, err = loadRoutes(write(t, dir, "types.json", `{"medusa": "2.21.2", "packages": {"@medusajs/types": "2.21.1"}, "routes": []}`), lock)
	require.ErrorContains(t, err, "@medusajs/types 2.21.1")

	_, err = loadRoutes(write(t, dir, "none.json", `{"routes": []}`), lock)
	require.ErrorContains(t, err, `no "medusa" release`)

	spec := write(t, dir, "spec.yaml", "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\n")
	out := filepath.Join(dir, "out.json")
	require.ErrorContains(t, run(spec, out, true, "", facts{routes: filepath.Join(dir, "old.json")}, lock), "run make route-facts")
	assert.NoFileExists(t, out)
}
