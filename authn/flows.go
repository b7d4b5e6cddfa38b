package authn

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/medusa-sdk/medusa-go/v2/internal/sdkrt"
)

// Actor types and providers Medusa ships. Custom actor types (a "vendor" of
// a marketplace app, say) work the same way: pass their name.
const (
	ActorUser         = "user"
	ActorCustomer     = "customer"
	ProviderEmailPass = "emailpass"
)

// EmailPass is the payload of the emailpass provider's login and register.
type EmailPass struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

// LoginResult is what a login answers: a token, or, for a third-party
// provider (Google, GitHub, ...), the Location to send the user to; the
// provider then redirects to your callback URL, where Callback finishes the
// login.
//
// Medusa 2.15+ may ask for one more step (Complete reports false): MFA is set
// when the identity has an enabled second factor (answer it with
// VerifyMFAChallenge), VerificationRequired when the actor type must verify
// its email or phone first (RequestVerification, ConfirmVerification, then
// Login again). Token is then an interim token without an actor, kept like a
// login's so that those calls are authenticated.
type LoginResult struct {
	Token    string
	Location string

	MFA                  *MFAChallenge
	VerificationRequired bool
	Verification         *Verification // nil until one was requested
}

// Complete reports whether the login is done: a token with no step left.
func (r *LoginResult) Complete() bool {
	return r != nil && r.Token != "" && r.MFA == nil && !r.VerificationRequired
}

// providerResponse is the body of the login, register, callback and refresh
// routes.
type providerResponse struct {
	Token                string          `json:"token"`
	Location             string          `json:"location"`
	MFARequired          bool            `json:"mfa_required"`
	MFAChallenge         *MFAChallenge   `json:"mfa_challenge"`
	VerificationRequired bool            `json:"verification_required"`
	Verification         *Verification   `json:"verification"`
	Customer             json.RawMessage `json:"customer"`
}

// result is the LoginResult of a provider answer.
func (pr *providerResponse) result() *LoginResult {
	res := &LoginResult{Token: pr.Token, Location: pr.Location, VerificationRequired: pr.VerificationRequired, Verification: pr.Verification}
	if pr.MFARequired || pr.MFAChallenge != nil {
		res.MFA = pr.MFAChallenge
		if res.MFA == nil {
			res.MFA = &MFAChallenge{}
		}
	}
	return res
}

// Login authenticates an actor ("user", "customer" or a custom actor type)
// with a provider ("emailpass", "google", ...) and payload (EmailPass for
// emailpass; any JSON-encodable value for other providers) by calling the
// generated POST /auth/{actor}/{provider} operation.
//
// On a token it keeps the login: ModeJWT stores the token (if the store
// fails, Login returns the error and nothing is kept); ModeSession exchanges
// it for a session cookie (POST /auth/session) and keeps only the cookie.
// The token is returned in both cases. A Location result keeps nothing.
//
// A rejected login returns the server's *apierror.Error (401
// "unauthorized", "Invalid email or password"). With a Config.APIKey, Login
// fails with ErrAPIKeyConfigured.
func (a *Auth) Login(ctx context.Context, actor, provider string, payload any) (*LoginResult, error) {
	ctx, err := a.begin(ctx)
	if err != nil {
		return nil, err
	}
	if err := a.checkFlow(actor, provider); err != nil {
		return nil, err
	}
	body, err := encode(payload)
	if err != nil {
		return nil, err
	}
	r, err := a.ops.authenticate(anonymous(ctx), actor, provider, body)
	if err != nil {
		return nil, err
	}
	pr, err := decodeProvider(r)
	if err != nil {
		return nil, err
	}
	if pr.Location != "" && pr.Token == "" {
		return &LoginResult{Location: pr.Location}, nil
	}
	if err := a.keep(ctx, pr.Token); err != nil {
		return nil, err
	}
	return pr.result(), nil
}

