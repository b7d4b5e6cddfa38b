package medusa

import (
	"io"
	"net/http"

	"github.com/medusa-sdk/medusa-go/v2/internal/sdkrt"
)

// cappedBody ends an answer body read through HTTPClient at the client's
// body limit with a *BodyTooLargeError, so that a caller's io.ReadAll cannot
// grow the heap without end. An event stream is not capped as a whole
// (Events bounds each of its events).
type cappedBody struct {
	io.ReadCloser
	left  int64 // bytes that may still be read
	limit int64
	resp  *http.Response
	err   *BodyTooLargeError // made on the first read past the limit
}

func capBody(resp *http.Response, limit int64) {
	if limit <= 0 || isStream(resp) || resp.Body == nil || resp.Body == http.NoBody {
		return
	}
	b := &cappedBody{ReadCloser: resp.Body, left: limit, limit: limit, resp: resp}
	if resp.ContentLength > limit {
		b.left = -1 // announced too large: read nothing
	}
	resp.Body = b
}

// tooLarge is the error of every read past the limit. Its Path has the
// request's secrets masked; they are looked up only then.
func (b *cappedBody) tooLarge() error {
	if b.err == nil {
		b.err = &BodyTooLargeError{Limit: b.limit, ContentLength: b.resp.ContentLength}
		if req := b.resp.Request; req != nil {
			b.err.Method = req.Method
			b.err.Path = sdkrt.MaskedPath(req)
		}
	}
	return b.err
}

func (b *cappedBody) Read(p []byte) (int, error) {
	if b.left < 0 {
		return 0, b.tooLarge()
	}
	if b.left == 0 {
		// At the limit: one more byte says whether the body ends here.
		var one [1]byte
		n, err := b.ReadCloser.Read(one[:])
		if n > 0 {
			b.left = -1
			return 0, b.tooLarge()
		}
		return 0, err
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.ReadCloser.Read(p)
	b.left -= int64(n)
	return n, err
}

// limitOf is the body limit of req: the one Do put on its context, else
// the client's.
func limitOf(req *http.Request, client int64) int64 {
	if n := sdkrt.MaxBody(&http.Response{Request: req}); n != sdkrt.DefaultMaxBody {
		return n
	}
	return client
}
