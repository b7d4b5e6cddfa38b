package authn

import (
	"context"
	"errors"
	"net/http"
	"net/url"

	"github.com/medusa-sdk/medusa-go/v2/apierror"
)

type noRedirectKey struct{}

// noRedirect marks a flow request whose redirects are answers to read, not
// to follow (an OAuth callback's redirect carries the token).
func noRedirect(ctx context.Context) context.Context {
	return context.WithValue(ctx, noRedirectKey{}, true)
}

// checkRedirect follows redirects within the Medusa origin only, and never
// one whose URL carries a secret query value (access_token=..., token=...)
// or that answers a flow marked noRedirect: an OAuth callback redirects to
// the storefront with the token in the URL, which must not be fetched by
// this client, on the same origin or another. The 3xx answer is returned
// instead.
func (a *Auth) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= 10 {
		return errors.New("authn: stopped after 10 redirects")
	}
	if !sameOrigin(a.base, req.URL) || carriesSecret(req.URL) {
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
