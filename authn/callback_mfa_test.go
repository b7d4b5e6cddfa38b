package authn

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// replayed is a real answer recorded from the test server
// (TestIntegrationRecordedMFAAnswers keeps them current).
type replayed struct {
	Path        string          `json:"path"`
	Status      int             `json:"status"`
	ContentType string          `json:"content_type"`
	Body        json.RawMessage `json:"body"`
}

func loadReplayed(t *testing.T, name string) replayed {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "recorded", name))
	require.NoError(t, err)
	var r replayed
	require.NoError(t, json.Unmarshal(b, &r))
	return r
}

// The open-source server has no OAuth provider to log in through, so
// Callback's MFA step is proven against the real server's recorded answers:
// the callback route answers what the login route answers (Medusa builds
// both with generateJwtTokenWithChecks), here the recorded challenge of a
// login to an identity with a TOTP factor. Callback returns the challenge
// and keeps the interim token; VerifyMFAChallenge sends it with the code and
// keeps the recorded final token like a login, in both modes.
func TestCallbackReturnsRecordedMFAChallenge(t *testing.T) {
	login := loadReplayed(t, "mfa-login-challenge.json")
	verify := loadReplayed(t, "mfa-challenge-verify.json")
	var want struct {
		Token     string `json:"token"`
		Challenge struct {
			ID      string   `json:"id"`
			Methods []string `json:"methods"`
			Max     int      `json:"max_attempts"`
		} `json:"mfa_challenge"`
	}
	require.NoError(t, json.Unmarshal(login.Body, &want))
	var final struct {
		Token string `json:"token"`
	}
	require.NoError(t, json.Unmarshal(verify.Body, &final))

	for _, mode := range []Mode{ModeJWT, ModeSession} {
		t.Run(mode.String(), func(t *testing.T) {
			var meAuth string
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				serve := func(rec replayed) {
					w.Header().Set("Content-Type", rec.ContentType)
					w.WriteHeader(rec.Status)
					_, _ = w.Write(rec.Body)
				}
				switch {
				case r.URL.Path == "/auth/customer/google/callback": // Callback POSTs; Medusa answers GET and POST alike
					assert.Equal(t, "c0de", r.URL.Query().Get("code"))
					assert.Empty(t, r.Header.Get("Authorization"), "the callback is anonymous")
					serve(login)
				case r.Method == "POST" && r.URL.Path == verify.Path:
					assert.Equal(t, "Bearer "+want.Token, r.Header.Get("Authorization"), "sent with the interim token")
					var body map[string]string
					assert.NoError(t, json.NewDecoder(r.Body).Decode(&body))
					assert.Equal(t, map[string]string{"method": "totp", "code": "123456"}, body)
					serve(verify)
				case r.Method == "POST" && r.URL.Path == "/auth/session":
					assert.Equal(t, "Bearer "+final.Token, r.Header.Get("Authorization"))
					http.SetCookie(w, &http.Cookie{Name: DefaultSessionCookie, Value: "s%3Asession", Path: "/", HttpOnly: true})
					w.Header().Set("Content-Type", "application/json")
					_, _ = w.Write([]byte(`{"customer":{"id":"cus_1"}}`))
				case r.URL.Path == "/store/customers/me":
					meAuth = r.Header.Get("Authorization")
					if c, err := r.Cookie(DefaultSessionCookie); err == nil {
						meAuth = "cookie " + c.Value
					}
					w.Header().Set("Content-Type", "application/json")
					_, _ = w.Write([]byte(`{"customer":{"id":"cus_1"}}`))
				default:
					t.Errorf("unexpected %s %s", r.Method, r.URL.Path)
					w.WriteHeader(404)
				}
			}))
			t.Cleanup(srv.Close)
			a := mustNew(t, Config{BaseURL: srv.URL, Mode: mode})
			ctx := t.Context()

			res, err := a.Callback(ctx, ActorCustomer, "google", url.Values{"code": {"c0de"}})
			require.NoError(t, err)
			assert.False(t, res.Complete())
			require.NotNil(t, res.MFA, "Callback returns the MFA step")
			assert.Equal(t, want.Challenge.ID, res.MFA.ID)
			assert.Equal(t, want.Challenge.Methods, res.MFA.Methods)
			assert.Equal(t, want.Challenge.Max, res.MFA.MaxAttempts)
			assert.False(t, res.MFA.ExpiresAt.IsZero())
			assert.Equal(t, want.Token, res.Token)
			assert.NotContains(t, strings.ToLower(res.String()), strings.ToLower(want.Token), "the token is not printed")

			tok, err := a.VerifyMFAChallenge(ctx, res.MFA.ID, MFAMethodTOTP, "123456")
			require.NoError(t, err)
			assert.Equal(t, final.Token, tok)

			req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+"/store/customers/me", nil)
			resp, err := a.HTTPClient().Do(withEdit(t, a, req))
			require.NoError(t, err)
			resp.Body.Close()
			if mode == ModeJWT {
				assert.Equal(t, "Bearer "+final.Token, meAuth, "the verified token is kept like a login")
			} else {
				assert.Equal(t, "cookie s%3Asession", meAuth, "the verified token opened a session")
			}
		})
	}
}

func withEdit(t *testing.T, a *Auth, req *http.Request) *http.Request {
	t.Helper()
	require.NoError(t, a.EditRequest(req.Context(), req))
	return req
}
