package medusa_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/apierror"
	"github.com/medusa-sdk/medusa-go/v2/authn"
	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
)

// The secrets the echo tests send, none of them in a format Redact knows
// (but the JWTs): a password with a double space, quotes, HTML and
// non-ASCII (so that JSON, URL and HTML escape it, and cleaning a message
// collapses its space), an opaque token, an API key that is not sk_..., a
// reset token, MFA and verification codes, OAuth code and state, a session
// cookie (sent URL-encoded) and a token nested deep in a body.
const (
	echoPassword = `hunter2  "quoted" <b>&amp; é`
	echoToken    = "opaqueAccessTok3n"
	echoKey      = "key-9f8e7d6c5b4a"
	echoReset    = "rst_0123456789abcdef"
	echoCode     = "482913"
	echoRecovery = "rc-0123456789"
	echoVerify   = "vc-77aa99bb"
	echoOAuth    = "oauth-code-123456"
	echoState    = "state-xyz-7890"
	echoCookie   = "s%3Asess-abcdef123456.sig"
	echoNested   = "nested-api-token-1"
)

// unsignedJWT is a JWT-shaped token with the given claims (the SDK never
// verifies one; Medusa does).
func unsignedJWT(claims string) string {
	enc := base64.RawURLEncoding.EncodeToString
	return enc([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." + enc([]byte(claims)) + "." + enc([]byte("sig-"+claims))
}

var (
	loginJWT = unsignedJWT(`{"actor_id":"user_1","actor_type":"user","auth_identity_id":"authid_1","exp":1900000000}`)
	regJWT   = unsignedJWT(`{"actor_id":"","actor_type":"customer","auth_identity_id":"authid_2","exp":1900000000}`)
)

// sentSecrets is everything a request carried that a careless server, proxy or
// auth provider might repeat: the Authorization value, its credential and
// what a Basic one decodes to, cookie values (raw and unescaped), query
// values and every string and number of a JSON body.
func sentSecrets(r *http.Request) []string {
	var out []string
	for _, v := range r.Header.Values("Authorization") {
		out = append(out, v)
		scheme, cred, _ := strings.Cut(v, " ")
		out = append(out, cred)
		if strings.EqualFold(scheme, "basic") {
			if dec, err := base64.StdEncoding.DecodeString(cred); err == nil {
				out = append(out, string(dec), strings.TrimSuffix(string(dec), ":"))
			}
		}
	}
	for _, c := range r.Cookies() {
		out = append(out, c.Value)
		if u, err := url.QueryUnescape(c.Value); err == nil {
			out = append(out, u)
		}
	}
	for _, vals := range r.URL.Query() {
		out = append(out, vals...)
	}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		var v any
		d := json.NewDecoder(r.Body)
		d.UseNumber()
		if d.Decode(&v) == nil {
			out = append(out, leaves(v)...)
		}
	}
	return out
}

func leaves(v any) []string {
	switch x := v.(type) {
	case map[string]any:
		var out []string
		for _, e := range x {
			out = append(out, leaves(e)...)
		}
		return out
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, leaves(e)...)
		}
		return out
	case string:
		return []string{x}
	case json.Number:
		return []string{x.String()}
	}
	return nil
}

// echoServer answers the auth steps a case needs before its call (login,
// register, session) and answers the case's target path by echoing the
// request's secrets in one way (mode).
type echoServer struct {
	mode     string
	target   string
	first    string // the case's first secret, for the "clipped" mode
	followed atomic.Int32
	hits     atomic.Int32
}

