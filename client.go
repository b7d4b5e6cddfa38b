package medusa

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/medusa-sdk/medusa-go/v2/apierror"
	"github.com/medusa-sdk/medusa-go/v2/authn"
	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
	"github.com/medusa-sdk/medusa-go/v2/gen/store"
	"github.com/medusa-sdk/medusa-go/v2/internal/sdkrt"
)

// Client calls a Medusa server. Store and Admin hold one method per
// operation of the Store and Admin APIs, each returning the decoded answer
// or an error (a *Error for a non-2xx answer); Auth logs users and
// customers in and keeps their credentials.
//
// A Client is safe for concurrent use by many goroutines; create one per
// Medusa server and share it.
type Client struct {
	Store *store.API
	Admin *admin.API
	Auth  *authn.Auth

	http    *http.Client // HTTPClient: the SDK's client plus credentials
	headers *globalHeaders
	plain   *http.Client  // no credentials: for presigned URLs of other hosts
	timeout time.Duration // the per-call timeout (DefaultTimeout or WithTimeout)
	maxBody int64         // the answer body limit (DefaultMaxBodySize or WithMaxBodySize)
}

// New returns a client for the Medusa server at baseURL, e.g.
// "http://localhost:9000". It fails on a bad URL and on options that
// contradict each other.
func New(baseURL string, opts ...Option) (*Client, error) {
	s := &settings{retry: DefaultRetryPolicy, timeout: DefaultTimeout, maxBody: DefaultMaxBodySize, set: map[string]bool{}}
	s.auth.BaseURL = baseURL
	for _, opt := range opts {
		if opt == nil {
			return nil, fmt.Errorf("medusa: nil Option")
		}
		if err := opt(s); err != nil {
			return nil, err
		}
	}
	base := http.DefaultTransport
	if s.httpClient != nil {
		if s.httpClient.Transport != nil {
			base = s.httpClient.Transport
		}
		if s.auth.Timeout == 0 {
			s.auth.Timeout = s.httpClient.Timeout
		}
	}
	// The timeout sits outside the retries: it bounds the whole call.
	plain := &http.Client{Transport: &timeoutTransport{next: &retryTransport{next: base, policy: s.retry, keys: s.keys, sleep: sleepCtx}, timeout: s.timeout}, Timeout: s.auth.Timeout}
	hdr, err := newGlobalHeaders(s)
	if err != nil {
		return nil, err
	}
	s.auth.Transport = &headerTransport{h: hdr, next: &timeoutTransport{next: &retryTransport{next: base, policy: s.retry, keys: s.keys, sleep: sleepCtx}, timeout: s.timeout}}

	a, err := authn.New(s.auth)
	if err != nil {
		return nil, fmt.Errorf("medusa: %w", err)
	}
	hc := a.HTTPClient()
	limit := maxBodyEditor(s.maxBody)
	authed := func(ctx context.Context, req *http.Request) error {
		return callStart(ctx, req, s.timeout, a.EditRequest)
	}
	sc, err := store.NewClient(a.BaseURL(), store.WithHTTPClient(hc), store.WithRequestEditorFn(authed), store.WithRequestEditorFn(limit))
	if err != nil {
		return nil, fmt.Errorf("medusa: %w", err)
	}
	ac, err := admin.NewClient(a.BaseURL(), admin.WithHTTPClient(hc), admin.WithRequestEditorFn(authed), admin.WithRequestEditorFn(limit))
	if err != nil {
		return nil, fmt.Errorf("medusa: %w", err)
	}
	return &Client{Store: store.NewAPI(sc), Admin: admin.NewAPI(ac), Auth: a, http: newAuthedClient(a, s.maxBody, s.timeout), headers: hdr, plain: plain,
		timeout: s.timeout, maxBody: s.maxBody}, nil
}

// HTTPClient returns an *http.Client for requests to routes the SDK does not
// know (a custom API route of your Medusa app, say), authenticated like a
// generated call: it sends the client's credentials (Bearer JWT, session
// cookie or secret API key, or the per-call one of the request's context),
// the publishable key on /store routes, the global headers and locale, and
// it retries and logs as the generated calls do. A request to another origin
// fails with authn.ErrForeignOrigin, and one that already has an
// Authorization header with authn.ErrConflictingCredentials: credentials
// never leave the Medusa origin nor silently replace each other.
//
// Client.Do is simpler for JSON routes: it also encodes the query and body
// and turns a non-2xx answer into a *Error.
func (c *Client) HTTPClient() *http.Client { return c.http }

// Error is the SDK's error for a non-2xx answer: status, Medusa's type, code
// and message, and the raw body. Match it with errors.As.
type Error = apierror.Error

// EmailPass is the payload of the emailpass provider's login and register.
type EmailPass = authn.EmailPass

// Ptr returns a pointer to v, for the optional fields of params and bodies:
// &store.ListProductsParams{Limit: medusa.Ptr(20)}.
func Ptr[T any](v T) *T { return &v }

// DecodeError says a 2xx answer could not be read into the operation's type
// (an empty body, a body that is not JSON, or JSON that does not fit).
type DecodeError = sdkrt.DecodeError

// ErrRemovedRoute is matched (errors.Is) by the error of a deprecated method
// whose route Medusa removed; such a method sends no request (see the names
// lock in openapi/README.md).
var ErrRemovedRoute = sdkrt.ErrRemovedRoute
