package bench

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// PublishableKey is the key the static server expects on /store routes. It
// is not a real key: the static server only checks that one is sent.
const PublishableKey = "pk_bench_static_server_only"

// SessionCookie is the session cookie the static server hands out.
const SessionCookie = "connect.sid"

// Static serves the recorded answers the way Medusa would for the routes the
// benchmarks call, with Medusa's headers and an exact Content-Length:
//
//	GET  /store/products            products-list-50.json (…-region.json with region_id);
//	                                with limit=1, 10 or 200: ListSizes (first products / repeats)
//	GET  /store/products/{id}       product.json
//	GET  /store/carts/{id}          cart.json
//	GET  /store/orders/{id}         order.json
//	GET  /store/regions             regions-list.json
//	GET  /store/customers/me        customer-me.json
//	GET  /store/shipping-options    shipping-options.json
//	POST /auth/customer/emailpass   a customer JWT (not signed: nothing verifies it)
//	POST /auth/session              the session cookie
//
// Every /store route answers 400 without the publishable key PublishableKey
// and 401 without the login's credential (its Bearer token or the session
// cookie it handed out), so a benchmark of a broken auth path fails instead
// of measuring something else. That is stricter than Medusa, which serves
// /store/products and /store/regions to anonymous callers too: every
// benchmarked client logs in first, and the comparison is of the logged-in
// path, credential included.
type Static struct {
	files map[string][]byte
	token string

	Requests   atomic.Int64
	Rejections atomic.Int64
}

// NewStatic returns a server for the recorded answers rs.
func NewStatic(rs []Response) (*Static, error) {
	s := &Static{files: map[string][]byte{}, token: FakeJWT("cus_bench", time.Now().Add(24*time.Hour))}
	for _, r := range rs {
		s.files[r.File] = r.Body
	}
	for _, f := range []string{"products-list-50.json", "product.json", "cart.json", "order.json"} {
		if _, ok := s.files[f]; !ok {
			return nil, fmt.Errorf("bench: no recorded %s", f)
		}
	}
	for _, n := range ListSizes {
		if n == 50 {
			continue
		}
		b, err := ListOf(s.files["products-list-50.json"], n)
		if err != nil {
			return nil, err
		}
		s.files[fmt.Sprintf("products-list-%d.json", n)] = b
	}
	return s, nil
}

// ListSizes are the product-list sizes the static server answers
// (GET /store/products?limit=N), for the size comparison of BENCHMARKS.md.
var ListSizes = []int{1, 10, 50, 200}

// ListOf builds a product-list answer of n products from the recorded
// 50-product list: its first n products, or for more than 50 the 50
// repeated (each product's bytes exactly as recorded), with count and limit
// set to n.
func ListOf(list50 []byte, n int) ([]byte, error) {
	var l struct {
		Products []json.RawMessage `json:"products"`
	}
	if err := json.Unmarshal(list50, &l); err != nil || len(l.Products) == 0 {
		return nil, fmt.Errorf("bench: recorded product list: %v", err)
	}
	items := make([]json.RawMessage, 0, n)
	for len(items) < n {
		items = append(items, l.Products[len(items)%len(l.Products)])
	}
	var b bytes.Buffer
	b.WriteString(`{"products":[`)
	for i, p := range items {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(p)
	}
	fmt.Fprintf(&b, `],"count":%d,"offset":0,"limit":%d}`, n, n)
	return b.Bytes(), nil
}

// FakeJWT returns an unsigned customer token for actorID that expires at
// exp: the SDK reads its claims, the static server does not verify it.
func FakeJWT(actorID string, exp time.Time) string {
	enc := base64.RawURLEncoding.EncodeToString
	header := enc([]byte(`{"alg":"HS256","typ":"JWT"}`))
	claims := enc(fmt.Appendf(nil, `{"actor_id":%q,"actor_type":"customer","auth_identity_id":"authid_bench","app_metadata":{"customer_id":%q},"iat":%d,"exp":%d}`,
		actorID, actorID, time.Now().Unix(), exp.Unix()))
	return header + "." + claims + "." + enc([]byte("not-a-signature"))
}

// Token is the JWT the static server's login returns.
func (s *Static) Token() string { return s.token }

var jsonHeader = []string{"application/json; charset=utf-8"}

func (s *Static) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.Requests.Add(1)
	p := r.URL.Path
	switch {
	case r.Method == http.MethodPost && p == "/auth/customer/emailpass":
		s.write(w, 200, []byte(`{"token":"`+s.token+`"}`))
		return
	case r.Method == http.MethodPost && p == "/auth/session":
		if r.Header.Get("Authorization") != "Bearer "+s.token {
			s.reject(w, 401)
			return
		}
		http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: sessionValue, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode})
		s.write(w, 200, []byte(`{"user":{"id":"cus_bench"}}`))
		return
	case r.Method != http.MethodGet || !strings.HasPrefix(p, "/store/"):
		s.reject(w, 404)
		return
	}
	if r.Header.Get("x-publishable-api-key") != PublishableKey {
		s.reject(w, 400)
		return
	}
	if !s.loggedIn(r) {
		s.reject(w, 401)
		return
	}
	rest := strings.TrimPrefix(p, "/store/")
	var file string
	switch {
	case rest == "products":
		file = "products-list-50.json"
		if l := r.URL.Query().Get("limit"); l != "" && l != "50" {
			file = "products-list-" + l + ".json"
		}
		if r.URL.Query().Get("region_id") != "" {
			file = "products-list-50-region.json"
		}
	case strings.HasPrefix(rest, "products/"):
		file = "product.json"
	case strings.HasPrefix(rest, "carts/"):
		file = "cart.json"
	case strings.HasPrefix(rest, "orders/"):
		file = "order.json"
	case rest == "regions":
		file = "regions-list.json"
	case rest == "customers/me":
		file = "customer-me.json"
	case rest == "shipping-options":
		file = "shipping-options.json"
	}
	body, ok := s.files[file]
	if !ok {
		s.reject(w, 404)
		return
	}
	s.write(w, 200, body)
}

// sessionValue is the session cookie's value the static server hands out.
const sessionValue = "s%3Abench-session"

// loggedIn reports whether r carries the login's credential: the issued
// Bearer token or the issued session cookie.
func (s *Static) loggedIn(r *http.Request) bool {
	if r.Header.Get("Authorization") == "Bearer "+s.token {
		return true
	}
	c, err := r.Cookie(SessionCookie)
	return err == nil && c.Value == sessionValue
}

func (s *Static) write(w http.ResponseWriter, status int, body []byte) {
	h := w.Header()
	h["Content-Type"] = jsonHeader
	h["Content-Length"] = []string{strconv.Itoa(len(body))}
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

func (s *Static) reject(w http.ResponseWriter, status int) {
	s.Rejections.Add(1)
	s.write(w, status, fmt.Appendf(nil, `{"type":"not_allowed","message":"static server: status %d"}`, status))
}
