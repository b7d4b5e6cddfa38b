package authn

import (
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"sync"

	"golang.org/x/net/publicsuffix"
)

// policyJar is the client's cookie jar: a net/http/cookiejar (with the
// public suffix list) behind the configured policy, which can be emptied
// (Logout) without replacing the http.Client.
type policyJar struct {
	origin     *url.URL
	sameOrigin bool   // only the Medusa origin
	onlyName   string // if set, only this cookie is kept

	mu  sync.RWMutex
	jar *cookiejar.Jar
}

func newPolicyJar(origin *url.URL, sameOrigin bool, onlyName string) *policyJar {
	j := &policyJar{origin: origin, sameOrigin: sameOrigin, onlyName: onlyName}
	j.jar = newCookieJar()
	return j
}

func newCookieJar() *cookiejar.Jar {
	// cookiejar.New never fails (its error result is reserved).
	jar, _ := cookiejar.New(&cookiejar.Options{PublicSuffixList: publicsuffix.List})
	return jar
}

func (j *policyJar) allowed(u *url.URL) bool {
	return !j.sameOrigin || sameOrigin(j.origin, u)
}

// SetCookies implements http.CookieJar.
func (j *policyJar) SetCookies(u *url.URL, cookies []*http.Cookie) {
	if !j.allowed(u) {
		return
	}
	if j.onlyName != "" {
		kept := cookies[:0:0]
		for _, c := range cookies {
			if c != nil && c.Name == j.onlyName {
				kept = append(kept, c)
			}
		}
		cookies = kept
	}
	if len(cookies) == 0 {
		return
	}
	j.mu.RLock()
	defer j.mu.RUnlock()
	j.jar.SetCookies(u, cookies)
}

// Cookies implements http.CookieJar.
func (j *policyJar) Cookies(u *url.URL) []*http.Cookie {
	if !j.allowed(u) {
		return nil
	}
	j.mu.RLock()
	defer j.mu.RUnlock()
	return j.jar.Cookies(u)
}

// clear drops every cookie.
func (j *policyJar) clear() {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.jar = newCookieJar()
}

// hasCookie reports whether a cookie named name would be sent to the
// origin.
func (j *policyJar) hasCookie(name string) bool {
	for _, c := range j.Cookies(j.origin) {
		if c.Name == name && c.Value != "" {
			return true
		}
	}
	return false
}

// sameOrigin compares scheme, host and port (default ports made explicit).
func sameOrigin(a, b *url.URL) bool {
	if a == nil || b == nil {
		return false
	}
	return strings.EqualFold(a.Scheme, b.Scheme) &&
		strings.EqualFold(a.Hostname(), b.Hostname()) &&
		port(a) == port(b)
}

func port(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	switch strings.ToLower(u.Scheme) {
	case "http":
		return "80"
	case "https":
		return "443"
	}
	return ""
}

// stripCookie removes the cookie named name from req's Cookie header(s).
func stripCookie(h http.Header, name string) {
	vals := h.Values("Cookie")
	if len(vals) == 0 {
		return
	}
	var kept []string
	for _, v := range vals {
		for _, part := range strings.Split(v, ";") {
			p := strings.TrimSpace(part)
			if p == "" {
				continue
			}
			if n, _, _ := strings.Cut(p, "="); strings.TrimSpace(n) == name {
				continue
			}
			kept = append(kept, p)
		}
	}
	h.Del("Cookie")
	if len(kept) > 0 {
		h.Set("Cookie", strings.Join(kept, "; "))
	}
}