func (e *echoServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	if strings.HasPrefix(r.URL.Path, "/followed") {
		e.followed.Add(1)
		w.WriteHeader(500)
		_, _ = fmt.Fprintf(w, `{"message":"followed to %s"}`, r.URL)
		return
	}
	if r.URL.Path != e.target {
		switch {
		case r.URL.Path == "/auth/session":
			http.SetCookie(w, &http.Cookie{Name: "connect.sid", Value: echoCookie, Path: "/", HttpOnly: true})
			_, _ = io.WriteString(w, `{"user":{"id":"user_1"}}`)
		case strings.HasSuffix(r.URL.Path, "/register"):
			_, _ = fmt.Fprintf(w, `{"token":%q}`, regJWT)
		case strings.HasPrefix(r.URL.Path, "/auth/"):
			_, _ = fmt.Fprintf(w, `{"token":%q}`, loginJWT)
		case r.URL.Path == "/store/customers":
			_, _ = io.WriteString(w, `{"customer":{"id":"cus_1"}}`)
		default:
			_, _ = io.WriteString(w, `{}`)
		}
		return
	}
	e.hits.Add(1)
	parts := sentSecrets(r)
	echo := strings.Join(parts, " | ")
	jsonStr := func(s string) string { b, _ := json.Marshal(s); return string(b) }
	switch e.mode {
	case "message":
		w.WriteHeader(401)
		_, _ = fmt.Fprintf(w, `{"type":"unauthorized","message":%s}`, jsonStr("rejected: "+echo))
	case "clipped": // the first secret straddles the 400 bytes a Message keeps
		w.WriteHeader(401)
		_, _ = fmt.Fprintf(w, `{"message":%s}`, jsonStr(strings.Repeat("x", 396)+e.first+" | "+echo))
	case "body":
		w.WriteHeader(400)
		raw, _ := json.Marshal(map[string]any{
			"type": "invalid_data", "message": "Invalid request", "echo": parts,
			"request": map[string]any{"headers": r.Header, "query": r.URL.RawQuery},
		})
		_, _ = w.Write(raw)
	case "html":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(404)
		_, _ = fmt.Fprintf(w, "<!DOCTYPE html><html><head><title>Error</title></head><body><pre>Cannot %s %s</pre><p>%s</p></body></html>",
			r.Method, echo, html.EscapeString(echo))
	case "header":
		flat := strings.NewReplacer("\r", " ", "\n", " ").Replace(echo)
		w.Header().Set("X-Echo", flat)
		w.Header().Set("X-Echo-Escaped", url.QueryEscape(echo))
		w.Header().Set("Www-Authenticate", `Bearer error="invalid_token", got="`+flat+`"`)
		for _, p := range parts {
			if isToken(p) {
				w.Header()["X-Seen-"+p] = []string{"1"}
			}
		}
		w.WriteHeader(401)
		_, _ = io.WriteString(w, `{"message":"Unauthorized"}`)
	case "location": // a same-origin redirect whose URL repeats the secrets
		w.Header().Set("Location", "/followed?next="+url.QueryEscape(echo))
		w.Header().Set("Content-Location", "/followed/"+url.PathEscape(e.first))
		w.WriteHeader(http.StatusFound)
		_, _ = io.WriteString(w, `{"message":"Found"}`)
	case "path": // a temporary redirect (the body is sent again) to a path that is the secret
		w.Header().Set("Location", "/followed/"+url.PathEscape(e.first))
		w.WriteHeader(http.StatusTemporaryRedirect)
	case "decode": // a 2xx answer that is not the JSON the call expects
		_, _ = fmt.Fprintf(w, `{"products":[%s, oops`, jsonStr(echo))
	}
}

