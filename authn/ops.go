package authn

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/medusa-sdk/medusa-go/v2/apierror"
	"github.com/medusa-sdk/medusa-go/v2/gen/store"
	"github.com/medusa-sdk/medusa-go/v2/internal/sdkrt"
)

// authOps are the HTTP operations the flows need. genOps implements them
// with the generated store client; the interface keeps the flows
// independent of the generated names.
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

// genOps calls the generated store client's /auth operations. The store
// spec spells those paths /auth/customer/...; Medusa serves them for every
// actor type (/auth/{actor_type}/...), so a per-call editor puts the wanted
// actor type in the path.
type genOps struct {
	c *store.ClientWithResponses
}

func newOps(a *Auth) (authOps, error) {
	c, err := store.NewClientWithResponses(a.base.String(),
		store.WithHTTPClient(a.client),
		store.WithRequestEditorFn(a.EditRequest))
	if err != nil {
		return nil, fmt.Errorf("authn: %w", err)
	}
	return &genOps{c: c}, nil
}

const jsonType = "application/json"

func (g *genOps) authenticate(ctx context.Context, actor, provider string, body []byte) (*rawResponse, error) {
	return read(g.c.PostActorTypeAuthProviderWithBody(ctx, provider, jsonType, bytes.NewReader(body), actorPath(actor)))
}

func (g *genOps) register(ctx context.Context, actor, provider string, body []byte) (*rawResponse, error) {
	return read(g.c.PostActorTypeAuthProviderRegisterWithBody(ctx, provider, jsonType, bytes.NewReader(body), actorPath(actor)))
}

func (g *genOps) callback(ctx context.Context, actor, provider string, query url.Values) (*rawResponse, error) {
	return read(g.c.PostActorTypeAuthProviderCallback(ctx, provider, actorPath(actor), withQuery(query)))
}

func (g *genOps) resetPassword(ctx context.Context, actor, provider string, body []byte) (*rawResponse, error) {
	return read(g.c.PostActorTypeAuthProviderResetPasswordWithBody(ctx, provider, jsonType, bytes.NewReader(body), actorPath(actor)))
}

func (g *genOps) updateProvider(ctx context.Context, actor, provider string, body []byte) (*rawResponse, error) {
	return read(g.c.PostActorTypeAuthProviderUpdateWithBody(ctx, provider, jsonType, bytes.NewReader(body), actorPath(actor)))
}

func (g *genOps) createSession(ctx context.Context) (*rawResponse, error) {
	return read(g.c.PostSession(ctx))
}

func (g *genOps) deleteSession(ctx context.Context) (*rawResponse, error) {
	return read(g.c.DeleteSession(ctx))
}

func (g *genOps) refresh(ctx context.Context) (*rawResponse, error) {
	return read(g.c.PostAdminAuthTokenRefresh(ctx))
}

func (g *genOps) createCustomer(ctx context.Context, body []byte) (*rawResponse, error) {
	return read(g.c.PostCustomersWithBody(ctx, nil, jsonType, bytes.NewReader(body)))
}

// actorPath rewrites the generated /auth/customer/ path to the actor type's.
func actorPath(actor string) store.RequestEditorFn {
	return func(_ context.Context, req *http.Request) error {
		if actor == ActorCustomer {
			return nil
		}
		const seg = "/auth/customer/"
		i := strings.Index(req.URL.Path, seg)
		if i < 0 {
			return fmt.Errorf("authn: internal: unexpected auth path %q", req.URL.Path)
		}
		req.URL.Path = req.URL.Path[:i] + "/auth/" + actor + "/" + req.URL.Path[i+len(seg):]
		if rp := req.URL.RawPath; rp != "" {
			if j := strings.Index(rp, seg); j >= 0 {
				req.URL.RawPath = rp[:j] + "/auth/" + actor + "/" + rp[j+len(seg):]
			} else {
				req.URL.RawPath = ""
			}
		}
		return nil
	}
}

// withQuery passes an OAuth provider's query through unchanged.
func withQuery(q url.Values) store.RequestEditorFn {
	return func(_ context.Context, req *http.Request) error {
		if len(q) > 0 {
			req.URL.RawQuery = q.Encode()
		}
		return nil
	}
}

// read reads and closes the body. Transport errors lose their URL's query
// (an OAuth code or state) and anything that looks like a secret.
func read(resp *http.Response, err error) (*rawResponse, error) {
	if err != nil {
		return nil, sanitize(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse))
	if err != nil {
		return nil, fmt.Errorf("authn: read response of %s %s: %w", resp.Request.Method, resp.Request.URL.Path, sanitize(err))
	}
	return &rawResponse{resp: resp, body: body}, nil
}

// sanitize keeps errors.Is/As working on err but redacts its message and
// its URL's secret query values.
func sanitize(err error) error { return sdkrt.SanitizeError(err) }
