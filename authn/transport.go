package authn

import (
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/medusa-sdk/medusa-go/v2/apierror"
	"github.com/medusa-sdk/medusa-go/v2/internal/secrets"
)

// transport wraps the caller's RoundTripper: it keeps the session cookie
// away from requests made with a per-call credential (and their Set-Cookie
// away from the jar), and logs with secrets redacted.
type transport struct {
	a    *Auth
	base http.RoundTripper
}

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	pc := perCallFrom(ctx)
	renew := pc != nil && pc.exchange && pc.sendCookie
	isolated := pc.hasCredential() && !renew
	// Never two credentials: a request with an Authorization header (a
	// registration token in ModeSession, racing the Login that brings the
	// cookie) goes without the session cookie, except for the session
	// renewal, which sends both on purpose.
	twoCredentials := req.Header.Get("Authorization") != "" && !renew
	if (isolated || twoCredentials) && req.Header.Get("Cookie") != "" {
		// A RoundTripper must not modify its request.
		req = req.Clone(ctx)
		stripCookie(req.Header, t.a.sessionCookie)
	}

	log := t.a.log
	debug := log != nil && log.Enabled(ctx, slog.LevelDebug)
	// The request's secrets are looked up only for the debug log or a
	// failure, never on the success path without a logger.
	var set *secrets.Set
	if debug {
		set = secrets.FromRequest(req)
	}
	start := time.Now()
	if debug {
		log.LogAttrs(ctx, slog.LevelDebug, "medusa: request",
			slog.String("method", req.Method),
			slog.String("url", redactURL(req.URL, set)),
			slog.Any("header", headerValue{req.Header, set}))
	}
	resp, err := t.base.RoundTrip(req)
	if err != nil {
		if !debug {
			set = secrets.FromRequest(req)
		}
		err = secrets.WrapError(err, set)
		if debug {
			log.LogAttrs(ctx, slog.LevelDebug, "medusa: transport error",
				slog.String("method", req.Method),
				slog.String("url", redactURL(req.URL, set)),
				slog.Duration("elapsed", time.Since(start)),
				slog.String("error", apierror.Redact(err.Error())))
		}
		return nil, err
	}
	if resp.Request == nil {
		// A RoundTripper of the caller's may leave it out: the errors
		// built from the answer name the request and mask its secrets.
		resp.Request = req
	}
	if pc.hasCredential() && !pc.exchange {
		dropSetCookie(resp.Header, t.a.sessionCookie)
	}
	if debug {
		log.LogAttrs(ctx, slog.LevelDebug, "medusa: response",
			slog.String("method", req.Method),
			slog.String("url", redactURL(req.URL, set)),
			slog.Int("status", resp.StatusCode),
			slog.Duration("elapsed", time.Since(start)),
			slog.Any("header", headerValue{resp.Header, set}))
	}
	return resp, nil
}

// dropSetCookie removes the Set-Cookie lines for the cookie named name.
func dropSetCookie(h http.Header, name string) {
	vals := h.Values("Set-Cookie")
	if len(vals) == 0 {
		return
	}
	kept := vals[:0:0]
	for _, v := range vals {
		n, _, _ := strings.Cut(v, "=")
		if strings.TrimSpace(n) != name {
			kept = append(kept, v)
		}
	}
	h.Del("Set-Cookie")
	for _, v := range kept {
		h.Add("Set-Cookie", v)
	}
}

// CloseIdleConnections passes the call on to the wrapped RoundTripper, so
// that HTTPClient().CloseIdleConnections() reaches the real transport.
func (t *transport) CloseIdleConnections() {
	if c, ok := t.base.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}
