package authn

import "errors"

var (
	// ErrConflictingCredentials: two credentials were given for one request
	// and authn will not pick one silently. Causes: a context with two
	// different per-call credentials; an Authorization header already on
	// the request when the editor runs.
	ErrConflictingCredentials = errors.New("authn: conflicting credentials for one request")

	// ErrAPIKeyConfigured: a login flow (Login, Register, Refresh,
	// Callback, Logout, SignUpCustomer) was called on a client configured
	// with a secret API key. Its result would never be sent, since the API
	// key always wins; use a second Auth without APIKey for logins.
	ErrAPIKeyConfigured = errors.New("authn: client is configured with a secret API key; login flows are disabled")

	// ErrEmptyCredential: WithToken or WithAPIKey was given an empty string.
	ErrEmptyCredential = errors.New("authn: empty per-call credential")

	// ErrForeignOrigin: the editor was asked to authenticate a request to a
	// host other than Config.BaseURL's origin. Credentials never leave the
	// Medusa origin.
	ErrForeignOrigin = errors.New("authn: request is not for the configured Medusa origin")

	// ErrNotLoggedIn: Refresh found no token and no session to refresh.
	ErrNotLoggedIn = errors.New("authn: not logged in")

	// ErrNoSessionCookie: POST /auth/session succeeded but set no session
	// cookie. Medusa in production mode marks it Secure and sends none over
	// plain http unless the request says X-Forwarded-Proto: https.
	ErrNoSessionCookie = errors.New("authn: POST /auth/session set no session cookie (a production Medusa only sets it over https)")

	// ErrUnexpectedResponse: a 2xx answer without the field the flow needs
	// (e.g. a login answer with neither token nor location).
	ErrUnexpectedResponse = errors.New("authn: unexpected response")

	// ErrInvalidArgument: an actor type or provider that cannot be a path
	// segment, or a missing required argument.
	ErrInvalidArgument = errors.New("authn: invalid argument")
)
