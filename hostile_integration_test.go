//go:build integration

package medusa_test

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/medusa-sdk/medusa-go/v2/internal/medusatest"
)

// What the real server asks of a /store caller, the measure for
// bench.Static's strictness: the publishable key everywhere (400 without
// it); a login on /store/customers/me (401 without one, and for a JWT it
// did not sign); but /store/products and /store/regions serve anonymous
// callers and ignore a forged Bearer token or session cookie. bench.Static
// is stricter on purpose (401 there too), so that a benchmarked client
// whose auth path broke fails instead of measuring an anonymous call.
func TestRealStoreRoutesAndForgedCredentials(t *testing.T) {
	srv := medusatest.Require(t)
	pk := srv.PublishableKey(t)
	cus := srv.NewCustomer(t)
	unsigned := func(token string) string { // the login's claims, another signature
		parts := strings.Split(token, ".")
		return parts[0] + "." + parts[1] + "." + base64.RawURLEncoding.EncodeToString([]byte("forged-signature"))
	}
	expired := srv.ExpiredToken(t, cus.Token)
	status := func(path string, h map[string]string) int {
		return srv.Do(t, "GET", path, h, nil).Status
	}
	for _, c := range []struct {
		path                        string
		anonymous, forged, loggedIn int
	}{
		{"/store/products?limit=1", 200, 200, 200},
		{"/store/regions", 200, 200, 200},
		{"/store/customers/me", 401, 401, 200},
	} {
		assert.Equal(t, 400, status(c.path, nil), "%s without the publishable key", c.path)
		assert.Equal(t, c.anonymous, status(c.path, map[string]string{"x-publishable-api-key": pk}), "%s anonymous", c.path)
		for what, h := range map[string]string{
			"forged signature": "Bearer " + unsigned(cus.Token), "expired": "Bearer " + expired, "garbage": "Bearer abc",
		} {
			assert.Equal(t, c.forged, status(c.path, map[string]string{"x-publishable-api-key": pk, "Authorization": h}), "%s %s", c.path, what)
		}
		assert.Equal(t, c.forged, status(c.path, map[string]string{"x-publishable-api-key": pk, "Cookie": "connect.sid=s%3Aforged"}), "%s forged cookie", c.path)
		assert.Equal(t, c.loggedIn, status(c.path, map[string]string{"x-publishable-api-key": pk, "Authorization": "Bearer " + cus.Token}), "%s logged in", c.path)
	}
}
