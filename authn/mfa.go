package authn

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/medusa-sdk/medusa-go/v2/internal/qs"
)

// MFA methods Medusa ships: a TOTP authenticator app, and the single-use
// recovery codes of GenerateRecoveryCodes.
const (
	MFAMethodTOTP         = "totp"
	MFAMethodRecoveryCode = "recovery_code"
)

// MFAChallenge is the second step of a login to an identity with an enabled
// factor (Medusa 2.15+): answer it with VerifyMFAChallenge before it expires.
type MFAChallenge struct {
	ID          string    `json:"id"`
	Methods     []string  `json:"methods"` // e.g. ["totp"]; a recovery code is always accepted once generated
	ExpiresAt   time.Time `json:"expires_at"`
	Attempts    int       `json:"attempts"`
	MaxAttempts int       `json:"max_attempts"`
}

// MFAFactor is an enrolled second factor: "pending" until VerifyMFAFactor
// confirms it, then "enabled", or "disabled".
type MFAFactor struct {
	ID             string         `json:"id"`
	Provider       string         `json:"provider"`
	Status         string         `json:"status"`
	AuthIdentityID string         `json:"auth_identity_id"`
	Metadata       map[string]any `json:"metadata"`
	CreatedAt      time.Time      `json:"created_at"`
	UpdatedAt      time.Time      `json:"updated_at"`
}

// MFAEnrollment is a factor just started by StartMFA, with what the user's
// authenticator app needs. Secret and OTPAuthURL are secrets: fmt prints
// them redacted; read the fields to show them (once) to the user.
type MFAEnrollment struct {
	Factor     MFAFactor `json:"mfa_factor"`
	Secret     string    `json:"secret"`      // base32 TOTP secret
	OTPAuthURL string    `json:"otpauth_url"` // otpauth://totp/... for a QR code
}

// String redacts the secret.
func (e MFAEnrollment) String() string {
	return fmt.Sprintf("{Factor:%s Secret:[redacted] OTPAuthURL:[redacted]}", e.Factor.ID)
}

// GoString redacts the secret.
func (e MFAEnrollment) GoString() string { return "authn.MFAEnrollment" + e.String() }

// RecoveryCodes are single-use codes that answer an MFA challenge when the
// authenticator is lost. fmt prints them redacted.
type RecoveryCodes []string

// String redacts the codes.
func (r RecoveryCodes) String() string { return fmt.Sprintf("[%d recovery codes redacted]", len(r)) }

// GoString redacts the codes.
func (r RecoveryCodes) GoString() string { return r.String() }

// MFAStart says what factor StartMFA enrols.
type MFAStart struct {
	Provider string         `json:"provider"` // MFAMethodTOTP
	Label    string         `json:"label,omitempty"`
	Issuer   string         `json:"issuer,omitempty"` // shown by authenticator apps; default: the server's
	Metadata map[string]any `json:"metadata,omitempty"`
}

// ListMFAFactors lists the current login's factors (GET /auth/mfa/factors).
func (a *Auth) ListMFAFactors(ctx context.Context) ([]MFAFactor, error) {
	var out struct {
		Factors []MFAFactor `json:"mfa_factors"`
	}
	if err := a.call(ctx, http.MethodGet, "/auth/mfa/factors", nil, &out); err != nil {
		return nil, err
	}
	return out.Factors, nil
}

