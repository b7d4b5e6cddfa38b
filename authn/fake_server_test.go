package authn

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeMedusa imitates the auth routes of Medusa 2.18 as RECIPE.md measured
// them, closely enough for the flows: emailpass identities, JWT-shaped
// tokens (unsigned; the fake remembers what it issued), connect.sid
// sessions, secret and publishable keys.
type fakeMedusa struct {
	t   *testing.T
	srv *httptest.Server

	mu         sync.Mutex
	identities map[string]string // actor/email -> password
	actors     map[string]string // actor/email -> actor id
	tokens     map[string]fakeClaims
	sessions   map[string]fakeClaims
	resets     map[string]string // reset token -> actor/email
	requests   []recorded
	seq        int

	refreshes   atomic.Int32
	noCookie    bool // POST /auth/session answers 200 without Set-Cookie
	failDelete  bool // DELETE /auth/session answers 500
	refreshWait time.Duration
	secretKey   string
	pubKey      string
}

type fakeClaims struct {
	ActorID, ActorType, Email string
	Exp                       time.Time
}

type recorded struct {
	Method, Path, Query string
	Header              http.Header
	Body                string
}

func newFake(t *testing.T) *fakeMedusa {
	t.Helper()
	f := &fakeMedusa{
		t:          t,
		identities: map[string]string{"user/admin@example.com": "supersecret"},
		actors:     map[string]string{"user/admin@example.com": "user_01"},
		tokens:     map[string]fakeClaims{},
		sessions:   map[string]fakeClaims{},
		resets:     map[string]string{},
		secretKey:  "sk_" + strings.Repeat("a1", 32),
		pubKey:     "pk_" + strings.Repeat("b2", 32),
	}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeMedusa) URL() string { return f.srv.URL }

