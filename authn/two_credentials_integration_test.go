//go:build integration

package authn_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2/authn"
	"github.com/medusa-sdk/medusa-go/v2/gen/store"
	"github.com/medusa-sdk/medusa-go/v2/internal/medusatest"
)

// hookBody runs hook once, on the first Read of the body it wraps.
type hookBody struct {
	io.ReadCloser
	once sync.Once
	hook func()
}

func (b *hookBody) Read(p []byte) (int, error) {
	b.once.Do(b.hook)
	return b.ReadCloser.Read(p)
}

// sessionProbe is the recorder, plus a call made from inside the Login: when
// the answer of POST /auth/session is being read, its cookie is already in
// the jar and the registration token not yet dropped, the very window in
// which a concurrent call would find both credentials.
type sessionProbe struct {
	*recorder
	probe func()
}

func (s *sessionProbe) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := s.recorder.RoundTrip(req)
	if err == nil && req.Method == "POST" && req.URL.Path == "/auth/session" && s.probe != nil {
		resp.Body = &hookBody{ReadCloser: resp.Body, hook: s.probe}
	}
	return resp, err
}

// On the real server, in ModeSession: Register, create the customer with
// the registration token, then Login while eight goroutines keep calling
// /store/customers/me, and one call is made inside the Login's window (see
// sessionProbe). No request leaves with both the Bearer token and the
// session cookie, and once Login returned, calls go with the cookie alone
// and Medusa answers them as the new customer.
func TestIntegrationSessionRegisterLoginNeverTwoCredentials(t *testing.T) {
	srv := medusatest.Require(t)
	ctx := t.Context()
	sp := &sessionProbe{recorder: &recorder{}}
	a, err := authn.New(authn.Config{BaseURL: srv.URL, Mode: authn.ModeSession, PublishableKey: srv.PublishableKey(t), Transport: sp})
	require.NoError(t, err)
	sc, err := store.NewClientWithResponses(a.BaseURL(), store.WithHTTPClient(a.HTTPClient()), store.WithRequestEditorFn(a.EditRequest))
	require.NoError(t, err)
	e := env{a: a, sc: sc, rec: sp.recorder}
	probed := 0
	sp.probe = func() {
		probed++
		_, _ = e.sc.GetCustomersMeWithResponse(context.WithoutCancel(ctx), nil)
	}
	email := srv.UniqueEmail("two-creds")
	ep := authn.EmailPass{Email: email, Password: "pw-two-creds"}

	_, err = e.a.Register(ctx, authn.ActorCustomer, authn.ProviderEmailPass, ep)
	require.NoError(t, err)
	created, err := e.sc.PostCustomersWithBodyWithResponse(ctx, nil, "application/json", strings.NewReader(`{"email":"`+email+`"}`))
	require.NoError(t, err)
	require.Equal(t, 200, created.StatusCode(), string(created.Body))

	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				_, _ = e.sc.GetCustomersMeWithResponse(context.WithoutCancel(ctx), nil)
			}
		}()
	}
	_, err = e.a.Login(ctx, authn.ActorCustomer, authn.ProviderEmailPass, ep)
	close(stop)
	wg.Wait()
	require.NoError(t, err)

	me, err := e.sc.GetCustomersMeWithResponse(ctx, nil)
	require.NoError(t, err)
	require.Equal(t, 200, me.StatusCode(), string(me.Body))
	var body struct {
		Customer struct{ Email string } `json:"customer"`
	}
	require.NoError(t, json.Unmarshal(me.Body, &body))
	assert.Equal(t, email, body.Customer.Email)
	last := e.rec.last("GET", "/store/customers/me")
	assert.Empty(t, last.Header.Get("Authorization"))
	assert.Contains(t, last.Header.Get("Cookie"), "connect.sid=")

	e.rec.mu.Lock()
	defer e.rec.mu.Unlock()
	calls, both := 0, 0
	for _, r := range e.rec.reqs {
		if r.URL.Path != "/store/customers/me" {
			continue
		}
		calls++
		if r.Header.Get("Authorization") != "" && strings.Contains(r.Header.Get("Cookie"), "connect.sid=") {
			both++
		}
	}
	t.Logf("%d calls during Register -> Login", calls)
	assert.Equal(t, 1, probed, "the call inside the Login's window was made")
	assert.Greater(t, calls, 8)
	assert.Zero(t, both, "requests carrying the Bearer token and the session cookie")
}
