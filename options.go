package medusa

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/medusa-sdk/medusa-go/v2/authn"
)

// Option configures a Client. Options are checked by New: a bad value or two
// options that contradict each other make New fail.
type Option func(*settings) error

type settings struct {
	auth       authn.Config
	httpClient *http.Client
	retry      RetryPolicy
	headers    map[string]string // WithGlobalHeaders, canonical keys
	locale     string
	timeout    time.Duration
	maxBody    int64
	keys       bool // WithIdempotencyKeySupport
	set        map[string]bool
}

func (s *settings) once(name string) error {
	if s.set[name] {
		return fmt.Errorf("medusa: %s given twice", name)
	}
	s.set[name] = true
	return nil
}

// WithHTTPClient makes the client send its requests through hc's Transport
// and honour hc's Timeout (a hard bound on top of WithTimeout's, which cuts
// event streams too: leave it 0 and use WithTimeout, which streams outlive,
// when you read them). The SDK builds its own *http.Client around them
// (it needs its own cookie jar), so hc's Jar and CheckRedirect are not used.
func WithHTTPClient(hc *http.Client) Option {
	return func(s *settings) error {
		if hc == nil {
			return errors.New("medusa: WithHTTPClient(nil)")
		}
		if err := s.once("WithHTTPClient"); err != nil {
			return err
		}
		s.httpClient = hc
		return nil
	}
}

// WithPublishableKey sends pk as x-publishable-api-key on every /store
// request. Store routes need it; admin and auth routes ignore it.
func WithPublishableKey(pk string) Option {
	return func(s *settings) error {
		if pk == "" {
			return errors.New("medusa: WithPublishableKey: empty key")
		}
		if err := s.once("WithPublishableKey"); err != nil {
			return err
		}
		s.auth.PublishableKey = pk
		return nil
	}
}

// WithSecretAPIKey authenticates every request with a secret API key
// (sk_...), sent as HTTP Basic. It excludes logins: see authn's precedence.
func WithSecretAPIKey(sk string) Option {
	return func(s *settings) error {
		if sk == "" {
			return errors.New("medusa: WithSecretAPIKey: empty key")
		}
		if err := s.once("WithSecretAPIKey"); err != nil {
			return err
		}
		s.auth.APIKey = sk
		return nil
	}
}

// WithSession makes logins keep a session cookie instead of a JWT
// (authn.ModeSession).
func WithSession() Option {
	return func(s *settings) error {
		if err := s.once("WithSession"); err != nil {
			return err
		}
		s.auth.Mode = authn.ModeSession
		return nil
	}
}

// WithTokenStore keeps the JWT of logins in store (default: in memory).
func WithTokenStore(store authn.TokenStore) Option {
	return func(s *settings) error {
		if store == nil {
			return errors.New("medusa: WithTokenStore(nil)")
		}
		if err := s.once("WithTokenStore"); err != nil {
			return err
		}
		s.auth.Store = store
		return nil
	}
}

// WithStorageKey sets the key the JWT is stored under (default
// "medusa_auth_token").
func WithStorageKey(key string) Option {
	return func(s *settings) error {
		if key == "" {
			return errors.New("medusa: WithStorageKey: empty key")
		}
		s.auth.StorageKey = key
		return s.once("WithStorageKey")
	}
}

// WithCookies sets the cookie policy (authn.CookiesOmit, CookiesSameOrigin,
// CookiesInclude: the JS SDK's omit, same-origin and include).
func WithCookies(p authn.CookiePolicy) Option {
	return func(s *settings) error {
		s.auth.Cookies = p
		return s.once("WithCookies")
	}
}

// WithRefreshAhead refreshes the stored JWT when it expires within d, before
// the next request: exactly one refresh per token, however many goroutines
// wait for it. A call waits for the refresh at most half of its time (its
// context's deadline or the client's timeout), then goes with the current
// token while it is valid; a failed refresh is tried again after 10 s. A d
// not shorter than the tokens' lifetime would refresh on every request:
// half the lifetime is used instead, with a warning on the logger.
func WithRefreshAhead(d time.Duration) Option {
	return func(s *settings) error {
		if d <= 0 {
			return fmt.Errorf("medusa: WithRefreshAhead(%s): must be positive", d)
		}
		s.auth.RefreshBefore = d
		return s.once("WithRefreshAhead")
	}
}

// WithRetry sets the retry policy. WithRetry(RetryPolicy{}) turns retries off.
func WithRetry(p RetryPolicy) Option {
	return func(s *settings) error {
		if p.MaxRetries < 0 || p.BaseDelay < 0 || p.MaxDelay < 0 {
			return fmt.Errorf("medusa: WithRetry: negative value in %+v", p)
		}
		s.retry = p
		return s.once("WithRetry")
	}
}

// WithIdempotencyKeySupport declares that the server, or a gateway in front
// of it, honours the Idempotency-Key header: a second request with the same
// key gets the first one's answer and changes nothing. A POST that carries
// the header (medusa.WithHeader("Idempotency-Key", k)) is then retried like
// a GET.
//
// Medusa itself ignores the header: two POSTs with the same key create two
// records (TestMedusaIgnoresIdempotencyKey). Without this option a POST
// carrying it is sent once, and the SDK keeps net/http from replaying it
// too (net/http's Transport takes the header as permission to resend a
// request on a broken keep-alive connection).
func WithIdempotencyKeySupport() Option {
	return func(s *settings) error {
		s.keys = true
		return s.once("WithIdempotencyKeySupport")
	}
}

// WithMaxRetries keeps the default backoff and changes the number of retries.
func WithMaxRetries(n int) Option {
	return func(s *settings) error {
		if n < 0 {
			return fmt.Errorf("medusa: WithMaxRetries(%d): must not be negative", n)
		}
		s.retry.MaxRetries = n
		return s.once("WithRetry")
	}
}

// WithLogger logs every request and response at Debug level (method, URL,
// status, duration; Authorization, API keys and cookies redacted, and the
// secrets each request sent masked in its answer's headers). Off by
// default.
func WithLogger(l *slog.Logger) Option {
	return func(s *settings) error {
		if l == nil {
			return errors.New("medusa: WithLogger(nil)")
		}
		s.auth.Logger = l
		return s.once("WithLogger")
	}
}

// WithTimeout bounds every call whose context has no deadline: connecting,
// every attempt and retry wait, and reading the answer. Default:
// DefaultTimeout (one minute). A context deadline replaces it for its call.
func WithTimeout(d time.Duration) Option {
	return func(s *settings) error {
		if d <= 0 {
			return fmt.Errorf("medusa: WithTimeout(%s): must be positive", d)
		}
		s.timeout = d
		return s.once("WithTimeout")
	}
}
