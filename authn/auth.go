package authn

import (
	"context"
	"encoding/base64"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Auth holds a client's credentials and applies them to requests. Create one
// with New, then give both generated clients its EditRequest and HTTPClient:
//
//	a, err := authn.New(authn.Config{BaseURL: "http://localhost:9000"})
//	sc, err := store.NewClientWithResponses(a.BaseURL(),
//		store.WithHTTPClient(a.HTTPClient()), store.WithRequestEditorFn(a.EditRequest))
//
// An Auth is safe for concurrent use.
type Auth struct {
	base          *url.URL
	mode          Mode
	store         TokenStore
	key           string
	apiKey        string
	pubKey        string
	sessionCookie string
	refreshBefore time.Duration
	refreshTO     time.Duration
	log           *slog.Logger
	now           func() time.Time

	jar    *policyJar // nil when cookies are omitted
	client *http.Client
	ops    authOps

	// regToken is the registration token in ModeSession (see Register).
	regMu    sync.Mutex
	regToken string

	// storeMu serialises read-modify-write of the stored token (refresh
	// against logout/login).
	storeMu sync.Mutex

	flightMu sync.Mutex
	flights  map[string]*flight
	// The token of the last refresh that succeeded and of the last
	// that failed: a request that read the old token late reuses the
	// first and does not retry the second for refreshCooldown.
	refreshedOld string
	failedOld    string
	failedAt     time.Time
	windowWarn   sync.Once
}

// New checks cfg and returns an Auth. It fails on an unusable BaseURL and on
// combinations that would let one credential silently override another.
func New(cfg Config) (*Auth, error) {
	base, err := parseBaseURL(cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	a := &Auth{
		base:          base,
		mode:          cfg.Mode,
		store:         cfg.Store,
		key:           cfg.StorageKey,
		apiKey:        cfg.APIKey,
		pubKey:        cfg.PublishableKey,
		sessionCookie: cfg.SessionCookie,
		refreshBefore: cfg.RefreshBefore,
		refreshTO:     cfg.RefreshTimeout,
		log:           cfg.Logger,
		now:           time.Now,
		flights:       make(map[string]*flight),
	}
	if a.mode != ModeJWT && a.mode != ModeSession {
		return nil, fmt.Errorf("%w: unknown Mode %d", ErrInvalidArgument, int(a.mode))
	}
	if strings.TrimSpace(a.apiKey) != a.apiKey || strings.ContainsAny(a.apiKey, "\r\n") {
		return nil, fmt.Errorf("%w: APIKey has white space", ErrInvalidArgument)
	}
	if strings.ContainsAny(a.pubKey, "\r\n") {
		return nil, fmt.Errorf("%w: PublishableKey has a line break", ErrInvalidArgument)
	}
	if a.apiKey != "" {
		if a.mode == ModeSession {
			return nil, fmt.Errorf("%w: APIKey cannot be combined with ModeSession", ErrConflictingCredentials)
		}
		if a.store != nil {
			return nil, fmt.Errorf("%w: APIKey cannot be combined with a Store (the key would always win)", ErrConflictingCredentials)
		}
		if a.refreshBefore > 0 {
			return nil, fmt.Errorf("%w: RefreshBefore needs a JWT, not an APIKey", ErrInvalidArgument)
		}
	}
	if a.mode == ModeSession && a.refreshBefore > 0 {
		return nil, fmt.Errorf("%w: RefreshBefore applies to ModeJWT only", ErrInvalidArgument)
	}
	if a.mode == ModeSession && a.store != nil {
		return nil, fmt.Errorf("%w: ModeSession keeps no JWT; leave Store nil", ErrInvalidArgument)
	}
	if a.store == nil {
		a.store = NewMemoryStore()
	}
	if a.key == "" {
		a.key = DefaultStorageKey
	}
	if a.sessionCookie == "" {
		a.sessionCookie = DefaultSessionCookie
	}
	if a.refreshTO <= 0 {
		a.refreshTO = 30 * time.Second
	}
	if a.refreshBefore < 0 {
		return nil, fmt.Errorf("%w: negative RefreshBefore", ErrInvalidArgument)
	}

	policy := cfg.Cookies
	if policy == CookiesDefault {
		policy = CookiesOmit
		if a.mode == ModeSession {
			policy = CookiesSameOrigin
		}
	}
	switch policy {
	case CookiesOmit:
		if a.mode == ModeSession {
			return nil, fmt.Errorf("%w: ModeSession needs cookies; CookiesOmit turns them off", ErrInvalidArgument)
		}
	case CookiesSameOrigin:
		only := ""
		if a.mode == ModeSession {
			only = a.sessionCookie
		}
		a.jar = newPolicyJar(base, true, only)
	case CookiesInclude:
		a.jar = newPolicyJar(base, false, "")
	default:
		return nil, fmt.Errorf("%w: unknown CookiePolicy %d", ErrInvalidArgument, int(policy))
	}

	rt := cfg.Transport
	if rt == nil {
		rt = http.DefaultTransport
	}
	a.client = &http.Client{Transport: &transport{a: a, base: rt}, Timeout: cfg.Timeout, CheckRedirect: a.checkRedirect}
	if a.jar != nil {
		a.client.Jar = a.jar
	}
	a.ops, err = newOps(a)
	if err != nil {
		return nil, err
	}
	return a, nil
}

func parseBaseURL(s string) (*url.URL, error) {
	if s == "" {
		return nil, fmt.Errorf("%w: BaseURL is required", ErrInvalidArgument)
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("%w: BaseURL must be an absolute http(s) URL", ErrInvalidArgument)
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("%w: BaseURL must not have user info, a query or a fragment", ErrInvalidArgument)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	return u, nil
}

// BaseURL returns the configured server URL, without a trailing slash.
func (a *Auth) BaseURL() string { return a.base.String() }

// Mode returns the configured mode.
func (a *Auth) Mode() Mode { return a.mode }

// HTTPClient returns the *http.Client to give both generated clients
// (WithHTTPClient). It holds the cookie jar (ModeSession, or a cookie policy
// other than omit), drops the session cookie from requests made with a
// per-call credential, logs requests when Config.Logger is set, and does
// not follow a redirect to another origin (the 3xx answer is returned
// instead). The same client is returned on every call; do not modify it.
func (a *Auth) HTTPClient() *http.Client { return a.client }

// EditRequest sets the request's credentials and publishable key. Its
// signature matches the generated clients' RequestEditorFn, so pass it to
// store.WithRequestEditorFn and admin.WithRequestEditorFn.
//
// Precedence, highest first (see the package doc):
//  1. a per-call credential on ctx (WithToken, WithAPIKey,
//     WithoutCredentials): only that is sent;
//  2. Config.APIKey: Basic;
//  3. ModeJWT: the stored token as Bearer (refreshed first if
//     RefreshBefore says so); ModeSession: the session cookie (from the
//     jar), or the pending registration token as Bearer.
//
// It fails with ErrForeignOrigin for a request to another origin and with
// ErrConflictingCredentials if the request already has an Authorization
// header or ctx carries two different per-call credentials.
func (a *Auth) EditRequest(ctx context.Context, req *http.Request) error {
	ctx, err := a.begin(ctx)
	if err != nil {
		return err
	}
	if req == nil || req.URL == nil {
		return fmt.Errorf("%w: nil request", ErrInvalidArgument)
	}
	if req.Header == nil {
		req.Header = make(http.Header)
	}
	if !sameOrigin(a.base, req.URL) {
		return fmt.Errorf("%w (want %s)", ErrForeignOrigin, a.base.Scheme+"://"+a.base.Host)
	}
	if a.isStorePath(req.URL.Path) && req.Header.Get(PublishableKeyHeader) == "" {
		pk := a.pubKey
		if v, ok := ctx.Value(publishableKeyKey{}).(string); ok {
			pk = v
		}
		if pk != "" {
			req.Header.Set(PublishableKeyHeader, pk)
		}
	}
	if req.Header.Get("Authorization") != "" {
		return fmt.Errorf("%w: the request already has an Authorization header", ErrConflictingCredentials)
	}
	if pc := perCallFrom(ctx); pc.hasCredential() {
		return pc.apply(req)
	}
	if a.apiKey != "" {
		req.Header.Set("Authorization", basic(a.apiKey))
		return nil
	}
	if a.mode == ModeSession {
		if tok := a.registrationToken(); tok != "" {
			req.Header.Set("Authorization", "Bearer "+tok)
		}
		return nil
	}
	tok, err := a.currentToken(ctx)
	if err != nil {
		return err
	}
	if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	return nil
}

// isStorePath reports whether p (a request path) is a store route: /store
// or /store/... below BaseURL's path.
func (a *Auth) isStorePath(p string) bool {
	rest, ok := strings.CutPrefix(p, a.base.Path)
	if !ok {
		return false
	}
	return rest == "/store" || strings.HasPrefix(rest, "/store/")
}

// basic is the Authorization value Medusa expects for a secret API key.
func basic(key string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(key+":"))
}

// Token returns the stored JWT ("" if none). In ModeSession it returns the
// pending registration token, if any: the session's JWT is not kept.
func (a *Auth) Token(ctx context.Context) (string, error) {
	ctx, err := a.begin(ctx)
	if err != nil {
		return "", err
	}
	if a.mode == ModeSession {
		return a.registrationToken(), nil
	}
	if a.apiKey != "" {
		return "", nil
	}
	tok, err := a.store.Get(ctx, a.key)
	if err != nil {
		return "", fmt.Errorf("authn: read token: %w", err)
	}
	return tok, nil
}

// SetToken keeps token as if a login had returned it, for a token obtained
// elsewhere (e.g. an OAuth redirect's access_token): ModeJWT stores it,
// ModeSession exchanges it for a session cookie.
func (a *Auth) SetToken(ctx context.Context, token string) error {
	ctx, err := a.begin(ctx)
	if err != nil {
		return err
	}
	if a.apiKey != "" {
		return ErrAPIKeyConfigured
	}
	if token == "" {
		return fmt.Errorf("%w: empty token", ErrInvalidArgument)
	}
	return a.keep(ctx, token)
}

// Claims decodes (without verifying) the claims of the current token: the
// per-call token of ctx if any, else the stored one (or the pending
// registration token in ModeSession). It returns ErrNotLoggedIn when there is
// no token.
func (a *Auth) Claims(ctx context.Context) (*Claims, error) {
	ctx, err := a.begin(ctx)
	if err != nil {
		return nil, err
	}
	tok := ""
	if pc := perCallFrom(ctx); pc.hasCredential() {
		tok = pc.token
	} else {
		var err error
		if tok, err = a.Token(ctx); err != nil {
			return nil, err
		}
	}
	if tok == "" {
		return nil, ErrNotLoggedIn
	}
	return ParseClaims(tok)
}

// LoggedIn reports whether the client holds a login: a stored token in
// ModeJWT, a session cookie in ModeSession. It does not ask the server.
func (a *Auth) LoggedIn(ctx context.Context) (bool, error) {
	ctx, err := a.begin(ctx)
	if err != nil {
		return false, err
	}
	if a.mode == ModeSession {
		return a.jar != nil && a.jar.hasCookie(a.sessionCookie), nil
	}
	tok, err := a.Token(ctx)
	return tok != "", err
}

func (a *Auth) registrationToken() string {
	a.regMu.Lock()
	defer a.regMu.Unlock()
	return a.regToken
}

func (a *Auth) setRegistrationToken(tok string) {
	a.regMu.Lock()
	defer a.regMu.Unlock()
	a.regToken = tok
}

// clearLocal forgets every local credential: stored token, registration
// token, cookies.
func (a *Auth) clearLocal(ctx context.Context) error {
	a.setRegistrationToken("")
	if a.jar != nil {
		a.jar.clear()
	}
	if a.mode == ModeSession {
		return nil
	}
	a.storeMu.Lock()
	defer a.storeMu.Unlock()
	if err := a.store.Delete(ctx, a.key); err != nil {
		return fmt.Errorf("authn: delete stored token: %w", err)
	}
	return nil
}

// begin guards every public method: a nil context becomes Background and an
// Auth not made by New is an error rather than a panic.
func (a *Auth) begin(ctx context.Context) (context.Context, error) {
	if a == nil || a.ops == nil {
		return ctx, fmt.Errorf("%w: use authn.New to create an Auth", ErrInvalidArgument)
	}
	if ctx == nil {
		ctx = context.Background()
	}
	return ctx, nil
}
