package secrets

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
)

// MaxScan is the largest request body FromRequest reads again to find its
// secrets. An auth body is a few hundred bytes.
const MaxScan = 64 << 10

// maxHops bounds the walk back through a redirected request's chain (the
// SDK's clients stop after 10 redirects).
const maxHops = 12

// minCookie is the shortest cookie value taken for a secret: a session id
// is long, a flag cookie ("1", "true") is not a credential.
const minCookie = 8

// FromRequest returns the secrets req carried (see the package doc), and
// those of the requests that redirected to it; nil when there are none or
// req is nil. It reads req's body again only through GetBody, and only a
// JSON or form body of at most MaxScan bytes.
func FromRequest(req *http.Request) *Set {
	set := &Set{}
	for hops := 0; req != nil && hops < maxHops; hops++ {
		set.fromHeader(req.Header)
		set.fromQuery(req.URL)
		set.fromBody(req)
		if req.Response == nil {
			break
		}
		req = req.Response.Request
	}
	return set.done()
}

// fromHeader takes the credentials of the headers the SDK sends them in.
func (set *Set) fromHeader(h http.Header) {
	for _, k := range []string{"Authorization", "Proxy-Authorization"} {
		for _, v := range h[k] {
			set.authorization(v)
		}
	}
	for _, v := range h["X-Api-Key"] {
		set.add(v)
	}
	for _, line := range h["Cookie"] {
		for _, c := range strings.Split(line, ";") {
			_, val, ok := strings.Cut(strings.TrimSpace(c), "=")
			val = strings.Trim(strings.TrimSpace(val), `"`)
			if !ok || len(val) < minCookie {
				continue
			}
			set.add(val)
			if u, err := url.QueryUnescape(val); err == nil && u != val {
				set.add(u) // connect.sid's s%3A... as the server reads it: s:...
			}
		}
	}
}

// authorization takes the credential of an Authorization value: the token
// of "Bearer token", the base64 of "Basic ..." and the user and password it
// encodes (a secret API key is the user), or the whole value.
func (set *Set) authorization(v string) {
	scheme, cred, ok := strings.Cut(strings.TrimSpace(v), " ")
	if !ok {
		set.add(v)
		return
	}
	cred = strings.TrimSpace(cred)
	set.add(cred)
	if !strings.EqualFold(scheme, "basic") {
		return
	}
	dec, err := base64.StdEncoding.DecodeString(cred)
	if err != nil {
		return
	}
	user, pass, _ := strings.Cut(string(dec), ":")
	set.add(user)
	set.add(pass)
}

func (set *Set) fromQuery(u *url.URL) {
	if u == nil || u.RawQuery == "" {
		return
	}
	q, _ := url.ParseQuery(u.RawQuery) // what parsed, even when a part did not
	set.fromValues(q)
}

func (set *Set) fromValues(q url.Values) {
	for k, vals := range q {
		if Name(k) {
			for _, v := range vals {
				set.add(v)
			}
		}
	}
}

// fromBody takes the values of the secret-named keys of a JSON or form
// body, read again through GetBody.
func (set *Set) fromBody(req *http.Request) {
	if req.GetBody == nil || req.ContentLength <= 0 || req.ContentLength > MaxScan {
		return
	}
	mt, _, err := mime.ParseMediaType(req.Header.Get("Content-Type"))
	if err != nil {
		return
	}
	isJSON := mt == "application/json" || strings.HasSuffix(mt, "+json")
	if !isJSON && mt != "application/x-www-form-urlencoded" {
		return
	}
	rc, err := req.GetBody()
	if err != nil || rc == nil {
		return
	}
	body, err := io.ReadAll(io.LimitReader(rc, MaxScan+1))
	_ = rc.Close()
	if err != nil || len(body) > MaxScan {
		return
	}
	if !isJSON {
		q, _ := url.ParseQuery(string(body))
		set.fromValues(q)
		return
	}
	set.fromJSON(body)
}

// fromJSON takes the values of the secret-named keys of a JSON document,
// at any depth: every string and number under such a key.
func (set *Set) fromJSON(body []byte) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return
	}
	set.walk(v, false, 0)
}

// maxDepth bounds the walk (encoding/json itself refuses documents nested
// deeper than 10000).
const maxDepth = 64

func (set *Set) walk(v any, secret bool, depth int) {
	if depth > maxDepth {
		return
	}
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			set.walk(e, secret || Name(k), depth+1)
		}
	case []any:
		for _, e := range x {
			set.walk(e, secret, depth+1)
		}
	case string:
		if secret {
			set.add(x)
		}
	case json.Number:
		if secret {
			set.add(x.String())
		}
	}
}
