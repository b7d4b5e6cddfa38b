// Command specsync puts the Medusa OpenAPI specs named by a lock file into
// openapi/specs and checks each file's sha256 against the lock.
//
// Each file comes from the first of these that has it:
//
//  1. -dir (or $MEDUSA_OAS_DIR), a local mirror: when set, the only source;
//  2. -url (or $MEDUSA_OAS_URL): <url>/<file name>, downloaded: when set, the
//     only source;
//  3. the mirror -base/<spec release> (default ../shared/medusa-oas/<spec
//     release> from the repository root), when it holds the file;
//  4. the cache, -cache (or $MEDUSA_OAS_CACHE; default the user's cache
//     directory, os.UserCacheDir()/medusa-go/specs), file <sha256>;
//  5. the lock's URL for the file, downloaded into the cache (written
//     atomically, and only once its sum is right).
//
// Every file's sha256 is checked whatever its source: a mismatch stops the run with a
// message naming the file, the source and both sums; a file no source has
// stops it with what was tried and how to provide the file.
//
// Usage (from the repository root):
//
//	go run ./internal/cmd/specsync [-lock openapi/lock.json] [-dir DIR | -url URL] [-cache DIR] [-out openapi/specs]
//	go run ./internal/cmd/specsync -lock LOCK -print medusa|spec_release
package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/medusa-sdk/medusa-go/v2/internal/cmd/speclock"
)

