// Package sdkrt is the small runtime that the generated (value, error)
// methods in gen/store and gen/admin call: it turns an *http.Response into
// the operation's typed value, or into the SDK's one error type.
package sdkrt

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"

	"github.com/medusa-sdk/medusa-go/v2/apierror"
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

// Decode finishes a call: a transport error passes through unchanged; a
// non-2xx answer becomes an *apierror.Error; a 2xx answer is decoded into out
// (nil out: the body is discarded). The body is always closed.
func Decode(resp *http.Response, err error, out any) error {
	if err != nil {
		return err
	}
	if resp == nil {
		return errors.New("medusa: no response")
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return apierror.ReadResponse(resp)
	}
	if out == nil {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
		return nil
	}
	fail := func(cause error, body []byte) error {
		return &DecodeError{
			Method: resp.Request.Method, Path: resp.Request.URL.Path,
			StatusCode: resp.StatusCode, ContentType: resp.Header.Get("Content-Type"),
			Snippet: apierror.Redact(string(clip(body, 120))), Err: cause,
		}
	}
	if ct := resp.Header.Get("Content-Type"); ct != "" && !isJSON(ct) {
		head, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		return fail(ErrNotJSON, head)
	}
	// Stream the body into the decoder, keeping the first bytes for errors.
	var head headBuffer
	dec := json.NewDecoder(io.TeeReader(resp.Body, &head))
	if err := dec.Decode(out); err != nil {
		if errors.Is(err, io.EOF) && head.n == 0 {
			return fail(ErrEmptyBody, nil)
		}
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return fail(err, head.buf.Bytes())
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

// headBuffer keeps the first 120 bytes written to it and counts the rest.
type headBuffer struct {
	buf bytes.Buffer
	n   int
}

func (h *headBuffer) Write(p []byte) (int, error) {
	if room := 120 - h.buf.Len(); room > 0 {
		h.buf.Write(p[:min(room, len(p))])
	}
	h.n += len(p)
	return len(p), nil
}

func clip(b []byte, n int) []byte {
	if len(b) > n {
		return b[:n]
	}
	return b
}
