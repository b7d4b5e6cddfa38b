package secrets

import "strings"

// secretWords are query names (or qs bracket segments) and body keys whose
// values are secrets wherever they appear: token=, access_token=,
// token[0]=, filter[password]=, x-api-key= ...
var secretWords = []string{"token", "secret", "password", "passwd", "api_key", "apikey", "api-key", "session", "credential", "signature", "authorization"}

// secretNames are secrets when they are a whole segment: OAuth's code and
// state, an MFA or verification code, and key, sig, pwd, jwt, otp, pin.
var secretNames = map[string]bool{"code": true, "state": true, "key": true, "sig": true, "pwd": true, "jwt": true, "otp": true, "pin": true, "passcode": true, "passphrase": true}

// Name reports whether a query parameter or a JSON body key named name
// carries a secret. The name is split into its qs segments (token[0],
// a[b][c], a.b), so bracket suffixes do not hide a secret name.
func Name(name string) bool {
	for _, seg := range strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return r == '[' || r == ']' || r == '.' }) {
		if secretNames[seg] {
			return true
		}
		for _, w := range secretWords {
			if strings.Contains(seg, w) {
				return true
			}
		}
	}
	return false
}
