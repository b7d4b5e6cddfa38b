package authn

import "encoding/json"

// A value that holds a secret inside a caller's struct escapes LogValue:
// slog's JSON handler encodes that struct with encoding/json. The types
// below are never request bodies, so their JSON is their redacted summary
// too. (EmailPass is the login's body and keeps its password in JSON;
// MFAEnrollment and RecoveryCodes keep theirs, which an app shows its user.)

// MarshalJSON encodes String: the Config without its secrets.
func (c Config) MarshalJSON() ([]byte, error) { return json.Marshal(c.String()) }

// MarshalJSON encodes String: the result without its token.
func (r LoginResult) MarshalJSON() ([]byte, error) { return json.Marshal(r.String()) }

// MarshalJSON encodes String: the result without its token.
func (r SignUpResult) MarshalJSON() ([]byte, error) { return json.Marshal(r.String()) }

// MarshalJSON encodes String: the sign-up without its password.
func (s SignUp) MarshalJSON() ([]byte, error) { return json.Marshal(s.String()) }
