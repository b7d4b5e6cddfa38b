package medusatest

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/medusa-sdk/medusa-go/v2/authn"
	"github.com/medusa-sdk/medusa-go/v2/internal/secrets"
)

// A recording never holds a credential. What the SDK sends (the bearer
// token, cookies, API keys, the values of secret-named query parameters and
// body keys: internal/secrets), what the server hands out (the tokens of
// logins and API keys, the values under credential keys of an answer,
// session cookies, secrets in a Location's query) and what the kit knows
// (the admin's token and password, the publishable key) is replaced, in
// every form and wherever it appears, by a stand-in: a stub JWT for a JWT
// (the same claims, fixed dates of issue and of expiry in 2100, and a
// signature no server takes), so a replayed login gives the client a token whose
// expiry it can read; "medusatest-secret-N" for anything else. The stand-ins
// are numbered in the order the exchanges were sent, and secret-named
// request values are secrets.Marker, so recording the same exchanges twice
// writes the same file.

// Fixed claims of a stub JWT: issued 2026-01-01, expiring 2100-01-01.
const (
	stubIssued  = 1767225600
	stubExpires = 4102444800
)

// stubJWT is the stand-in of a JWT: its claims (who, which provider; a
// claim is no credential, the signature is) with fixed dates and without a
// jti, and a signature no server accepts. Given something else than a JWT,
// it makes one of that actor type.
func stubJWT(token string) string {
	claims := map[string]any{}
	if c, err := authn.ParseClaims(token); err == nil {
		for k, v := range c.Raw {
			claims[k] = v
		}
		delete(claims, "jti")
	} else {
		claims["actor_type"] = token
	}
	claims["iat"], claims["exp"] = stubIssued, stubExpires
	payload, _ := json.Marshal(claims) // RawMessages from a parsed JSON object always encode
	enc := base64.RawURLEncoding
	return enc.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." + enc.EncodeToString(payload) + "." + enc.EncodeToString([]byte("medusatest stub"))
}

func isJWT(v string) bool {
	if !strings.HasPrefix(v, "eyJ") || strings.Count(v, ".") != 2 {
		return false
	}
	_, err := authn.ParseClaims(v)
	return err == nil
}

// requestSecrets are the credentials a request carries: those of its
// headers (internal/secrets finds them: the bearer token, cookies, an API
// key), its publishable key, and the values of its credential-named query
// parameters and body keys.
func requestSecrets(req *http.Request, m exchange, data []byte) []string {
	if strings.HasPrefix(m.Path, "/auth/") {
		// Every secret-named value: an OAuth code and state, an MFA code.
		return append(secrets.FromRequest(req).Values(), req.Header.Values("X-Publishable-Api-Key")...)
	}
	bare := &http.Request{Method: req.Method, URL: &url.URL{Path: req.URL.Path}, Header: req.Header}
	out := secrets.FromRequest(bare).Values()
	out = append(out, req.Header.Values("X-Publishable-Api-Key")...)
	if q, _ := url.ParseQuery(req.URL.RawQuery); len(q) > 0 {
		keys := make([]string, 0, len(q))
		for k := range q {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if credentialName(m.Path, k) {
				out = append(out, q[k]...)
			}
		}
	}
	if m.Request != nil && m.Request.JSON != nil {
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		var v any
		if dec.Decode(&v) == nil {
			out = credentialValues(m.Path, v, out, false, 0)
		}
	}
	return out
}

// credentialWords make a key or parameter name a credential's wherever
// they appear in it (new_password, access_token, client_secret); the
// credentialNames when they are a whole segment of it. Narrower than
// secrets.Name, which also takes code, state, key and session: outside
// the auth routes those are a shipping option type's code, an order's
// state, payment_sessions, and a recording must keep them.
var (
	credentialWords = []string{"token", "secret", "password", "passwd", "api_key", "apikey", "api-key", "credential", "authorization"}
	credentialNames = map[string]bool{"jwt": true, "otp": true, "pin": true, "pwd": true, "passcode": true, "passphrase": true}
)

// credentialName reports whether a query parameter or JSON key named name
// holds a credential in a request to (or an answer from) path: under
// /auth/ every name secrets.Name takes (an OAuth code and state, an MFA
// code), elsewhere the credential words.
func credentialName(path, name string) bool {
	if strings.HasPrefix(path, "/auth/") {
		return secrets.Name(name)
	}
	for _, seg := range strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return r == '[' || r == ']' || r == '.' }) {
		if credentialNames[seg] {
			return true
		}
		for _, w := range credentialWords {
			if strings.Contains(seg, w) {
				return true
			}
		}
	}
	return false
}

// answerSecrets are the credentials an answer hands out.
func answerSecrets(path string, h http.Header, body []byte) []string {
	var out []string
	for _, line := range h.Values("Set-Cookie") {
		if c, err := http.ParseSetCookie(line); err == nil && len(c.Value) >= 8 {
			// connect.sid's s%3A... as the server reads it (s:...): its
			// forms include the escaped one.
			if u, err := url.QueryUnescape(c.Value); err == nil {
				out = append(out, u)
			} else {
				out = append(out, c.Value)
			}
		}
	}
	out = append(out, urlSecrets(h.Get("Location"))...)
	if len(body) > 0 && (body[0] == '{' || body[0] == '[') {
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		var v any
		if dec.Decode(&v) == nil {
			out = credentialValues(path, v, out, false, 0)
		}
	}
	return out
}