// StartMFA enrols a new factor for the current login (POST
// /auth/mfa/factors): for TOTP, show the returned secret or otpauth URL to
// the user, then confirm with VerifyMFAFactor and a code from their app.
// The server needs an MFA encryption key (the auth module's
// mfa.encryption_key, or AUTH_MFA_ENCRYPTION_KEY).
func (a *Auth) StartMFA(ctx context.Context, s MFAStart) (*MFAEnrollment, error) {
	if s.Provider == "" {
		return nil, fmt.Errorf("%w: MFAStart.Provider is required (e.g. %q)", ErrInvalidArgument, MFAMethodTOTP)
	}
	var out MFAEnrollment
	if err := a.call(ctx, http.MethodPost, "/auth/mfa/factors", s, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// VerifyMFAFactor confirms a pending factor with a code from it (POST
// /auth/mfa/factors/{id}/verify); the factor is then enabled and every later
// login asks for an MFA challenge.
func (a *Auth) VerifyMFAFactor(ctx context.Context, factorID, code string) (*MFAFactor, error) {
	if code == "" {
		return nil, fmt.Errorf("%w: factor id and code are required", ErrInvalidArgument)
	}
	seg, err := pathID("factor id", factorID)
	if err != nil {
		return nil, err
	}
	var out struct {
		Factor MFAFactor `json:"mfa_factor"`
	}
	if err := a.call(ctx, http.MethodPost, "/auth/mfa/factors/"+seg+"/verify", map[string]string{"code": code}, &out); err != nil {
		return nil, err
	}
	return &out.Factor, nil
}

// DisableMFAFactor disables a factor (DELETE /auth/mfa/factors/{id}). With
// the server's default policy the login suffices and method and code may be
// empty; with disable_policy "challenge" pass a method and a valid code.
func (a *Auth) DisableMFAFactor(ctx context.Context, factorID, method, code string) (*MFAFactor, error) {
	seg, err := pathID("factor id", factorID)
	if err != nil {
		return nil, err
	}
	body := map[string]string{}
	if method != "" {
		body["method"] = method
	}
	if code != "" {
		body["code"] = code
	}
	var out struct {
		Factor MFAFactor `json:"mfa_factor"`
	}
	if err := a.call(ctx, http.MethodDelete, "/auth/mfa/factors/"+seg, body, &out); err != nil {
		return nil, err
	}
	return &out.Factor, nil
}

// GenerateRecoveryCodes makes new recovery codes for the current login
// (POST /auth/mfa/recovery-codes; count 0 means the server's default, 10),
// replacing the previous ones. It needs an enabled factor.
func (a *Auth) GenerateRecoveryCodes(ctx context.Context, count int) (RecoveryCodes, error) {
	if count < 0 || count > 50 {
		return nil, fmt.Errorf("%w: recovery code count %d (want 1 to 50, or 0 for the default)", ErrInvalidArgument, count)
	}
	body := map[string]int{}
	if count > 0 {
		body["count"] = count
	}
	var out struct {
		Codes RecoveryCodes `json:"recovery_codes"`
	}
	if err := a.call(ctx, http.MethodPost, "/auth/mfa/recovery-codes", body, &out); err != nil {
		return nil, err
	}
	return out.Codes, nil
}

// VerifyMFAChallenge answers the challenge of a login (LoginResult.MFA) with
// a code of one of its methods (MFAMethodTOTP, MFAMethodRecoveryCode), and
// keeps the resulting token as Login keeps one (stored in ModeJWT, exchanged
// for a session cookie in ModeSession). It returns the token. It is sent
// with the login's interim token, which Login kept.
func (a *Auth) VerifyMFAChallenge(ctx context.Context, challengeID, method, code string) (string, error) {
	ctx, err := a.begin(ctx)
	if err != nil {
		return "", err
	}
	if a.apiKey != "" {
		return "", ErrAPIKeyConfigured
	}
	if method == "" || code == "" {
		return "", fmt.Errorf("%w: challenge id, method and code are required", ErrInvalidArgument)
	}
	seg, err := pathID("challenge id", challengeID)
	if err != nil {
		return "", err
	}
	var out struct {
		Token string `json:"token"`
	}
	if err := a.call(ctx, http.MethodPost, "/auth/mfa/challenges/"+seg+"/verify",
		map[string]string{"method": method, "code": code}, &out); err != nil {
		return "", err
	}
	if out.Token == "" {
		return "", fmt.Errorf("%w: the challenge was verified without a token", ErrUnexpectedResponse)
	}
	if err := a.keep(ctx, out.Token); err != nil {
		return "", err
	}
	return out.Token, nil
}

// call sends one JSON request to an auth route with the client's current
// credentials (or the per-call one of ctx) and decodes the answer into out.
func (a *Auth) call(ctx context.Context, method, path string, body, out any) error {
	ctx, err := a.begin(ctx)
	if err != nil {
		return err
	}
	var rd *bytes.Reader
	if body != nil {
		b, err := encode(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	var req *http.Request
	if rd != nil {
		req, err = http.NewRequestWithContext(ctx, method, a.base.String()+path, rd)
	} else {
		req, err = http.NewRequestWithContext(ctx, method, a.base.String()+path, nil)
	}
	if err != nil {
		return fmt.Errorf("%w: %v", ErrInvalidArgument, err)
	}
	if rd != nil {
		req.Header.Set("Content-Type", jsonType)
	}
	if err := a.EditRequest(ctx, req); err != nil {
		return err
	}
	r, err := read(a.client.Do(req))
	if err != nil {
		return err
	}
	if err := r.err(); err != nil {
		return err
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(r.body, out); err != nil {
		return fmt.Errorf("%w: %s %s answered %d with a body that does not fit: %v", ErrUnexpectedResponse, method, path, r.status(), err)
	}
	return nil
}

// pathID escapes an id for one path segment; an empty, "." or ".." id
// (which a proxy would resolve to another route) is an error wrapping
// ErrInvalidArgument and medusa.ErrBadPathParam.
func pathID(name, id string) (string, error) {
	seg, err := qs.PathParam(name, id)
	if err != nil {
		return "", fmt.Errorf("%w: %w", ErrInvalidArgument, err)
	}
	return seg, nil
}
