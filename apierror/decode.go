package apierror

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/medusa-sdk/medusa-go/v2/internal/secrets"
)

// New builds an *Error from a status, a response header (may be nil) and the
// response body (may be nil, empty, truncated, HTML or anything else). It
// never panics. Set Method and Path on the result if known, or use
// FromResponse, which does and which also masks the secrets the request
// carried.
func New(status int, header http.Header, body []byte) *Error {
	return build(status, header, body, nil)
}

// build is New with the secrets of the request masked too: in the body
// before it is decoded, in the decoded fields before they are cleaned and
// cut (a secret cut in two would leave its first half readable), and in
// the header.
func build(status int, header http.Header, body []byte, set *secrets.Set) *Error {
	e := &Error{StatusCode: status, Header: cleanHeader(header, set)}
	if len(body) > MaxBody {
		body = body[:MaxBody]
	}
	if len(body) > 0 {
		e.Body = redactBytes(body, set)
		body = e.Body
	}
	mask := func(s string) string { return Redact(set.Mask(s)) }
	if typ, code, msg, ok := decodeJSON(body); ok {
		e.Type = mask(clean(mask(typ), 100))
		e.Code = mask(clean(mask(code), 100))
		e.Message = mask(clean(mask(msg), 2*maxSnippet))
	} else {
		e.Message = mask(snippet(body, mask))
	}
	if e.Type == "" && status == http.StatusUnauthorized {
		// Medusa's authentication middleware answers 401 with
		// {"message":"Unauthorized"} and no type; a 401 is always Medusa's
		// "unauthorized", so callers can match the type alone.
		e.Type = TypeUnauthorized
	}
	return e
}

// redactBytes copies body with the secrets of set and those Redact finds
// masked: a server that echoes the request's token does not make the Error
// carry it.
func redactBytes(body []byte, set *secrets.Set) []byte {
	s := string(body)
	if r := Redact(set.Mask(s)); r != s {
		return []byte(r)
	}
	return append([]byte(nil), body...)
}

// FromResponse builds an *Error from a response whose body the caller has
// already read (as the generated clients do) into body. It takes the status,
// header, method and path from resp, which may be nil. It does not read or
// close resp.Body.
//
// Every secret resp's request carried (and the requests that redirected to
// it) is masked wherever the server may have echoed it: the credential of
// its Authorization header (a Bearer token; a Basic secret API key, encoded
// and decoded), its cookie values of 8 bytes or more, an X-Api-Key header,
// the values of its secret-named query parameters (see SecretQueryKey) and
// the values under the secret-named keys of its JSON or form body (read
// again through the request's GetBody, up to 64 KiB: a password, a reset
// token, an MFA code). They are masked in Message, Type, Code, Body, the
// Header's names and values and Path, as they were sent and as JSON, a URL
// or HTML would escape them; a secret shorter than 6 bytes only where it
// stands as a whole word.
func FromResponse(resp *http.Response, body []byte) *Error {
	if resp == nil {
		return New(0, nil, body)
	}
	set := secrets.FromRequest(resp.Request)
	e := build(resp.StatusCode, resp.Header, body, set)
	if req := resp.Request; req != nil {
		e.Method = req.Method
		if req.URL != nil {
			e.Path = Redact(set.Mask(req.URL.Path))
		}
	}
	return e
}

// ReadResponse reads up to MaxBody bytes of resp.Body, closes it and builds an
// *Error from the response. A read error is ignored: the error keeps what
// was read.
func ReadResponse(resp *http.Response) *Error {
	if resp == nil {
		return New(0, nil, nil)
	}
	var body []byte
	if resp.Body != nil {
		body, _ = io.ReadAll(io.LimitReader(resp.Body, MaxBody))
		_ = resp.Body.Close()
	}
	return FromResponse(resp, body)
}

