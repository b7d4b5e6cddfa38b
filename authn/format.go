package authn

import (
	"fmt"
	"log/slog"
	"sort"
	"strconv"
	"strings"

	"github.com/medusa-sdk/medusa-go/v2/apierror"
)

// The types below hold secrets (API keys, tokens). Each formats and logs as
// a redacted summary, whatever the verb (%v, %+v, %#v, %s, %q, %x) and
// whatever the slog handler: String, GoString, Format and LogValue all say
// the same thing, and no secret is in it.

func set(s string) string {
	if s == "" {
		return "none"
	}
	return redacted
}

// writeFormatted writes s for any verb: quoted for %q, as is otherwise.
func writeFormatted(f fmt.State, verb rune, s string) {
	if verb == 'q' {
		s = strconv.Quote(s)
	}
	_, _ = f.Write([]byte(s))
}

// String describes the Auth without its secrets.
func (a *Auth) String() string {
	if a == nil || a.base == nil {
		return "authn.Auth(nil)"
	}
	return fmt.Sprintf("authn.Auth{BaseURL: %s, Mode: %s, APIKey: %s, PublishableKey: %s, Store: %T, RefreshBefore: %s}",
		a.base, a.mode, set(a.apiKey), set(a.pubKey), a.store, a.refreshBefore)
}

// GoString is String: %#v shows no secret either.
func (a *Auth) GoString() string { return a.String() }

// Format prints String for every verb.
func (a *Auth) Format(f fmt.State, verb rune) { writeFormatted(f, verb, a.String()) }

// LogValue logs the Auth without its secrets.
func (a *Auth) LogValue() slog.Value {
	if a == nil || a.base == nil {
		return slog.StringValue("authn.Auth(nil)")
	}
	return slog.GroupValue(
		slog.String("base_url", a.base.String()),
		slog.String("mode", a.mode.String()),
		slog.String("api_key", set(a.apiKey)),
		slog.String("publishable_key", set(a.pubKey)),
		slog.String("store", fmt.Sprintf("%T", a.store)),
		slog.Duration("refresh_before", a.refreshBefore),
	)
}

// String describes the Config without its secrets: APIKey and
// PublishableKey say only whether they are set; Store, Logger and Transport
// their types.
func (c Config) String() string {
	return fmt.Sprintf("authn.Config{BaseURL: %s, Mode: %s, APIKey: %s, PublishableKey: %s, Store: %T, StorageKey: %q, Cookies: %s, SessionCookie: %q, RefreshBefore: %s, RefreshTimeout: %s, Timeout: %s, Logger: %t, Transport: %T}",
		apierror.RedactURL(c.BaseURL), c.Mode, set(c.APIKey), set(c.PublishableKey), c.Store, c.StorageKey, c.Cookies,
		c.SessionCookie, c.RefreshBefore, c.RefreshTimeout, c.Timeout, c.Logger != nil, c.Transport)
}

// GoString is String.
func (c Config) GoString() string { return c.String() }

// Format prints String for every verb.
func (c Config) Format(f fmt.State, verb rune) { writeFormatted(f, verb, c.String()) }

// LogValue logs the Config without its secrets.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("base_url", apierror.RedactURL(c.BaseURL)),
		slog.String("mode", c.Mode.String()),
		slog.String("api_key", set(c.APIKey)),
		slog.String("publishable_key", set(c.PublishableKey)),
		slog.String("store", fmt.Sprintf("%T", c.Store)),
		slog.String("cookies", c.Cookies.String()),
		slog.Duration("refresh_before", c.RefreshBefore),
		slog.Duration("timeout", c.Timeout),
	)
}

// String lists the MemoryStore's keys, never its tokens.
func (s *MemoryStore) String() string {
	if s == nil {
		return "authn.MemoryStore(nil)"
	}
	keys := s.keys()
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = strconv.Quote(k) + ": " + redacted
	}
	return "authn.MemoryStore{" + strings.Join(parts, ", ") + "}"
}

