package medusatest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/medusa-sdk/medusa-go/v2/internal/secrets"
)

// ErrNotRecorded is wrapped by the error a replayed request meets when its
// test's recording has no answer for it; the message names the method, the
// path and the nearest recorded requests.
var ErrNotRecorded = errors.New("medusatest: no recorded answer")

// maxKeptBody is the largest request body a recording keeps as text; a
// larger one (an upload) is matched by its SHA-256.
const maxKeptBody = 64 << 10

// tape is the transport of a recorded or replayed Server (Replay): it
// records every exchange, through next, or answers each request from the
// recording. It is safe for concurrent use.
type tape struct {
	t      testing.TB
	path   string
	rec    *recording
	replay bool
	next   http.RoundTripper // recording: the real transport

	mu sync.Mutex
	// Recording: the exchanges in the order sent, and the secrets known
	// before the first one (the admin's token and password, the key).
	live []*liveExchange
	pre  []knownSecret
	// Replaying: the recorded exchanges of each request, in order, and how
	// many of each were answered; the requests that had no answer.
	byKey  map[string][]*exchange
	calls  map[string]int
	misses []string
}

type knownSecret struct{ value, standin string }

// liveExchange is an exchange being recorded: the request as matched (not
// scrubbed yet), the secrets it carried, and the answer as it is read.
type liveExchange struct {
	ex      exchange
	secrets []string
	header  http.Header
	body    bytes.Buffer
}

func newReplayTape(t testing.TB, path string, rec *recording) *tape {
	tp := &tape{t: t, path: path, rec: rec, replay: true, byKey: map[string][]*exchange{}, calls: map[string]int{}}
	for i := range rec.Exchanges {
		ex := &rec.Exchanges[i]
		k := keyOf(ex.Method, ex.Path, ex.Query, ex.Request)
		tp.byKey[k] = append(tp.byKey[k], ex)
	}
	return tp
}

func newRecordTape(t testing.TB, path string, rec *recording, next http.RoundTripper) *tape {
	return &tape{t: t, path: path, rec: rec, next: next}
}

// RoundTrip records or replays one exchange.
func (tp *tape) RoundTrip(req *http.Request) (*http.Response, error) {
	data, err := readBody(req)
	if err != nil {
		return nil, fmt.Errorf("medusatest: reading the request body: %w", err)
	}
	m := matched(req, data)
	if tp.replay {
		return tp.answer(req, m)
	}
	out := req.Clone(req.Context())
	if req.Body != nil {
		out.Body = io.NopCloser(bytes.NewReader(data))
		out.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }
	}
	le := &liveExchange{ex: m, secrets: requestSecrets(out, m, data)}
	tp.mu.Lock()
	tp.live = append(tp.live, le)
	tp.mu.Unlock()
	resp, err := tp.next.RoundTrip(out)
	if err != nil {
		tp.mu.Lock()
		le.ex.Error = err.Error()
		tp.mu.Unlock()
		return nil, err
	}
	tp.mu.Lock()
	le.ex.Status, le.header = resp.StatusCode, resp.Header.Clone()
	tp.mu.Unlock()
	resp.Body = &teeBody{rc: resp.Body, tp: tp, le: le, stream: isStream(resp.Header)}
	return resp, nil
}

// readBody reads and closes req's body (a RoundTripper must close it).
func readBody(req *http.Request) ([]byte, error) {
	if req.Body == nil || req.Body == http.NoBody {
		return nil, nil
	}
	defer req.Body.Close()
	return io.ReadAll(req.Body)
}

// teeBody keeps what the client reads of a recorded answer. Closing it
// reads the rest first, so the recording has the whole answer even when
// the client stopped early; except for an event stream, which may never
// end.
type teeBody struct {
	rc     io.ReadCloser
	tp     *tape
	le     *liveExchange
	stream bool
}

func (b *teeBody) Read(p []byte) (int, error) {
	n, err := b.rc.Read(p)
	if n > 0 {
		b.tp.mu.Lock()
		b.le.body.Write(p[:n])
		b.tp.mu.Unlock()
	}
	return n, err
}