// Register gets a registration token for a new identity (POST
// /auth/{actor}/{provider}/register) and keeps it so that the next request
// creating the actor (e.g. POST /store/customers) is authenticated by it:
// ModeJWT stores it; ModeSession holds it in memory and sends it as Bearer
// until the next Login, Refresh or Logout (a token without an actor cannot
// open a useful session), and drops any current session cookie. It returns
// the token.
func (a *Auth) Register(ctx context.Context, actor, provider string, payload any) (string, error) {
	ctx, err := a.begin(ctx)
	if err != nil {
		return "", err
	}
	if err := a.checkFlow(actor, provider); err != nil {
		return "", err
	}
	tok, err := a.register(ctx, actor, provider, payload)
	if err != nil {
		return "", err
	}
	if a.mode == ModeSession {
		a.jar.clear()
		a.setRegistrationToken(tok)
		return tok, nil
	}
	if err := a.storeToken(ctx, tok); err != nil {
		return "", err
	}
	return tok, nil
}

func (a *Auth) register(ctx context.Context, actor, provider string, payload any) (string, error) {
	body, err := encode(payload)
	if err != nil {
		return "", err
	}
	r, err := a.ops.register(anonymous(ctx), actor, provider, body)
	if err != nil {
		return "", err
	}
	pr, err := decodeProvider(r)
	if err != nil {
		return "", err
	}
	if pr.Token == "" {
		return "", fmt.Errorf("%w: registration answered no token", ErrUnexpectedResponse)
	}
	return pr.Token, nil
}

// Callback finishes a third-party login: pass the query the provider
// redirected to your callback URL with (code, state, ...) unchanged. It calls
// POST /auth/{actor}/{provider}/callback with that query and keeps the token
// as Login does. When the provider is configured with a success redirect
// URL, Medusa answers with a redirect carrying the token as access_token;
// the redirect is not followed and the token is taken from it. A new customer's token has no actor yet (see
// Claims.Registered): create the customer, then call Refresh.
func (a *Auth) Callback(ctx context.Context, actor, provider string, query url.Values) (*LoginResult, error) {
	ctx, err := a.begin(ctx)
	if err != nil {
		return nil, err
	}
	if err := a.checkFlow(actor, provider); err != nil {
		return nil, err
	}
	r, err := a.ops.callback(noRedirect(anonymous(ctx)), actor, provider, query)
	if err != nil {
		return nil, err
	}
	res, err := callbackResult(r)
	if err != nil {
		return nil, err
	}
	if err := a.keep(ctx, res.Token); err != nil {
		return nil, err
	}
	return res, nil
}

// Refresh gets a new token for the current login (POST /auth/token/refresh)
// and returns it:
//   - with a per-call token on ctx (WithToken), it refreshes that token and
//     stores nothing;
//   - in ModeJWT, it refreshes the stored token and stores the new one (one
//     refresh at a time: concurrent callers share it);
//   - in ModeSession, it refreshes the session's (or the pending
//     registration token's) login and renews the session with the new
//     token.
//
// It returns ErrNotLoggedIn when there is nothing to refresh.
func (a *Auth) Refresh(ctx context.Context) (string, error) {
	ctx, err := a.begin(ctx)
	if err != nil {
		return "", err
	}
	if a.apiKey != "" {
		return "", ErrAPIKeyConfigured
	}
	if pc := perCallFrom(ctx); pc.hasCredential() {
		if pc.conflict {
			return "", ErrConflictingCredentials
		}
		if pc.token == "" {
			return "", fmt.Errorf("%w: Refresh needs a token; ctx carries another per-call credential", ErrInvalidArgument)
		}
		return a.refreshToken(ctx, pc.token)
	}
	if a.mode == ModeJWT {
		old, err := a.Token(ctx)
		if err != nil {
			return "", err
		}
		if old == "" {
			return "", ErrNotLoggedIn
		}
		return a.refreshShared(ctx, old, 0)
	}
	reg := a.registrationToken()
	if reg == "" && !a.jar.hasCookie(a.sessionCookie) {
		return "", ErrNotLoggedIn
	}
	r, err := a.ops.refresh(clearPerCall(ctx))
	if err != nil {
		return "", err
	}
	tok, err := tokenOf(r)
	if err != nil {
		return "", err
	}
	if err := a.keepSession(ctx, tok, reg == ""); err != nil {
		return "", err
	}
	return tok, nil
}

