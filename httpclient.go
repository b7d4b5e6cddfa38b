package medusa

import (
	"net/http"
	"time"

	"github.com/medusa-sdk/medusa-go/v2/authn"
)

// newAuthedClient returns the *http.Client of Client.HTTPClient: the SDK's
// own client (cookie jar, redirect policy, logging, retries, global headers)
// whose every request also gets the credentials and publishable key that a
// generated call would get.
func newAuthedClient(a *authn.Auth, maxBody int64, timeout time.Duration) *http.Client {
	inner := a.HTTPClient()
	return &http.Client{
		Transport:     &authedTransport{a: a, next: inner.Transport, maxBody: maxBody, timeout: timeout},
		Jar:           inner.Jar,
		CheckRedirect: inner.CheckRedirect,
		Timeout:       inner.Timeout,
	}
}

// authedTransport applies authn's request editor to a copy of each request,
// and caps each answer's body at the client's body limit.
type authedTransport struct {
	a       *authn.Auth
	next    http.RoundTripper
	maxBody int64
	timeout time.Duration // the client's timeout, started by callStart
}

func (t *authedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	out := req.Clone(req.Context())
	if err := callStart(req.Context(), out, t.timeout, t.a.EditRequest); err != nil {
		if req.Body != nil {
			req.Body.Close() // a RoundTripper closes the body, even on error
		}
		return nil, err
	}
	resp, err := t.next.RoundTrip(out)
	if err == nil {
		capBody(resp, limitOf(out, t.maxBody))
	}
	return resp, err
}
