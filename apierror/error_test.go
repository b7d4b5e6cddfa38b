package apierror_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2/apierror"
)

func TestNewDecodesMedusaBodies(t *testing.T) {
	tests := []struct {
		name            string
		status          int
		body            string
		typ, code, msg  string
		wantErrorString string
	}{
		{
			name: "typed", status: 401,
			body: `{"type":"unauthorized","message":"Invalid email or password"}`,
			typ:  "unauthorized", msg: "Invalid email or password",
			wantErrorString: `medusa: 401 unauthorized: "Invalid email or password"`,
		},
		{
			name: "middleware", status: 401, body: `{"message":"Unauthorized"}`,
			typ: "unauthorized", msg: "Unauthorized", wantErrorString: `medusa: 401 unauthorized: "Unauthorized"`,
		},
		{name: "empty 401", status: 401, body: "", typ: "unauthorized", wantErrorString: "medusa: 401 unauthorized"},
		{name: "html 401", status: 401, body: "<html><body>no</body></html>", typ: "unauthorized", msg: "no"},
		{name: "untyped 403 stays untyped", status: 403, body: `{"message":"Forbidden"}`, msg: "Forbidden"},
		{
			name: "with code", status: 422,
			body: `{"code":"invalid_request_error","type":"duplicate_error","message":"Customer with this email already has an account"}`,
			typ:  "duplicate_error", code: "invalid_request_error", msg: "Customer with this email already has an account",
			wantErrorString: `medusa: 422 duplicate_error (invalid_request_error): "Customer with this email already has an account"`,
		},
		{
			name: "html 404", status: 404,
			body: "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Error</title>\n</head>\n<body>\n<pre>Cannot GET /admin/nope</pre>\n</body>\n</html>\n",
			msg:  "Cannot GET /admin/nope", wantErrorString: `medusa: 404: "Cannot GET /admin/nope"`,
		},
		{name: "empty", status: 502, body: "", wantErrorString: "medusa: 502 Bad Gateway"},
		{name: "text", status: 201, body: "Created", msg: "Created"},
		{name: "truncated json", status: 500, body: `{"type":"unexpected_state","mess`, msg: `{"type":"unexpected_state","mess`},
		{name: "json array", status: 400, body: `[1,2]`, msg: `[1,2]`},
		{name: "wrong field types", status: 400, body: `{"type":3,"message":{"a":1}}`, msg: `{"type":3,"message":{"a":1}}`},
		{name: "error field", status: 400, body: `{"error":"bad"}`, msg: "bad"},
		{name: "invalid utf8", status: 500, body: "\xff\xfe oops \x00", msg: "oops"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := apierror.New(tt.status, nil, []byte(tt.body))
			assert.Equal(t, tt.status, e.StatusCode)
			assert.Equal(t, tt.typ, e.Type)
			assert.Equal(t, tt.code, e.Code)
			assert.Equal(t, tt.msg, e.Message)
			if tt.wantErrorString != "" {
				assert.Equal(t, tt.wantErrorString, e.Error())
			}
			assert.Equal(t, tt.body, string(e.Body))
		})
	}
}

func TestFromResponseTakesMethodPathAndDropsSecrets(t *testing.T) {
	u, _ := url.Parse("http://127.0.0.1:9000/auth/customer/google/callback?code=abc&state=xyz")
	resp := &http.Response{
		StatusCode: 401,
		Header:     http.Header{"Set-Cookie": {"connect.sid=s%3Asecret; Path=/"}, "Content-Type": {"application/json"}},
		Request:    &http.Request{Method: "POST", URL: u, Header: http.Header{"Authorization": {"Bearer eyJhbGciOiJIUzI1NiJ9.eyJ4IjoxfQ.sig"}}},
	}
	e := apierror.FromResponse(resp, []byte(`{"type":"unauthorized","message":"Authentication failed"}`))
	assert.Equal(t, "POST", e.Method)
	assert.Equal(t, "/auth/customer/google/callback", e.Path)
	assert.Empty(t, e.Header.Values("Set-Cookie"))
	assert.Equal(t, "application/json", e.Header.Get("Content-Type"))
	s := e.Error()
	assert.Equal(t, `medusa: POST /auth/customer/google/callback: 401 unauthorized: "Authentication failed"`, s)
	assert.NotContains(t, s, "code=abc")
	assert.NotContains(t, s, "eyJ")
}