func (b *teeBody) Close() error {
	if !b.stream {
		_, _ = io.Copy(io.Discard, b)
	}
	return b.rc.Close()
}

func isStream(h http.Header) bool {
	mt, _, _ := mime.ParseMediaType(h.Get("Content-Type"))
	return mt == "text/event-stream"
}

// matched is the request as a recording matches it: the method, the path,
// the query with the values of secret-named parameters replaced by
// secrets.Marker, and the body (see payloadOf).
func matched(req *http.Request, data []byte) exchange {
	ex := exchange{Method: req.Method, Path: req.URL.EscapedPath()}
	if q, _ := url.ParseQuery(req.URL.RawQuery); len(q) > 0 {
		ex.Query = scrubValues(ex.Path, q)
	}
	ex.Request = payloadOf(ex.Path, req.Header.Get("Content-Type"), data, true)
	return ex
}

// scrubValues replaces the values of credential-named parameters.
func scrubValues(path string, q url.Values) url.Values {
	for k, vs := range q {
		if credentialName(path, k) {
			for i := range vs {
				vs[i] = secrets.Marker
			}
		}
	}
	return q
}

// payloadOf is a body in the form a recording keeps it: JSON canonical
// (compact, keys sorted, and for a request the values under secret-named
// keys replaced by secrets.Marker), a form likewise, text as text, a
// multipart body with its random boundary made fixed, and anything else
// as base64 (an answer) or its SHA-256 (a request over maxKeptBody or
// not text).
func payloadOf(path, contentType string, data []byte, request bool) *payload {
	if len(data) == 0 {
		return nil
	}
	mt, params, _ := mime.ParseMediaType(contentType)
	switch {
	case mt == "application/json" || strings.HasSuffix(mt, "+json"):
		if c, ok := canonicalJSON(path, data, request); ok {
			return &payload{JSON: c}
		}
	case mt == "application/x-www-form-urlencoded" && request:
		if q, err := url.ParseQuery(string(data)); err == nil {
			text := scrubValues(path, q).Encode()
			return &payload{Text: &text}
		}
	case strings.HasPrefix(mt, "multipart/") && params["boundary"] != "":
		data = bytes.ReplaceAll(data, []byte(params["boundary"]), []byte("medusatest-boundary"))
	}
	if utf8.Valid(data) && !bytes.ContainsRune(data, 0) && (!request || len(data) <= maxKeptBody) {
		text := string(data)
		return &payload{Text: &text}
	}
	if request {
		sum := sha256.Sum256(data)
		return &payload{SHA256: hex.EncodeToString(sum[:])}
	}
	return &payload{Base64: encodeBase64(data)}
}

// canonicalJSON decodes and encodes data again: keys sorted, numbers as
// written, no HTML escaping; in a request the values under secret-named
// keys become secrets.Marker.
func canonicalJSON(path string, data []byte, request bool) (json.RawMessage, bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil || dec.More() {
		return nil, false
	}
	if request {
		v = scrubJSON(path, v, false)
	}
	return encodeJSON(v), true
}

func encodeJSON(v any) json.RawMessage {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v) // what a json.Decoder gave always encodes
	return bytes.TrimRight(b.Bytes(), "\n")
}

// scrubJSON replaces every string and number under a credential-named
// key (directly, or in a list).
func scrubJSON(path string, v any, secret bool) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = scrubJSON(path, e, credentialName(path, k)) // as in credentialValues
		}
	case []any:
		for i, e := range x {
			x[i] = scrubJSON(path, e, secret)
		}
	case string, json.Number:
		if secret {
			return secrets.Marker
		}
	}
	return v
}

// keyOf is what a request is matched by.
func keyOf(method, path string, query map[string][]string, p *payload) string {
	var b strings.Builder
	b.WriteString(method + " " + path)
	if len(query) > 0 {
		b.WriteString("?" + url.Values(query).Encode())
	}
	b.WriteString("\n" + p.key())
	return b.String()
}