// refreshToken exchanges old for a new token, storing nothing.
func (a *Auth) refreshToken(ctx context.Context, old string) (string, error) {
	r, err := a.ops.refresh(override(ctx, perCall{set: true, token: old}))
	if err != nil {
		return "", err
	}
	return tokenOf(r)
}

// Logout ends the login. In ModeSession it first calls DELETE /auth/session
// (when a session cookie is held). Then, whatever the server answered, it
// clears the local credentials: the stored token (ModeJWT), the registration
// token and every cookie. A server or store failure is still returned
// (joined if both fail). JWTs cannot be revoked: a copy of the token made
// before Logout stays valid until it expires.
func (a *Auth) Logout(ctx context.Context) error {
	ctx, err := a.begin(ctx)
	if err != nil {
		return err
	}
	if a.apiKey != "" {
		return ErrAPIKeyConfigured
	}
	var serverErr error
	if a.mode == ModeSession && a.jar.hasCookie(a.sessionCookie) {
		r, err := a.ops.deleteSession(clearPerCall(ctx))
		if err != nil {
			serverErr = err
		} else {
			serverErr = r.err()
		}
	}
	localErr := a.clearLocal(context.WithoutCancel(ctx))
	switch {
	case serverErr != nil && localErr != nil:
		return errors.Join(serverErr, localErr)
	case serverErr != nil:
		return serverErr
	}
	return localErr
}

// ResetPassword asks Medusa to generate a reset-password token for the
// identity (POST /auth/{actor}/{provider}/reset-password with
// {"identifier": identifier}); Medusa emits the auth.password_reset event
// with the token, for a notification provider to deliver. The server answers
// 201 text/plain "Created", for unknown identifiers too. No credential is
// sent.
func (a *Auth) ResetPassword(ctx context.Context, actor, provider, identifier string) error {
	return a.ResetPasswordWithMetadata(ctx, actor, provider, identifier, nil)
}

// UpdateProvider updates an identity's provider data, typically the new
// password after ResetPassword: payload is e.g. map[string]string{"password":
// "..."}, token the reset token, sent as Bearer (it is single use). The
// client's own credentials are not sent and nothing is stored.
func (a *Auth) UpdateProvider(ctx context.Context, actor, provider, token string, payload any) error {
	ctx, err := a.begin(ctx)
	if err != nil {
		return err
	}
	if err := checkSegments(actor, provider); err != nil {
		return err
	}
	if token == "" {
		return fmt.Errorf("%w: empty reset token", ErrInvalidArgument)
	}
	body, err := encode(payload)
	if err != nil {
		return err
	}
	r, err := a.ops.updateProvider(override(ctx, perCall{set: true, token: token}), actor, provider, body)
	if err != nil {
		return err
	}
	return r.err()
}

// SignUp is a new customer for SignUpCustomer.
type SignUp struct {
	Email       string
	Password    string
	FirstName   string
	LastName    string
	Phone       string
	CompanyName string
	Metadata    map[string]any
}

// SignUpResult is what SignUpCustomer created.
type SignUpResult struct {
	// CustomerID is the new customer's id ("cus_...").
	CustomerID string
	// Token is the login token (kept as Login keeps it).
	Token string
	// Login is the login's whole answer: when the server asks for a step
	// (an email verification, say), Login.Complete is false and Token is
	// the interim token.
	Login *LoginResult
}

