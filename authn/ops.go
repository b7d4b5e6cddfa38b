package authn

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"github.com/medusa-sdk/medusa-go/v2/apierror"
	"github.com/medusa-sdk/medusa-go/v2/internal/sdkrt"
	"github.com/medusa-sdk/medusa-go/v2/internal/secrets"
)

// authOps are the HTTP operations the flows need. httpOps implements them;
// the interface lets unit tests count and fail them.
type authOps interface {
	authenticate(ctx context.Context, actor, provider string, body []byte) (*rawResponse, error)
	register(ctx context.Context, actor, provider string, body []byte) (*rawResponse, error)
	callback(ctx context.Context, actor, provider string, query url.Values) (*rawResponse, error)
	resetPassword(ctx context.Context, actor, provider string, body []byte) (*rawResponse, error)
	updateProvider(ctx context.Context, actor, provider string, body []byte) (*rawResponse, error)
	createSession(ctx context.Context) (*rawResponse, error)
	deleteSession(ctx context.Context) (*rawResponse, error)
	refresh(ctx context.Context) (*rawResponse, error)
	createCustomer(ctx context.Context, body []byte) (*rawResponse, error)
}

// rawResponse is a response read whole (up to maxResponse bytes).
type rawResponse struct {
	resp *http.Response // body already read and closed
	body []byte
}

func (r *rawResponse) status() int { return r.resp.StatusCode }

// err returns the *apierror.Error for a non-2xx response, else nil.
func (r *rawResponse) err() error {
	if r.resp.StatusCode >= 200 && r.resp.StatusCode < 300 {
		return nil
	}
	return apierror.FromResponse(r.resp, r.body)
}

const maxResponse = 1 << 20

// httpOps sends the routes itself. Their paths are the same on every
// Medusa 2.x release, but the generated operations' shapes are not (on 2.0.0
// POST /auth/{actor}/{provider}/update takes the token as a query parameter
// and has no body; the store spec also spells every /auth path for the
// customer actor only), and authn must build and behave the same whatever
// spec gen/ was generated from. Each request goes through the Auth's own
// HTTP client and EditRequest, like the generated clients' requests.
type httpOps struct {
	a *Auth
}

func newOps(a *Auth) (authOps, error) {
	return &httpOps{a: a}, nil
}

const jsonType = "application/json"

func (o *httpOps) authenticate(ctx context.Context, actor, provider string, body []byte) (*rawResponse, error) {
	return o.send(ctx, http.MethodPost, authPath(actor, provider), nil, body)
}

func (o *httpOps) register(ctx context.Context, actor, provider string, body []byte) (*rawResponse, error) {
	return o.send(ctx, http.MethodPost, authPath(actor, provider, "register"), nil, body)
}

// callback passes an OAuth provider's query through unchanged.
func (o *httpOps) callback(ctx context.Context, actor, provider string, query url.Values) (*rawResponse, error) {
	return o.send(ctx, http.MethodPost, authPath(actor, provider, "callback"), query, nil)
}

func (o *httpOps) resetPassword(ctx context.Context, actor, provider string, body []byte) (*rawResponse, error) {
	return o.send(ctx, http.MethodPost, authPath(actor, provider, "reset-password"), nil, body)
}

func (o *httpOps) updateProvider(ctx context.Context, actor, provider string, body []byte) (*rawResponse, error) {
	return o.send(ctx, http.MethodPost, authPath(actor, provider, "update"), nil, body)
}

func (o *httpOps) createSession(ctx context.Context) (*rawResponse, error) {
	return o.send(ctx, http.MethodPost, "/auth/session", nil, nil)
}

func (o *httpOps) deleteSession(ctx context.Context) (*rawResponse, error) {
	return o.send(ctx, http.MethodDelete, "/auth/session", nil, nil)
}

func (o *httpOps) refresh(ctx context.Context) (*rawResponse, error) {
	return o.send(ctx, http.MethodPost, "/auth/token/refresh", nil, nil)
}

func (o *httpOps) createCustomer(ctx context.Context, body []byte) (*rawResponse, error) {
	return o.send(ctx, http.MethodPost, "/store/customers", nil, body)
}

// authPath is /auth/{actor}/{provider}[/rest]. The flows accept only
// letters, digits, '-' and '_' in actor and provider (checkSegments).
func authPath(actor, provider string, rest ...string) string {
	p := "/auth/" + actor + "/" + provider
	for _, r := range rest {
		p += "/" + r
	}
	return p
}

// send makes one request to the base URL + path (a JSON body when body is
// not nil) and reads the answer whole.
func (o *httpOps) send(ctx context.Context, method, path string, query url.Values, body []byte) (*rawResponse, error) {
	u := *o.a.base
	u.Path += path
	u.RawPath = ""
	if len(query) > 0 {
		u.RawQuery = query.Encode()
	}
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), rd)
	if err != nil {
		return nil, sanitize(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", jsonType)
	}
	if err := o.a.EditRequest(ctx, req); err != nil {
		return nil, err
	}
	return read(o.a.client.Do(req))
}

// read reads and closes the body. Transport errors lose their URL's query
// (an OAuth code or state) and anything that looks like a secret.
func read(resp *http.Response, err error) (*rawResponse, error) {
	if err != nil {
		return nil, sanitize(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse+1))
	if err != nil {
		set := secrets.FromRequest(resp.Request)
		return nil, fmt.Errorf("authn: read response of %s %s: %w", resp.Request.Method, sdkrt.MaskedPath(resp.Request), secrets.WrapError(sanitize(err), set))
	}
	if len(body) > maxResponse {
		// An auth answer is a few hundred bytes: cut, it would only be
		// misread as "not JSON".
		return nil, &sdkrt.BodyTooLargeError{Method: resp.Request.Method, Path: sdkrt.MaskedPath(resp.Request), Limit: maxResponse, ContentLength: resp.ContentLength}
	}
	return &rawResponse{resp: resp, body: body}, nil
}

// sanitize keeps errors.Is/As working on err but redacts its message and
// its URL's secret query values.
func sanitize(err error) error { return sdkrt.SanitizeError(err) }
