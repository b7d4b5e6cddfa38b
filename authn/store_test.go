package authn

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMemoryAndNoStore(t *testing.T) {
	ctx := context.Background()
	var m MemoryStore // zero value usable
	tok, err := m.Get(ctx, DefaultStorageKey)
	require.NoError(t, err)
	assert.Empty(t, tok)
	require.NoError(t, m.Set(ctx, "a", "t1"))
	require.NoError(t, m.Set(ctx, "b", "t2"))
	got, _ := m.Get(ctx, "a")
	assert.Equal(t, "t1", got)
	require.NoError(t, m.Delete(ctx, "a"))
	got, _ = m.Get(ctx, "a")
	assert.Empty(t, got)
	got, _ = m.Get(ctx, "b")
	assert.Equal(t, "t2", got)

	var n NoStore
	require.NoError(t, n.Set(ctx, "a", "t"))
	got, err = n.Get(ctx, "a")
	assert.NoError(t, err)
	assert.Empty(t, got)
	assert.NoError(t, n.Delete(ctx, "a"))
}

func TestStoreFuncs(t *testing.T) {
	ctx := context.Background()
	var s StoreFuncs
	got, err := s.Get(ctx, "k")
	assert.NoError(t, err)
	assert.Empty(t, got)
	assert.ErrorIs(t, s.Set(ctx, "k", "v"), ErrStoreUnsupported)
	assert.ErrorIs(t, s.Delete(ctx, "k"), ErrStoreUnsupported)

	kv := map[string]string{}
	var mu sync.Mutex
	s = StoreFuncs{
		GetFunc:    func(_ context.Context, k string) (string, error) { mu.Lock(); defer mu.Unlock(); return kv[k], nil },
		SetFunc:    func(_ context.Context, k, v string) error { mu.Lock(); defer mu.Unlock(); kv[k] = v; return nil },
		DeleteFunc: func(_ context.Context, k string) error { mu.Lock(); defer mu.Unlock(); delete(kv, k); return nil },
	}
	require.NoError(t, s.Set(ctx, "k", "v"))
	got, _ = s.Get(ctx, "k")
	assert.Equal(t, "v", got)
}

func TestFileStoreRoundTripPermissionsAndAtomicity(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "medusa.json")
	s := NewFileStore(path)

	got, err := s.Get(ctx, DefaultStorageKey)
	require.NoError(t, err, "a missing file is an empty store")
	assert.Empty(t, got)

	require.NoError(t, s.Set(ctx, DefaultStorageKey, "tok-1"))
	require.NoError(t, s.Set(ctx, "other", "tok-2"))
	fi, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm())
	di, err := os.Stat(filepath.Dir(path))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o700), di.Mode().Perm())

	// A second store on the same file (another process, say) sees it.
	got, err = NewFileStore(path).Get(ctx, DefaultStorageKey)
	require.NoError(t, err)
	assert.Equal(t, "tok-1", got)

	// No temporary files are left behind.
	entries, _ := os.ReadDir(filepath.Dir(path))
	assert.Len(t, entries, 1)

	require.NoError(t, s.Delete(ctx, DefaultStorageKey))
	got, _ = s.Get(ctx, DefaultStorageKey)
	assert.Empty(t, got)
	require.NoError(t, s.Delete(ctx, "other"))
	_, err = os.Stat(path)
	assert.True(t, os.IsNotExist(err), "the file goes when the last token does")
	require.NoError(t, s.Delete(ctx, "nothing"), "deleting from a missing file is fine")
}

func TestFileStoreCorruptFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "medusa.json")
	secretish := `{"medusa_auth_token": "eyJhbGciOi-half-written`
	require.NoError(t, os.WriteFile(path, []byte(secretish), 0o600))
	s := NewFileStore(path)

	_, err := s.Get(ctx, DefaultStorageKey)
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrCorruptTokenFile)
	assert.Contains(t, err.Error(), path)
	assert.NotContains(t, err.Error(), "eyJ", "the file's content is never quoted")

	// Writes refuse to clobber it, and leave it as it was.
	assert.ErrorIs(t, s.Set(ctx, DefaultStorageKey, "new"), ErrCorruptTokenFile)
	assert.ErrorIs(t, s.Delete(ctx, DefaultStorageKey), ErrCorruptTokenFile)
	data, _ := os.ReadFile(path)
	assert.Equal(t, secretish, string(data))

	// A JSON value of the wrong shape is corrupt too.
	require.NoError(t, os.WriteFile(path, []byte(`{"medusa_auth_token": 42}`), 0o600))
	_, err = s.Get(ctx, DefaultStorageKey)
	assert.ErrorIs(t, err, ErrCorruptTokenFile)
}

func TestFileStoreUnreadableFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "medusa.json")
	// A directory where the file should be cannot be read, even by root.
	require.NoError(t, os.Mkdir(path, 0o700))
	s := NewFileStore(path)
	_, err := s.Get(ctx, DefaultStorageKey)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "cannot read")
	assert.Contains(t, err.Error(), path)
	assert.Error(t, s.Set(ctx, DefaultStorageKey, "x"))

	assert.Error(t, NewFileStore("").Set(ctx, "k", "v"))
}

func TestFileStoreConcurrentWriters(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "medusa.json")
	s := NewFileStore(path)
	var wg sync.WaitGroup
	for i := range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			assert.NoError(t, s.Set(ctx, fmt.Sprint("k", i), fmt.Sprint("v", i)))
			_, err := s.Get(ctx, fmt.Sprint("k", i))
			assert.NoError(t, err)
		}()
	}
	wg.Wait()
	for i := range 32 {
		got, err := s.Get(ctx, fmt.Sprint("k", i))
		require.NoError(t, err)
		assert.Equal(t, fmt.Sprint("v", i), got)
	}
}

func TestFileStoreHonoursContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	s := NewFileStore(filepath.Join(t.TempDir(), "x.json"))
	_, err := s.Get(ctx, "k")
	assert.True(t, errors.Is(err, context.Canceled))
}
