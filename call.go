package medusa

import (
	"context"
	"errors"
	"net/http"

	"github.com/medusa-sdk/medusa-go/v2/authn"
)

// RequestOption changes one call. Every generated method takes any number of
// them after its parameters:
//
//	c.Store.ListProducts(ctx, params, medusa.WithHeader("x-medusa-locale", "fr-FR"))
//
// RequestOptions run after the client's own auth editor. Per-call
// credentials therefore travel on the context instead (WithToken,
// WithAPIKey, WithoutCredentials), where the auth layer sees them first.
type RequestOption = func(ctx context.Context, req *http.Request) error

// WithHeader sets a header on one call. Authorization and Cookie are refused:
// credentials go through the context (WithToken, WithAPIKey) so that they
// never silently override the client's own.
func WithHeader(key, value string) RequestOption {
	return func(_ context.Context, req *http.Request) error {
		switch http.CanonicalHeaderKey(key) {
		case "Authorization", "Cookie":
			return errors.New("medusa: WithHeader: set credentials with medusa.WithToken or WithAPIKey on the context")
		}
		req.Header.Set(key, value)
		return nil
	}
}

// Retryable marks one POST as safe to send again after a connection error,
// a 429 or a 5xx answer (GET, PUT and DELETE are retried without it). Use it
// for POSTs that Medusa makes idempotent, such as completing a cart (a second
// completion answers with the same order, TestFaultCartCompletionAnswersTheSameOrder)
// or logging in. A POST without it that loses its answer fails with an
// *UnknownOutcomeError instead of being sent twice.
func Retryable() RequestOption {
	return func(_ context.Context, req *http.Request) error {
		*req = *req.WithContext(withRetryable(req.Context()))
		return nil
	}
}

// WithToken returns a context whose calls carry "Authorization: Bearer
// token" instead of the client's own credentials, storing nothing: one shared
// client serves customer A with WithToken(ctx, tokenA) and B with
// WithToken(ctx, tokenB). See authn.WithToken.
func WithToken(ctx context.Context, token string) context.Context {
	return authn.WithToken(ctx, token)
}

// WithAPIKey returns a context whose calls use a secret API key instead of the
// client's own credentials. See authn.WithAPIKey.
func WithAPIKey(ctx context.Context, secretKey string) context.Context {
	return authn.WithAPIKey(ctx, secretKey)
}

// WithoutCredentials returns a context whose calls carry no credential.
func WithoutCredentials(ctx context.Context) context.Context {
	return authn.WithoutCredentials(ctx)
}
