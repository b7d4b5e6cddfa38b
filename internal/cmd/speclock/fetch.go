package speclock

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// maxSpec bounds a downloaded spec (the 2.18.0 admin spec is 3.8 MB).
const maxSpec = 64 << 20

// Sources says where Fetch looks for a lock's spec files.
type Sources struct {
	// LockPath names the lock in messages.
	LockPath string
	// Dir, when set, is the only source: a local mirror holding the files.
	Dir string
	// URL, when set, is the only source: <URL>/<file name> is downloaded.
	URL string
	// Mirror is a local mirror with one directory per spec release
	// (../shared/medusa-oas), tried first; empty: none.
	Mirror string
	// Cache holds downloaded files, one per sha256; empty: no cache.
	Cache string
}

// DefaultCache is the download cache: $MEDUSA_OAS_CACHE, else
// os.UserCacheDir()/medusa-go/specs, else "" (none known).
func DefaultCache() string {
	if c := os.Getenv("MEDUSA_OAS_CACHE"); c != "" {
		return c
	}
	if d, err := os.UserCacheDir(); err == nil {
		return filepath.Join(d, "medusa-go", "specs")
	}
	return ""
}

// Fetch returns the bytes of the lock's spec file name, checked against its
// sha256, and where they came from: Dir or URL when set (the only source),
// else the file of Mirror/<spec release>, else the cache file <sha256>,
// else the lock's URL, downloaded into the cache. A sum that is not the
// lock's is refused whatever the source, naming the file, the source and
// both sums; when no source has the file the error says what was tried and
// how to provide it.
func (l *Lock) Fetch(name string, src Sources) ([]byte, string, error) {
	spec, ok := l.Specs[name]
	if !ok {
		return nil, "", fmt.Errorf("lock %s has no spec %s", src.LockPath, name)
	}
	if src.Dir != "" {
		path := filepath.Join(src.Dir, name)
		data, err := os.ReadFile(path)
		if errors.Is(err, os.ErrNotExist) {
			return nil, "", fmt.Errorf("spec file %s is missing (Medusa spec %s); set MEDUSA_OAS_DIR or -dir to the directory holding %s, or unset it to use the mirror, the cache or the lock's URL", path, l.SpecsRelease(), name)
		}
		if err != nil {
			return nil, "", err
		}
		return data, path, l.check(name, path, src.LockPath, data)
	}
	if src.URL != "" {
		u := strings.TrimSuffix(src.URL, "/") + "/" + name
		data, from, err := l.download(name, u, src)
		if dl := (*downloadError)(nil); errors.As(err, &dl) {
			err = fmt.Errorf("spec file %s (Medusa spec %s): downloading %s (MEDUSA_OAS_URL or -url): %w", name, l.SpecsRelease(), u, dl.err)
		}
		return data, from, err
	}
	var tried []string
	if src.Mirror != "" {
		path := filepath.Join(src.Mirror, l.SpecsRelease(), name)
		switch data, err := os.ReadFile(path); {
		case err == nil:
			return data, path, l.check(name, path, src.LockPath, data)
		case errors.Is(err, os.ErrNotExist):
			tried = append(tried, fmt.Sprintf("the mirror %s: no such file", path))
		default:
			return nil, "", err
		}
	}
	if src.Cache != "" {
		path := filepath.Join(src.Cache, spec.SHA256)
		switch data, err := os.ReadFile(path); {
		case err == nil:
			if err := l.check(name, path, src.LockPath, data); err != nil {
				return nil, "", fmt.Errorf("%w; the cache file is damaged: delete it to download it again", err)
			}
			return data, path, nil
		case errors.Is(err, os.ErrNotExist):
			tried = append(tried, fmt.Sprintf("the cache %s: no such file", path))
		default:
			return nil, "", err
		}
	} else {
		tried = append(tried, "the cache: no user cache directory ($HOME / $XDG_CACHE_HOME unset) and MEDUSA_OAS_CACHE unset")
	}
	if spec.URL == "" {
		tried = append(tried, fmt.Sprintf("a download: %s gives no url for %s", src.LockPath, name))
		return nil, "", l.missing(name, src, tried)
	}
	data, from, err := l.download(name, spec.URL, src)
	var dl *downloadError
	if errors.As(err, &dl) {
		tried = append(tried, fmt.Sprintf("downloading %s: %v", spec.URL, dl.err))
		return nil, "", l.missing(name, src, tried)
	}
	return data, from, err
}

// missing says that no source has the file name, what was tried and how to
// provide it.
func (l *Lock) missing(name string, src Sources, tried []string) error {
	spec := l.Specs[name]
	var b strings.Builder
	fmt.Fprintf(&b, "spec file %s (Medusa spec %s, sha256 %s) is in no source; tried:\n", name, l.SpecsRelease(), spec.SHA256)
	for _, t := range tried {
		fmt.Fprintf(&b, "  - %s\n", t)
	}
	b.WriteString("  to provide it: ")
	if spec.URL != "" {
		fmt.Fprintf(&b, "fetch %s where the network allows it, then ", spec.URL)
	}
	fmt.Fprintf(&b, "set MEDUSA_OAS_DIR to a directory holding it as %s", name)
	if src.Cache != "" {
		fmt.Fprintf(&b, ", or copy it to %s", filepath.Join(src.Cache, spec.SHA256))
	}
	b.WriteString(" (MEDUSA_OAS_CACHE moves the cache; MEDUSA_OAS_URL downloads <url>/" + name + " instead)")
	return errors.New(b.String())
}

// check refuses data whose sha256 is not the lock's for name, naming the
// file, its source and both sums.
func (l *Lock) check(name, from, lockPath string, data []byte) error {
	want := l.Specs[name].SHA256
	if got := Sum(data); got != want {
		return fmt.Errorf("spec %s from %s does not match %s: sha256 is %s, the lock says %s (Medusa spec %s)", name, from, lockPath, got, want, l.SpecsRelease())
	}
	return nil
}

// downloadError is a download that got no answer to check (network, HTTP
// status, size); a sum mismatch is not one.
type downloadError struct{ err error }

func (e *downloadError) Error() string { return e.err.Error() }

// download fetches u, checks its sum and stores it in the cache.
func (l *Lock) download(name, u string, src Sources) ([]byte, string, error) {
	data, err := get(u)
	if err != nil {
		return nil, "", &downloadError{err}
	}
	if err := l.check(name, u, src.LockPath, data); err != nil {
		return nil, "", err
	}
	if src.Cache != "" {
		if err := WriteAtomic(src.Cache, l.Specs[name].SHA256, data); err != nil {
			return nil, "", fmt.Errorf("caching %s: %w", name, err)
		}
	}
	return data, u, nil
}

func get(u string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", "medusa-go-specsync")
	resp, err := http.DefaultClient.Do(req)
	if ue := (*url.Error)(nil); errors.As(err, &ue) {
		return nil, ue.Err // the caller names the URL
	}
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("HTTP %s", resp.Status)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxSpec+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxSpec {
		return nil, fmt.Errorf("larger than %d MiB", maxSpec>>20)
	}
	return data, nil
}

// Sum is the lower-case hex sha256 of data.
func Sum(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// WriteAtomic writes dir/name through a temporary file in dir, so a reader
// never sees part of it.
func WriteAtomic(dir, name string, data []byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "."+name+".*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, 0o644)
	}
	if err == nil {
		err = os.Rename(tmp, filepath.Join(dir, name))
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}
