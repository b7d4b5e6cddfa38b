package medusatest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeTool writes an executable shell script named name into dir.
func fakeTool(t *testing.T, dir, name, script string) {
	t.Helper()
	require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte("#!/bin/sh\n"+script+"\n"), 0o755))
}

func TestStartWithoutNodeSaysHowToInstallIt(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	t.Setenv(EnvURL, "")
	_, err := acquire(t.Context(), t.Logf)
	require.ErrorIs(t, err, ErrMissingTool)
	assert.Contains(t, err.Error(), "no `node` on PATH")
	assert.Contains(t, err.Error(), "https://nodejs.org")
}

func TestStartWithAnOldNodeSaysSo(t *testing.T) {
	dir := t.TempDir()
	fakeTool(t, dir, "node", "echo v18.20.0")
	fakeTool(t, dir, "npm", "exit 0")
	t.Setenv("PATH", dir)
	_, err := findTools(context.Background(), true)
	require.ErrorIs(t, err, ErrMissingTool)
	assert.Contains(t, err.Error(), "Node.js v18.20.0 is too old")
}

func TestStartWithoutPostgresSaysHowToInstallIt(t *testing.T) {
	dir := t.TempDir()
	fakeTool(t, dir, "node", "echo v20.19.2")
	fakeTool(t, dir, "npm", "exit 0")
	t.Setenv("PATH", dir)
	t.Setenv(EnvURL, "")
	t.Setenv(EnvDatabaseURL, "")
	saved := pgSearchDirs
	pgSearchDirs = []string{filepath.Join(dir, "none-*")}
	t.Cleanup(func() { pgSearchDirs = saved })
	_, err := acquire(t.Context(), t.Logf)
	require.ErrorIs(t, err, ErrMissingTool)
	assert.Contains(t, err.Error(), "PostgreSQL: no initdb and pg_ctl")
	assert.Contains(t, err.Error(), "apt-get install postgresql")
	assert.Contains(t, err.Error(), EnvDatabaseURL)

	// With a database given, PostgreSQL is not needed.
	tl, err := findTools(t.Context(), false)
	require.NoError(t, err)
	assert.Empty(t, tl.pgBin)
}

func TestPostgresFoundInVersionedDirectories(t *testing.T) {
	root := t.TempDir()
	for _, v := range []string{"13", "16"} {
		bin := filepath.Join(root, v, "bin")
		require.NoError(t, os.MkdirAll(bin, 0o755))
		for _, name := range []string{"initdb", "pg_ctl", "postgres", "psql"} {
			fakeTool(t, bin, name, "exit 0")
		}
	}
	t.Setenv("PATH", t.TempDir())
	saved := pgSearchDirs
	pgSearchDirs = []string{filepath.Join(root, "*", "bin")}
	t.Cleanup(func() { pgSearchDirs = saved })
	assert.Equal(t, filepath.Join(root, "16", "bin"), findPostgres(), "the newest major")
}

func TestAttachNeedsTheAdmin(t *testing.T) {
	t.Setenv(EnvURL, "http://127.0.0.1:1")
	t.Setenv(EnvAdminEmail, "")
	_, err := acquire(t.Context(), t.Logf)
	require.Error(t, err)
	assert.Contains(t, err.Error(), EnvAdminEmail)
}

func TestAtLeast(t *testing.T) {
	assert.True(t, atLeast("v20.19.0", minNode))
	assert.True(t, atLeast("v22.1.0", minNode))
	assert.False(t, atLeast("v20.18.9", minNode))
	assert.False(t, atLeast("garbage", minNode))
}
