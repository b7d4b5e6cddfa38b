package medusa

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
)

// LocaleHeader is the header Medusa reads the request's locale from (the
// translation module's x-medusa-locale).
const LocaleHeader = "x-medusa-locale"

// WithGlobalHeaders sends h on every request to the Medusa server (the JS
// SDK's globalHeaders): generated calls, logins, Client.Do and HTTPClient.
// A header the call sets itself (medusa.WithHeader, a generated header
// parameter) wins over the global one. Credentials and the publishable key
// are refused here: they have their own options, so that one never silently
// replaces another. May be given more than once; a header named twice is an
// error.
func WithGlobalHeaders(h map[string]string) Option {
	return func(s *settings) error {
		for k, v := range h {
			if err := checkGlobalHeader(k, v); err != nil {
				return err
			}
			ck := http.CanonicalHeaderKey(k)
			if _, dup := s.headers[ck]; dup {
				return fmt.Errorf("medusa: WithGlobalHeaders: header %q given twice", k)
			}
			if s.headers == nil {
				s.headers = map[string]string{}
			}
			s.headers[ck] = v
		}
		return nil
	}
}

// WithLocale sends locale (e.g. "fr-FR") as x-medusa-locale on every request
// (the JS SDK's setLocale), so that Medusa answers with translated content.
// Change it later with Client.SetLocale; override it for one call with
// medusa.WithHeader(medusa.LocaleHeader, "de-DE") or a generated method's
// XMedusaLocale parameter.
func WithLocale(locale string) Option {
	return func(s *settings) error {
		if err := checkLocale(locale); err != nil {
			return err
		}
		if locale == "" {
			return errors.New("medusa: WithLocale: empty locale")
		}
		s.locale = locale
		return s.once("WithLocale")
	}
}

// SetLocale changes the client's x-medusa-locale for the requests that
// start after it returns; "" stops sending it. Safe for concurrent use.
func (c *Client) SetLocale(locale string) error {
	if err := checkLocale(locale); err != nil {
		return err
	}
	c.headers.locale.Store(&locale)
	return nil
}

// Locale returns the client's current locale ("" when none is sent).
func (c *Client) Locale() string {
	if p := c.headers.locale.Load(); p != nil {
		return *p
	}
	return ""
}

func checkLocale(locale string) error {
	if strings.ContainsAny(locale, "\r\n") || strings.TrimSpace(locale) != locale {
		return fmt.Errorf("medusa: locale %q: white space or a line break", locale)
	}
	return nil
}

func checkGlobalHeader(k, v string) error {
	if k == "" || strings.ContainsAny(k, " \t\r\n:") {
		return fmt.Errorf("medusa: WithGlobalHeaders: bad header name %q", k)
	}
	if strings.ContainsAny(v, "\r\n") {
		return fmt.Errorf("medusa: WithGlobalHeaders: header %q: the value has a line break", k)
	}
	switch strings.ToLower(k) {
	case "authorization", "cookie":
		return fmt.Errorf("medusa: WithGlobalHeaders: %s is a credential: use WithSecretAPIKey, a login or medusa.WithToken", k)
	case "x-publishable-api-key":
		return errors.New("medusa: WithGlobalHeaders: use WithPublishableKey for the publishable key")
	case LocaleHeader:
		return errors.New("medusa: WithGlobalHeaders: use WithLocale for x-medusa-locale")
	}
	return nil
}

type withoutKey struct{}

// WithoutHeader leaves a client-wide header (WithGlobalHeaders) or the
// locale (LocaleHeader) off one call, as the JS SDK's headers: {name: null}
// does: for instance a product read untranslated by a client that has a
// locale. Credentials and the publishable key are refused: leave
// credentials off with WithoutCredentials; the publishable key is the
// storefront's identity on /store routes.
func WithoutHeader(key string) RequestOption {
	return func(ctx context.Context, req *http.Request) error {
		ck := http.CanonicalHeaderKey(key)
		switch ck {
		case "Authorization", "Cookie":
			return errors.New("medusa: WithoutHeader: leave credentials off with medusa.WithoutCredentials")
		case "X-Publishable-Api-Key":
			return errors.New("medusa: WithoutHeader: the publishable key is sent on every /store call")
		case "":
			return errors.New("medusa: WithoutHeader: empty header name")
		}
		prev, _ := req.Context().Value(withoutKey{}).(map[string]bool)
		next := make(map[string]bool, len(prev)+1)
		for k := range prev {
			next[k] = true
		}
		next[ck] = true
		req.Header.Del(ck)
		*req = *req.WithContext(context.WithValue(req.Context(), withoutKey{}, next))
		return nil
	}
}

// globalHeaders are the client-wide headers and locale.
type globalHeaders struct {
	base   *url.URL
	fixed  map[string]string // canonical keys
	locale atomic.Pointer[string]
}

// headerTransport adds the global headers to requests for the Medusa origin
// that do not already have them.
type headerTransport struct {
	h    *globalHeaders
	next http.RoundTripper
}

func (t *headerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	loc := ""
	if p := t.h.locale.Load(); p != nil {
		loc = *p
	}
	if (len(t.h.fixed) == 0 && loc == "") || !sameHost(t.h.base, req.URL) {
		return t.next.RoundTrip(req)
	}
	var out *http.Request
	without, _ := req.Context().Value(withoutKey{}).(map[string]bool)
	set := func(k, v string) {
		if req.Header.Get(k) != "" || without[http.CanonicalHeaderKey(k)] {
			return
		}
		if out == nil {
			out = req.Clone(req.Context())
		}
		out.Header.Set(k, v)
	}
	for k, v := range t.h.fixed {
		set(k, v)
	}
	if loc != "" {
		set(LocaleHeader, loc)
	}
	if out == nil {
		return t.next.RoundTrip(req)
	}
	return t.next.RoundTrip(out)
}

func sameHost(base, u *url.URL) bool {
	return u != nil && strings.EqualFold(base.Scheme, u.Scheme) && strings.EqualFold(base.Host, u.Host)
}

func newGlobalHeaders(s *settings) (*globalHeaders, error) { //nolint:unparam // room for checks
	base, err := url.Parse(s.auth.BaseURL)
	if err != nil {
		base = &url.URL{} // authn.New reports the bad URL
	}
	h := &globalHeaders{base: base, fixed: s.headers}
	loc := s.locale
	h.locale.Store(&loc)
	return h, nil
}
