package authn

import (
	"context"
	"net/http"
)

// perCall is the credential a context carries for the calls made with it.
// At most one of token, apiKey and anonymous is set; conflict records an
// attempt to set a second, different one.
type perCall struct {
	set       bool // a credential was given (possibly an empty, invalid one)
	token     string
	apiKey    string
	anonymous bool
	conflict  bool

	// Internal to the flows: the request is a session exchange
	// (POST /auth/session), whose Set-Cookie must reach the jar, and
	// sendCookie says whether the current session cookie goes along.
	exchange   bool
	sendCookie bool
}

type perCallKey struct{}

type publishableKeyKey struct{}

// WithToken returns a context whose requests carry "Authorization: Bearer
// token" instead of the client's own credentials: no API key, no stored JWT
// and no session cookie go with them, and a Set-Cookie in their responses is
// dropped. Nothing is stored. One shared client can thus serve customer A
// with ctxA := authn.WithToken(ctx, tokenA) and customer B with
// authn.WithToken(ctx, tokenB).
//
// A context carries at most one per-call credential: if ctx already has a
// different one (WithToken, WithAPIKey or WithoutCredentials), requests made
// with the result fail with ErrConflictingCredentials instead of silently
// using either. An empty token also makes requests fail.
func WithToken(ctx context.Context, token string) context.Context {
	return withPerCall(ctx, perCall{set: true, token: token})
}

// WithAPIKey is like WithToken for a secret API key, sent as HTTP Basic.
func WithAPIKey(ctx context.Context, secretKey string) context.Context {
	return withPerCall(ctx, perCall{set: true, apiKey: secretKey})
}

// WithoutCredentials returns a context whose requests carry no credential at
// all: no Authorization header and no session cookie. The publishable key is
// still sent on store requests.
func WithoutCredentials(ctx context.Context) context.Context {
	return withPerCall(ctx, perCall{set: true, anonymous: true})
}

// WithPublishableKey returns a context whose store requests carry pk as
// x-publishable-api-key instead of Config.PublishableKey (for a server that
// serves several sales channels from one client).
func WithPublishableKey(ctx context.Context, pk string) context.Context {
	return context.WithValue(ctx, publishableKeyKey{}, pk)
}

func withPerCall(ctx context.Context, pc perCall) context.Context {
	if ctx == nil {
		ctx = context.Background()
	}
	if prev := perCallFrom(ctx); prev.hasCredential() && !prev.sameCredential(pc) {
		pc.conflict = true
	}
	return context.WithValue(ctx, perCallKey{}, &pc)
}

// override sets pc on ctx, replacing any per-call credential. Only the flows
// use it, for the credentials they manage themselves (a reset token, a
// registration token, a session exchange).
func override(ctx context.Context, pc perCall) context.Context {
	return context.WithValue(ctx, perCallKey{}, &pc)
}

// clearPerCall hides any per-call credential of ctx.
func clearPerCall(ctx context.Context) context.Context {
	return context.WithValue(ctx, perCallKey{}, (*perCall)(nil))
}

func perCallFrom(ctx context.Context) *perCall {
	if ctx == nil {
		return nil
	}
	pc, _ := ctx.Value(perCallKey{}).(*perCall)
	return pc
}

func (p *perCall) sameCredential(q perCall) bool {
	return !p.conflict && p.token == q.token && p.apiKey == q.apiKey && p.anonymous == q.anonymous
}

// hasCredential reports whether p replaces the client's own credentials.
func (p *perCall) hasCredential() bool {
	return p != nil && p.set
}

// apply sets p's credential on req.
func (p *perCall) apply(req *http.Request) error {
	switch {
	case p.conflict:
		return ErrConflictingCredentials
	case p.token != "":
		req.Header.Set("Authorization", "Bearer "+p.token)
	case p.apiKey != "":
		req.Header.Set("Authorization", basic(p.apiKey))
	case p.anonymous:
	default:
		return ErrEmptyCredential
	}
	return nil
}
