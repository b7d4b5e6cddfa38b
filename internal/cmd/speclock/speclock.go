// Package speclock reads the generator's input lock (openapi/lock.json and the
// compat locks): the Medusa release the SDK targets, the release and origin of
// the published spec pair, and the npm packages the facts are read from.
//
//	{
//	  "medusa": "2.18.0",
//	  "spec_release": "2.18.0",
//	  "specs": {"store.oas.yaml": {"sha256": "…", "url": "https://raw.githubusercontent.com/<owner>/<repo>/<commit>/<path>"}},
//	  "npm": {"@medusajs/medusa": "2.18.0"}
//	}
//
// "medusa" is the release the SDK targets (its facts, its test server);
// "spec_release" is the release of the spec pair (omitted: "medusa"). An
// entry of "specs" may also be the older form, the sha256 alone
// ("store.oas.yaml": "…"), which names no origin.
package speclock

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"sort"
	"strings"
)

// Lock is the content of a spec lock.
type Lock struct {
	// Medusa is the release the SDK targets: the release of the facts
	// (openapi/validators.json, openapi/models.json) and of the test server.
	Medusa string `json:"medusa"`
	// SpecRelease is the release of the published spec pair; empty means
	// Medusa. Use Specs() for the effective value.
	SpecRelease string `json:"spec_release,omitempty"`
	// Specs maps a spec file name to its sum and origin.
	Specs map[string]Spec `json:"specs"`
	// NPM maps each npm package the facts are read from to its exact version.
	NPM map[string]string `json:"npm,omitempty"`
}

// Spec pins one spec file.
type Spec struct {
	// SHA256 is the file's lower-case hex sha256.
	SHA256 string `json:"sha256"`
	// URL is where the file's bytes come from, at a fixed commit; empty in
	// the older lock form.
	URL string `json:"url,omitempty"`
}

// UnmarshalJSON takes {"sha256": …, "url": …} or, the older form, the sum
// alone.
func (s *Spec) UnmarshalJSON(b []byte) error {
	if bytes.HasPrefix(bytes.TrimSpace(b), []byte(`"`)) {
		*s = Spec{}
		return json.Unmarshal(b, &s.SHA256)
	}
	type plain Spec
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var p plain
	if err := dec.Decode(&p); err != nil {
		return err
	}
	*s = Spec(p)
	return nil
}

// SpecsRelease is the release of the spec pair: SpecRelease, else Medusa.
func (l *Lock) SpecsRelease() string {
	if l.SpecRelease != "" {
		return l.SpecRelease
	}
	return l.Medusa
}

// Names is the spec file names in order.
func (l *Lock) Names() []string {
	names := make([]string, 0, len(l.Specs))
	for n := range l.Specs {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Read reads and checks the lock at path: unknown keys, a missing release,
// no spec, a sum that is not 64 hex digits, a URL that is not absolute
// http(s), a file name with a path in it, or an npm version that is not
// exact are refused, naming the lock and the entry.
func Read(path string) (*Lock, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading lock: %w", err)
	}
	l, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	return l, nil
}

// Target reads only the release the SDK targets ("medusa") of the lock at
// path, for the commands that check facts or names against it.
func Target(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	var l struct {
		Medusa string `json:"medusa"`
	}
	if err := json.Unmarshal(b, &l); err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	if l.Medusa == "" {
		return "", fmt.Errorf("%s: no \"medusa\" release", path)
	}
	return l.Medusa, nil
}

var exactVersion = regexp.MustCompile(`^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$`)

// Parse decodes and checks a lock (see Read).
func Parse(data []byte) (*Lock, error) {
	var l Lock
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&l); err != nil {
		return nil, err
	}
	if l.Medusa == "" || len(l.Specs) == 0 {
		return nil, errors.New(`needs "medusa" and at least one entry in "specs"`)
	}
	for _, r := range []string{l.Medusa, l.SpecRelease} {
		if r != "" && !exactVersion.MatchString(r) {
			return nil, fmt.Errorf("release %q is not an exact version (X.Y.Z)", r)
		}
	}
	for _, n := range l.Names() {
		s := l.Specs[n]
		if n == "" || strings.ContainsAny(n, `/\`) || n == "." || n == ".." {
			return nil, fmt.Errorf("spec name %q must be a plain file name", n)
		}
		if len(s.SHA256) != 64 {
			return nil, fmt.Errorf("sha256 of %s must be 64 hex digits, got %q", n, s.SHA256)
		}
		if _, err := hex.DecodeString(s.SHA256); err != nil {
			return nil, fmt.Errorf("sha256 of %s: %w", n, err)
		}
		s.SHA256 = strings.ToLower(s.SHA256)
		if s.URL != "" {
			u, err := url.Parse(s.URL)
			if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
				return nil, fmt.Errorf("url of %s must be an absolute http(s) URL, got %q", n, s.URL)
			}
		}
		l.Specs[n] = s
	}
	for p, v := range l.NPM {
		if !exactVersion.MatchString(v) {
			return nil, fmt.Errorf("npm package %s: %q is not an exact version", p, v)
		}
	}
	if v, ok := l.NPM["@medusajs/medusa"]; ok && v != l.Medusa {
		return nil, fmt.Errorf(`npm package @medusajs/medusa is %s but "medusa" is %s: the facts are read from the release the SDK targets`, v, l.Medusa)
	}
	return &l, nil
}
