package medusatest

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/authn"
	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
)

// fakeMedusa answers like Medusa where the kit's recording must take care:
// logins hand out JWTs, a session sets a cookie, an API key's token is shown
// once, an answer echoes the caller's bearer token, and products are kept,
// so reads before and after a write differ. Its secrets are fresh each time
// it is made; everything else is the same.
type fakeMedusa struct {
	*httptest.Server
	secret   string // signs the JWTs
	cookie   string // the session id
	apiToken string // the secret API key's token
	issued   []string
	mu       sync.Mutex
	products []string
	n        atomic.Int64
}

func newFakeMedusa(t *testing.T) *fakeMedusa {
	f := &fakeMedusa{secret: fresh(), cookie: "s%3A" + fresh() + ".sig" + fresh()[:6], apiToken: "sk_" + fresh()}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /auth/user/emailpass", func(w http.ResponseWriter, r *http.Request) {
		var in struct{ Email, Password string }
		_ = json.NewDecoder(r.Body).Decode(&in)
		if in.Password != "right-password-123" && in.Password != replayedPassword {
			http.Error(w, `{"type":"unauthorized","message":"Invalid email or password"}`, http.StatusUnauthorized)
			return
		}
		f.json(w, map[string]any{"token": f.jwt()})
	})
	mux.HandleFunc("POST /auth/session", func(w http.ResponseWriter, r *http.Request) {
		http.SetCookie(w, &http.Cookie{Name: "connect.sid", Value: f.cookie, Path: "/", HttpOnly: true, Expires: time.Now().Add(time.Hour)})
		f.json(w, map[string]any{"user": map[string]any{"id": "user_1"}})
	})
	mux.HandleFunc("POST /admin/api-keys", func(w http.ResponseWriter, r *http.Request) {
		f.json(w, map[string]any{"api_key": map[string]any{"id": "apk_1", "token": f.apiToken, "redacted": "sk_***", "type": "secret"}})
	})
	mux.HandleFunc("GET /admin/products", func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		defer f.mu.Unlock()
		list := []map[string]any{}
		for _, title := range f.products {
			list = append(list, map[string]any{"id": "prod_" + title, "title": title})
		}
		// A server that echoes the credential it got (a debug field).
		f.json(w, map[string]any{"products": list, "count": len(list), "offset": 0, "limit": 50, "echo": r.Header.Get("Authorization")})
	})
	mux.HandleFunc("POST /admin/products", func(w http.ResponseWriter, r *http.Request) {
		var in struct{ Title string }
		_ = json.NewDecoder(r.Body).Decode(&in)
		f.mu.Lock()
		f.products = append(f.products, in.Title)
		f.mu.Unlock()
		f.json(w, map[string]any{"product": map[string]any{"id": "prod_" + in.Title, "title": in.Title}})
	})
	f.Server = httptest.NewServer(mux)
	t.Cleanup(f.Close)
	return f
}

func fresh() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

func (f *fakeMedusa) jwt() string {
	enc := base64.RawURLEncoding
	now := time.Now().Unix() + f.n.Add(1)
	payload := fmt.Sprintf(`{"actor_id":"user_1","actor_type":"user","auth_identity_id":"authid_1","iat":%d,"exp":%d}`, now, now+86400)
	tok := enc.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." + enc.EncodeToString([]byte(payload)) + "." + enc.EncodeToString([]byte(f.secret))
	f.issued = append(f.issued, tok)
	return tok
}

func (f *fakeMedusa) json(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Powered-By", "Express")
	_ = json.NewEncoder(w).Encode(v)
}

// session is what a test of the fake does, through the tape: log in, open
// a session, make a secret API key, read, write twice, read again.
func session(t *testing.T, hc *http.Client, url, password string) (before, after *admin.ListProductsResult, key string) {
	t.Helper()
	ctx := t.Context()
	c, err := medusa.New(url, medusa.WithHTTPClient(hc))
	require.NoError(t, err)
	_, err = c.Auth.Login(ctx, "user", "emailpass", medusa.EmailPass{Email: "admin@example.com", Password: password})
	require.NoError(t, err)
	claims, err := c.Auth.Claims(ctx)
	require.NoError(t, err)
	assert.Equal(t, "user_1", claims.ActorID)
	assert.True(t, claims.ExpiresAt.After(time.Now()), "the token the client holds is not expired")

	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url+"/auth/session", nil)
	require.NoError(t, err)
	tok, err := c.Auth.Token(ctx)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+tok)
	res, err := hc.Do(req)
	require.NoError(t, err)
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	require.Len(t, res.Cookies(), 1)

	k, err := c.Admin.CreateAPIKey(ctx, admin.AdminCreateApiKey{Title: "ci", Type: "secret"})
	require.NoError(t, err)
	before, err = c.Admin.ListProducts(ctx, nil)
	require.NoError(t, err)
	for _, title := range []string{"Shirt", "Shoe"} {
		_, err := c.Admin.CreateProduct(ctx, nil, admin.CreateProductBody{Title: title})
		require.NoError(t, err)
	}
	after, err = c.Admin.ListProducts(ctx, nil)
	require.NoError(t, err)
	return before, after, k.ApiKey.Token
}

