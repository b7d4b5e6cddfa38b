package medusa

import (
	"context"
	"fmt"
	"net/http"

	"github.com/medusa-sdk/medusa-go/v2/internal/sdkrt"
)

// DefaultMaxBodySize is the largest answer body a call reads: 128 MiB,
// almost five times a page of 100 products of 100 variants each with every
// relation expanded (about 27 MB on a real Medusa; see BENCHMARKS.md). It is
// counted after decompression, so a small gzip bomb cannot grow the heap to
// gigabytes: a call that meets the limit allocates about twice the limit,
// then fails. Change it with WithMaxBodySize.
const DefaultMaxBodySize = sdkrt.DefaultMaxBody

// BodyTooLargeError says an answer was larger than the client's body limit
// (DefaultMaxBodySize or WithMaxBodySize). Nothing beyond the limit was
// read. Match it with errors.As; for a 2xx answer it is wrapped in a
// *DecodeError.
type BodyTooLargeError = sdkrt.BodyTooLargeError

// WithMaxBodySize sets the largest answer body, in bytes, that a call of
// c.Store, c.Admin (their Raw clients' WithResponse parsers included), c.Do
// or UploadFiles reads, and that a body read from c.HTTPClient() yields
// (default DefaultMaxBodySize). A longer answer is a *BodyTooLargeError. An
// event stream (Events) is not bounded as a whole, but each of its events is.
func WithMaxBodySize(n int64) Option {
	return func(s *settings) error {
		if n <= 0 {
			return fmt.Errorf("medusa: WithMaxBodySize(%d): must be positive", n)
		}
		s.maxBody = n
		return s.once("WithMaxBodySize")
	}
}

// withMaxBody returns req with the client's body limit on its context.
func withMaxBody(req *http.Request, n int64) *http.Request {
	if n <= 0 || n == sdkrt.DefaultMaxBody {
		return req
	}
	return req.WithContext(sdkrt.WithMaxBody(req.Context(), n))
}

// maxBodyEditor puts the client's body limit on each request's context,
// where the decoder reads it.
func maxBodyEditor(n int64) func(context.Context, *http.Request) error {
	return func(_ context.Context, req *http.Request) error {
		if n != sdkrt.DefaultMaxBody {
			*req = *req.WithContext(sdkrt.WithMaxBody(req.Context(), n))
		}
		return nil
	}
}