func isToken(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

// echoCase is one way out of the SDK: the call, the path the server fails,
// the secrets that request carries, and how the client is built.
type echoCase struct {
	name    string
	target  string
	secrets []string
	opts    []medusa.Option
	setup   func(ctx context.Context, c *medusa.Client) error
	call    func(ctx context.Context, c *medusa.Client) error
	decodes bool // a 2xx answer is decoded (mode "decode" applies)
}

func setToken(tok string) func(context.Context, *medusa.Client) error {
	return func(ctx context.Context, c *medusa.Client) error { return c.Auth.SetToken(ctx, tok) }
}

func echoCases() []echoCase {
	login := medusa.EmailPass{Email: "ada@example.com", Password: echoPassword}
	first := func(seq func(func(medusa.Event, error) bool)) error {
		var err error
		seq(func(_ medusa.Event, e error) bool { err = e; return false })
		return err
	}
	return []echoCase{
		{
			name: "generated/login-body", target: "/auth/customer/emailpass", secrets: []string{echoPassword}, decodes: true,
			call: func(ctx context.Context, c *medusa.Client) error {
				_, err := c.Store.AuthenticateCustomer(ctx, "emailpass", map[string]any{"email": login.Email, "password": echoPassword})
				return err
			},
		},
		{
			name: "generated/per-call-token", target: "/admin/products", secrets: []string{echoToken}, decodes: true,
			call: func(ctx context.Context, c *medusa.Client) error {
				_, err := c.Admin.ListProducts(medusa.WithToken(ctx, echoToken), nil)
				return err
			},
		},
		{
			name: "generated/per-call-api-key", target: "/admin/products", secrets: []string{echoKey, basicOf(echoKey)}, decodes: true,
			call: func(ctx context.Context, c *medusa.Client) error {
				_, err := c.Admin.ListProducts(medusa.WithAPIKey(ctx, echoKey), nil)
				return err
			},
		},
		{
			name: "generated/secret-api-key", target: "/admin/products", secrets: []string{secretKey, basicOf(secretKey)}, decodes: true,
			opts: []medusa.Option{medusa.WithSecretAPIKey(secretKey)},
			call: func(ctx context.Context, c *medusa.Client) error {
				_, err := c.Admin.ListProducts(ctx, nil)
				return err
			},
		},
		{
			name: "generated/stored-jwt", target: "/admin/products", secrets: []string{loginJWT}, decodes: true,
			setup: setToken(loginJWT),
			call: func(ctx context.Context, c *medusa.Client) error {
				_, err := c.Admin.ListProducts(ctx, nil)
				return err
			},
		},
		{
			name: "generated/session-cookie", target: "/admin/products", secrets: []string{echoCookie, "s:sess-abcdef123456.sig"}, decodes: true,
			opts: []medusa.Option{medusa.WithSession()},
			setup: func(ctx context.Context, c *medusa.Client) error {
				_, err := c.Auth.Login(ctx, "user", "emailpass", login)
				return err
			},
			call: func(ctx context.Context, c *medusa.Client) error {
				_, err := c.Admin.ListProducts(ctx, nil)
				return err
			},
		},
		{
			name: "generated/secret-query", target: "/admin/api-keys", secrets: []string{echoToken}, decodes: true,
			call: func(ctx context.Context, c *medusa.Client) error {
				_, err := c.Admin.ListAPIKeys(ctx, &admin.ListAPIKeysParams{Token: &[]string{echoToken}})
				return err
			},
		},
		{
			name: "do/body-and-token", target: "/custom/echo", secrets: []string{echoToken, echoPassword, echoNested}, decodes: true,
			call: func(ctx context.Context, c *medusa.Client) error {
				var out struct{ Products []string }
				body := map[string]any{"password": echoPassword, "provider": map[string]any{"api_token": []string{echoNested}}, "title": "shirt"}
				return c.Do(medusa.WithToken(ctx, echoToken), http.MethodPost, "/custom/echo", nil, body, &out)
			},
		},
		{
			name: "httpclient/read-response", target: "/custom/echo", secrets: []string{echoToken, echoPassword},
			call: func(ctx context.Context, c *medusa.Client) error {
				req, err := c.NewRequest(medusa.WithToken(ctx, echoToken), http.MethodPost, "/custom/echo", nil, map[string]string{"password": echoPassword})
				if err != nil {
					return err
				}
				resp, err := c.HTTPClient().Do(req)
				if err != nil {
					return err
				}
				if resp.StatusCode < 300 {
					resp.Body.Close()
					return errors.New("unexpected success")
				}
				return apierror.ReadResponse(resp)
			},
		},
		{
			name: "authn/login", target: "/auth/customer/emailpass", secrets: []string{echoPassword},
			call: func(ctx context.Context, c *medusa.Client) error {
				_, err := c.Auth.Login(ctx, "customer", "emailpass", login)
				return err
			},
		},
		{
			name: "authn/login-session-exchange", target: "/auth/session", secrets: []string{loginJWT},
			opts: []medusa.Option{medusa.WithSession()},
			call: func(ctx context.Context, c *medusa.Client) error {
				_, err := c.Auth.Login(ctx, "user", "emailpass", login)
				return err
			},
		},
		{
			name: "authn/register", target: "/auth/customer/emailpass/register", secrets: []string{echoPassword},
			call: func(ctx context.Context, c *medusa.Client) error {
				_, err := c.Auth.Register(ctx, "customer", "emailpass", login)
				return err
			},
		},
		{
			name: "authn/sign-up-create-customer", target: "/store/customers", secrets: []string{regJWT},
			call: func(ctx context.Context, c *medusa.Client) error {
				_, err := c.Auth.SignUpCustomer(ctx, authn.SignUp{Email: login.Email, Password: echoPassword, FirstName: "Ada"})
				return err
			},
		},
		{
			name: "authn/reset-update-provider", target: "/auth/customer/emailpass/update", secrets: []string{echoReset, echoPassword},
			call: func(ctx context.Context, c *medusa.Client) error {
				return c.Auth.UpdateProvider(ctx, "customer", "emailpass", echoReset, map[string]string{"password": echoPassword})
			},
		},
		{
			name: "authn/refresh", target: "/auth/token/refresh", secrets: []string{loginJWT}, setup: setToken(loginJWT),
			call: func(ctx context.Context, c *medusa.Client) error {
				_, err := c.Auth.Refresh(ctx)
				return err
			},
		},
		{
			name: "authn/callback", target: "/auth/customer/google/callback", secrets: []string{echoOAuth, echoState},
			call: func(ctx context.Context, c *medusa.Client) error {
				_, err := c.Auth.Callback(ctx, "customer", "google", url.Values{"code": {echoOAuth}, "state": {echoState}})
				return err
			},
		},
		{
			name: "authn/mfa-challenge", target: "/auth/mfa/challenges/mfac_1/verify", secrets: []string{echoToken, echoCode}, setup: setToken(echoToken),
			call: func(ctx context.Context, c *medusa.Client) error {
				_, err := c.Auth.VerifyMFAChallenge(ctx, "mfac_1", authn.MFAMethodTOTP, echoCode)
				return err
			},
		},
		{
			name: "authn/mfa-factor-verify", target: "/auth/mfa/factors/mfaf_1/verify", secrets: []string{loginJWT, echoCode}, setup: setToken(loginJWT),
			call: func(ctx context.Context, c *medusa.Client) error {
				_, err := c.Auth.VerifyMFAFactor(ctx, "mfaf_1", echoCode)
				return err
			},
		},
		{
			name: "authn/mfa-factor-disable", target: "/auth/mfa/factors/mfaf_1", secrets: []string{echoRecovery, loginJWT}, setup: setToken(loginJWT),
			call: func(ctx context.Context, c *medusa.Client) error {
				_, err := c.Auth.DisableMFAFactor(ctx, "mfaf_1", authn.MFAMethodRecoveryCode, echoRecovery)
				return err
			},
		},
		{
			name: "authn/verification-confirm", target: "/auth/verification/confirm", secrets: []string{echoVerify, loginJWT}, setup: setToken(loginJWT),
			call: func(ctx context.Context, c *medusa.Client) error {
				_, err := c.Auth.ConfirmVerification(ctx, echoVerify, "")
				return err
			},
		},
		{
			name: "upload", target: "/admin/uploads", secrets: []string{secretKey, basicOf(secretKey)}, decodes: true,
			opts: []medusa.Option{medusa.WithSecretAPIKey(secretKey)},
			call: func(ctx context.Context, c *medusa.Client) error {
				_, err := c.UploadFiles(ctx, medusa.File{Name: "a.txt", Content: strings.NewReader("hello")})
				return err
			},
		},
		{
			name: "events", target: "/admin/stream", secrets: []string{echoToken, echoNested},
			call: func(ctx context.Context, c *medusa.Client) error {
				return first(c.Events(medusa.WithToken(ctx, echoToken), "/admin/stream", map[string]string{"access_token": echoNested}))
			},
		},
		{
			name: "events/workflow", target: "/admin/workflows-executions/wf_1/subscribe", secrets: []string{echoToken},
			call: func(ctx context.Context, c *medusa.Client) error {
				for _, err := range c.SubscribeWorkflow(medusa.WithToken(ctx, echoToken), "wf_1") {
					return err
				}
				return nil
			},
		},
	}
}

// everywhere renders err every way a caller may look at it: every fmt verb
// and slog handler (printed), and for a *medusa.Error, a *medusa.DecodeError
// or a *medusa.BodyTooLargeError each field.
func everywhere(err error) []string {
	out := printed(err)
	if e, ok := apierror.As(err); ok {
		out = append(out, e.Message, e.Type, e.Code, e.Path, string(e.Body), fmt.Sprintf("%v %#v", e.Header, e.Header), e.GoString(), e.Error())
		for k, vals := range e.Header {
			out = append(out, k+": "+strings.Join(vals, ", "))
		}
	}
	var de *medusa.DecodeError
	if errors.As(err, &de) {
		out = append(out, de.Snippet, de.Path, de.ContentType, fmt.Sprintf("%#v", de))
		if de.Err != nil {
			out = append(out, de.Err.Error())
		}
	}
	return out
}

// assertMasked fails if any secret, in any case, appears in any of texts.
func assertMasked(t *testing.T, what string, texts []string, secrets []string) {
	t.Helper()
	for _, s := range texts {
		low := strings.ToLower(s)
		for _, secret := range secrets {
			if !assert.NotContains(t, low, strings.ToLower(secret), "%s shows %q", what, secret) {
				t.Logf("%s: %s", what, s)
			}
			j, _ := json.Marshal(secret)
			forms := []string{url.QueryEscape(secret), url.PathEscape(secret), html.EscapeString(secret), string(j[1 : len(j)-1]), jsonNoHTML(secret)}
			if len(secret) > 10 {
				forms = append(forms, secret[:10]) // no half secret either (a cut message)
			}
			for _, form := range forms {
				if form != secret {
					assert.NotContains(t, low, strings.ToLower(form), "%s shows a form of %q", what, secret)
				}
			}
		}
	}
}

func jsonNoHTML(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	out := strings.TrimSpace(b.String())
	return out[1 : len(out)-1]
}

func newEchoClient(t *testing.T, base string, logs *bytes.Buffer, opts []medusa.Option) *medusa.Client {
	t.Helper()
	all := append([]medusa.Option{
		medusa.WithRetry(medusa.RetryPolicy{}),
		medusa.WithLogger(slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))),
	}, opts...)
	c, err := medusa.New(base, all...)
	require.NoError(t, err)
	return c
}