// recordFake records session against a fresh fake into path.
func recordFake(t *testing.T, path string) (*fakeMedusa, *recording) {
	f := newFakeMedusa(t)
	rec := &recording{Format: formatVersion, Test: t.Name(), MedusaVersion: "2.18.0", URL: "http://127.0.0.1:1", AdminEmail: "admin@example.com", Run: "run1"}
	tp := newRecordTape(t, path, rec, http.DefaultTransport)
	tp.pre = []knownSecret{{"right-password-123", replayedPassword}}
	before, after, key := session(t, &http.Client{Transport: tp}, f.URL, "right-password-123")
	assert.Empty(t, before.Products)
	assert.Len(t, after.Products, 2)
	assert.Equal(t, f.apiToken, key, "recording passes the real answers through")
	out := tp.build()
	require.NoError(t, out.save(path))
	return f, out
}

// Recording scrubs every credential, sent or handed out, from the file,
// and does it the same way each time: two recordings of the same exchanges
// against servers with other secrets are the same file.
func TestRecordingHoldsNoSecret(t *testing.T) {
	dir := t.TempDir()
	first, second := filepath.Join(dir, "a.json"), filepath.Join(dir, "b.json")
	f, _ := recordFake(t, first)
	data, err := os.ReadFile(first)
	require.NoError(t, err)
	text := string(data)
	for _, s := range append([]string{f.secret, f.cookie, strings.TrimPrefix(f.cookie, "s%3A"), f.apiToken, "right-password-123"}, f.issued...) {
		assert.NotContains(t, text, s)
	}
	require.NotEmpty(t, f.issued)
	sig := f.issued[0][strings.LastIndex(f.issued[0], ".")+1:]
	assert.NotContains(t, text, sig, "no JWT signature")
	assert.NotContains(t, text, "X-Powered-By", "only the headers a client acts on")
	assert.NotContains(t, text, "Expires", "a replayed cookie has no date")
	assert.Contains(t, text, `"password": "[REDACTED]"`, "a secret-named request value is the marker")
	assert.Contains(t, text, `"call": 2`, "the second identical read is numbered")

	f2, _ := recordFake(t, second)
	require.NotEqual(t, f.secret, f2.secret)
	data2, err := os.ReadFile(second)
	require.NoError(t, err)
	assert.Equal(t, text, string(data2), "the same exchanges make the same file")
}

// A replay answers what was recorded with no server: the login gives the
// client a stub JWT it can read the expiry of, the session cookie comes
// back, and the read before the writes and the one after answer as they did.
func TestReplayAnswersWithoutAServer(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rec.json")
	f, _ := recordFake(t, path)
	f.Close()
	rec, err := loadRecording(path)
	require.NoError(t, err)
	tb := &fakeTB{TB: t}
	tp := newReplayTape(tb, path, rec)
	before, after, key := session(t, &http.Client{Transport: tp}, f.URL, replayedPassword)
	assert.Empty(t, before.Products)
	require.Len(t, after.Products, 2)
	assert.Equal(t, "Shoe", after.Products[1].Title)
	assert.Equal(t, "medusatest-secret-2", key, "the API key's token is a stand-in")
	tp.finishReplay()
	assert.Empty(t, tb.errs)

	tok := stubJWT(f.issued[0])
	claims, err := authn.ParseClaims(tok)
	require.NoError(t, err)
	assert.Equal(t, "user_1", claims.ActorID)
	assert.Equal(t, time.Unix(stubExpires, 0).UTC(), claims.ExpiresAt.UTC())
}

