//go:build integration

package medusatest_test

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2/internal/medusatest"
)

// These tests prove the harness itself, over plain net/http.

func TestHarnessHealth(t *testing.T) {
	srv := medusatest.Require(t)
	r := srv.Do(t, "GET", "/health", nil, nil)
	require.Equal(t, 200, r.Status)
	assert.Equal(t, "OK", strings.TrimSpace(string(r.Body)))
	// make test runs the release the SDK was generated from (openapi/lock.json);
	// make test-prev and make test-next the one they name in MEDUSA_EXPECT_VERSION.
	want := medusatest.TargetRelease(t)
	if v := os.Getenv("MEDUSA_EXPECT_VERSION"); v != "" {
		want = v
	}
	assert.Equal(t, want, srv.MedusaVersion, "the test server must run the expected Medusa release")
}

func TestHarnessAdminLogin(t *testing.T) {
	srv := medusatest.Require(t)
	tok := srv.Login(t, "user", srv.AdminEmail, srv.AdminPassword)
	r := srv.Do(t, "GET", "/admin/users/me", map[string]string{"Authorization": "Bearer " + tok}, nil)
	require.Equal(t, 200, r.Status, string(r.Body))
	var me struct {
		User struct {
			Email string `json:"email"`
		} `json:"user"`
	}
	r.Decode(t, &me)
	assert.Equal(t, srv.AdminEmail, me.User.Email)

	r = srv.Do(t, "GET", "/admin/users/me", nil, nil)
	assert.Equal(t, 401, r.Status)
}

func TestHarnessPublishableKeyStoreRequest(t *testing.T) {
	srv := medusatest.Require(t)

	r := srv.Do(t, "GET", "/store/products", nil, nil)
	require.Equal(t, 400, r.Status, "a store request without a publishable key is refused")
	assert.Contains(t, string(r.Body), "x-publishable-api-key")

	r = srv.Do(t, "GET", "/store/products?limit=1", map[string]string{"x-publishable-api-key": srv.PublishableKey(t)}, nil)
	require.Equal(t, 200, r.Status, string(r.Body))
	var list struct {
		Products []map[string]any `json:"products"`
		Count    *int             `json:"count"`
		Limit    int              `json:"limit"`
	}
	r.Decode(t, &list)
	assert.NotNil(t, list.Count)
	assert.Equal(t, 1, list.Limit)
}

func TestHarnessFixtures(t *testing.T) {
	srv := medusatest.Require(t)

	c := srv.NewCustomer(t)
	r := srv.Do(t, "GET", "/store/customers/me", map[string]string{
		"Authorization": "Bearer " + c.Token, "x-publishable-api-key": srv.PublishableKey(t),
	}, nil)
	require.Equal(t, 200, r.Status, string(r.Body))
	assert.Contains(t, string(r.Body), c.ID)

	sk := srv.SecretKey(t)
	r = srv.Do(t, "GET", "/admin/products?limit=1", map[string]string{"Authorization": "Basic " + basic(sk.Token)}, nil)
	assert.Equal(t, 200, r.Status, string(r.Body))

	r = srv.Do(t, "GET", "/admin/users/me", map[string]string{"Authorization": "Bearer " + srv.ExpiredToken(t, c.Token)}, nil)
	assert.Equal(t, 401, r.Status, "an expired token is refused")

	r = srv.Do(t, "POST", "/auth/customer/emailpass/reset-password", nil, map[string]string{"identifier": c.Email})
	require.Equal(t, 201, r.Status, string(r.Body))
	assert.NotEmpty(t, srv.ResetToken(t, "customer", c.Email))
}
