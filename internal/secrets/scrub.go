package secrets

import (
	"sort"
	"strings"
	"sync"
)

// Values returns the secrets of the set as found, in the order found (a
// secret found twice is there twice). Use it to learn them into a Scrubber;
// never print them.
func (set *Set) Values() []string {
	if set == nil {
		return nil
	}
	return append([]string(nil), set.values...)
}

// A Scrubber replaces secrets with stand-ins chosen by its user: each
// secret, in every form it takes inside a JSON string, a URL or an HTML
// page, becomes the same stand-in wherever it appears. Unlike Set.Mask, which
// makes every secret the one Marker, a Scrubber keeps apart what was apart
// (two tokens stay two stand-ins) and gives the same text for the same
// exchanges, so that what it writes diffs well and can be matched again.
//
// A Scrubber is safe for concurrent use. The zero value is ready.
type Scrubber struct {
	mu    sync.Mutex
	known map[string]string // secret -> stand-in
	pairs []pair            // every form of every secret, longest first
	first [256]bool
	dirty bool
}

type pair struct{ form, standin string }

// Add learns secret and returns the stand-in it is replaced with: standin()
// the first time, the earlier stand-in after that. Blank secrets are not
// learnt (Add returns ""); nor is a stand-in learnt as a secret of its own.
func (s *Scrubber) Add(secret string, standin func() string) string {
	if strings.TrimSpace(secret) == "" {
		return ""
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.known == nil {
		s.known = map[string]string{}
	}
	if st, ok := s.known[secret]; ok {
		return st
	}
	for _, st := range s.known {
		if st == secret {
			return st
		}
	}
	st := standin()
	s.known[secret] = st
	forms := &Set{}
	forms.add(secret)
	for _, f := range forms.forms {
		if f != st {
			s.pairs = append(s.pairs, pair{f, st})
			s.first[f[0]] = true
		}
	}
	s.dirty = true
	return st
}

// Known reports whether secret was learnt.
func (s *Scrubber) Known(secret string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.known[secret]
	return ok
}

// Replace returns v with every form of every learnt secret replaced by its
// stand-in; v itself when there is none. As in Set.Mask, a short secret is
// replaced only as a whole word.
func (s *Scrubber) Replace(v string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.pairs) == 0 || v == "" {
		return v
	}
	if s.dirty {
		sort.SliceStable(s.pairs, func(i, j int) bool { return len(s.pairs[i].form) > len(s.pairs[j].form) })
		s.dirty = false
	}
	var b strings.Builder
	last := 0
	for i := 0; i < len(v); i++ {
		if !s.first[v[i]] {
			continue
		}
		for _, p := range s.pairs {
			if strings.HasPrefix(v[i:], p.form) && (len(p.form) >= shortLen || wordAt(v, i, len(p.form))) {
				b.WriteString(v[last:i])
				b.WriteString(p.standin)
				last = i + len(p.form)
				i = last - 1
				break
			}
		}
	}
	if last == 0 {
		return v
	}
	b.WriteString(v[last:])
	return b.String()
}

// String never shows a secret.
func (s *Scrubber) String() string { return "secrets.Scrubber[redacted]" }

// GoString never shows a secret.
func (s *Scrubber) GoString() string { return s.String() }