// TestEchoedSecretsAreMaskedEverywhere: a server that echoes every secret a
// request carried, in its message, its body, an HTML page, its headers
// (values and names), a redirect URL, or a 2xx answer that does not decode,
// leaves none of them readable in the error, with any fmt verb or slog
// handler, in any of its fields, nor in the debug log: for the generated
// calls, c.Do, c.HTTPClient, every auth flow, uploads and event streams.
func TestEchoedSecretsAreMaskedEverywhere(t *testing.T) {
	modes := []string{"message", "clipped", "body", "html", "header", "location", "path", "decode"}
	for _, tc := range echoCases() {
		for _, mode := range modes {
			if mode == "decode" && !tc.decodes {
				continue
			}
			t.Run(tc.name+"/"+mode, func(t *testing.T) {
				ctx := context.Background()
				es := &echoServer{mode: mode, target: tc.target, first: tc.secrets[0]}
				srv := httptest.NewServer(es)
				defer srv.Close()
				var logs bytes.Buffer
				c := newEchoClient(t, srv.URL, &logs, tc.opts)
				if tc.setup != nil {
					require.NoError(t, tc.setup(ctx, c))
				}
				err := tc.call(ctx, c)
				require.Error(t, err)
				require.EqualValues(t, 1, es.hits.Load(), "the target route was called once")
				assert.Zero(t, es.followed.Load(), "a redirect that repeats a secret is not followed")
				texts := everywhere(err)
				assertMasked(t, "the error", texts, tc.secrets)
				assertMasked(t, "the debug log", []string{logs.String()}, tc.secrets)
				if e, ok := apierror.As(err); ok && mode != "path" {
					// The echo reached the error: it is there, masked.
					assert.Contains(t, strings.Join(texts, "\n"), "[REDACTED]", "%v", e)
				}
				if mode == "location" || mode == "path" {
					assert.Contains(t, logs.String(), "Location", "the redirect is logged, masked")
				}
			})
		}
	}
}