// SignUpCustomer registers an emailpass identity, creates the customer with
// the registration token (POST /store/customers; the publishable key comes
// from the config or WithPublishableKey) and logs in, in one call. The
// registration token is used for that one request and never stored.
//
// Each step's error says which step failed. If the customer creation fails,
// the identity exists without a customer: a later Register with the same
// email answers 401 "Identity with email already exists"; log in with the
// same credentials (the token has no actor yet), create the customer, then
// Refresh.
func (a *Auth) SignUpCustomer(ctx context.Context, s SignUp) (*SignUpResult, error) {
	ctx, err := a.begin(ctx)
	if err != nil {
		return nil, err
	}
	if err := a.checkFlow(ActorCustomer, ProviderEmailPass); err != nil {
		return nil, err
	}
	if s.Email == "" || s.Password == "" {
		return nil, fmt.Errorf("%w: sign-up needs an email and a password", ErrInvalidArgument)
	}
	regTok, err := a.register(ctx, ActorCustomer, ProviderEmailPass, EmailPass{Email: s.Email, Password: s.Password})
	if err != nil {
		return nil, fmt.Errorf("authn: sign-up: register: %w", err)
	}
	body, err := encode(customerBody(s))
	if err != nil {
		return nil, err
	}
	r, err := a.ops.createCustomer(override(ctx, perCall{set: true, token: regTok}), body)
	if err != nil {
		return nil, fmt.Errorf("authn: sign-up: create customer: %w", err)
	}
	if err := r.err(); err != nil {
		return nil, fmt.Errorf("authn: sign-up: create customer: %w", err)
	}
	var created struct {
		Customer struct {
			ID string `json:"id"`
		} `json:"customer"`
	}
	if json.Unmarshal(r.body, &created) != nil || created.Customer.ID == "" {
		return nil, fmt.Errorf("authn: sign-up: create customer: %w: no customer id", ErrUnexpectedResponse)
	}
	res, err := a.Login(ctx, ActorCustomer, ProviderEmailPass, EmailPass{Email: s.Email, Password: s.Password})
	if err != nil {
		return nil, fmt.Errorf("authn: sign-up: login: %w", err)
	}
	return &SignUpResult{CustomerID: created.Customer.ID, Token: res.Token, Login: res}, nil
}

func customerBody(s SignUp) map[string]any {
	m := map[string]any{"email": s.Email}
	for k, v := range map[string]string{
		"first_name": s.FirstName, "last_name": s.LastName,
		"phone": s.Phone, "company_name": s.CompanyName,
	} {
		if v != "" {
			m[k] = v
		}
	}
	if s.Metadata != nil {
		m["metadata"] = s.Metadata
	}
	return m
}

// keep keeps a login token according to the mode.
func (a *Auth) keep(ctx context.Context, tok string) error {
	if a.mode == ModeSession {
		return a.keepSession(ctx, tok, false)
	}
	if err := a.storeToken(ctx, tok); err != nil {
		return err
	}
	a.setRegistrationToken("")
	return nil
}

// keepSession opens (or, with renew, renews) the session for tok. A token
// without an actor is held as the registration token instead.
func (a *Auth) keepSession(ctx context.Context, tok string, renew bool) error {
	if c, err := ParseClaims(tok); err == nil && !c.Registered() {
		a.jar.clear()
		a.setRegistrationToken(tok)
		return nil
	}
	if err := a.exchange(ctx, tok, renew); err != nil {
		return err
	}
	a.setRegistrationToken("")
	return nil
}

// exchange calls POST /auth/session with tok as Bearer and checks that the
// session cookie came back. sendCookie sends the current session cookie
// along (renewing that session in place, as the JS SDK does) instead of
// starting a fresh one.
func (a *Auth) exchange(ctx context.Context, tok string, sendCookie bool) error {
	if tok == "" {
		return fmt.Errorf("%w: empty token", ErrInvalidArgument)
	}
	r, err := a.ops.createSession(override(ctx, perCall{set: true, token: tok, exchange: true, sendCookie: sendCookie}))
	if err != nil {
		return err
	}
	if err := r.err(); err != nil {
		return err
	}
	if hasSetCookie(r.resp.Header, a.sessionCookie) {
		return nil
	}
	// Renewing in place: Medusa updates the session it already knows and,
	// the session id being unchanged, need not set the cookie again.
	if sendCookie && a.jar.hasCookie(a.sessionCookie) {
		return nil
	}
	return ErrNoSessionCookie
}