// jwt builds a JWT-shaped token (the signature is not checked by anyone).
func jwt(claims map[string]any) string {
	enc := base64.RawURLEncoding
	h := enc.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`))
	p, _ := json.Marshal(claims)
	return h + "." + enc.EncodeToString(p) + "." + enc.EncodeToString([]byte("sig"))
}

func (f *fakeMedusa) issue(c fakeClaims, ttl time.Duration) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.seq++
	now := time.Now()
	c.Exp = now.Add(ttl)
	tok := jwt(map[string]any{
		"actor_id": c.ActorID, "actor_type": c.ActorType, "auth_identity_id": fmt.Sprintf("authid_%d", f.seq),
		"app_metadata": map[string]any{}, "iat": now.Unix(), "exp": c.Exp.Unix(), "n": f.seq,
	})
	f.tokens[tok] = c
	return tok
}

func (f *fakeMedusa) reqs() []recorded {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]recorded(nil), f.requests...)
}

func (f *fakeMedusa) last(method, path string) *recorded {
	rs := f.reqs()
	for i := len(rs) - 1; i >= 0; i-- {
		if rs[i].Method == method && rs[i].Path == path {
			return &rs[i]
		}
	}
	return nil
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func unauthorized(w http.ResponseWriter) {
	writeJSON(w, 401, map[string]string{"message": "Unauthorized"})
}

// who authenticates a request the way Medusa's middleware does: API key
// (Basic), session cookie, Bearer.
func (f *fakeMedusa) who(r *http.Request) (fakeClaims, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	h := r.Header.Get("Authorization")
	if v, ok := strings.CutPrefix(h, "Basic "); ok {
		raw, _ := base64.StdEncoding.DecodeString(v)
		if string(raw) == f.secretKey+":" {
			return fakeClaims{ActorID: "apk_01", ActorType: "api-key"}, true
		}
		return fakeClaims{}, false
	}
	if c, err := r.Cookie("connect.sid"); err == nil {
		if s, ok := f.sessions[c.Value]; ok {
			return s, true
		}
	}
	if v, ok := strings.CutPrefix(h, "Bearer "); ok {
		if strings.HasPrefix(v, "sk_") {
			return fakeClaims{}, false
		}
		c, ok := f.tokens[v]
		if ok && time.Now().Before(c.Exp) {
			return c, true
		}
	}
	return fakeClaims{}, false
}

func (f *fakeMedusa) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	f.requests = append(f.requests, recorded{r.Method, r.URL.Path, r.URL.RawQuery, r.Header.Clone(), string(body)})
	f.mu.Unlock()

	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	switch {
	case r.URL.Path == "/auth/session" && r.Method == http.MethodPost:
		h := r.Header.Get("Authorization")
		tok, _ := strings.CutPrefix(h, "Bearer ")
		f.mu.Lock()
		c, ok := f.tokens[tok]
		f.mu.Unlock()
		if !ok {
			unauthorized(w)
			return
		}
		if !f.noCookie {
			f.mu.Lock()
			f.seq++
			sid := fmt.Sprintf("s%%3Asid%d.sig", f.seq)
			if old, err := r.Cookie("connect.sid"); err == nil {
				if _, ok := f.sessions[old.Value]; ok {
					sid = old.Value
				}
			}
			f.sessions[sid] = c
			f.mu.Unlock()
			w.Header().Add("Set-Cookie", "connect.sid="+sid+"; Path=/; HttpOnly")
		}
		writeJSON(w, 200, map[string]any{"user": map[string]any{"actor_id": c.ActorID}})
	case r.URL.Path == "/auth/session" && r.Method == http.MethodDelete:
		if f.failDelete {
			writeJSON(w, 500, map[string]string{"type": "unknown_error", "message": "boom"})
			return
		}
		ok := false
		if ck, err := r.Cookie("connect.sid"); err == nil {
			f.mu.Lock()
			_, ok = f.sessions[ck.Value]
			delete(f.sessions, ck.Value)
			f.mu.Unlock()
		}
		if !ok {
			unauthorized(w)
			return
		}
		w.Header().Add("Set-Cookie", "connect.sid=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT")
		writeJSON(w, 200, map[string]any{"success": true})
	case r.URL.Path == "/auth/token/refresh" && r.Method == http.MethodPost:
		f.refreshes.Add(1)
		if f.refreshWait > 0 {
			time.Sleep(f.refreshWait)
		}
		c, ok := f.who(r)
		if !ok {
			unauthorized(w)
			return
		}
		writeJSON(w, 200, map[string]string{"token": f.issue(c, 24*time.Hour)})
	case len(parts) >= 3 && parts[0] == "auth" && r.Method == http.MethodPost:
		f.authRoute(w, r, parts[1], parts[2], strings.Join(parts[3:], "/"), body)
	case r.URL.Path == "/store/customers" && r.Method == http.MethodPost:
		if r.Header.Get("x-publishable-api-key") != f.pubKey {
			writeJSON(w, 400, map[string]string{"type": "not_allowed", "message": "Publishable API key required in the request header: x-publishable-api-key."})
			return
		}
		c, ok := f.who(r)
		if !ok || c.ActorType != "customer" || c.ActorID != "" {
			unauthorized(w)
			return
		}
		var in struct{ Email string }
		_ = json.Unmarshal(body, &in)
		f.mu.Lock()
		f.seq++
		id := fmt.Sprintf("cus_%d", f.seq)
		f.actors["customer/"+c.Email] = id
		f.mu.Unlock()
		writeJSON(w, 200, map[string]any{"customer": map[string]any{"id": id, "email": in.Email}})
	case r.URL.Path == "/store/customers/me" || r.URL.Path == "/admin/users/me" || r.URL.Path == "/admin/products" || r.URL.Path == "/store/products":
		if strings.HasPrefix(r.URL.Path, "/store") && r.Header.Get("x-publishable-api-key") != f.pubKey {
			writeJSON(w, 400, map[string]string{"type": "not_allowed", "message": "Publishable API key required"})
			return
		}
		c, ok := f.who(r)
		if !ok && r.URL.Path != "/store/products" {
			unauthorized(w)
			return
		}
		writeJSON(w, 200, map[string]any{"actor_id": c.ActorID, "actor_type": c.ActorType})
	default:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(404)
		fmt.Fprintf(w, "<!DOCTYPE html><html><head><title>Error</title></head><body><pre>Cannot %s %s</pre></body></html>", r.Method, r.URL.Path)
	}
}

func (f *fakeMedusa) authRoute(w http.ResponseWriter, r *http.Request, actor, provider, rest string, body []byte) {
	var in struct{ Email, Password, Identifier string }
	_ = json.Unmarshal(body, &in)
	key := actor + "/" + in.Email
	switch {
	case provider == "google" && rest == "":
		writeJSON(w, 200, map[string]string{"location": "https://accounts.google.com/o/oauth2/v2/auth?client_id=x"})
	case provider == "google" && rest == "callback":
		if r.URL.Query().Get("code") != "good-code" || r.URL.Query().Get("state") != "st" {
			writeJSON(w, 401, map[string]string{"type": "unauthorized", "message": "Authentication failed"})
			return
		}
		writeJSON(w, 200, map[string]string{"token": f.issue(fakeClaims{ActorID: "", ActorType: actor, Email: "g@example.com"}, time.Hour)})
	case provider == "github" && rest == "callback":
		tok := f.issue(fakeClaims{ActorID: "cus_gh", ActorType: actor, Email: "gh@example.com"}, time.Hour)
		http.Redirect(w, r, "http://shop.invalid/welcome?access_token="+tok, http.StatusFound)
	case provider != "emailpass":
		writeJSON(w, 400, map[string]string{"type": "not_allowed", "message": "The actor type " + actor + " is not allowed to use the auth provider " + provider})
	case rest == "":
		f.mu.Lock()
		pw, ok := f.identities[key]
		id := f.actors[key]
		f.mu.Unlock()
		if !ok || pw != in.Password {
			writeJSON(w, 401, map[string]string{"type": "unauthorized", "message": "Invalid email or password"})
			return
		}
		writeJSON(w, 200, map[string]string{"token": f.issue(fakeClaims{ActorID: id, ActorType: actor, Email: in.Email}, 24*time.Hour)})
	case rest == "register":
		f.mu.Lock()
		_, exists := f.identities[key]
		if !exists {
			f.identities[key] = in.Password
		}
		f.mu.Unlock()
		if exists {
			writeJSON(w, 401, map[string]string{"type": "unauthorized", "message": "Identity with email already exists"})
			return
		}
		writeJSON(w, 200, map[string]string{"token": f.issue(fakeClaims{ActorType: actor, Email: in.Email}, 24*time.Hour)})
	case rest == "reset-password":
		if in.Identifier == "" {
			writeJSON(w, 400, map[string]string{"type": "invalid_data", "message": "Invalid request: Field 'identifier' is required"})
			return
		}
		f.mu.Lock()
		f.seq++
		tok := jwt(map[string]any{"entity_id": in.Identifier, "actor_type": actor, "purpose": "reset", "jti": f.seq})
		f.resets[tok] = actor + "/" + in.Identifier
		f.mu.Unlock()
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(201)
		_, _ = io.WriteString(w, "Created")
	case rest == "update":
		tok, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		f.mu.Lock()
		who, ok := f.resets[tok]
		delete(f.resets, tok)
		if ok {
			f.identities[who] = in.Password
		}
		f.mu.Unlock()
		if !ok {
			writeJSON(w, 401, map[string]string{"type": "unauthorized", "message": "Invalid token"})
			return
		}
		writeJSON(w, 200, map[string]bool{"success": true})
	default:
		http.NotFound(w, r)
	}
}

// resetTokenFor returns the newest reset token issued for actor/email.
func (f *fakeMedusa) resetTokenFor(actor, email string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	for tok, who := range f.resets {
		if who == actor+"/"+email {
			return tok
		}
	}
	return ""
}
