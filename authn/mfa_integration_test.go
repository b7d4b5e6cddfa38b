//go:build integration

package authn_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base32"
	"encoding/binary"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2/apierror"
	"github.com/medusa-sdk/medusa-go/v2/authn"
	"github.com/medusa-sdk/medusa-go/v2/internal/medusatest"
)

// totp computes the RFC 6238 code (HMAC-SHA1, 6 digits, 30 s steps: Medusa's
// defaults) of a base32 secret at time at.
func totp(t *testing.T, secret string, at time.Time) string {
	t.Helper()
	key, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(strings.TrimRight(strings.ToUpper(secret), "="))
	require.NoError(t, err)
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], uint64(at.Unix()/30))
	mac := hmac.New(sha1.New, key)
	mac.Write(msg[:])
	sum := mac.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	code := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	return fmt.Sprintf("%06d", code%1_000_000)
}

// The whole MFA flow on the real server, in both login modes: enrol a TOTP
// factor, log in and get a challenge, answer it with a TOTP code, answer the
// next one with a recovery code, then disable the factor.
func TestIntegrationMFAFlow(t *testing.T) {
	srv := medusatest.Require(t)
	for _, mode := range []authn.Mode{authn.ModeJWT, authn.ModeSession} {
		t.Run(mode.String(), func(t *testing.T) {
			ctx := t.Context()
			cust := srv.NewCustomer(t)
			creds := authn.EmailPass{Email: cust.Email, Password: cust.Password}
			e := setup(t, authn.Config{Mode: mode})

			res, err := e.a.Login(ctx, authn.ActorCustomer, authn.ProviderEmailPass, creds)
			require.NoError(t, err)
			require.True(t, res.Complete(), "no factor yet: a plain login")

			enr, err := e.a.StartMFA(ctx, authn.MFAStart{Provider: authn.MFAMethodTOTP, Label: "phone", Issuer: "medusa-go"})
			require.NoError(t, err)
			assert.Equal(t, "pending", enr.Factor.Status)
			require.NotEmpty(t, enr.Secret)
			assert.True(t, strings.HasPrefix(enr.OTPAuthURL, "otpauth://totp/"), "otpauth URL for a QR code")
			assert.NotContains(t, fmt.Sprintf("%v %+v %#v", enr, enr, enr), enr.Secret, "fmt never prints the secret")

			// A wrong code is refused; a computed one enables the factor.
			_, err = e.a.VerifyMFAFactor(ctx, enr.Factor.ID, "000000")
			var apiErr *apierror.Error
			require.ErrorAs(t, err, &apiErr)
			f, err := e.a.VerifyMFAFactor(ctx, enr.Factor.ID, totp(t, enr.Secret, time.Now()))
			require.NoError(t, err)
			assert.Equal(t, "enabled", f.Status)
			factors, err := e.a.ListMFAFactors(ctx)
			require.NoError(t, err)
			require.Len(t, factors, 1)
			assert.Equal(t, enr.Factor.ID, factors[0].ID)

			codes, err := e.a.GenerateRecoveryCodes(ctx, 3)
			require.NoError(t, err)
			require.Len(t, codes, 3)
			assert.NotContains(t, fmt.Sprint(codes), codes[0])

			// Login now answers a challenge; the interim token is kept but
			// has no actor, so the customer's routes refuse it.
			require.NoError(t, e.a.Logout(ctx))
			res, err = e.a.Login(ctx, authn.ActorCustomer, authn.ProviderEmailPass, creds)
			require.NoError(t, err)
			require.False(t, res.Complete())
			require.NotNil(t, res.MFA)
			assert.NotEmpty(t, res.MFA.ID)
			assert.Contains(t, res.MFA.Methods, authn.MFAMethodTOTP)
			assert.True(t, res.MFA.ExpiresAt.After(time.Now()))
			c, err := authn.ParseClaims(res.Token)
			require.NoError(t, err)
			assert.False(t, c.Registered(), "the interim token has no actor")
			assert.Equal(t, 401, getMe(t, e), "no customer access before the challenge")

			tok, err := e.a.VerifyMFAChallenge(ctx, res.MFA.ID, authn.MFAMethodTOTP, totp(t, enr.Secret, time.Now()))
			require.NoError(t, err)
			c, err = authn.ParseClaims(tok)
			require.NoError(t, err)
			assert.Equal(t, cust.ID, c.ActorID)
			assert.Equal(t, 200, getMe(t, e), "the verified token is kept like a login")

			// A recovery code answers the next challenge, once.
			require.NoError(t, e.a.Logout(ctx))
			res, err = e.a.Login(ctx, authn.ActorCustomer, authn.ProviderEmailPass, creds)
			require.NoError(t, err)
			require.NotNil(t, res.MFA)
			_, err = e.a.VerifyMFAChallenge(ctx, res.MFA.ID, authn.MFAMethodRecoveryCode, codes[0])
			require.NoError(t, err)
			assert.Equal(t, 200, getMe(t, e))

			require.NoError(t, e.a.Logout(ctx))
			res, err = e.a.Login(ctx, authn.ActorCustomer, authn.ProviderEmailPass, creds)
			require.NoError(t, err)
			require.NotNil(t, res.MFA)
			_, err = e.a.VerifyMFAChallenge(ctx, res.MFA.ID, authn.MFAMethodRecoveryCode, codes[0])
			require.ErrorAs(t, err, &apiErr, "a recovery code works once")
			_, err = e.a.VerifyMFAChallenge(ctx, res.MFA.ID, authn.MFAMethodRecoveryCode, codes[1])
			require.NoError(t, err)

			// Refresh of an interim token reports the step as a typed error.
			_, err = e.a.Refresh(authn.WithToken(ctx, mustLoginInterim(t, e, creds)))
			var step *authn.StepRequiredError
			require.True(t, errors.As(err, &step), "got %v", err)
			require.NotNil(t, step.Result.MFA)

			// Disabling the factor makes logins plain again.
			f, err = e.a.DisableMFAFactor(ctx, enr.Factor.ID, "", "")
			require.NoError(t, err)
			assert.Equal(t, "disabled", f.Status)
			require.NoError(t, e.a.Logout(ctx))
			res, err = e.a.Login(ctx, authn.ActorCustomer, authn.ProviderEmailPass, creds)
			require.NoError(t, err)
			assert.True(t, res.Complete())
		})
	}
}

// mustLoginInterim logs in with a second Auth and returns the interim token
// of the MFA challenge.
func mustLoginInterim(t *testing.T, e env, creds authn.EmailPass) string {
	t.Helper()
	other, err := authn.New(authn.Config{BaseURL: e.a.BaseURL()})
	require.NoError(t, err)
	res, err := other.Login(t.Context(), authn.ActorCustomer, authn.ProviderEmailPass, creds)
	require.NoError(t, err)
	require.NotNil(t, res.MFA)
	return res.Token
}

// getMe calls GET /store/customers/me with the client's login and returns
// the status.
func getMe(t *testing.T, e env) int {
	t.Helper()
	srv := medusatest.Require(t)
	resp, err := e.sc.GetCustomersMeWithResponse(t.Context(), nil, func(_ context.Context, req *http.Request) error {
		req.Header.Set("x-publishable-api-key", srv.PublishableKey(t))
		return nil
	})
	require.NoError(t, err)
	return resp.StatusCode()
}
