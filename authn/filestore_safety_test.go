//go:build unix

package authn

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Like ssh with its keys: a symbolic link at the token path, a token file
// others can read, a directory everyone can write are refused with
// ErrUnsafeTokenFile, never used silently.
func TestFileStoreRefusesUnsafeFiles(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	require.NoError(t, os.Chmod(dir, 0o700))

	// A symlink planted at the token path, pointing at a file with a token.
	target := filepath.Join(dir, "elsewhere.json")
	require.NoError(t, os.WriteFile(target, []byte(`{"medusa_auth_token":"planted"}`), 0o600))
	link := filepath.Join(dir, "link.json")
	require.NoError(t, os.Symlink(target, link))
	s := NewFileStore(link)
	tok, err := s.Get(ctx, DefaultStorageKey)
	require.ErrorIs(t, err, ErrUnsafeTokenFile)
	assert.Empty(t, tok)
	assert.Contains(t, err.Error(), "symbolic link")
	require.ErrorIs(t, s.Set(ctx, DefaultStorageKey, "mine"), ErrUnsafeTokenFile, "a write does not replace it silently either")
	data, _ := os.ReadFile(target)
	assert.Contains(t, string(data), "planted", "the link's target is untouched")

	// A token file readable by others.
	loose := filepath.Join(dir, "loose.json")
	require.NoError(t, os.WriteFile(loose, []byte(`{"medusa_auth_token":"t"}`), 0o644))
	require.NoError(t, os.Chmod(loose, 0o644))
	_, err = NewFileStore(loose).Get(ctx, DefaultStorageKey)
	require.ErrorIs(t, err, ErrUnsafeTokenFile)
	assert.Contains(t, err.Error(), "permissions 0644")
	assert.Contains(t, err.Error(), "chmod 600")
	assert.NotContains(t, err.Error(), `"t"`)
	require.NoError(t, os.Chmod(loose, 0o600))
	tok, err = NewFileStore(loose).Get(ctx, DefaultStorageKey)
	require.NoError(t, err)
	assert.Equal(t, "t", tok)

	// A directory everyone may write, without the sticky bit.
	open := filepath.Join(dir, "open")
	require.NoError(t, os.Mkdir(open, 0o700))
	require.NoError(t, os.Chmod(open, 0o777))
	err = NewFileStore(filepath.Join(open, "t.json")).Set(ctx, DefaultStorageKey, "x")
	require.ErrorIs(t, err, ErrUnsafeTokenFile)
	assert.Contains(t, err.Error(), "writable by everyone")
	// With the sticky bit (like /tmp) others cannot replace the file: fine.
	require.NoError(t, os.Chmod(open, 0o777|os.ModeSticky))
	s = NewFileStore(filepath.Join(open, "t.json"))
	require.NoError(t, s.Set(ctx, DefaultStorageKey, "x"))
	tok, err = s.Get(ctx, DefaultStorageKey)
	require.NoError(t, err)
	assert.Equal(t, "x", tok)

	// A token file that belongs to another user (only root can make one).
	if os.Geteuid() == 0 {
		other := filepath.Join(dir, "other.json")
		require.NoError(t, os.WriteFile(other, []byte(`{"medusa_auth_token":"o"}`), 0o600))
		require.NoError(t, os.Chown(other, 4242, 4242))
		_, err = NewFileStore(other).Get(ctx, DefaultStorageKey)
		require.ErrorIs(t, err, ErrUnsafeTokenFile)
		assert.Contains(t, err.Error(), "owned by uid 4242")
	}
}
