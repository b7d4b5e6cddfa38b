// Package authn authenticates the Medusa Go SDK's requests: JWTs kept in a
// pluggable token store, cookie sessions, secret API keys, per-call
// credentials for servers that act for many users, the publishable key, and
// the auth flows (login, logout, register, customer sign-up, refresh, OAuth
// callback, reset password, update provider) built on the generated /auth
// operations.
//
// # Setup
//
// An Auth supplies the two things both generated clients take: a request
// editor (EditRequest) and the *http.Client (HTTPClient) they share:
//
//	a, err := authn.New(authn.Config{
//		BaseURL:        "http://localhost:9000",
//		PublishableKey: "pk_...",              // store requests only
//	})
//	sc, err := store.NewClientWithResponses(a.BaseURL(),
//		store.WithHTTPClient(a.HTTPClient()), store.WithRequestEditorFn(a.EditRequest))
//	ac, err := admin.NewClientWithResponses(a.BaseURL(),
//		admin.WithHTTPClient(a.HTTPClient()), admin.WithRequestEditorFn(a.EditRequest))
//
// # Modes
//
//   - ModeJWT (default): Login stores the JWT in Config.Store (MemoryStore
//     by default; FileStore, NoStore or any TokenStore) under
//     Config.StorageKey, and every request carries "Authorization: Bearer".
//   - ModeSession: Login exchanges the JWT at POST /auth/session for the
//     connect.sid cookie, kept in the client's cookie jar; requests carry
//     only the cookie. Logout calls DELETE /auth/session and empties the jar.
//   - Config.APIKey: a secret API key, sent as "Authorization: Basic
//     base64(key + ":")" on every request (Medusa rejects it as Bearer).
//
// # Precedence
//
// At most one credential is sent per request, chosen in this order:
//
//  1. A per-call credential on the request's context: WithToken (Bearer),
//     WithAPIKey (Basic) or WithoutCredentials (none). It replaces the
//     client's credentials entirely for that request: no API key, no stored
//     token, no session cookie, and a Set-Cookie in the answer is ignored.
//  2. Config.APIKey.
//  3. The login state: the stored JWT (ModeJWT), or the session cookie
//     (ModeSession; before the customer exists, the registration token as
//     Bearer instead).
//
// Nothing overrides anything silently; these are errors instead:
//   - two different per-call credentials on one context, or an
//     Authorization header already on the request when EditRequest runs:
//     the request fails with ErrConflictingCredentials;
//   - APIKey with ModeSession or with a Store: New fails;
//   - a login flow on a client with an APIKey: ErrAPIKeyConfigured (its
//     token would never be sent);
//   - a request to another origin than BaseURL: ErrForeignOrigin
//     (credentials never leave the Medusa origin).
//
// The publishable key (Config.PublishableKey, or WithPublishableKey per
// call) goes on every request whose path starts with /store, unless the
// request already has one.
//
// # Serving many users from one client
//
// Use NoStore (or any store, unused) and pass each user's token per call:
//
//	res, err := a.Login(ctx, authn.ActorCustomer, authn.ProviderEmailPass, authn.EmailPass{...})
//	// keep res.Token in the user's own session, then on each request:
//	me, err := sc.GetCustomersMeWithResponse(authn.WithToken(ctx, userToken), nil)
//
// # Second factors and verification (Medusa 2.15+)
//
// A login may need one more step; LoginResult.Complete reports whether it is
// done. With an enabled factor, LoginResult.MFA is the challenge to answer
// with VerifyMFAChallenge (a TOTP or recovery code), which keeps the final
// token like a login. With a verification required for the actor type,
// LoginResult.VerificationRequired is set: RequestVerification, then
// ConfirmVerification with the code the user received, then Login again.
// The interim token of such an answer has no actor and is kept so that
// those calls are authenticated. StartMFA, VerifyMFAFactor, ListMFAFactors,
// DisableMFAFactor and GenerateRecoveryCodes manage the factors of the
// current login.
//
// # Cookies
//
// Config.Cookies maps the JS SDK's fetch credentials: CookiesSameOrigin
// (only the Medusa origin; in ModeSession only the session cookie; the
// default in ModeSession), CookiesInclude (every host, browser rules), and
// CookiesOmit (none; the default in ModeJWT).
//
// # Beyond the JS SDK
//
// ParseClaims (and Auth.Claims) decode a token's claims without verifying
// it. Config.RefreshBefore refreshes the stored token ahead of its expiry,
// one refresh at a time however many requests wait for it. Config.Logger
// logs every request and response at Debug level with the Authorization
// header, API keys and cookies redacted; errors never contain credentials.
//
// Errors from the server are *apierror.Error values (status, Medusa type,
// message), matched with errors.As or apierror.IsStatus.
package authn
