package authn

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2/internal/qs"
)

// Answers as Medusa 2.18.0 gives them (recorded from the test server).
const (
	mfaLoginAnswer          = `{"mfa_required":true,"mfa_challenge":{"id":"authmfachal_01","auth_identity_id":"authid_1","auth_provider":"emailpass","methods":["totp"],"expires_at":"2026-12-01T03:00:00.000Z","attempts":0,"max_attempts":5,"completed_at":null,"metadata":null},"token":"%s"}`
	verificationLoginAnswer = `{"verification_required":true,"token":"%s"}`
)

func TestLoginReportsSteps(t *testing.T) {
	interim := jwt(map[string]any{"actor_id": "", "actor_type": "customer", "auth_identity_id": "authid_1"})
	for name, answer := range map[string]string{"mfa": mfaLoginAnswer, "verification": verificationLoginAnswer} {
		t.Run(name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				fmt.Fprintf(w, answer, interim)
			}))
			t.Cleanup(srv.Close)
			a := mustNew(t, Config{BaseURL: srv.URL})
			ctx := context.Background()
			res, err := a.Login(ctx, ActorCustomer, ProviderEmailPass, EmailPass{Email: "a@b.c", Password: "x"})
			require.NoError(t, err)
			assert.False(t, res.Complete())
			stored, _ := a.Token(ctx)
			assert.Equal(t, interim, stored, "the interim token is kept for the next step")
			if name == "mfa" {
				require.NotNil(t, res.MFA)
				assert.Equal(t, "authmfachal_01", res.MFA.ID)
				assert.Equal(t, []string{"totp"}, res.MFA.Methods)
				assert.Equal(t, 5, res.MFA.MaxAttempts)
			} else {
				assert.True(t, res.VerificationRequired)
				assert.Nil(t, res.MFA)
			}
			cb, err := a.Callback(ctx, ActorCustomer, "google", url.Values{"code": {"c"}})
			require.NoError(t, err)
			assert.False(t, cb.Complete())
			assert.Equal(t, res.MFA != nil, cb.MFA != nil, "Callback reports the same step")
			assert.Equal(t, res.VerificationRequired, cb.VerificationRequired)
			_, err = a.Refresh(ctx)
			var step *StepRequiredError
			require.ErrorAs(t, err, &step)
			assert.Equal(t, res.MFA != nil, step.Result.MFA != nil)
		})
	}
}

func TestMFASecretsAreNotPrinted(t *testing.T) {
	e := MFAEnrollment{Factor: MFAFactor{ID: "authmfa_1"}, Secret: "JBSWY3DPEHPK3PXP", OTPAuthURL: "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP"}
	codes := RecoveryCodes{"code-one", "code-two"}
	for _, s := range []string{fmt.Sprint(e), fmt.Sprintf("%+v", e), fmt.Sprintf("%#v", &e), fmt.Sprint(codes), fmt.Sprintf("%#v", codes)} {
		assert.NotContains(t, s, "JBSWY3DPEHPK3PXP")
		assert.NotContains(t, s, "code-one")
	}
	assert.True(t, strings.Contains(fmt.Sprint(e), "authmfa_1"))
}

func TestMFAArgumentsChecked(t *testing.T) {
	a := mustNew(t, Config{BaseURL: "http://127.0.0.1:1"})
	ctx := context.Background()
	_, err := a.StartMFA(ctx, MFAStart{})
	assert.ErrorIs(t, err, ErrInvalidArgument)
	_, err = a.VerifyMFAFactor(ctx, "", "1")
	assert.ErrorIs(t, err, ErrInvalidArgument)
	_, err = a.VerifyMFAChallenge(ctx, "c", "", "1")
	assert.ErrorIs(t, err, ErrInvalidArgument)
	_, err = a.GenerateRecoveryCodes(ctx, 51)
	assert.ErrorIs(t, err, ErrInvalidArgument)
	_, err = a.DisableMFAFactor(ctx, "", "", "")
	assert.ErrorIs(t, err, ErrInvalidArgument)
	_, err = a.RequestVerification(ctx, VerificationRequest{EntityID: "x"})
	assert.ErrorIs(t, err, ErrInvalidArgument)
	_, err = a.ConfirmVerification(ctx, "", "")
	assert.ErrorIs(t, err, ErrInvalidArgument)
	assert.ErrorIs(t, a.ResetPasswordWithMetadata(ctx, "customer", "emailpass", "", nil), ErrInvalidArgument)
}

// A factor or challenge id that is empty, "." or ".." would name another
// route once a proxy normalises the path (DELETE /auth/mfa/factors/.. is
// DELETE /auth/mfa): refused before anything is sent, matching
// ErrInvalidArgument and medusa.ErrBadPathParam.
func TestMFAIDsRefuseDotSegments(t *testing.T) {
	f := newFake(t)
	a := mustNew(t, Config{BaseURL: f.URL()})
	ctx := context.Background()
	for _, id := range []string{"", ".", ".."} {
		_, err := a.VerifyMFAFactor(ctx, id, "123456")
		assert.ErrorIs(t, err, ErrInvalidArgument, "%q", id)
		assert.ErrorIs(t, err, qs.ErrBadPathParam, "%q", id)
		_, err = a.DisableMFAFactor(ctx, id, "", "")
		assert.ErrorIs(t, err, ErrInvalidArgument, "%q", id)
		assert.ErrorIs(t, err, qs.ErrBadPathParam, "%q", id)
		_, err = a.VerifyMFAChallenge(ctx, id, MFAMethodTOTP, "123456")
		assert.ErrorIs(t, err, ErrInvalidArgument, "%q", id)
		assert.ErrorIs(t, err, qs.ErrBadPathParam, "%q", id)
	}
	assert.Empty(t, f.reqs(), "requests reached the server")
}
