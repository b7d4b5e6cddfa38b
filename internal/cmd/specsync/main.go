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
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/medusa-sdk/medusa-go/v2/internal/cmd/speclock"
)

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
	src := speclock.Sources{LockPath: *lockPath, Dir: *dir, URL: *base, Mirror: *shared, Cache: *cache}
	if src.Cache == "" {
		src.Cache = speclock.DefaultCache()
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	var errs []error
	for _, name := range lock.Names() {
		dst := filepath.Join(*out, name)
		want := lock.Specs[name].SHA256
		data, from, err := lock.Fetch(name, src)
		if err == nil {
			err = writeIfChanged(dst, data)
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		fmt.Printf("specsync: %s ok (Medusa spec %s, sha256 %s, from %s)\n", dst, lock.SpecsRelease(), want[:12], from)
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

// writeIfChanged keeps the file's mtime when the bytes are already there.
func writeIfChanged(path string, data []byte) error {
	if old, err := os.ReadFile(path); err == nil && string(old) == string(data) {
		return nil
	}
	return speclock.WriteAtomic(filepath.Dir(path), filepath.Base(path), data)
}