func (a *Auth) storeToken(ctx context.Context, tok string) error {
	a.storeMu.Lock()
	defer a.storeMu.Unlock()
	if err := a.store.Set(ctx, a.key, tok); err != nil {
		return fmt.Errorf("authn: store token: %w", err)
	}
	return nil
}

// checkFlow validates the path segments and refuses login flows on an API
// key client.
func (a *Auth) checkFlow(actor, provider string) error {
	if a.apiKey != "" {
		return ErrAPIKeyConfigured
	}
	return checkSegments(actor, provider)
}

func checkSegments(actor, provider string) error {
	if !validSegment(actor) {
		return fmt.Errorf("%w: actor type %q (want 1 to 64 letters, digits, '-' or '_')", ErrInvalidArgument, clipArg(actor))
	}
	if !validSegment(provider) {
		return fmt.Errorf("%w: provider %q (want 1 to 64 letters, digits, '-' or '_')", ErrInvalidArgument, clipArg(provider))
	}
	return nil
}

func validSegment(s string) bool {
	if len(s) == 0 || len(s) > 64 {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

func clipArg(s string) string {
	if len(s) > 64 {
		return s[:64] + "…"
	}
	return s
}

// anonymous marks a flow request that must carry no credential (login,
// register, callback, reset-password): the stored token or session of the
// previous login is not sent to them.
func anonymous(ctx context.Context) context.Context {
	return override(ctx, perCall{set: true, anonymous: true})
}

func encode(payload any) ([]byte, error) {
	if payload == nil {
		return []byte("{}"), nil
	}
	b, err := json.Marshal(payload)
	if err != nil {
		// json errors name types, not values.
		return nil, fmt.Errorf("%w: payload: %v", ErrInvalidArgument, err)
	}
	return b, nil
}

// decodeProvider checks the status and decodes a provider route's body.
func decodeProvider(r *rawResponse) (*providerResponse, error) {
	if err := r.err(); err != nil {
		return nil, err
	}
	var pr providerResponse
	if err := json.Unmarshal(r.body, &pr); err != nil {
		return nil, fmt.Errorf("%w: %s %s answered %d with a body that is not a JSON object", ErrUnexpectedResponse,
			r.resp.Request.Method, sdkrt.MaskedPath(r.resp.Request), r.status())
	}
	switch {
	case pr.Token == "" && pr.Location == "":
		return nil, fmt.Errorf("%w: %s %s answered neither a token nor a location", ErrUnexpectedResponse,
			r.resp.Request.Method, sdkrt.MaskedPath(r.resp.Request))
	}
	return &pr, nil
}

// callbackResult reads a callback answer: JSON (a token, or a token and a
// step to take), or a redirect whose Location carries access_token.
func callbackResult(r *rawResponse) (*LoginResult, error) {
	if st := r.status(); st >= 300 && st < 400 {
		loc, err := url.Parse(r.resp.Header.Get("Location"))
		if err == nil {
			if tok := loc.Query().Get("access_token"); tok != "" {
				return &LoginResult{Token: tok}, nil
			}
		}
		return nil, fmt.Errorf("%w: callback redirected (status %d) without an access_token", ErrUnexpectedResponse, st)
	}
	pr, err := decodeProvider(r)
	if err != nil {
		return nil, err
	}
	if pr.Token == "" {
		return nil, fmt.Errorf("%w: no token in the answer", ErrUnexpectedResponse)
	}
	return pr.result(), nil
}

func tokenOf(r *rawResponse) (string, error) {
	pr, err := decodeProvider(r)
	if err != nil {
		return "", err
	}
	if pr.Token == "" {
		return "", fmt.Errorf("%w: no token in the answer", ErrUnexpectedResponse)
	}
	if res := pr.result(); !res.Complete() {
		return "", &StepRequiredError{Result: res}
	}
	return pr.Token, nil
}

func hasSetCookie(h http.Header, name string) bool {
	for _, v := range h.Values("Set-Cookie") {
		n, rest, _ := strings.Cut(v, "=")
		val, _, _ := strings.Cut(rest, ";")
		if strings.TrimSpace(n) == name && strings.TrimSpace(val) != "" {
			return true
		}
	}
	return false
}
