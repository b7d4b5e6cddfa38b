// Package secrets knows the secrets one request carried and masks them in
// whatever comes back from it: an error's message, body and headers, a
// redirect's URL, a log line.
//
// FromRequest reads them from the request itself, when something went
// wrong, so that the success path pays nothing: the credential of its
// Authorization header (a Bearer token, or a Basic secret API key, encoded
// and decoded), its cookie values, an X-Api-Key, the values of its
// secret-named query parameters (Name: token, code, state, ...) and of the
// secret-named keys of a JSON or form body (password, token, code, ...),
// read again through GetBody. A redirected request adds the secrets of
// every request before it.
//
// A Set is never kept in a value the SDK returns: it holds the secrets in
// clear, and reflection-based printers (spew, go-cmp) would print them.
package secrets

import (
	"bytes"
	"encoding/json"
	"html"
	"net/url"
	"sort"
	"strings"
)

// Marker replaces a masked secret.
const Marker = "[REDACTED]"

// shortLen is the length under which a secret is masked only as a whole
// word (not next to a letter or digit): a password "abc" must not turn every
// "abc" inside other words into the marker.
const shortLen = 6

// Set is the secrets of one request, each in the forms a server may echo it
// in. The nil *Set masks nothing.
type Set struct {
	forms  []string // longest first, no duplicates
	first  [256]bool
	values []string // the secrets as found, in the order found (Values)
}

// add records v and the forms it takes inside a JSON string, a URL and an
// HTML page.
func (set *Set) add(v string) {
	if strings.TrimSpace(v) == "" {
		return
	}
	set.values = append(set.values, v)
	set.addForm(v)
	set.addForm(strings.TrimSpace(v))
	set.addForm(jsonEscape(v, true))
	set.addForm(jsonEscape(v, false))
	set.addForm(url.QueryEscape(v))
	set.addForm(url.PathEscape(v))
	set.addForm(html.EscapeString(v))
}

func (set *Set) addForm(f string) {
	if f == "" {
		return
	}
	for _, g := range set.forms {
		if g == f {
			return
		}
	}
	set.forms = append(set.forms, f)
	set.first[f[0]] = true
}

// done sorts the forms longest first, so that a secret containing another
// is masked whole. It returns nil for an empty set.
func (set *Set) done() *Set {
	if len(set.forms) == 0 {
		return nil
	}
	sort.SliceStable(set.forms, func(i, j int) bool { return len(set.forms[i]) > len(set.forms[j]) })
	return set
}

// Len is the number of forms (not of secrets) the set masks.
func (set *Set) Len() int {
	if set == nil {
		return 0
	}
	return len(set.forms)
}

// String never shows a secret.
func (set *Set) String() string { return "secrets.Set[redacted]" }

// GoString never shows a secret.
func (set *Set) GoString() string { return set.String() }

func jsonEscape(v string, escapeHTML bool) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(escapeHTML)
	if enc.Encode(v) != nil {
		return ""
	}
	out := bytes.TrimSpace(b.Bytes())
	if len(out) < 2 {
		return ""
	}
	return string(out[1 : len(out)-1])
}

// next finds the leftmost form in s[from:], the longest one where several
// start at the same place. It returns its position and length, or -1.
func (set *Set) next(s string, from int) (int, int) {
	for i := from; i < len(s); i++ {
		if !set.first[s[i]] {
			continue
		}
		for _, f := range set.forms {
			if strings.HasPrefix(s[i:], f) && (len(f) >= shortLen || wordAt(s, i, len(f))) {
				return i, len(f)
			}
		}
	}
	return -1, 0
}

// wordAt reports whether s[i:i+n] is not glued to a letter or digit.
func wordAt(s string, i, n int) bool {
	return (i == 0 || !alnum(s[i-1])) && (i+n == len(s) || !alnum(s[i+n]))
}

func alnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// Mask returns v with every form of every secret of the set replaced by
// Marker. It returns v itself when there is nothing to mask.
func (set *Set) Mask(v string) string {
	if set == nil || v == "" {
		return v
	}
	return set.mask(v, v)
}

// MaskFold is Mask ignoring ASCII case, for a header name (net/http
// canonicalises its case: X-Echo-abcDEF arrives as X-Echo-Abcdef).
func (set *Set) MaskFold(v string) string {
	if set == nil || v == "" {
		return v
	}
	lower := &Set{}
	for _, f := range set.forms {
		lower.addForm(asciiLower(f))
	}
	if lower.done() == nil {
		return v
	}
	return lower.mask(v, asciiLower(v))
}

// mask replaces in v the spans where a form matches probe, a string of the
// same length as v (v itself, or v in lower case).
func (set *Set) mask(v, probe string) string {
	i, n := set.next(probe, 0)
	if i < 0 {
		return v
	}
	var b strings.Builder
	b.Grow(len(v))
	last := 0
	for i >= 0 {
		b.WriteString(v[last:i])
		b.WriteString(Marker)
		last = i + n
		i, n = set.next(probe, last)
	}
	b.WriteString(v[last:])
	return b.String()
}

// asciiLower lowers ASCII letters only, so that byte positions do not move.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// MaskBytes is Mask for a byte slice. It returns b itself (not a copy) when
// there is nothing to mask.
func (set *Set) MaskBytes(b []byte) []byte {
	if set == nil || len(b) == 0 {
		return b
	}
	s := string(b)
	if m := set.Mask(s); m != s {
		return []byte(m)
	}
	return b
}

// Contains reports whether v holds a form of a secret of the set.
func (set *Set) Contains(v string) bool {
	if set == nil {
		return false
	}
	i, _ := set.next(v, 0)
	return i >= 0
}
