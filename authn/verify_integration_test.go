//go:build integration

package authn_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2/apierror"
	"github.com/medusa-sdk/medusa-go/v2/authn"
	"github.com/medusa-sdk/medusa-go/v2/internal/medusatest"
)

// The test server makes the "verified" actor type verify its email before a
// login completes (medusa-config.ts, authVerificationsPerActor).
func TestIntegrationEmailVerification(t *testing.T) {
	srv := medusatest.Require(t)
	ctx := t.Context()
	email := srv.UniqueEmail("verify")
	creds := authn.EmailPass{Email: email, Password: "pw-" + srv.UniqueName("v")}
	e := setup(t, authn.Config{})
	_, err := e.a.Register(ctx, "verified", authn.ProviderEmailPass, creds)
	require.NoError(t, err)

	res, err := e.a.Login(ctx, "verified", authn.ProviderEmailPass, creds)
	require.NoError(t, err)
	assert.False(t, res.Complete())
	assert.True(t, res.VerificationRequired)
	assert.Nil(t, res.MFA)
	require.NotEmpty(t, res.Token, "the interim token authenticates the verification calls")

	// Refresh reports the same step as a typed error.
	_, err = e.a.Refresh(ctx)
	var step *authn.StepRequiredError
	require.True(t, errors.As(err, &step), "got %v", err)
	assert.True(t, step.Result.VerificationRequired)

	v, err := e.a.RequestVerification(ctx, authn.VerificationRequest{EntityID: email, EntityType: "email"})
	require.NoError(t, err)
	assert.NotEmpty(t, v.ID)
	assert.Equal(t, email, v.EntityID)
	assert.Nil(t, v.VerifiedAt)

	_, err = e.a.ConfirmVerification(ctx, "not-the-code", "")
	var apiErr *apierror.Error
	require.ErrorAs(t, err, &apiErr)

	code := srv.VerificationCode(t, email)
	done, err := e.a.ConfirmVerification(ctx, code, "")
	require.NoError(t, err)
	assert.Equal(t, email, done.EntityID)
	require.NotNil(t, done.VerifiedAt)

	res, err = e.a.Login(ctx, "verified", authn.ProviderEmailPass, creds)
	require.NoError(t, err)
	assert.False(t, res.VerificationRequired, "verified: the login completes")
	assert.True(t, res.Complete())
}

func TestIntegrationResetPasswordMetadata(t *testing.T) {
	srv := medusatest.Require(t)
	cust := srv.NewCustomer(t)
	e := setup(t, authn.Config{})
	meta := map[string]any{"storefront": "https://shop.example/reset"}
	require.NoError(t, e.a.ResetPasswordWithMetadata(t.Context(), authn.ActorCustomer, authn.ProviderEmailPass, cust.Email, meta))
	ev := srv.WaitEvent(t, "password reset for "+cust.Email, func(ev medusatest.Event) bool {
		return ev.EntityID == cust.Email && ev.ActorType == authn.ActorCustomer && ev.Metadata["storefront"] != nil
	})
	assert.Equal(t, meta, ev.Metadata, "the metadata reached the auth.password_reset event")
	assert.NotEmpty(t, ev.Token)
}