func TestErrorStringRedactsSecretsEchoedInBodies(t *testing.T) {
	jwt := "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhY3Rvcl9pZCI6InVzZXJfMSJ9.c2lnbmF0dXJlLXZhbHVl"
	sk := "sk_" + strings.Repeat("ab12", 16)
	e := apierror.New(400, nil, []byte(`{"type":"invalid_data","message":"bad token `+jwt+` and key `+sk+` cookie connect.sid=s%3Aabc.def"}`))
	s := e.Error()
	assert.NotContains(t, s, jwt)
	assert.NotContains(t, s, sk)
	assert.NotContains(t, s, "s%3Aabc")
	assert.Contains(t, s, "[REDACTED]")
}

func TestReadResponseCapsAndCloses(t *testing.T) {
	big := strings.Repeat("x", apierror.MaxBody*2)
	rc := &closeRecorder{Reader: strings.NewReader(big)}
	e := apierror.ReadResponse(&http.Response{StatusCode: 500, Body: rc})
	assert.True(t, rc.closed)
	assert.Len(t, e.Body, apierror.MaxBody)
	assert.LessOrEqual(t, len(e.Error()), 300)
	assert.NotPanics(t, func() { _ = apierror.ReadResponse(nil).Error() })
	assert.NotPanics(t, func() { _ = apierror.FromResponse(nil, nil).Error() })
	var nilErr *apierror.Error
	assert.NotPanics(t, func() { _ = nilErr.Error() })
}

func TestHelpers(t *testing.T) {
	err := fmt.Errorf("login: %w", apierror.New(401, nil, []byte(`{"type":"unauthorized","message":"Invalid email or password"}`)))
	assert.True(t, apierror.IsStatus(err, 401))
	assert.True(t, apierror.IsUnauthorized(err))
	assert.False(t, apierror.IsNotFound(err))
	assert.True(t, apierror.IsType(err, apierror.TypeUnauthorized))
	e, ok := apierror.As(err)
	require.True(t, ok)
	assert.Equal(t, "Invalid email or password", e.Message)
	_, ok = apierror.As(errors.New("plain"))
	assert.False(t, ok)
	assert.False(t, apierror.IsStatus(nil, 401))
}

type closeRecorder struct {
	*strings.Reader
	closed bool
}

func (c *closeRecorder) Close() error { c.closed = true; return nil }

func FuzzFromBody(f *testing.F) {
	for _, s := range []string{
		``, `{}`, `{"type":"unauthorized","message":"Invalid email or password"}`,
		`{"message":"Unauthorized"}`, `{"code":"x","type":"y","message":"z"}`,
		`<!DOCTYPE html><html><head><title>Error</title></head><body><pre>Cannot GET /x</pre></body></html>`,
		`{"type":`, "\xff\xfe\x00", `<pre>`, `<title>`, `{"message":"\u0000\ud800"}`, `null`, `"str"`,
	} {
		f.Add(401, []byte(s))
	}
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		e := apierror.New(status, http.Header{"Set-Cookie": {"a=b"}}, body)
		s := e.Error()
		if !utf8.ValidString(s) {
			t.Fatalf("Error() is not valid UTF-8: %q", s)
		}
		if strings.ContainsAny(s, "\n\r") {
			t.Fatalf("Error() spans lines: %q", s)
		}
		if len(s) > 1200 {
			t.Fatalf("Error() too long: %d", len(s))
		}
		if len(e.Body) > apierror.MaxBody {
			t.Fatalf("Body too long: %d", len(e.Body))
		}
		if e.Header.Get("Set-Cookie") != "" {
			t.Fatal("Set-Cookie kept")
		}
	})
}
