package sdkrt

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/medusa-sdk/medusa-go/v2/apierror"
	"github.com/medusa-sdk/medusa-go/v2/internal/secrets"
)

// DefaultMaxBody is the largest answer body Decode and ReadBody read unless
// the request's context says otherwise (WithMaxBody): 128 MiB. The largest
// answers measured on a real Medusa are product lists with every relation,
// about 2.7 KB per variant: a page of 100 products of 100 variants each is
// about 27 MB, and fits almost five times (see BENCHMARKS.md). It bounds
// what a hostile or broken server (or a gzip bomb: the limit counts
// decompressed bytes) can make the client allocate.
const DefaultMaxBody int64 = 128 << 20

// BodyTooLargeError says an answer's body is larger than the limit. Nothing
// beyond Limit bytes was read. It arrives wrapped in a *DecodeError for a
// 2xx answer; match it with errors.As.
type BodyTooLargeError struct {
	Method, Path string
	// Limit is the limit in bytes; ContentLength the size the server
	// announced (-1 when it did not).
	Limit, ContentLength int64
}

func (e *BodyTooLargeError) Error() string {
	msg := fmt.Sprintf("medusa: %s %s: answer body larger than the limit of %d bytes", e.Method, e.Path, e.Limit)
	if e.ContentLength > e.Limit {
		msg += fmt.Sprintf(" (Content-Length %d)", e.ContentLength)
	}
	return msg + "; raise it with medusa.WithMaxBodySize"
}

type maxBodyKey struct{}

// WithMaxBody returns a context whose calls read at most n answer bytes
// (n <= 0: DefaultMaxBody).
func WithMaxBody(ctx context.Context, n int64) context.Context {
	return context.WithValue(ctx, maxBodyKey{}, n)
}

// MaxBody is the body limit of resp's request (DefaultMaxBody unless
// WithMaxBody set another).
func MaxBody(resp *http.Response) int64 {
	if resp != nil && resp.Request != nil {
		if n, ok := resp.Request.Context().Value(maxBodyKey{}).(int64); ok && n > 0 {
			return n
		}
	}
	return DefaultMaxBody
}

func tooLarge(resp *http.Response, limit int64) *BodyTooLargeError {
	e := &BodyTooLargeError{Limit: limit, ContentLength: resp.ContentLength}
	if resp.Request != nil {
		e.Method = resp.Request.Method
		if resp.Request.URL != nil {
			e.Path = MaskedPath(resp.Request)
		}
	}
	return e
}

// MaskedPath is req's URL path for an error message, with the secrets req
// carried masked (a server may redirect to a path that repeats one).
func MaskedPath(req *http.Request) string {
	if req == nil || req.URL == nil {
		return ""
	}
	return apierror.Redact(secrets.FromRequest(req).Mask(req.URL.Path))
}

// ReadBody reads resp's whole body, up to MaxBody(resp) bytes, and closes
// it: the raw clients' response parsers read through it. A longer body is a
// *BodyTooLargeError, and nothing past the limit is read.
func ReadBody(resp *http.Response) ([]byte, error) {
	defer resp.Body.Close()
	limit := MaxBody(resp)
	if resp.ContentLength > limit {
		return nil, tooLarge(resp, limit)
	}
	b, err := readLimited(nil, resp.Body, limit)
	if int64(len(b)) > limit {
		return nil, tooLarge(resp, limit)
	}
	return b, err
}

// maxDrain is how much of an unread body is read and thrown away before
// closing it, so that the connection can serve the next request (closing a
// body that was not read to its end closes the connection).
const maxDrain = 1 << 20

// drainClose reads what is left of body, up to maxDrain bytes, and closes it.
func drainClose(body io.ReadCloser) {
	_, _ = io.Copy(io.Discard, io.LimitReader(body, maxDrain))
	_ = body.Close()
}

// errTooLarge reports whether err is a BodyTooLargeError.
func errTooLarge(err error) bool {
	var e *BodyTooLargeError
	return errors.As(err, &e)
}
