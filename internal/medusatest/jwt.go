package medusatest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// ExpiredToken re-signs token's claims with the server's JWT secret, issued two
// hours ago and expired one hour ago: a token Medusa would have accepted once.
func (s *Server) ExpiredToken(t testing.TB, token string) string {
	t.Helper()
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		t.Fatalf("medusatest: not a JWT")
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatalf("medusatest: JWT payload: %v", err)
	}
	claims := map[string]any{}
	if err := json.Unmarshal(raw, &claims); err != nil {
		t.Fatalf("medusatest: JWT payload: %v", err)
	}
	now := time.Now().Unix()
	claims["iat"], claims["exp"] = now-7200, now-3600
	return s.SignJWT(t, claims)
}

// SignJWT signs claims with HS256 and the server's JWT secret.
func (s *Server) SignJWT(t testing.TB, claims map[string]any) string {
	t.Helper()
	if s.JWTSecret == "" {
		t.Fatalf("medusatest: the server's JWT secret is unknown")
	}
	payload, err := json.Marshal(claims)
	if err != nil {
		t.Fatalf("medusatest: %v", err)
	}
	enc := base64.RawURLEncoding
	unsigned := enc.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." + enc.EncodeToString(payload)
	mac := hmac.New(sha256.New, []byte(s.JWTSecret))
	mac.Write([]byte(unsigned))
	return unsigned + "." + enc.EncodeToString(mac.Sum(nil))
}
