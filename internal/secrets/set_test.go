package secrets

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The secrets of a request are found wherever the SDK puts them: the
// Authorization credential (Bearer; Basic encoded and decoded), cookie
// values (also unescaped), X-Api-Key, secret-named query values and the
// values under secret-named keys of a JSON or form body, at any depth.
func TestFromRequestFindsEverySecretSent(t *testing.T) {
	body := `{"email":"a@b.c","password":"pw-0123456789","provider":{"api_token":["t-abcdef"],"n":{"code":482913}},"note":"public"}`
	req, err := http.NewRequest(http.MethodPost, "http://h/auth/x?code=oauth-code-1&state=st-2&limit=50", strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	req.Header.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte("key-9f8e7d6c5b4a:")))
	req.Header.Set("Cookie", "connect.sid=s%3Asess-abc.sig; flag=1")
	req.Header.Set("X-Api-Key", "xkey-123456")
	set := FromRequest(req)
	for _, s := range []string{
		"pw-0123456789", "t-abcdef", "482913", "oauth-code-1", "st-2", "key-9f8e7d6c5b4a",
		base64.StdEncoding.EncodeToString([]byte("key-9f8e7d6c5b4a:")), "s%3Asess-abc.sig", "s:sess-abc.sig", "xkey-123456",
	} {
		assert.True(t, set.Contains("x "+s+" y"), "secret %q not found", s)
		assert.Equal(t, "x "+Marker+" y", set.Mask("x "+s+" y"))
	}
	for _, s := range []string{"a@b.c", "public", "50", "flag=1"} {
		assert.False(t, set.Contains(s), "%q is not a secret", s)
	}
	// The body is still there for the transport: GetBody was used.
	rest, _ := req.GetBody()
	all, _ := bytesOf(rest)
	assert.Equal(t, body, all)

	bearer, _ := http.NewRequest(http.MethodGet, "http://h/", nil)
	bearer.Header.Set("Authorization", "Bearer opaqueAccessTok3n")
	assert.Equal(t, "got "+Marker, FromRequest(bearer).Mask("got opaqueAccessTok3n"))

	form, _ := http.NewRequest(http.MethodPost, "http://h/", strings.NewReader("password=f0rm-secret&name=x"))
	form.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	assert.True(t, FromRequest(form).Contains("f0rm-secret"))
	assert.False(t, FromRequest(form).Contains("x"))
}

// A redirected request masks the secrets of every request before it.
func TestFromRequestWalksTheRedirectChain(t *testing.T) {
	first, _ := http.NewRequest(http.MethodPost, "http://h/a", strings.NewReader(`{"password":"first-secret"}`))
	first.Header.Set("Content-Type", "application/json")
	second, _ := http.NewRequest(http.MethodGet, "http://h/b", nil)
	second.Response = &http.Response{Request: first}
	assert.True(t, FromRequest(second).Contains("first-secret"))
}

// Each secret is masked as sent and as JSON, a URL and HTML escape it.
func TestMaskCoversEscapedForms(t *testing.T) {
	pw := `pa"ss <w>&rd é/ü+`
	set := Of(pw)
	j, _ := json.Marshal(pw)
	var jn bytes.Buffer
	enc := json.NewEncoder(&jn)
	enc.SetEscapeHTML(false)
	require.NoError(t, enc.Encode(pw))
	for _, form := range []string{pw, string(j[1 : len(j)-1]), strings.TrimSpace(jn.String())[1 : jn.Len()-2], url.QueryEscape(pw), url.PathEscape(pw), html.EscapeString(pw)} {
		out := set.Mask("<" + form + ">")
		assert.Equal(t, "<"+Marker+">", out, "form %q", form)
	}
}

// A secret shorter than 6 bytes is masked only as a whole word; longer
// ones wherever they are. A secret containing another is masked whole.
func TestMaskShortSecretsAndOverlaps(t *testing.T) {
	set := Of("abc")
	assert.Equal(t, "password "+Marker+" is wrong; abcdef stays", set.Mask("password abc is wrong; abcdef stays"))
	assert.Equal(t, Marker+"."+Marker, set.Mask("abc.abc"))
	long := Of("hunter2", "hunter2-correct-horse")
	assert.Equal(t, "got "+Marker+" and "+Marker, long.Mask("got hunter2-correct-horse and hunter2"))
	assert.Equal(t, "X-Echo-"+Marker, Of("opaqueAccessTok3n").MaskFold("X-Echo-Opaqueaccesstok3n"))
}

// Nothing to mask: the same string back, and no allocation.
func TestMaskWithoutSecretsAllocatesNothing(t *testing.T) {
	set := Of("hunter2-correct-horse")
	s := strings.Repeat("a body without the secret ", 100)
	assert.Zero(t, testing.AllocsPerRun(100, func() { _ = set.Mask(s) }))
	var none *Set
	assert.Equal(t, s, none.Mask(s))
	assert.Equal(t, s, none.MaskFold(s))
	assert.False(t, none.Contains(s))
	assert.Nil(t, FromRequest(nil))
	empty, _ := http.NewRequest(http.MethodGet, "http://h/?limit=1", nil)
	assert.Nil(t, FromRequest(empty))
	assert.Equal(t, "secrets.Set[redacted]", Of("x-secret").String())
}

// WrapError masks the message and keeps the chain.
func TestWrapErrorKeepsTheChain(t *testing.T) {
	inner := &url.Error{Op: "Get", URL: "http://h/", Err: errTimeout{}}
	err := WrapError(inner, Of("hunter2-correct-horse"))
	assert.Same(t, inner, err, "nothing to mask: the error itself")
	leaky := &url.Error{Op: "Get", URL: "http://h/", Err: errLeak("proxy saw hunter2-correct-horse")}
	err = WrapError(leaky, Of("hunter2-correct-horse"))
	assert.NotContains(t, err.Error(), "hunter2")
	var ue *url.Error
	assert.ErrorAs(t, err, &ue)
	assert.NotContains(t, strings.ToLower(goString(err)), "hunter2")
	assert.Nil(t, WrapError(nil, Of("x-secret")))
}

// Mask never panics and never leaves a secret, whatever the input.
func FuzzMask(f *testing.F) {
	f.Add("hunter2-correct-horse", "a hunter2-correct-horse b")
	f.Add("abc", "abcabc abc")
	f.Add(`"<&>`, `\u0022\u003c&amp;\u003e`)
	f.Add("\xff\xfe", "\xff\xfe\xff")
	f.Fuzz(func(t *testing.T, secret, text string) {
		set := Of(secret)
		out := set.Mask(text)
		_ = set.MaskFold(text)
		// Markers out of the way (a secret could start like the marker's
		// tail), what is left of the text holds no secret.
		if len(secret) >= shortLen && strings.TrimSpace(secret) != "" && !strings.Contains(secret, "\x00") {
			assert.NotContains(t, strings.ReplaceAll(out, Marker, "\x00"), secret)
		}
	})
}

type errTimeout struct{}

func (errTimeout) Error() string { return "timeout" }
func (errTimeout) Timeout() bool { return true }

type errLeak string

func (e errLeak) Error() string { return string(e) }

func goString(v any) string {
	if g, ok := v.(interface{ GoString() string }); ok {
		return g.GoString()
	}
	return ""
}

func bytesOf(rc interface {
	Read([]byte) (int, error)
}) (string, error) {
	var b bytes.Buffer
	_, err := b.ReadFrom(rc)
	return b.String(), err
}
