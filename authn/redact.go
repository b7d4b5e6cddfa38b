package authn

import (
	"log/slog"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/medusa-sdk/medusa-go/v2/apierror"
	"github.com/medusa-sdk/medusa-go/v2/internal/secrets"
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

// headerValue is a slog.LogValuer that logs a header with secrets redacted:
// those its name says it holds, and those of set, the request's (a server
// may echo them in any header, or in its name).
type headerValue struct {
	h   http.Header
	set *secrets.Set
}

func (hv headerValue) LogValue() slog.Value {
	keys := make([]string, 0, len(hv.h))
	for k := range hv.h {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	attrs := make([]slog.Attr, 0, len(keys))
	for _, k := range keys {
		attrs = append(attrs, slog.String(apierror.Redact(hv.set.MaskFold(k)), redactHeader(k, hv.h[k], hv.set)))
	}
	return slog.GroupValue(attrs...)
}

// redactHeader returns the header's values joined, with secrets replaced.
// For Authorization the scheme stays visible ("Bearer [REDACTED]"), and for
// cookies the names ("connect.sid=[REDACTED]").
func redactHeader(name string, vals []string, set *secrets.Set) string {
	canon := http.CanonicalHeaderKey(name)
	if !secretHeaders[canon] {
		if urlHeaders[canon] {
			out := make([]string, len(vals))
			for i, v := range vals {
				out[i] = set.Mask(apierror.RedactURL(set.Mask(v)))
			}
			return strings.Join(out, ", ")
		}
		return apierror.Redact(set.Mask(strings.Join(vals, ", ")))
	}
	out := make([]string, 0, len(vals))
	for _, v := range vals {
		switch canon {
		case "Authorization", "Proxy-Authorization":
			if scheme, _, ok := strings.Cut(v, " "); ok {
				out = append(out, set.Mask(scheme)+" "+redacted)
			} else {
				out = append(out, redacted)
			}
		case "Cookie":
			var parts []string
			for _, c := range strings.Split(v, ";") {
				n, _, _ := strings.Cut(strings.TrimSpace(c), "=")
				parts = append(parts, set.Mask(n)+"="+redacted)
			}
			out = append(out, strings.Join(parts, "; "))
		case "Set-Cookie":
			n, _, _ := strings.Cut(v, "=")
			out = append(out, set.Mask(strings.TrimSpace(n))+"="+redacted)
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
// values (apierror.RedactURL) and the secrets of set replaced.
func redactURL(u *url.URL, set *secrets.Set) string {
	if u == nil {
		return ""
	}
	return set.Mask(apierror.RedactURL(set.Mask(u.String())))
}
