// Package sdkrt is the small runtime that the generated (value, error)
// methods in gen/store and gen/admin call: it turns an *http.Response into
// the operation's typed value, or into the SDK's one error type.
//
// Every call decodes through Decode. It reads the body into a pooled buffer
// and unmarshals it with Unmarshal, which uses a faster decoder than
// encoding/json where one is built in (see unmarshal.go and BENCHMARKS.md)
// and gives the same result as encoding/json.Unmarshal.
package sdkrt

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"sync"
	"unicode/utf8"

	"github.com/medusa-sdk/medusa-go/v2/apierror"
	"github.com/medusa-sdk/medusa-go/v2/internal/secrets"
)

// DecodeError says a 2xx answer could not be read into the operation's type:
// an empty body where JSON was expected, a body that is not JSON, or JSON
// that does not fit. Status and the start of the body are kept for debugging.
type DecodeError struct {
	Method, Path string
	StatusCode   int
	ContentType  string
	Snippet      string // the start of the body, secrets masked
	Err          error
}

func (e *DecodeError) Error() string {
	msg := fmt.Sprintf("medusa: %s %s: status %d: cannot read the answer", e.Method, e.Path, e.StatusCode)
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	if e.Snippet != "" {
		msg += fmt.Sprintf(" (body starts %q)", e.Snippet)
	}
	return msg
}

func (e *DecodeError) Unwrap() error { return e.Err }

// ErrEmptyBody is the DecodeError cause when a JSON answer had no body.
var ErrEmptyBody = errors.New("empty body where JSON was expected")

// ErrNotJSON is the DecodeError cause when the answer's Content-Type is not JSON.
var ErrNotJSON = errors.New("answer is not JSON")

// Decode finishes a call: a transport error passes through (its URL's
// secret query values masked, see SanitizeError); a non-2xx answer becomes
// an *apierror.Error (for a write answered 502, 503 or 504, inside an
// *UnknownOutcomeError: see gatewayOutcome); a 2xx answer is decoded into out (nil out: the body is
// discarded). At most MaxBody(resp) bytes are read: a longer answer is a
// *DecodeError wrapping a *BodyTooLargeError. The body is always closed,
// after reading what is left of it (up to 1 MiB) so that the connection can
// be reused.
func Decode(resp *http.Response, err error, out any) error {
	return DecodeWith(Unmarshal, resp, err, out)
}

// DecodeWith is Decode with another unmarshal function in place of
// Unmarshal: the benchmarks compare decoders through it. unmarshal must not
// keep data, which is reused once it returns.
func DecodeWith(unmarshal func(data []byte, out any) error, resp *http.Response, err error, out any) error {
	return decodeWith(unmarshal, resp, err, out, nil)
}

func decodeWith(unmarshal func(data []byte, out any) error, resp *http.Response, err error, out any, fill func([]byte)) error {
	if err != nil {
		return SanitizeError(err)
	}
	if resp == nil {
		return errors.New("medusa: no response")
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		defer drainClose(resp.Body)
		body, _ := io.ReadAll(io.LimitReader(resp.Body, apierror.MaxBody))
		return gatewayOutcome(resp, apierror.FromResponse(resp, body))
	}
	fail := func(cause error, body []byte) error {
		// Only now, on failure, are the request's secrets looked up.
		set := secrets.FromRequest(resp.Request)
		e := &DecodeError{
			StatusCode: resp.StatusCode, ContentType: set.Mask(resp.Header.Get("Content-Type")),
			Snippet: snippetOf(body, set), Err: secrets.WrapError(cause, set),
		}
		if resp.Request != nil {
			e.Method = resp.Request.Method
			if resp.Request.URL != nil {
				e.Path = apierror.Redact(set.Mask(resp.Request.URL.Path))
			}
		}
		return e
	}
	limit := MaxBody(resp)
	if resp.ContentLength > limit {
		// Announced too large: read nothing.
		_ = resp.Body.Close()
		return fail(tooLarge(resp, limit), nil)
	}
	if out == nil {
		drainClose(resp.Body)
		return nil
	}
	if ct := resp.Header.Get("Content-Type"); ct != "" && !isJSON(ct) {
		defer drainClose(resp.Body)
		head, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		return fail(ErrNotJSON, head)
	}
	buf := getBuffer(resp.ContentLength)
	defer putBuffer(buf)
	body, rerr := readLimited(*buf, resp.Body, limit)
	*buf = body[:0]
	if int64(len(body)) > limit {
		_ = resp.Body.Close()
		return fail(tooLarge(resp, limit), nil)
	}
	drainClose(resp.Body)
	if rerr != nil {
		return fail(SanitizeError(rerr), body)
	}
	if len(bytes.TrimLeft(body, " \t\r\n")) == 0 {
		return fail(ErrEmptyBody, nil)
	}
	if err := unmarshal(body, out); err != nil {
		return fail(err, body)
	}
	if fill != nil {
		fill(body)
	}
	return nil
}

func isJSON(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return false
	}
	return mt == "application/json" || (len(mt) > 5 && mt[len(mt)-5:] == "+json")
}

// Bodies are read into pooled buffers: a 500 KB product list then costs no
// allocation for its bytes, only for the values decoded from them. Buffers
// that grew past maxPooled are left to the garbage collector, so that one
// huge answer does not stay in memory.
const maxPooled = 4 << 20

var buffers = sync.Pool{New: func() any { return new([]byte) }}

func getBuffer(contentLength int64) *[]byte {
	b := buffers.Get().(*[]byte)
	if contentLength > 0 && contentLength <= maxPooled && int64(cap(*b)) < contentLength+1 {
		// One byte more than announced, so that EOF is seen without growing.
		*b = make([]byte, 0, contentLength+1)
	}
	return b
}

func putBuffer(b *[]byte) {
	if cap(*b) > maxPooled {
		return
	}
	*b = (*b)[:0]
	buffers.Put(b)
}

// readLimited appends r to b until EOF or until it holds more than limit
// bytes (then it stops: the caller checks len > limit). Unlike io.ReadAll or
// bytes.Buffer, its growth is capped at limit+1 bytes, so a body at the
// limit costs at most about twice the limit in allocations and one buffer
// of limit+1 bytes at the end.
func readLimited(b []byte, r io.Reader, limit int64) ([]byte, error) {
	b = b[:0]
	for {
		if len(b) == cap(b) {
			if int64(len(b)) > limit {
				return b, nil
			}
			next := max(int64(cap(b))*2, 4<<10)
			if next >= limit {
				next = limit + 1
			}
			nb := make([]byte, len(b), next)
			copy(nb, b)
			b = nb
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
		if int64(len(b)) > limit {
			return b, nil
		}
	}
}

// snippetOf is the start of body for a DecodeError: the secrets of set and
// those Redact finds are masked before it is cut, so that no secret is
// left half readable at the cut.
func snippetOf(body []byte, set *secrets.Set) string {
	if len(body) == 0 {
		return ""
	}
	s := apierror.Redact(set.Mask(string(clip(body, 4<<10))))
	if len(s) <= 120 {
		return s
	}
	cut := 120
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}

func clip(b []byte, n int) []byte {
	if len(b) > n {
		return b[:n]
	}
	return b
}
