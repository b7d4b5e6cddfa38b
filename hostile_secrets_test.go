package medusa_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/apierror"
	"github.com/medusa-sdk/medusa-go/v2/authn"
	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
)

const (
	secretKey = "sk_0123456789abcdef0123456789abcdef"
	jwtSecret = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhY3Rvcl9pZCI6InVzZXJfMSIsImV4cCI6MTkwMDAwMDAwMH0.c2lnbmF0dXJlLXZhbHVlLTEyMw"
	opaque    = "opaqueAccessTok3n"
	password  = "hunter2-correct-horse"
)

// printed renders v with every fmt verb and both slog handlers.
func printed(v any) []string {
	var out []string
	for _, f := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d"} {
		out = append(out, f+" "+fmt.Sprintf(f, v))
	}
	out = append(out, fmt.Sprint(v), fmt.Sprintln(v))
	for _, h := range []func(*bytes.Buffer) slog.Handler{
		func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
		func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
	} {
		var b bytes.Buffer
		slog.New(h(&b)).Info("x", slog.Any("v", v), "w", v)
		out = append(out, b.String())
	}
	return out
}

func assertNoSecret(t *testing.T, what string, v any, secrets ...string) {
	t.Helper()
	for _, s := range printed(v) {
		for _, secret := range secrets {
			assert.NotContains(t, s, secret, "%s printed a secret: %s", what, s)
			assert.NotContains(t, s, fmt.Sprintf("%x", secret), "%s printed a secret in hex: %s", what, s)
		}
	}
}

// Values that hold secrets print and log redacted, whatever the verb or
// handler.
func TestSecretsNeverPrint(t *testing.T) {
	ctx := context.Background()
	c, err := medusa.New("http://localhost:9000", medusa.WithSecretAPIKey(secretKey), medusa.WithPublishableKey("pk_public"))
	require.NoError(t, err)
	assertNoSecret(t, "c.Auth", c.Auth, secretKey)
	assertNoSecret(t, "c", c, secretKey)
	assert.Contains(t, fmt.Sprintf("%+v", c.Auth), "APIKey: [REDACTED]")

	mem := authn.NewMemoryStore()
	require.NoError(t, mem.Set(ctx, authn.DefaultStorageKey, jwtSecret))
	assertNoSecret(t, "MemoryStore", mem, jwtSecret)
	assert.Contains(t, fmt.Sprint(mem), `"medusa_auth_token": [REDACTED]`)

	cfg := authn.Config{BaseURL: "http://localhost:9000", APIKey: secretKey, Store: mem}
	assertNoSecret(t, "Config", cfg, secretKey, jwtSecret)
	assertNoSecret(t, "*Config", &cfg, secretKey, jwtSecret)

	jc, err := medusa.New("http://localhost:9000", medusa.WithTokenStore(mem))
	require.NoError(t, err)
	assertNoSecret(t, "JWT client's Auth", jc.Auth, jwtSecret)

	assertNoSecret(t, "LoginResult", authn.LoginResult{Token: jwtSecret, Location: "https://shop/cb?access_token=" + opaque}, jwtSecret, opaque)
	assertNoSecret(t, "SignUpResult", authn.SignUpResult{CustomerID: "cus_1", Token: jwtSecret}, jwtSecret)
	assertNoSecret(t, "EmailPass", medusa.EmailPass{Email: "a@b.c", Password: password}, password)
	assertNoSecret(t, "SignUp", authn.SignUp{Email: "a@b.c", Password: password}, password)
	assertNoSecret(t, "MFAEnrollment", authn.MFAEnrollment{Secret: "JBSWY3DPEHPK3PXP", OTPAuthURL: "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP"}, "JBSWY3DPEHPK3PXP")
	assertNoSecret(t, "RecoveryCodes", authn.RecoveryCodes{"rc-0123456789"}, "rc-0123456789")
}

// A server that echoes the credential in its error does not make the
// *medusa.Error carry it: not in Message, Body, Header or %#v.
func TestEchoedSecretsLeaveTheError(t *testing.T) {
	basic := "Basic " + base64.StdEncoding.EncodeToString([]byte(secretKey+":"))
	bodies := []string{
		`{"type":"unauthorized","message":"bad token ` + jwtSecret + `"}`,
		`{"type":"unauthorized","message":"unknown key ` + secretKey + `"}`,
		`{"message":"got header ` + basic + `"}`,
		`{"message":"got ` + base64.StdEncoding.EncodeToString([]byte(secretKey+":")) + `"}`,
		`<html><pre>token=` + jwtSecret + `</pre></html>`,
	}
	for _, body := range bodies {
		h := http.Header{"Location": {"https://shop/cb?access_token=" + opaque + "&token[0]=" + opaque}}
		e := apierror.New(401, h, []byte(body))
		for _, s := range append(printed(e), e.Message, string(e.Body), fmt.Sprint(e.Header)) {
			for _, secret := range []string{jwtSecret, secretKey, basic, base64.StdEncoding.EncodeToString([]byte(secretKey + ":")), opaque} {
				assert.NotContains(t, s, secret, "body %s", body)
			}
		}
		assert.Contains(t, e.Message+string(e.Body), "[REDACTED]")
	}
}

