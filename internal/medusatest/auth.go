package medusatest

import (
	"fmt"
	"testing"
)

// Login signs in with the emailpass provider as actor ("user", "customer", ...)
// and returns the JWT.
func (s *Server) Login(t testing.TB, actor, email, password string) string {
	t.Helper()
	r := s.Do(t, "POST", fmt.Sprintf("/auth/%s/emailpass", actor), nil,
		map[string]string{"email": email, "password": password})
	if r.Status != 200 {
		t.Fatalf("medusatest: login as %s %s: status %d: %.300s", actor, email, r.Status, r.Body)
	}
	var out struct {
		Token string `json:"token"`
	}
	r.Decode(t, &out)
	if out.Token == "" {
		t.Fatalf("medusatest: login as %s %s: no token in %.300s", actor, email, r.Body)
	}
	return out.Token
}

// AdminToken is a JWT of the admin user, fetched once per test binary.
func (s *Server) AdminToken(t testing.TB) string {
	t.Helper()
	return s.memo(t, "admin-token", func() string { return s.Login(t, "user", s.AdminEmail, s.AdminPassword) })
}
