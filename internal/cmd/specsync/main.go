// Command specsync puts the Medusa OpenAPI specs named by a lock file into
// openapi/specs and checks each file's sha256 against the lock.
//
// The specs come from a directory (default ../shared/medusa-oas/<version>
// relative to the repository root, or $MEDUSA_OAS_DIR, or -dir) or, when
// -url (or $MEDUSA_OAS_URL) is given, from <url>/<file name>. A missing file
// or a checksum that differs from the lock stops the run with a message that
// names the file, the expected and the actual sum.
//
// Usage (from the repository root):
//
//	go run ./internal/cmd/specsync [-lock openapi/lock.json] [-dir DIR | -url URL] [-out openapi/specs]
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Lock is the content of openapi/lock.json.
type Lock struct {
	// Medusa is the Medusa release the specs belong to.
	Medusa string `json:"medusa"`
	// Specs maps a spec file name to its lower-case hex sha256.
	Specs map[string]string `json:"specs"`
}

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "specsync:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("specsync", flag.ContinueOnError)
	lockPath := fs.String("lock", "openapi/lock.json", "lock file naming the Medusa version and the spec checksums")
	dir := fs.String("dir", os.Getenv("MEDUSA_OAS_DIR"), "directory holding the spec files (default ../shared/medusa-oas/<version>)")
	base := fs.String("url", os.Getenv("MEDUSA_OAS_URL"), "base URL to download <url>/<file> from instead of a directory")
	out := fs.String("out", "openapi/specs", "directory the verified specs are written to")
	shared := fs.String("base", filepath.Join("..", "shared", "medusa-oas"), "directory holding one sub-directory per Medusa version, used when -dir and -url are empty")
	if err := fs.Parse(args); err != nil {
		return err
	}
	lock, err := readLock(*lockPath)
	if err != nil {
		return err
	}
	if *dir == "" && *base == "" {
		*dir = filepath.Join(*shared, lock.Medusa)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	names := make([]string, 0, len(lock.Specs))
	for n := range lock.Specs {
		names = append(names, n)
	}
	sort.Strings(names)
	var errs []error
	for _, name := range names {
		want := strings.ToLower(lock.Specs[name])
		var data []byte
		var src string
		if *base != "" {
			src = strings.TrimSuffix(*base, "/") + "/" + name
			data, err = download(src)
		} else {
			src = filepath.Join(*dir, name)
			data, err = os.ReadFile(src)
			if errors.Is(err, os.ErrNotExist) {
				err = fmt.Errorf("spec file %s is missing (Medusa %s); set MEDUSA_OAS_DIR or -dir to the directory holding it, or -url to download it", src, lock.Medusa)
			}
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		sum := sha256.Sum256(data)
		got := hex.EncodeToString(sum[:])
		if got != want {
			errs = append(errs, fmt.Errorf("spec %s does not match %s: sha256 is %s, the lock says %s (Medusa %s)", src, *lockPath, got, want, lock.Medusa))
			continue
		}
		dst := filepath.Join(*out, name)
		if err := writeIfChanged(dst, data); err != nil {
			errs = append(errs, err)
			continue
		}
		fmt.Printf("specsync: %s ok (Medusa %s, sha256 %s)\n", dst, lock.Medusa, got[:12])
	}
	return errors.Join(errs...)
}

func readLock(path string) (*Lock, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading lock: %w", err)
	}
	var l Lock
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&l); err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	if l.Medusa == "" || len(l.Specs) == 0 {
		return nil, fmt.Errorf("lock %s: needs \"medusa\" and at least one entry in \"specs\"", path)
	}
	for n, s := range l.Specs {
		if len(s) != 64 {
			return nil, fmt.Errorf("lock %s: sha256 of %s must be 64 hex digits, got %q", path, n, s)
		}
		if _, err := hex.DecodeString(s); err != nil {
			return nil, fmt.Errorf("lock %s: sha256 of %s: %w", path, n, err)
		}
	}
	return &l, nil
}

func download(u string) ([]byte, error) {
	c := &http.Client{Timeout: 2 * time.Minute}
	resp, err := c.Get(u)
	if err != nil {
		return nil, fmt.Errorf("downloading %s: %w", u, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("downloading %s: HTTP %s", u, resp.Status)
	}
	return io.ReadAll(io.LimitReader(resp.Body, 64<<20))
}

// writeIfChanged keeps the file's mtime when the bytes are already there.
func writeIfChanged(path string, data []byte) error {
	if old, err := os.ReadFile(path); err == nil && string(old) == string(data) {
		return nil
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
