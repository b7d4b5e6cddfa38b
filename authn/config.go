package authn

import (
	"log/slog"
	"net/http"
	"time"
)

// Mode is how a logged-in client proves who it is.
type Mode int

const (
	// ModeJWT (the default) sends "Authorization: Bearer <JWT>" with the
	// token kept in the TokenStore.
	ModeJWT Mode = iota
	// ModeSession exchanges the login JWT for a session cookie
	// (POST /auth/session) and from then on sends only that cookie. The
	// JWT is not kept.
	ModeSession
)

func (m Mode) String() string {
	switch m {
	case ModeJWT:
		return "jwt"
	case ModeSession:
		return "session"
	}
	return "Mode(invalid)"
}

// CookiePolicy says which hosts the shared HTTP client keeps and sends
// cookies for: the Go terms for the JS SDK's fetch credentials option.
type CookiePolicy int

const (
	// CookiesDefault is CookiesOmit in ModeJWT and CookiesSameOrigin in
	// ModeSession.
	CookiesDefault CookiePolicy = iota
	// CookiesSameOrigin (fetch "same-origin") keeps and sends cookies only
	// for the Medusa origin (scheme, host and port of BaseURL), and in
	// ModeSession only the session cookie.
	CookiesSameOrigin
	// CookiesInclude (fetch "include") keeps every cookie from every host
	// the client talks to and sends each where its Domain and Path allow,
	// as a browser does.
	CookiesInclude
	// CookiesOmit (fetch "omit") keeps and sends no cookie. It cannot be
	// combined with ModeSession.
	CookiesOmit
)

func (p CookiePolicy) String() string {
	switch p {
	case CookiesDefault:
		return "default"
	case CookiesSameOrigin:
		return "same-origin"
	case CookiesInclude:
		return "include"
	case CookiesOmit:
		return "omit"
	}
	return "CookiePolicy(invalid)"
}

// DefaultSessionCookie is the name of Medusa's session cookie.
const DefaultSessionCookie = "connect.sid"

// PublishableKeyHeader is the header that carries the publishable API key on
// store requests.
const PublishableKeyHeader = "x-publishable-api-key"

// Config configures an Auth. Only BaseURL is required.
//
// A secret API key and login state exclude each other: APIKey cannot be
// combined with ModeSession or with a Store, and the login flows of a client
// with an APIKey fail with ErrAPIKeyConfigured (see the package doc for the
// full precedence rules).
type Config struct {
	// BaseURL is the Medusa server, e.g. "http://localhost:9000". Its
	// origin is the only one credentials and (by default) cookies go to.
	BaseURL string

	// Mode is ModeJWT (default) or ModeSession.
	Mode Mode

	// Store keeps the JWT in ModeJWT. Default: a new MemoryStore. Must be
	// nil in ModeSession and with an APIKey.
	Store TokenStore
	// StorageKey is the store key. Default: DefaultStorageKey.
	StorageKey string

	// APIKey is a secret API key (sk_...), sent on every request as
	// "Authorization: Basic base64(key + ":")".
	APIKey string

	// PublishableKey (pk_...) is sent as x-publishable-api-key on requests
	// whose path starts with /store (relative to BaseURL's path).
	PublishableKey string

	// Cookies is the cookie policy of HTTPClient. Default: CookiesDefault.
	Cookies CookiePolicy
	// SessionCookie is the session cookie's name. Default:
	// DefaultSessionCookie ("connect.sid").
	SessionCookie string

	// RefreshBefore turns on refresh ahead of expiry in ModeJWT: when the
	// stored token expires within RefreshBefore, the next request first
	// calls POST /auth/token/refresh (one refresh at a time, however many
	// requests are waiting) and stores the new token. Zero: off.
	RefreshBefore time.Duration
	// RefreshTimeout bounds one refresh-ahead call. Default: 30s.
	RefreshTimeout time.Duration

	// Logger receives Debug records for every request and response, and
	// Warn records for failed background refreshes, with the
	// Authorization header, API keys and cookies redacted. Default: no
	// logging.
	Logger *slog.Logger

	// Transport is the underlying round tripper. Default:
	// http.DefaultTransport.
	Transport http.RoundTripper
	// Timeout is HTTPClient's Timeout. Default: none (use contexts).
	Timeout time.Duration
}
