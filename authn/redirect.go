package authn

import (
	"context"
	"errors"
	"net/http"
	"net/url"

	"github.com/medusa-sdk/medusa-go/v2/apierror"
	"github.com/medusa-sdk/medusa-go/v2/internal/secrets"
)

type noRedirectKey struct{}

// noRedirect marks a flow request whose redirects are answers to read, not
// to follow (an OAuth callback's redirect carries the token).
func noRedirect(ctx context.Context) context.Context {
	return context.WithValue(ctx, noRedirectKey{}, true)
}

// checkRedirect follows redirects within the Medusa origin only, and never
// one whose URL carries a secret query value (access_token=..., token=...),
// repeats a secret the request sent (its token, a password of its body:
// the URL would end up in a transport error or a log), or answers a flow
// marked noRedirect: an OAuth callback redirects to the storefront with the
// token in the URL, which must not be fetched by this client, on the same
// origin or another. The 3xx answer is returned instead.
func (a *Auth) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= 10 {
		return errors.New("authn: stopped after 10 redirects")
	}
	if !sameOrigin(a.base, req.URL) || carriesSecret(req.URL) {
		return http.ErrUseLastResponse
	}
	if sentSecret(req, via) {
		return http.ErrUseLastResponse
	}
	if v, _ := req.Context().Value(noRedirectKey{}).(bool); v {
		return http.ErrUseLastResponse
	}
	return nil
}

// carriesSecret reports whether u's query has a parameter whose name looks
// secret (apierror.SecretQueryKey).
func carriesSecret(u *url.URL) bool {
	if u == nil || u.RawQuery == "" {
		return false
	}
	q, _ := url.ParseQuery(u.RawQuery)
	for k := range q {
		if apierror.SecretQueryKey(k) {
			return true
		}
	}
	return false
}

// sentSecret reports whether the redirect target req repeats a secret of
// the requests before it. The redirect answer's own request is the one the
// transport sent, with the credentials an outer editor added (via holds
// the caller's requests, which HTTPClient's may lack).
func sentSecret(req *http.Request, via []*http.Request) bool {
	target := req.URL.String()
	if req.Response != nil && secrets.FromRequest(req.Response.Request).Contains(target) {
		return true
	}
	return len(via) > 0 && secrets.FromRequest(via[len(via)-1]).Contains(target)
}