// medusaBody is the shape of a Medusa error body. Fields are decoded loosely
// (json.RawMessage), so a number or an object where a string is expected does
// not reject the whole body.
type medusaBody struct {
	Type    json.RawMessage `json:"type"`
	Code    json.RawMessage `json:"code"`
	Message json.RawMessage `json:"message"`
	// Some validation errors put the text in "error" or "errors".
	Err json.RawMessage `json:"error"`
}

// decodeJSON decodes a Medusa error body. ok is false when body is not a JSON
// object with at least one of type, code, message or error as a string.
func decodeJSON(body []byte) (typ, code, msg string, ok bool) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return "", "", "", false
	}
	var m medusaBody
	if err := json.Unmarshal(trimmed, &m); err != nil {
		return "", "", "", false
	}
	typ, code, msg = str(m.Type), str(m.Code), str(m.Message)
	if msg == "" {
		msg = str(m.Err)
	}
	if typ == "" && code == "" && msg == "" {
		return "", "", "", false
	}
	return typ, code, msg, true
}

// str returns raw as a string if it is a JSON string, else "".
func str(raw json.RawMessage) string {
	if len(raw) == 0 || raw[0] != '"' {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return ""
	}
	return s
}

// snippet turns a non-JSON body into a short readable excerpt: HTML tags are
// dropped, runs of white space become one space, invalid UTF-8 and control
// characters are removed.
func snippet(body []byte, mask func(string) string) string {
	if len(body) == 0 {
		return ""
	}
	if len(body) > 4*maxSnippet*4 {
		body = body[:4*maxSnippet*4]
	}
	s := string(body)
	if looksHTML(s) {
		// Tags and entities gone, a secret may read whole again.
		s = mask(stripTags(s))
	}
	return clean(mask(s), maxSnippet)
}

func looksHTML(s string) bool {
	l := strings.ToLower(s)
	return strings.Contains(l, "<html") || strings.Contains(l, "<!doctype") ||
		strings.Contains(l, "<body") || strings.Contains(l, "<pre>")
}

// stripTags removes <...> tags and the <title> element (Express's error pages
// put the useful text in <pre>; the title just repeats "Error") and decodes
// the common entities.
func stripTags(s string) string {
	var b strings.Builder
	in := false
	lower := strings.ToLower(s)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '<':
			if strings.HasPrefix(lower[i:], "<title") {
				// skip the title element entirely
				if end := strings.Index(lower[i:], "</title>"); end >= 0 {
					i += end + len("</title>") - 1
					b.WriteByte(' ')
					continue
				}
			}
			in = true
		case c == '>' && in:
			in = false
			b.WriteByte(' ')
		case !in:
			b.WriteByte(c)
		}
	}
	r := strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&", "&quot;", `"`, "&#39;", "'", "&nbsp;", " ")
	return r.Replace(b.String())
}

// clean makes s valid single-line UTF-8 without control characters,
// collapses white space and cuts it to at most max bytes.
func clean(s string, max int) string {
	s = strings.ToValidUTF8(s, "")
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if unicode.IsControl(r) || r == utf8.RuneError {
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return clip(b.String(), max)
}

// clip cuts s to at most max bytes on a rune boundary, adding "…" if cut.
func clip(s string, max int) string {
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// cleanHeader copies h without Set-Cookie (a session cookie is a
// credential), with the secret query values of URL headers (Location: an
// OAuth redirect's access_token), the secrets of set (in names too) and
// anything else Redact finds masked.
func cleanHeader(h http.Header, set *secrets.Set) http.Header {
	if h == nil {
		return nil
	}
	c := make(http.Header, len(h))
	for k, vals := range h {
		if http.CanonicalHeaderKey(k) == "Set-Cookie" {
			continue
		}
		url := k == "Location" || k == "Content-Location" || k == "Refresh"
		out := make([]string, len(vals))
		for i, v := range vals {
			if url {
				v = RedactURL(set.Mask(v))
			}
			out[i] = Redact(set.Mask(v))
		}
		name := Redact(set.MaskFold(k))
		c[name] = append(c[name], out...)
	}
	return c
}