func (s *MemoryStore) keys() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	keys := make([]string, 0, len(s.tokens))
	for k := range s.tokens {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// GoString is String.
func (s *MemoryStore) GoString() string { return s.String() }

// Format prints String for every verb.
func (s *MemoryStore) Format(f fmt.State, verb rune) { writeFormatted(f, verb, s.String()) }

// LogValue logs the keys, never the tokens.
func (s *MemoryStore) LogValue() slog.Value { return slog.StringValue(s.String()) }

// String shows the Location (secret query values masked) and whether a
// token was returned, never the token.
func (r LoginResult) String() string {
	mfa := "nil"
	if r.MFA != nil {
		mfa = fmt.Sprintf("{ID: %s, Methods: %v}", r.MFA.ID, r.MFA.Methods)
	}
	ver := "nil"
	if r.Verification != nil {
		ver = fmt.Sprintf("{ID: %s}", r.Verification.ID)
	}
	return fmt.Sprintf("authn.LoginResult{Token: %s, Location: %s, MFA: %s, VerificationRequired: %t, Verification: %s}",
		set(r.Token), apierror.RedactURL(r.Location), mfa, r.VerificationRequired, ver)
}

// GoString is String.
func (r LoginResult) GoString() string { return r.String() }

// Format prints String for every verb.
func (r LoginResult) Format(f fmt.State, verb rune) { writeFormatted(f, verb, r.String()) }

// LogValue logs String.
func (r LoginResult) LogValue() slog.Value { return slog.StringValue(r.String()) }

// String shows the customer id, never the token.
func (r SignUpResult) String() string {
	return fmt.Sprintf("authn.SignUpResult{CustomerID: %s, Token: %s}", r.CustomerID, set(r.Token))
}

// GoString is String.
func (r SignUpResult) GoString() string { return r.String() }

// Format prints String for every verb.
func (r SignUpResult) Format(f fmt.State, verb rune) { writeFormatted(f, verb, r.String()) }

// LogValue logs String.
func (r SignUpResult) LogValue() slog.Value { return slog.StringValue(r.String()) }

// String shows the email, never the password.
func (p EmailPass) String() string {
	return fmt.Sprintf("authn.EmailPass{Email: %s, Password: %s}", p.Email, set(p.Password))
}

// GoString is String.
func (p EmailPass) GoString() string { return p.String() }

// Format prints String for every verb.
func (p EmailPass) Format(f fmt.State, verb rune) { writeFormatted(f, verb, p.String()) }

// LogValue logs String.
func (p EmailPass) LogValue() slog.Value { return slog.StringValue(p.String()) }

// String shows the email and names, never the password.
func (s SignUp) String() string {
	return fmt.Sprintf("authn.SignUp{Email: %s, Password: %s, FirstName: %s, LastName: %s}", s.Email, set(s.Password), s.FirstName, s.LastName)
}

// GoString is String.
func (s SignUp) GoString() string { return s.String() }

// Format prints String for every verb.
func (s SignUp) Format(f fmt.State, verb rune) { writeFormatted(f, verb, s.String()) }

// LogValue logs String.
func (s SignUp) LogValue() slog.Value { return slog.StringValue(s.String()) }

// LogValue logs the enrollment without its secret (the JSON handler would
// otherwise marshal Secret and OTPAuthURL).
func (e MFAEnrollment) LogValue() slog.Value { return slog.StringValue(e.GoString()) }

// LogValue logs how many codes there are, never the codes.
func (r RecoveryCodes) LogValue() slog.Value { return slog.StringValue(r.String()) }

// Format prints String (GoString for %#v) for every verb: %d or %x of the
// fields would otherwise print the secret.
func (e MFAEnrollment) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		writeFormatted(f, verb, e.GoString())
		return
	}
	writeFormatted(f, verb, e.String())
}

// Format prints String for every verb.
func (r RecoveryCodes) Format(f fmt.State, verb rune) { writeFormatted(f, verb, r.String()) }
