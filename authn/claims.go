package authn

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"
)

// ErrMalformedToken is wrapped by ParseClaims' errors.
var ErrMalformedToken = errors.New("authn: malformed JWT")

// Claims are the claims of a Medusa JWT, decoded WITHOUT verifying the
// signature: use them to decide what to do (who is logged in, whether the
// customer still has to be created, when to refresh), never to authorize
// anything. Only the server, which holds the secret, can verify a token.
//
// Login tokens carry ActorID, ActorType, AuthIdentityID, AuthProvider and the
// metadata; reset-password tokens carry EntityID, Provider, Purpose and JTI.
type Claims struct {
	// ActorID is the user, customer or custom actor id ("user_...",
	// "cus_..."). It is empty in a registration token, before the actor
	// exists.
	ActorID   string `json:"actor_id"`
	ActorType string `json:"actor_type"`
	// AuthIdentityID is the auth identity ("authid_...").
	AuthIdentityID string         `json:"auth_identity_id"`
	AuthProvider   string         `json:"auth_provider"`
	AppMetadata    map[string]any `json:"app_metadata"`
	UserMetadata   map[string]any `json:"user_metadata"`

	// Reset-password tokens.
	EntityID string `json:"entity_id"`
	Provider string `json:"provider"`
	Purpose  string `json:"purpose"`
	JTI      string `json:"jti"`

	// IssuedAt and ExpiresAt come from iat and exp; zero when absent.
	IssuedAt  time.Time `json:"-"`
	ExpiresAt time.Time `json:"-"`

	// Raw holds every claim as sent, including the ones above.
	Raw map[string]json.RawMessage `json:"-"`
}

// ParseClaims decodes the payload of a JWT without verifying it. It fails
// with an error wrapping ErrMalformedToken (and never quoting the token) if
// token is not three dot-separated base64url segments with a JSON object in
// the middle one.
func ParseClaims(token string) (*Claims, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil, fmt.Errorf("%w: want 3 segments, got %d", ErrMalformedToken, len(parts))
	}
	payload, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return nil, fmt.Errorf("%w: payload is not base64url", ErrMalformedToken)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(payload, &raw); err != nil || raw == nil {
		return nil, fmt.Errorf("%w: payload is not a JSON object", ErrMalformedToken)
	}
	c := &Claims{Raw: raw}
	// Decode field by field so one odd claim (a number where a string is
	// expected) does not hide the others.
	str := func(name string, dst *string) {
		if v, ok := raw[name]; ok {
			_ = json.Unmarshal(v, dst)
		}
	}
	obj := func(name string, dst *map[string]any) {
		if v, ok := raw[name]; ok {
			_ = json.Unmarshal(v, dst)
		}
	}
	str("actor_id", &c.ActorID)
	str("actor_type", &c.ActorType)
	str("auth_identity_id", &c.AuthIdentityID)
	str("auth_provider", &c.AuthProvider)
	str("entity_id", &c.EntityID)
	str("provider", &c.Provider)
	str("purpose", &c.Purpose)
	str("jti", &c.JTI)
	obj("app_metadata", &c.AppMetadata)
	obj("user_metadata", &c.UserMetadata)
	c.IssuedAt = numericDate(raw["iat"])
	c.ExpiresAt = numericDate(raw["exp"])
	return c, nil
}

// numericDate decodes a JWT NumericDate (seconds since the epoch, possibly
// fractional). Anything else is the zero time.
func numericDate(v json.RawMessage) time.Time {
	if len(v) == 0 {
		return time.Time{}
	}
	dec := json.NewDecoder(bytes.NewReader(v))
	dec.UseNumber()
	var n json.Number
	if dec.Decode(&n) != nil {
		return time.Time{}
	}
	f, err := n.Float64()
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f <= 0 || f > 1e11 {
		return time.Time{}
	}
	sec, frac := math.Modf(f)
	return time.Unix(int64(sec), int64(frac*1e9)).UTC()
}

// Registered reports whether the token belongs to an existing actor. A
// registration token (or an OAuth token for a new customer) has an empty
// actor_id: create the actor (e.g. POST /store/customers) and then log in or
// refresh.
func (c *Claims) Registered() bool { return c != nil && c.ActorID != "" }

// ExpiresIn returns the time left until ExpiresAt, measured from now. It is
// negative for an expired token and zero when the token has no exp.
func (c *Claims) ExpiresIn(now time.Time) time.Duration {
	if c == nil || c.ExpiresAt.IsZero() {
		return 0
	}
	return c.ExpiresAt.Sub(now)
}

// Expired reports whether the token has an exp that is not after now.
func (c *Claims) Expired(now time.Time) bool {
	return c != nil && !c.ExpiresAt.IsZero() && !now.Before(c.ExpiresAt)
}