// maxSpec bounds a downloaded spec (the 2.18.0 admin spec is 3.8 MB).
const maxSpec = 64 << 20

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "specsync:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("specsync", flag.ContinueOnError)
	lockPath := fs.String("lock", "openapi/lock.json", "lock file naming the Medusa release, the spec files' sums and where they come from")
	dir := fs.String("dir", os.Getenv("MEDUSA_OAS_DIR"), "local mirror holding the spec files; when set, the only source")
	base := fs.String("url", os.Getenv("MEDUSA_OAS_URL"), "base URL to download <url>/<file> from; when set, the only source")
	out := fs.String("out", "openapi/specs", "directory the verified specs are written to")
	shared := fs.String("base", filepath.Join("..", "shared", "medusa-oas"), "local mirror holding one sub-directory per spec release, tried first when -dir and -url are empty")
	cache := fs.String("cache", os.Getenv("MEDUSA_OAS_CACHE"), "download cache, one file per sha256 (default <user cache dir>/medusa-go/specs)")
	print := fs.String("print", "", "print the lock's `medusa` or `spec_release` and exit")
	if err := fs.Parse(args); err != nil {
		return err
	}
	lock, err := speclock.Read(*lockPath)
	if err != nil {
		return err
	}
	if *print != "" {
		v, err := field(lock, *print)
		if err == nil {
			fmt.Println(v)
		}
		return err
	}
	s := &syncer{lockPath: *lockPath, lock: lock, dir: *dir, url: *base, mirror: filepath.Join(*shared, lock.SpecsRelease()), cache: *cache}
	if s.cache == "" {
		if d, err := os.UserCacheDir(); err == nil {
			s.cache = filepath.Join(d, "medusa-go", "specs")
		}
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	var errs []error
	for _, name := range lock.Names() {
		dst := filepath.Join(*out, name)
		want := lock.Specs[name].SHA256
		data, src, err := s.get(name)
		if err == nil {
			err = writeIfChanged(dst, data)
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		fmt.Printf("specsync: %s ok (Medusa spec %s, sha256 %s, from %s)\n", dst, lock.SpecsRelease(), want[:12], src)
	}
	return errors.Join(errs...)
}

// field is the lock's value named by -print.
func field(l *speclock.Lock, name string) (string, error) {
	switch name {
	case "medusa":
		return l.Medusa, nil
	case "spec_release":
		return l.SpecsRelease(), nil
	}
	return "", fmt.Errorf("-print %q: want medusa or spec_release", name)
}

// syncer finds the bytes of the lock's spec files.
type syncer struct {
	lockPath string
	lock     *speclock.Lock
	dir      string // -dir: the only source when set
	url      string // -url: the only source when set
	mirror   string // -base/<spec release>
	cache    string // empty: no cache directory is known
}

// get returns the verified bytes of the spec file name and where they came
// from.
func (s *syncer) get(name string) ([]byte, string, error) {
	spec := s.lock.Specs[name]
	if s.dir != "" {
		src := filepath.Join(s.dir, name)
		data, err := os.ReadFile(src)
		if errors.Is(err, os.ErrNotExist) {
			return nil, "", fmt.Errorf("spec file %s is missing (Medusa spec %s); set MEDUSA_OAS_DIR or -dir to the directory holding %s, or unset it to use the mirror, the cache or the lock's URL", src, s.lock.SpecsRelease(), name)
		}
		if err != nil {
			return nil, "", err
		}
		return data, src, s.check(name, src, data)
	}
	if s.url != "" {
		return s.download(name, strings.TrimSuffix(s.url, "/")+"/"+name)
	}
	var tried []string
	src := filepath.Join(s.mirror, name)
	switch data, err := os.ReadFile(src); {
	case err == nil:
		return data, src, s.check(name, src, data)
	case errors.Is(err, os.ErrNotExist):
		tried = append(tried, fmt.Sprintf("the mirror %s: no such file", src))
	default:
		return nil, "", err
	}
	if s.cache != "" {
		src := filepath.Join(s.cache, spec.SHA256)
		switch data, err := os.ReadFile(src); {
		case err == nil:
			if err := s.check(name, src, data); err != nil {
				return nil, "", fmt.Errorf("%w; the cache file is damaged: delete it to download it again", err)
			}
			return data, src, nil
		case errors.Is(err, os.ErrNotExist):
			tried = append(tried, fmt.Sprintf("the cache %s: no such file", src))
		default:
			return nil, "", err
		}
	} else {
		tried = append(tried, "the cache: no user cache directory ($HOME / $XDG_CACHE_HOME unset) and MEDUSA_OAS_CACHE unset")
	}
	if spec.URL == "" {
		tried = append(tried, fmt.Sprintf("a download: %s gives no url for %s", s.lockPath, name))
		return nil, "", s.missing(name, tried)
	}
	data, src, err := s.download(name, spec.URL)
	var dl *downloadError
	if errors.As(err, &dl) {
		tried = append(tried, fmt.Sprintf("downloading %s: %v", spec.URL, dl.err))
		return nil, "", s.missing(name, tried)
	}
	return data, src, err
}

// missing says that no source has the file name, what was tried and how to
// provide it.
func (s *syncer) missing(name string, tried []string) error {
	spec := s.lock.Specs[name]
	var b strings.Builder
	fmt.Fprintf(&b, "spec file %s (Medusa spec %s, sha256 %s) is in no source; tried:\n", name, s.lock.SpecsRelease(), spec.SHA256)
	for _, t := range tried {
		fmt.Fprintf(&b, "  - %s\n", t)
	}
	b.WriteString("  to provide it: ")
	if spec.URL != "" {
		fmt.Fprintf(&b, "fetch %s where the network allows it, then ", spec.URL)
	}
	fmt.Fprintf(&b, "set MEDUSA_OAS_DIR to a directory holding it as %s", name)
	if s.cache != "" {
		fmt.Fprintf(&b, ", or copy it to %s", filepath.Join(s.cache, spec.SHA256))
	}
	b.WriteString(" (MEDUSA_OAS_CACHE moves the cache; MEDUSA_OAS_URL downloads <url>/" + name + " instead)")
	return errors.New(b.String())
}

// check refuses data whose sha256 is not the lock's for name, naming the
// file, its source and both sums.
func (s *syncer) check(name, src string, data []byte) error {
	want := s.lock.Specs[name].SHA256
	if got := sumOf(data); got != want {
		return fmt.Errorf("spec %s from %s does not match %s: sha256 is %s, the lock says %s (Medusa spec %s)", name, src, s.lockPath, got, want, s.lock.SpecsRelease())
	}
	return nil
}

// downloadError is a download that got no answer to check (network, HTTP
// status, size); a sum mismatch is not one.
type downloadError struct{ err error }

func (e *downloadError) Error() string { return e.err.Error() }

// download fetches u, checks its sum and stores it in the cache.
func (s *syncer) download(name, u string) ([]byte, string, error) {
	data, err := fetch(u)
	if err != nil {
		return nil, "", &downloadError{err}
	}
	if err := s.check(name, u, data); err != nil {
		return nil, "", err
	}
	if s.cache != "" {
		if err := writeAtomic(s.cache, s.lock.Specs[name].SHA256, data); err != nil {
			return nil, "", fmt.Errorf("caching %s: %w", name, err)
		}
	}
	return data, u, nil
}

func fetch(u string) ([]byte, error) {
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

func sumOf(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// writeAtomic writes dir/name through a temporary file in dir, so a reader
// never sees part of it.
func writeAtomic(dir, name string, data []byte) error {
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

// writeIfChanged keeps the file's mtime when the bytes are already there.
func writeIfChanged(path string, data []byte) error {
	if old, err := os.ReadFile(path); err == nil && string(old) == string(data) {
		return nil
	}
	return writeAtomic(filepath.Dir(path), filepath.Base(path), data)
}
