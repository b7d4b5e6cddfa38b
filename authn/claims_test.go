package authn

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseClaimsLoginToken(t *testing.T) {
	tok := jwt(map[string]any{
		"actor_id": "user_01", "actor_type": "user", "auth_identity_id": "authid_1", "auth_provider": "emailpass",
		"app_metadata": map[string]any{"user_id": "user_01"}, "user_metadata": map[string]any{},
		"mfa_enabled": false, "iat": 1700000000, "exp": 1700086400.5,
	})
	c, err := ParseClaims(tok)
	require.NoError(t, err)
	assert.Equal(t, "user_01", c.ActorID)
	assert.Equal(t, "user", c.ActorType)
	assert.Equal(t, "authid_1", c.AuthIdentityID)
	assert.Equal(t, "emailpass", c.AuthProvider)
	assert.Equal(t, "user_01", c.AppMetadata["user_id"])
	assert.Equal(t, time.Unix(1700000000, 0).UTC(), c.IssuedAt)
	assert.Equal(t, time.Unix(1700086400, 5e8).UTC(), c.ExpiresAt)
	assert.True(t, c.Registered())
	assert.True(t, c.Expired(time.Unix(1800000000, 0)))
	assert.False(t, c.Expired(time.Unix(1700000001, 0)))
	assert.Equal(t, 10*time.Second, c.ExpiresIn(time.Unix(1700086390, 5e8)))
	assert.Contains(t, c.Raw, "mfa_enabled")
}

func TestParseClaimsResetAndRegistrationTokens(t *testing.T) {
	c, err := ParseClaims(jwt(map[string]any{"entity_id": "a@b.c", "provider": "emailpass", "actor_type": "customer", "purpose": "reset", "jti": "j1"}))
	require.NoError(t, err)
	assert.Equal(t, "a@b.c", c.EntityID)
	assert.Equal(t, "reset", c.Purpose)
	assert.Equal(t, "j1", c.JTI)
	assert.True(t, c.ExpiresAt.IsZero())
	assert.False(t, c.Expired(time.Now()))

	c, err = ParseClaims(jwt(map[string]any{"actor_id": "", "actor_type": "customer", "exp": "soon"}))
	require.NoError(t, err)
	assert.False(t, c.Registered())
	assert.True(t, c.ExpiresAt.IsZero(), "a non-numeric exp is ignored")
}

func TestParseClaimsMalformed(t *testing.T) {
	for _, tok := range []string{
		"", "garbage", "a.b", "a.b.c.d", "eyJhbGciOiJIUzI1NiJ9.!!!.sig",
		"eyJhbGciOiJIUzI1NiJ9." + "WzEsMl0" + ".sig", // payload is an array
		"x.bnVsbA.y", // payload is null
		"x." + strings.Repeat("A", 10) + ".y",
	} {
		c, err := ParseClaims(tok)
		assert.Nil(t, c, tok)
		assert.ErrorIs(t, err, ErrMalformedToken, tok)
		if tok != "" {
			assert.NotContains(t, err.Error(), tok, "errors never quote the token")
		}
	}
}

func FuzzParseClaims(f *testing.F) {
	f.Add(jwt(map[string]any{"actor_id": "x", "exp": 1}))
	f.Add("a.b.c")
	f.Add("..")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseClaims(s)
		if err == nil && c == nil {
			t.Fatal("nil claims without error")
		}
	})
}