// urlSecrets are the values of the secret-named query parameters of an
// address (an OAuth redirect's code and state), in sorted order.
func urlSecrets(addr string) []string {
	u, err := url.Parse(addr)
	if err != nil || u.RawQuery == "" {
		return nil
	}
	q := u.Query()
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []string
	for _, k := range keys {
		if secrets.Name(k) {
			out = append(out, q[k]...)
		}
	}
	return out
}

// credentialValues adds the strings and numbers under credential-named
// keys of v (directly, or in a list), keys in sorted order (the order
// stand-ins are numbered in).
func credentialValues(path string, v any, out []string, secret bool, depth int) []string {
	if depth > 64 {
		return out
	}
	switch x := v.(type) {
	case map[string]any:
		// An object under a credential name is a record (an answer's
		// api_key), not a credential: only its own credential keys are.
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			out = credentialValues(path, x[k], out, credentialName(path, k), depth+1)
		}
	case []any:
		for _, e := range x {
			out = credentialValues(path, e, out, secret, depth+1)
		}
	case string:
		if secret {
			out = append(out, x)
		} else if strings.HasPrefix(path, "/auth/") && strings.HasPrefix(x, "http") {
			// An OAuth provider's address to go to carries the state.
			out = append(out, urlSecrets(x)...)
		}
	case json.Number:
		if secret {
			out = append(out, x.String())
		}
	}
	return out
}

// keptHeaders are the answer headers a recording keeps: those a client
// acts on. The others (Date, ETag, X-Powered-By, ...) change on every run
// or say nothing, and would only make recordings differ.
var keptHeaders = []string{"Content-Type", "Content-Disposition", "Location", "Retry-After", "Set-Cookie", "Www-Authenticate"}

// build turns what was recorded into the recording: every secret replaced
// by its stand-in, the identical requests numbered.
func (tp *tape) build() *recording {
	tp.mu.Lock()
	defer tp.mu.Unlock()
	var sc secrets.Scrubber
	n := 0
	standin := func(v string) func() string {
		return func() string {
			if isJWT(v) {
				return stubJWT(v)
			}
			n++
			return fmt.Sprintf("medusatest-secret-%d", n)
		}
	}
	for _, k := range tp.pre {
		sc.Add(k.value, func() string { return k.standin })
	}
	for _, le := range tp.live {
		for _, v := range le.secrets {
			sc.Add(v, standin(v))
		}
		for _, v := range answerSecrets(le.ex.Path, le.header, le.body.Bytes()) {
			sc.Add(v, standin(v))
		}
	}
	rec := *tp.rec
	rec.Exchanges = make([]exchange, 0, len(tp.live))
	calls := map[string]int{}
	for _, le := range tp.live {
		ex := le.ex
		ex.Path = sc.Replace(ex.Path)
		if len(ex.Query) > 0 {
			q := map[string][]string{}
			for k, vs := range ex.Query {
				for _, v := range vs {
					q[sc.Replace(k)] = append(q[sc.Replace(k)], sc.Replace(v))
				}
			}
			ex.Query = q
		}
		ex.Request = ex.Request.scrubbed(&sc)
		ex.Error = sc.Replace(ex.Error)
		if le.header != nil {
			ex.Header = map[string][]string{}
			for _, name := range keptHeaders {
				for _, v := range le.header.Values(name) {
					if name == "Set-Cookie" {
						v = setCookie(v)
					}
					ex.Header[name] = append(ex.Header[name], sc.Replace(v))
				}
			}
			if len(ex.Header) == 0 {
				ex.Header = nil
			}
			ex.Response = payloadOf(le.ex.Path, le.header.Get("Content-Type"), le.body.Bytes(), false).scrubbed(&sc)
		}
		k := keyOf(ex.Method, ex.Path, ex.Query, ex.Request)
		calls[k]++
		if calls[k] > 1 {
			ex.Call = calls[k]
		}
		rec.Exchanges = append(rec.Exchanges, ex)
	}
	return &rec
}

// scrubbed is p with the secrets replaced (a binary body is kept as is:
// the credentials the kit knows are text).
func (p *payload) scrubbed(sc *secrets.Scrubber) *payload {
	if p == nil {
		return nil
	}
	q := *p
	switch {
	case p.JSON != nil:
		q.JSON = json.RawMessage(sc.Replace(string(p.JSON)))
	case p.Text != nil:
		s := sc.Replace(*p.Text)
		q.Text = &s
	}
	return &q
}

// setCookie keeps of a Set-Cookie what the client's jar acts on, without
// its dates: a replayed session cookie never expires, and does not make
// the recording differ.
func setCookie(line string) string {
	c, err := http.ParseSetCookie(line)
	if err != nil {
		return line
	}
	kept := &http.Cookie{Name: c.Name, Value: c.Value, Path: c.Path, Domain: c.Domain, Secure: c.Secure, HttpOnly: c.HttpOnly, SameSite: c.SameSite}
	if c.MaxAge < 0 || !c.Expires.IsZero() && c.Expires.Year() < 2000 {
		kept.MaxAge = -1 // a deletion stays one
	}
	return kept.String()
}

func encodeBase64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

func decodeBase64(s string) ([]byte, error) { return base64.StdEncoding.DecodeString(s) }