func (p *payload) key() string {
	switch {
	case p == nil:
		return ""
	case p.JSON != nil:
		if c, ok := canonicalJSON("", p.JSON, false); ok {
			return "json:" + string(c)
		}
		return "json:" + string(p.JSON)
	case p.Text != nil:
		return "text:" + *p.Text
	case p.SHA256 != "":
		return "sha256:" + p.SHA256
	default:
		return "base64:" + p.Base64
	}
}

// answer replays the recorded answer of the request, the next one of the
// identical requests recorded.
func (tp *tape) answer(req *http.Request, m exchange) (*http.Response, error) {
	k := keyOf(m.Method, m.Path, m.Query, m.Request)
	tp.mu.Lock()
	n := tp.calls[k]
	recorded := tp.byKey[k]
	if n >= len(recorded) {
		msg := tp.missMessage(m, k, n)
		if !slices.Contains(tp.misses, msg) { // a retry of the same request
			tp.misses = append(tp.misses, msg)
		}
		tp.mu.Unlock()
		return nil, fmt.Errorf("%w for %s", ErrNotRecorded, msg)
	}
	tp.calls[k] = n + 1
	ex := recorded[n]
	tp.mu.Unlock()
	if ex.Error != "" {
		return nil, fmt.Errorf("medusatest: replayed transport error: %s", ex.Error)
	}
	data, err := ex.Response.bytes()
	if err != nil {
		return nil, fmt.Errorf("medusatest: %s: the recorded answer of %s %s: %w", tp.path, m.Method, m.Path, err)
	}
	h := http.Header{}
	for k, vs := range ex.Header {
		h[http.CanonicalHeaderKey(k)] = append([]string(nil), vs...)
	}
	return &http.Response{
		Status: fmt.Sprintf("%d %s", ex.Status, http.StatusText(ex.Status)), StatusCode: ex.Status,
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: h, Body: io.NopCloser(bytes.NewReader(data)), ContentLength: int64(len(data)), Request: req,
	}, nil
}

func (p *payload) bytes() ([]byte, error) {
	switch {
	case p == nil:
		return nil, nil
	case p.JSON != nil:
		var b bytes.Buffer
		if err := json.Compact(&b, p.JSON); err != nil {
			return nil, err
		}
		return b.Bytes(), nil
	case p.Text != nil:
		return []byte(*p.Text), nil
	case p.Base64 != "":
		return decodeBase64(p.Base64)
	default:
		return nil, errors.New("the recording keeps only the body's SHA-256")
	}
}

// finishReplay fails the test when a request had no answer (the service
// may have dropped the error) and says how much of the recording was not
// asked for.
func (tp *tape) finishReplay() {
	tp.mu.Lock()
	defer tp.mu.Unlock()
	if len(tp.misses) > 0 {
		tp.t.Errorf("medusatest: %d requests had no recorded answer in %s (record again with -medusatest.record or %s=1):\n%s",
			len(tp.misses), tp.path, EnvRecord, strings.Join(tp.misses, "\n"))
	}
	unused := 0
	for k, exs := range tp.byKey {
		unused += len(exs) - tp.calls[k]
	}
	if unused > 0 {
		tp.t.Logf("medusatest: %d of the %d recorded exchanges in %s were not asked for", unused, len(tp.rec.Exchanges), tp.path)
	}
}

