package authn

import (
	"context"
	"fmt"
	"net/http"
	"time"
)

// Verification is the state of an identity's verification (of an email, a
// phone number...), the Medusa 2.15+ step a login can require before it
// completes (see LoginResult.VerificationRequired).
type Verification struct {
	ID             string         `json:"id"`
	AuthIdentityID string         `json:"auth_identity_id"`
	EntityID       string         `json:"entity_id"`   // e.g. the email address
	EntityType     string         `json:"entity_type"` // e.g. "email"
	CodeProvider   string         `json:"code_provider"`
	RequestedAt    *time.Time     `json:"requested_at"`
	VerifiedAt     *time.Time     `json:"verified_at"`
	Metadata       map[string]any `json:"metadata"`
}

// VerificationRequest is what RequestVerification asks to verify.
type VerificationRequest struct {
	EntityID     string         `json:"entity_id"`               // e.g. the email address
	EntityType   string         `json:"entity_type"`             // e.g. "email"
	CodeProvider string         `json:"code_provider,omitempty"` // default "token"
	Metadata     map[string]any `json:"metadata,omitempty"`
}

// RequestVerification asks the server for a verification code for the
// current login's identity (POST /auth/verification/request; the login may be
// the interim one of a LoginResult with VerificationRequired). Medusa emits
// auth.verification_requested with the code for a notification provider to
// deliver; the code is never returned over HTTP.
func (a *Auth) RequestVerification(ctx context.Context, r VerificationRequest) (*Verification, error) {
	if r.EntityID == "" || r.EntityType == "" {
		return nil, fmt.Errorf("%w: EntityID and EntityType are required", ErrInvalidArgument)
	}
	var out struct {
		Verification Verification `json:"verification"`
	}
	if err := a.call(ctx, http.MethodPost, "/auth/verification/request", r, &out); err != nil {
		return nil, err
	}
	return &out.Verification, nil
}

// ConfirmVerification confirms a verification with the code the user
// received (POST /auth/verification/confirm; codeProvider "" means the
// server's default). A login after it (or Refresh of the interim token)
// completes.
func (a *Auth) ConfirmVerification(ctx context.Context, code, codeProvider string) (*Verification, error) {
	if code == "" {
		return nil, fmt.Errorf("%w: empty verification code", ErrInvalidArgument)
	}
	body := map[string]string{"code": code}
	if codeProvider != "" {
		body["code_provider"] = codeProvider
	}
	var out Verification
	if err := a.call(ctx, http.MethodPost, "/auth/verification/confirm", body, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ResetPasswordWithMetadata is ResetPassword with metadata, which Medusa
// passes on in the auth.password_reset event (e.g. the storefront URL a
// notification should link to).
func (a *Auth) ResetPasswordWithMetadata(ctx context.Context, actor, provider, identifier string, metadata map[string]any) error {
	ctx, err := a.begin(ctx)
	if err != nil {
		return err
	}
	if err := checkSegments(actor, provider); err != nil {
		return err
	}
	if identifier == "" {
		return fmt.Errorf("%w: empty identifier", ErrInvalidArgument)
	}
	body := map[string]any{"identifier": identifier}
	if metadata != nil {
		body["metadata"] = metadata
	}
	b, err := encode(body)
	if err != nil {
		return err
	}
	r, err := a.ops.resetPassword(anonymous(ctx), actor, provider, b)
	if err != nil {
		return err
	}
	return r.err()
}

// StepRequiredError is Refresh's answer when the server asks for a step
// first (the token has no actor yet and the identity must answer an MFA
// challenge or verify itself). Its Result says which; errors.As finds it.
type StepRequiredError struct {
	Result *LoginResult
}

func (e *StepRequiredError) Error() string {
	switch {
	case e.Result != nil && e.Result.MFA != nil:
		return "authn: the server asks for an MFA challenge first"
	case e.Result != nil && e.Result.VerificationRequired:
		return "authn: the server asks for a verification first"
	}
	return "authn: the server asks for another step first"
}
