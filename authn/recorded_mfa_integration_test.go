//go:build integration

package authn_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2/authn"
	"github.com/medusa-sdk/medusa-go/v2/internal/medusatest"
)

// recordedAnswer is one real answer kept under testdata/recorded: the MFA
// replay test (callback_mfa_test.go) serves them.
type recordedAnswer struct {
	Method      string          `json:"method"`
	Path        string          `json:"path"`
	Status      int             `json:"status"`
	ContentType string          `json:"content_type"`
	Body        json.RawMessage `json:"body"`
}

// TestIntegrationRecordedMFAAnswers logs in to an identity with a TOTP
// factor on the real server and compares the answers' shape (keys and
// value kinds, recursively) with the recorded ones the replay test serves;
// MEDUSA_RECORD=1 writes them again. Medusa's OAuth callback answers with
// the same function as the login (generateJwtTokenWithChecks), so the
// login's challenge is the callback's.
func TestIntegrationRecordedMFAAnswers(t *testing.T) {
	srv := medusatest.Require(t)
	ctx := t.Context()
	cust := srv.NewCustomer(t)
	creds := authn.EmailPass{Email: cust.Email, Password: cust.Password}
	e := setup(t, authn.Config{})
	_, err := e.a.Login(ctx, authn.ActorCustomer, authn.ProviderEmailPass, creds)
	require.NoError(t, err)
	enr, err := e.a.StartMFA(ctx, authn.MFAStart{Provider: authn.MFAMethodTOTP})
	require.NoError(t, err)
	_, err = e.a.VerifyMFAFactor(ctx, enr.Factor.ID, totp(t, enr.Secret, time.Now()))
	require.NoError(t, err)

	record := func(name, method, path string, headers map[string]string, body any) recordedAnswer {
		r := srv.Do(t, method, path, headers, body)
		got := recordedAnswer{Method: method, Path: path, Status: r.Status, ContentType: r.Header.Get("Content-Type"), Body: r.Body}
		require.True(t, json.Valid(r.Body), "%s: %s", path, r.Body)
		file := filepath.Join("testdata", "recorded", name)
		if os.Getenv("MEDUSA_RECORD") == "1" {
			b, err := json.MarshalIndent(got, "", "  ")
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(file, append(b, '\n'), 0o644))
			return got
		}
		b, err := os.ReadFile(file)
		require.NoError(t, err)
		var want recordedAnswer
		require.NoError(t, json.Unmarshal(b, &want))
		assert.Equal(t, want.Status, got.Status, name)
		assert.Equal(t, want.ContentType, got.ContentType, name)
		assert.Equal(t, shape(t, want.Body), shape(t, got.Body), "%s: the server's answer no longer has the recorded shape", name)
		return got
	}
	login := record("mfa-login-challenge.json", "POST", "/auth/customer/emailpass", nil, creds)
	var ch struct {
		Token        string `json:"token"`
		MFAChallenge struct {
			ID string `json:"id"`
		} `json:"mfa_challenge"`
	}
	require.NoError(t, json.Unmarshal(login.Body, &ch))
	require.NotEmpty(t, ch.MFAChallenge.ID)
	verified := record("mfa-challenge-verify.json", "POST", "/auth/mfa/challenges/"+ch.MFAChallenge.ID+"/verify",
		map[string]string{"Authorization": "Bearer " + ch.Token}, map[string]string{"method": authn.MFAMethodTOTP, "code": totp(t, enr.Secret, time.Now())})
	var tok struct {
		Token string `json:"token"`
	}
	require.NoError(t, json.Unmarshal(verified.Body, &tok))
	require.NotEmpty(t, tok.Token)
}

// shape describes a JSON value by its keys and kinds: objects by their
// sorted keys and the shape of each value, arrays by their first item.
func shape(t *testing.T, raw json.RawMessage) string {
	t.Helper()
	var v any
	require.NoError(t, json.Unmarshal(raw, &v))
	var walk func(v any) string
	walk = func(v any) string {
		switch v := v.(type) {
		case map[string]any:
			keys := make([]string, 0, len(v))
			for k := range v {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			parts := make([]string, len(keys))
			for i, k := range keys {
				parts[i] = k + ":" + walk(v[k])
			}
			return "{" + strings.Join(parts, ",") + "}"
		case []any:
			if len(v) == 0 {
				return "[]"
			}
			return "[" + walk(v[0]) + "]"
		case string:
			return "string"
		case float64:
			return "number"
		case bool:
			return "bool"
		}
		return "null"
	}
	return walk(v)
}
