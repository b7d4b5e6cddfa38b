package apierror

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/medusa-sdk/medusa-go/v2/internal/secrets"
)

// secretPatterns match things that must never appear in an error string or a
// log line: JWTs (three base64url segments, the first a JSON object), Medusa
// secret API keys, in clear and base64-encoded as in a Basic header
// ("sk_" encodes to "c2tf"), session cookie values and the credential of an
// Authorization value.
var secretPatterns = []*regexp.Regexp{
	regexp.MustCompile(`eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*`),
	regexp.MustCompile(`sk_[A-Za-z0-9]{8,}`),
	regexp.MustCompile(`c2tf[A-Za-z0-9+/]{8,}={0,2}`),
	regexp.MustCompile(`(connect\.sid=)[^;,\s"]+`),
	regexp.MustCompile(`(?i)((?:bearer|basic)\s+)[A-Za-z0-9+/=._~-]{8,}`),
}

// Redact masks, in s, anything that looks like a JWT, a secret API key
// (sk_..., also base64-encoded), a connect.sid cookie value or the
// credential of an Authorization header value. The SDK applies it to every
// error string and log message it builds; it is exported for callers that
// log request or response details themselves.
func Redact(s string) string {
	for _, re := range secretPatterns {
		if re.NumSubexp() > 0 {
			s = re.ReplaceAllString(s, "${1}"+redacted)
		} else {
			s = re.ReplaceAllString(s, redacted)
		}
	}
	return s
}

const redacted = secrets.Marker

// RedactURL returns raw without its user info and fragment, with the value
// of every query parameter whose name looks secret replaced by [REDACTED]
// (see SecretQueryKey), and then Redact applied. The order and spelling of
// the other parameters is kept. An unparsable URL gives "[unparsable URL]".
func RedactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "[unparsable URL]"
	}
	u.User = nil
	u.Fragment, u.RawFragment = "", ""
	if u.RawQuery != "" {
		u.RawQuery = redactQuery(u.RawQuery)
	}
	return Redact(u.String())
}

func redactQuery(q string) string {
	parts := strings.Split(q, "&")
	for i, p := range parts {
		k, _, hasValue := strings.Cut(p, "=")
		name, err := url.QueryUnescape(k)
		if err != nil {
			name = k
		}
		if SecretQueryKey(name) && hasValue {
			parts[i] = k + "=" + redacted
		}
	}
	return strings.Join(parts, "&")
}

// SecretQueryKey reports whether a query parameter named name carries a
// secret. The name is split into its qs segments (token[0], a[b][c]), so
// bracket suffixes do not hide a secret name. Secret names contain token,
// secret, password, passwd, api_key, apikey, api-key, session, credential,
// signature or authorization, or are one of code, state, key, sig, pwd,
// jwt, otp, pin, passcode and passphrase. FromResponse masks the values of
// the body keys with such names too.
func SecretQueryKey(name string) bool { return secrets.Name(name) }
