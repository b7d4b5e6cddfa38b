package authn

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// ErrCorruptTokenFile is wrapped by the errors a FileStore returns when its
// file exists but does not hold a token map. Delete the file to start over.
var ErrCorruptTokenFile = errors.New("corrupt token file")

// ErrUnsafeTokenFile is wrapped by the errors a FileStore returns for a
// token file or directory others could read or change (see FileStore).
var ErrUnsafeTokenFile = errors.New("unsafe token file")

// FileStore keeps tokens in a JSON file ({"<key>":"<token>",...}), the Go
// counterpart of the browser's localStorage for CLIs and desktop tools.
//
// The file is created with mode 0600 (its directory with 0700 if missing)
// and every write replaces it atomically (a temporary file in the same
// directory, synced, then renamed over it), so a reader never sees half a
// file. A FileStore is safe for concurrent use within a process; two
// processes writing the same file race only in the sense that the last
// write wins.
//
// A file that exists but cannot be read or parsed gives a clear error naming
// the path (never its content); writes then fail too rather than overwrite
// it, so nothing is silently lost.
//
// Like ssh with its keys, a FileStore refuses (ErrUnsafeTokenFile) a token
// file that is a symbolic link (it never follows one), that belongs to
// another user, or that others may read or write (any group or other
// permission bit), and a directory that others may write without the sticky
// bit. On Windows, where modes do not describe access, only the symbolic
// link is refused.
type FileStore struct {
	path string
	mu   sync.Mutex
}

// NewFileStore returns a FileStore for path. Nothing is read or created
// until the first call.
func NewFileStore(path string) *FileStore { return &FileStore{path: path} }

// Path returns the file's path.
func (s *FileStore) Path() string { return s.path }

// Get returns the token stored under key, or "" if the file or the key does
// not exist.
func (s *FileStore) Get(ctx context.Context, key string) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m, err := s.load()
	if err != nil {
		return "", err
	}
	return m[key], nil
}

// Set stores token under key, replacing the file atomically.
func (s *FileStore) Set(ctx context.Context, key, token string) error {
	return s.update(ctx, func(m map[string]string) (map[string]string, bool) {
		if m == nil {
			m = make(map[string]string)
		}
		m[key] = token
		return m, true
	})
}

// Delete removes the token stored under key. The file is removed when no
// token is left in it.
func (s *FileStore) Delete(ctx context.Context, key string) error {
	return s.update(ctx, func(m map[string]string) (map[string]string, bool) {
		if _, ok := m[key]; !ok {
			return m, false
		}
		delete(m, key)
		return m, true
	})
}

// update reads the file, lets change edit the map, and writes it back when
// change reports a change: atomically, or by removing the file when the map
// is left empty. It holds the store's lock throughout.
func (s *FileStore) update(ctx context.Context, change func(map[string]string) (map[string]string, bool)) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m, err := s.load()
	if err != nil {
		return err
	}
	m, changed := change(m)
	if !changed {
		return nil
	}
	if len(m) == 0 {
		if err := os.Remove(s.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("authn: token file %s: %w", s.path, err)
		}
		return nil
	}
	return s.save(m)
}

// load reads the file. A missing file is an empty map.
func (s *FileStore) load() (map[string]string, error) {
	if s.path == "" {
		return nil, errors.New("authn: FileStore has no path")
	}
	data, err := readTokenFile(s.path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if errors.Is(err, ErrUnsafeTokenFile) {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("authn: token file %s: cannot read: %w", s.path, unwrapPathError(err))
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, nil
	}
	var m map[string]string
	if err := json.Unmarshal(data, &m); err != nil {
		// Do not wrap the json error: its text can quote the file's bytes.
		return nil, fmt.Errorf("authn: token file %s: %w (not a JSON object of strings; delete it to start over)", s.path, ErrCorruptTokenFile)
	}
	return m, nil
}

// save writes m to a temporary file next to the target and renames it over
// the target.
func (s *FileStore) save(m map[string]string) (err error) {
	data, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("authn: token file %s: %w", s.path, err)
	}
	dir := filepath.Dir(s.path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("authn: token file %s: cannot create directory: %w", s.path, unwrapPathError(err))
	}
	if err := checkTokenDir(s.path); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(s.path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("authn: token file %s: cannot write: %w", s.path, unwrapPathError(err))
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	// CreateTemp already uses 0600; be explicit in case of an odd umask.
	if err = tmp.Chmod(0o600); err != nil {
		return fmt.Errorf("authn: token file %s: %w", s.path, unwrapPathError(err))
	}
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("authn: token file %s: cannot write: %w", s.path, unwrapPathError(err))
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("authn: token file %s: cannot write: %w", s.path, unwrapPathError(err))
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("authn: token file %s: cannot write: %w", s.path, unwrapPathError(err))
	}
	if err = os.Rename(tmp.Name(), s.path); err != nil {
		return fmt.Errorf("authn: token file %s: cannot replace: %w", s.path, unwrapPathError(err))
	}
	return nil
}

// unwrapPathError drops the *fs.PathError wrapper (its path is already in
// our message, or is a temporary name) but keeps the cause for errors.Is.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