// errProxy is what the failing transport's errors wrap: the chain survives
// the masking.
var errProxy = errors.New("proxy refused the request")

// leakyTransport fails the target route with an error that repeats the
// request's credentials and body, as a badly written proxy or logging
// RoundTripper might.
type leakyTransport struct {
	target string
	next   http.RoundTripper
}

func (lt *leakyTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Path != lt.target {
		return lt.next.RoundTrip(req)
	}
	if req.Body != nil {
		defer req.Body.Close()
	}
	return nil, fmt.Errorf("%w: %s %s with %s", errProxy, req.Method, req.URL.RequestURI(), strings.Join(sentSecrets(req), " | "))
}

// TestTransportErrorsMaskTheSecretsSent: a transport error that repeats the
// request's secrets is masked in the error and the debug log, on every way
// out, and errors.Is still finds its cause.
func TestTransportErrorsMaskTheSecretsSent(t *testing.T) {
	for _, tc := range echoCases() {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			srv := httptest.NewServer(&echoServer{mode: "message", target: "/none"})
			defer srv.Close()
			var logs bytes.Buffer
			opts := append([]medusa.Option{medusa.WithHTTPClient(&http.Client{Transport: &leakyTransport{target: tc.target, next: http.DefaultTransport}})}, tc.opts...)
			c := newEchoClient(t, srv.URL, &logs, opts)
			if tc.setup != nil {
				require.NoError(t, tc.setup(ctx, c))
			}
			err := tc.call(ctx, c)
			require.Error(t, err)
			assert.ErrorIs(t, err, errProxy)
			assert.Contains(t, err.Error(), "[REDACTED]")
			assertMasked(t, "the error", everywhere(err), tc.secrets)
			assertMasked(t, "the debug log", []string{logs.String()}, tc.secrets)
		})
	}
}
