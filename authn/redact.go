package authn

import (
	"log/slog"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/medusa-sdk/medusa-go/v2/apierror"
)

const redacted = "[REDACTED]"

// secretHeaders are never logged as they are.
var secretHeaders = map[string]bool{
	"Authorization":         true,
	"Proxy-Authorization":   true,
	"Cookie":                true,
	"Set-Cookie":            true,
	"X-Publishable-Api-Key": true,
	"X-Medusa-Pub-Key":      true,
	"X-Api-Key":             true,
}

// headerValue is a slog.LogValuer that logs a header with secrets redacted.
type headerValue http.Header

func (h headerValue) LogValue() slog.Value {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	attrs := make([]slog.Attr, 0, len(keys))
	for _, k := range keys {
		attrs = append(attrs, slog.String(k, redactHeader(k, h[k])))
	}
	return slog.GroupValue(attrs...)
}

// redactHeader returns the header's values joined, with secrets replaced.
// For Authorization the scheme stays visible ("Bearer [REDACTED]"), and for
// cookies the names ("connect.sid=[REDACTED]").
func redactHeader(name string, vals []string) string {
	canon := http.CanonicalHeaderKey(name)
	if !secretHeaders[canon] {
		if urlHeaders[canon] {
			out := make([]string, len(vals))
			for i, v := range vals {
				out[i] = apierror.RedactURL(v)
			}
			return strings.Join(out, ", ")
		}
		return apierror.Redact(strings.Join(vals, ", "))
	}
	out := make([]string, 0, len(vals))
	for _, v := range vals {
		switch canon {
		case "Authorization", "Proxy-Authorization":
			if scheme, _, ok := strings.Cut(v, " "); ok {
				out = append(out, scheme+" "+redacted)
			} else {
				out = append(out, redacted)
			}
		case "Cookie":
			var parts []string
			for _, c := range strings.Split(v, ";") {
				n, _, _ := strings.Cut(strings.TrimSpace(c), "=")
				parts = append(parts, n+"="+redacted)
			}
			out = append(out, strings.Join(parts, "; "))
		case "Set-Cookie":
			n, _, _ := strings.Cut(v, "=")
			out = append(out, strings.TrimSpace(n)+"="+redacted)
		default:
			out = append(out, redacted)
		}
	}
	return strings.Join(out, ", ")
}

// urlHeaders hold a URL whose query may carry a token (an OAuth redirect's
// access_token): their secret query values are redacted.
var urlHeaders = map[string]bool{"Location": true, "Content-Location": true, "Refresh": true}

// redactURL returns u without user info and fragment, with secret query
// values replaced (apierror.RedactURL).
func redactURL(u *url.URL) string {
	if u == nil {
		return ""
	}
	return apierror.RedactURL(u.String())
}