// A transport error names the URL without its secret query values; the
// debug log masks a Location's opaque access_token and bracketed secret
// query names.
func TestTransportErrorsAndLogsMaskQuerySecrets(t *testing.T) {
	ctx := context.Background()
	dead := httptest.NewServer(http.NotFoundHandler())
	dead.Close()
	c, err := medusa.New(dead.URL, medusa.WithRetry(medusa.RetryPolicy{}))
	require.NoError(t, err)
	_, err = c.Admin.ListAPIKeys(ctx, &admin.GetApiKeysParams{Token: &[]string{secretKey}})
	require.Error(t, err)
	assert.NotContains(t, err.Error(), secretKey)
	assert.Contains(t, err.Error(), "[REDACTED]")

	var logs bytes.Buffer
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "https://shop.example/cb?access_token="+opaque+"&state=abc")
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"api_keys":[],"count":0,"offset":0,"limit":50}`))
	}))
	defer srv.Close()
	lc, err := medusa.New(srv.URL, medusa.WithLogger(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	require.NoError(t, err)
	_, err = lc.Admin.ListAPIKeys(ctx, &admin.GetApiKeysParams{Token: &[]string{secretKey, "sk_second0123456789"}})
	require.NoError(t, err)
	out := logs.String()
	assert.Contains(t, out, "Location")
	for _, secret := range []string{opaque, secretKey, "sk_second0123456789", "state=abc"} {
		assert.NotContains(t, out, secret)
	}
}

// The token stores and errors that carry a login print no token either: a
// FileStore (its path only, the file is not read), NoStore, and a
// StepRequiredError whose LoginResult holds the interim token.
func TestStoresAndStepErrorsNeverPrint(t *testing.T) {
	ctx := context.Background()
	fs := authn.NewFileStore(t.TempDir() + "/token.json")
	require.NoError(t, fs.Set(ctx, authn.DefaultStorageKey, jwtSecret))
	assertNoSecret(t, "FileStore", fs, jwtSecret)
	assert.Contains(t, fmt.Sprint(fs), "token.json")
	assertNoSecret(t, "NoStore", authn.NoStore{}, jwtSecret)
	fc, err := medusa.New("http://localhost:9000", medusa.WithTokenStore(fs))
	require.NoError(t, err)
	assertNoSecret(t, "FileStore client's Auth", fc.Auth, jwtSecret)
	var step error = &authn.StepRequiredError{Result: &authn.LoginResult{Token: jwtSecret, VerificationRequired: true}}
	assertNoSecret(t, "StepRequiredError", step, jwtSecret)
}

// A value that holds a secret inside a struct of the caller's: slog's JSON
// handler encodes that struct with encoding/json, past LogValue. Config,
// LoginResult, SignUpResult and SignUp encode as their redacted summary.
// (EmailPass is the login's request body, so its JSON keeps the password.)
func TestSecretsNestedInJSONLogs(t *testing.T) {
	type nested struct {
		Cfg    authn.Config
		Login  authn.LoginResult
		SignUp *authn.SignUpResult
		New    authn.SignUp
	}
	v := nested{
		Cfg:    authn.Config{BaseURL: "http://localhost:9000", APIKey: secretKey},
		Login:  authn.LoginResult{Token: jwtSecret, Location: "https://shop/cb?access_token=" + opaque},
		SignUp: &authn.SignUpResult{CustomerID: "cus_1", Token: jwtSecret},
		New:    authn.SignUp{Email: "a@b.c", Password: password},
	}
	var b bytes.Buffer
	slog.New(slog.NewJSONHandler(&b, nil)).Info("x", "v", v)
	j, err := json.Marshal(v)
	require.NoError(t, err)
	for _, s := range []string{b.String(), string(j)} {
		for _, secret := range []string{secretKey, jwtSecret, opaque, password} {
			assert.NotContains(t, s, secret)
		}
		assert.Contains(t, s, "cus_1")
	}
}

// A transport error of c.Do and of an event stream names the URL without
// its secret query values, as the generated calls' errors do.
func TestTransportErrorsOfDoAndEventsMaskQuerySecrets(t *testing.T) {
	dead := httptest.NewServer(http.NotFoundHandler())
	dead.Close()
	c, err := medusa.New(dead.URL, medusa.WithRetry(medusa.RetryPolicy{}))
	require.NoError(t, err)
	ctx := context.Background()
	query := map[string]any{"access_token": opaque, "token": []string{secretKey}}
	err = c.Do(ctx, http.MethodGet, "/store/custom", query, nil, nil)
	require.Error(t, err)
	assert.NotContains(t, err.Error(), opaque)
	assert.NotContains(t, err.Error(), secretKey)
	n := 0
	for _, err := range c.Events(ctx, "/admin/stream", query) {
		require.Error(t, err)
		assert.NotContains(t, err.Error(), opaque)
		assert.NotContains(t, err.Error(), secretKey)
		assert.Contains(t, err.Error(), "[REDACTED]")
		n++
	}
	assert.Equal(t, 1, n)
}
