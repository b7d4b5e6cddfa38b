package apierror

import "regexp"

// secretPatterns match things that must never appear in an error string or a
// log line: JWTs (three base64url segments, the first a JSON object), Medusa
// secret API keys and session cookie values.
var secretPatterns = []*regexp.Regexp{
	regexp.MustCompile(`eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*`),
	regexp.MustCompile(`sk_[A-Za-z0-9]{8,}`),
	regexp.MustCompile(`(connect\.sid=)[^;,\s"]+`),
	regexp.MustCompile(`(?i)((?:bearer|basic)\s+)[A-Za-z0-9+/=._~-]{8,}`),
}

// Redact masks, in s, anything that looks like a JWT, a secret API key
// (sk_...), a connect.sid cookie value or the credential of an
// Authorization header value. The SDK applies it to every error string and
// log message it builds; it is exported for callers that log request or
// response details themselves.
func Redact(s string) string {
	for i, re := range secretPatterns {
		switch i {
		case 2, 3:
			s = re.ReplaceAllString(s, "${1}[REDACTED]")
		default:
			s = re.ReplaceAllString(s, "[REDACTED]")
		}
	}
	return s
}
