//go:build unix

package authn

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// readTokenFile opens path without following a symbolic link and checks,
// on the open file, that only its owner, the current user, can read or
// write it, like ssh does for private keys.
func readTokenFile(path string) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
	if err != nil {
		if errno, ok := unwrapPathError(err).(syscall.Errno); ok && errno == syscall.ELOOP {
			return nil, fmt.Errorf("authn: token file %s: %w: it is a symbolic link, which a FileStore does not follow", path, ErrUnsafeTokenFile)
		}
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file (%s)", fi.Mode().Type())
	}
	if err := checkOwner(path, fi); err != nil {
		return nil, err
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 {
		return nil, fmt.Errorf("authn: token file %s: %w: permissions %#o let others read or change it (chmod 600 %s)", path, ErrUnsafeTokenFile, perm, path)
	}
	if err := checkTokenDir(path); err != nil {
		return nil, err
	}
	return io.ReadAll(io.LimitReader(f, maxTokenFile))
}

// maxTokenFile bounds what is read of a token file.
const maxTokenFile = 1 << 20

func checkOwner(path string, fi fs.FileInfo) error {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	if uid := os.Getuid(); int(st.Uid) != uid {
		return fmt.Errorf("authn: token file %s: %w: owned by uid %d, not by the current user (uid %d)", path, ErrUnsafeTokenFile, st.Uid, uid)
	}
	return nil
}

// checkTokenDir refuses a directory that others may write without the
// sticky bit: they could replace the token file.
func checkTokenDir(path string) error {
	dir := filepath.Dir(path)
	fi, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("authn: token file %s: directory: %w", path, unwrapPathError(err))
	}
	if m := fi.Mode(); m.Perm()&0o002 != 0 && m&fs.ModeSticky == 0 {
		return fmt.Errorf("authn: token file %s: %w: its directory %s is writable by everyone (permissions %#o)", path, ErrUnsafeTokenFile, dir, m.Perm())
	}
	return nil
}