// missMessage says what was asked and what was recorded nearest to it.
func (tp *tape) missMessage(m exchange, k string, n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s", m.Method, m.Path)
	if len(m.Query) > 0 {
		b.WriteString("?" + url.Values(m.Query).Encode())
	}
	fmt.Fprintf(&b, " (in %s)", tp.path)
	if n > 0 {
		fmt.Fprintf(&b, ": it was recorded %d times, and this is call %d", n, n+1)
		return b.String()
	}
	type cand struct {
		score int
		ex    *exchange
	}
	var cands []cand
	for _, exs := range tp.byKey {
		ex := exs[0]
		s := 0
		if ex.Method == m.Method {
			s += 4
		}
		if ex.Path == m.Path {
			s += 8
		} else {
			s += commonSegments(ex.Path, m.Path)
		}
		if url.Values(ex.Query).Encode() == url.Values(m.Query).Encode() {
			s++
		}
		if ex.Request.key() == m.Request.key() {
			s++
		}
		cands = append(cands, cand{s, ex})
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].score != cands[j].score {
			return cands[i].score > cands[j].score
		}
		return cands[i].ex.Method+cands[i].ex.Path < cands[j].ex.Method+cands[j].ex.Path
	})
	if len(cands) == 0 {
		b.WriteString(": the recording has no exchange")
		return b.String()
	}
	b.WriteString("; nearest recorded:")
	for i, c := range cands {
		if i == 3 {
			break
		}
		fmt.Fprintf(&b, "\n\t%s %s", c.ex.Method, c.ex.Path)
		if len(c.ex.Query) > 0 {
			b.WriteString("?" + url.Values(c.ex.Query).Encode())
		}
		if c.ex.Method == m.Method && c.ex.Path == m.Path {
			b.WriteString(differences(c.ex, &m))
		}
	}
	return b.String()
}

// commonSegments counts the leading path segments two paths share.
func commonSegments(a, b string) int {
	as, bs := strings.Split(strings.Trim(a, "/"), "/"), strings.Split(strings.Trim(b, "/"), "/")
	n := 0
	for n < len(as) && n < len(bs) && as[n] == bs[n] {
		n++
	}
	return n
}

// differences says how a recorded request of the same method and path
// differs from the one sent.
func differences(rec, sent *exchange) string {
	var out []string
	if url.Values(rec.Query).Encode() != url.Values(sent.Query).Encode() {
		out = append(out, "query differs: "+firstDiff(toAny(rec.Query), toAny(sent.Query), ""))
	}
	if rec.Request.key() != sent.Request.key() {
		switch {
		case rec.Request != nil && sent.Request != nil && rec.Request.JSON != nil && sent.Request.JSON != nil:
			out = append(out, "body differs: "+firstDiff(decodeAny(rec.Request.JSON), decodeAny(sent.Request.JSON), ""))
		default:
			out = append(out, "body differs")
		}
	}
	if len(out) == 0 {
		return ""
	}
	return " (" + strings.Join(out, "; ") + ")"
}

func toAny(q map[string][]string) any {
	m := map[string]any{}
	for k, vs := range q {
		l := make([]any, len(vs))
		for i, v := range vs {
			l[i] = v
		}
		m[k] = l
	}
	return m
}

func decodeAny(data []byte) any {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	_ = dec.Decode(&v)
	return v
}

// firstDiff names the first place two decoded JSON values differ.
func firstDiff(rec, sent any, at string) string {
	where := at
	if where == "" {
		where = "the top"
	}
	switch r := rec.(type) {
	case map[string]any:
		s, ok := sent.(map[string]any)
		if !ok {
			break
		}
		keys := make([]string, 0, len(r)+len(s))
		for k := range r {
			keys = append(keys, k)
		}
		for k := range s {
			if _, ok := r[k]; !ok {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			rv, rok := r[k]
			sv, sok := s[k]
			switch {
			case !sok:
				return fmt.Sprintf("%s.%s recorded, not sent", at, k)
			case !rok:
				return fmt.Sprintf("%s.%s sent, not recorded", at, k)
			case string(encodeJSON(rv)) != string(encodeJSON(sv)):
				return firstDiff(rv, sv, at+"."+k)
			}
		}
		return "in " + where
	case []any:
		s, ok := sent.([]any)
		if !ok {
			break
		}
		if len(r) != len(s) {
			return fmt.Sprintf("%s has %d elements recorded, %d sent", where, len(r), len(s))
		}
		for i := range r {
			if string(encodeJSON(r[i])) != string(encodeJSON(s[i])) {
				return firstDiff(r[i], s[i], fmt.Sprintf("%s[%d]", at, i))
			}
		}
		return "in " + where
	}
	return fmt.Sprintf("%s: recorded %s, sent %s", where, clip(string(encodeJSON(rec))), clip(string(encodeJSON(sent))))
}

func clip(s string) string {
	if len(s) > 80 {
		return s[:77] + "..."
	}
	return s
}