// A request the recording has no answer for fails, with its method and
// path and what was recorded nearest; and the test fails even if the
// code under test dropped the error.
func TestReplayOfAnUnrecordedRequestSaysWhatWasRecorded(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rec.json")
	f, _ := recordFake(t, path)
	f.Close()
	rec, err := loadRecording(path)
	require.NoError(t, err)
	tb := &fakeTB{TB: t}
	hc := &http.Client{Transport: newReplayTape(tb, path, rec)}
	c, err := medusa.New(f.URL, medusa.WithHTTPClient(hc), medusa.WithMaxRetries(0))
	require.NoError(t, err)
	require.NoError(t, c.Auth.SetToken(t.Context(), stubJWT("user")))

	_, err = c.Admin.CreateProduct(t.Context(), nil, admin.CreateProductBody{Title: "Hat"})
	require.ErrorIs(t, err, ErrNotRecorded)
	msg := err.Error()
	assert.Contains(t, msg, "POST /admin/products")
	assert.Contains(t, msg, path)
	assert.Contains(t, msg, `body differs: .title: recorded "Shirt", sent "Hat"`)

	_, err = c.Admin.GetProduct(t.Context(), "prod_Hat", nil)
	require.ErrorIs(t, err, ErrNotRecorded)
	assert.Contains(t, err.Error(), "GET /admin/products/prod_Hat")
	assert.Contains(t, err.Error(), "nearest recorded:\n\tGET /admin/products")

	// The recorded reads are two: a third one is named as such.
	for range 2 {
		_, err = c.Admin.ListProducts(t.Context(), nil)
		require.NoError(t, err)
	}
	_, err = c.Admin.ListProducts(t.Context(), nil)
	require.ErrorIs(t, err, ErrNotRecorded)
	assert.Contains(t, err.Error(), "recorded 2 times, and this is call 3")

	newReplayTapeFinish(hc)
	require.Len(t, tb.errs, 1)
	assert.Contains(t, tb.errs[0], "3 requests had no recorded answer")
	assert.Contains(t, tb.errs[0], "-medusatest.record")
}

func newReplayTapeFinish(hc *http.Client) { hc.Transport.(*tape).finishReplay() }

// A test with no recording is told how to make one.
func TestReplayWithoutARecordingSaysHowToRecord(t *testing.T) {
	t.Setenv(EnvRecord, "")
	tb := &fakeTB{TB: t}
	runTB(func() { Replay(tb) })
	require.Len(t, tb.errs, 1)
	assert.Contains(t, tb.errs[0], filepath.Join("testdata", "medusatest", t.Name()+".json"))
	assert.Contains(t, tb.errs[0], "-medusatest.record")
	assert.Contains(t, tb.errs[0], EnvRecord+"=1")
}

func TestRecordingPathKeepsToTheDirectory(t *testing.T) {
	assert.Equal(t, filepath.Join("testdata", "medusatest", "TestA", "sub_case.json"), recordingPath("TestA/sub_case"))
	assert.Equal(t, filepath.Join("testdata", "medusatest", "TestA", "_..", "x_y.json"), recordingPath("TestA/../x:y"))
}

// fakeTB keeps what a test would have failed with.
type fakeTB struct {
	testing.TB
	mu   sync.Mutex
	errs []string
}

func (f *fakeTB) Errorf(format string, args ...any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.errs = append(f.errs, fmt.Sprintf(format, args...))
}

func (f *fakeTB) Fatalf(format string, args ...any) {
	f.Errorf(format, args...)
	runtime.Goexit()
}

// runTB runs fn in a goroutine of its own, as a test body (Fatalf ends it).
func runTB(fn func()) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		fn()
	}()
	wg.Wait()
}

// Outside /auth/ a recording keeps what secrets.Name would take for a
// secret but Medusa's records use as data (a shipping option type's code,
// payment_sessions, an order's state); under /auth/ it takes them all.
func TestCredentialNamesSpareMedusasData(t *testing.T) {
	for _, name := range []string{"code", "payment_sessions", "state", "key"} {
		assert.False(t, credentialName("/admin/shipping-options", name), name)
	}
	for _, name := range []string{"code", "state"} {
		assert.True(t, credentialName("/auth/customer/google/callback", name), name)
	}
	for _, name := range []string{"password", "new_password", "token", "access_token", "client_secret", "api_key", "filter[token]"} {
		assert.True(t, credentialName("/admin/users", name), name)
	}
	body := []byte(`{"type":{"code":"standard","label":"Standard"},"password":"hunter2-x","api_key":{"id":"apk_1","token":"sk_9"}}`)
	p := payloadOf("/admin/shipping-options", "application/json", body, true)
	assert.JSONEq(t, `{"type":{"code":"standard","label":"Standard"},"password":"[REDACTED]","api_key":{"id":"apk_1","token":"[REDACTED]"}}`, string(p.JSON))
}

// A multipart body's random boundary does not make the same upload two
// requests; a large or binary request body is matched by its SHA-256.
func TestUploadsMatchWhateverTheBoundary(t *testing.T) {
	part := func(b string) []byte {
		return []byte("--" + b + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.txt\"\r\n\r\nhello\r\n--" + b + "--\r\n")
	}
	a := payloadOf("/admin/uploads", "multipart/form-data; boundary=aaa111", part("aaa111"), true)
	b := payloadOf("/admin/uploads", "multipart/form-data; boundary=bbb222", part("bbb222"), true)
	assert.Equal(t, a.key(), b.key())
	big := payloadOf("/admin/uploads", "application/octet-stream", append([]byte{0}, make([]byte, maxKeptBody)...), true)
	assert.Len(t, big.SHA256, 64)
	assert.Nil(t, big.Text)
}
