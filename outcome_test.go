package medusa_test

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2"
)

// hangUp reads the request, then closes the connection without answering:
// the server got the write, the client gets no answer.
func hangUp(w http.ResponseWriter, r *http.Request) {
	_, _ = io.ReadAll(r.Body)
	if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
		conn.Close()
	}
}

// refusedAddr is a loopback address nothing listens on: dialing it is
// refused by the kernel.
func refusedAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())
	return addr
}

func TestLostAnswerOfAWriteIsAnUnknownOutcome(t *testing.T) {
	var n atomic.Int32
	c := fake(t, func(w http.ResponseWriter, r *http.Request) { n.Add(1); hangUp(w, r) })
	err := c.Do(context.Background(), "POST", "/admin/sales-channels", nil, map[string]string{"name": "x"}, nil)
	var uo *medusa.UnknownOutcomeError
	require.ErrorAs(t, err, &uo)
	assert.Equal(t, "POST", uo.Method)
	assert.Equal(t, "/admin/sales-channels", uo.Route)
	assert.Zero(t, uo.StatusCode)
	assert.Equal(t, 1, uo.Attempts)
	assert.ErrorIs(t, err, io.EOF, "the transport error stays in the chain")
	assert.Contains(t, err.Error(), "may have been applied")
	var apiErr *medusa.Error
	assert.False(t, errors.As(err, &apiErr), "no answer: not a *medusa.Error")
	assert.EqualValues(t, 1, n.Load(), "a plain POST is sent once")
}

func TestLostAnswerOfAReadIsRetriedAndNotAnUnknownOutcome(t *testing.T) {
	var n atomic.Int32
	c := fake(t, func(w http.ResponseWriter, r *http.Request) { n.Add(1); hangUp(w, r) })
	err := c.Do(context.Background(), "GET", "/store/products", nil, nil, nil)
	require.Error(t, err)
	var uo *medusa.UnknownOutcomeError
	assert.False(t, errors.As(err, &uo))
	assert.EqualValues(t, 3, n.Load())
}

func TestDeleteIsRetriedAndUnknownWhenEveryAnswerIsLost(t *testing.T) {
	var n atomic.Int32
	c := fake(t, func(w http.ResponseWriter, r *http.Request) { n.Add(1); hangUp(w, r) })
	err := c.Do(context.Background(), "DELETE", "/admin/sales-channels/sc_1", nil, nil, nil)
	var uo *medusa.UnknownOutcomeError
	require.ErrorAs(t, err, &uo)
	assert.Equal(t, 3, uo.Attempts)
	assert.EqualValues(t, 3, n.Load())
}

func TestWriteRefusedBeforeItWasSentIsRetried(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"ok":true}`))
	}))
	defer srv.Close()
	refused := refusedAddr(t)
	var dials, refuse atomic.Int32
	refuse.Store(1) // the first connection is refused: nothing was sent
	tr := &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		dials.Add(1)
		if refuse.Add(-1) >= 0 {
			addr = refused
		}
		return (&net.Dialer{}).DialContext(ctx, network, addr)
	}}
	c, err := medusa.New(srv.URL, medusa.WithHTTPClient(&http.Client{Transport: tr}),
		medusa.WithRetry(medusa.RetryPolicy{MaxRetries: 2, BaseDelay: time.Millisecond}))
	require.NoError(t, err)
	var out struct{ OK bool }
	require.NoError(t, c.Do(context.Background(), "POST", "/admin/sales-channels", nil, map[string]string{"name": "x"}, &out))
	assert.True(t, out.OK)
	assert.EqualValues(t, 2, dials.Load())
	assert.EqualValues(t, 1, n.Load(), "applied once")

	// Refused every time: a plain error, not an unknown outcome.
	refuse.Store(100)
	tr.CloseIdleConnections()
	err = c.Do(context.Background(), "POST", "/admin/sales-channels", nil, map[string]string{"name": "x"}, nil)
	require.Error(t, err)
	var uo *medusa.UnknownOutcomeError
	assert.False(t, errors.As(err, &uo), "never sent: the outcome is known: %v", err)
	var op *net.OpError
	require.ErrorAs(t, err, &op)
	assert.Equal(t, "dial", op.Op)
}

// net/http's Transport replays a POST carrying Idempotency-Key when its
// reused connection breaks after the request was written; Medusa ignores
// the header, so the SDK keeps the Transport from doing it.
func TestIdempotencyKeyDoesNotMakeNetHTTPReplayAPost(t *testing.T) {
	var posts atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == "POST" {
			posts.Add(1)
			assert.Equal(t, "k1", r.Header.Get("Idempotency-Key"), "the header still reaches the server")
			hangUp(w, r)
			return
		}
		_, _ = w.Write([]byte(`{}`)) // a GET first, so that the POST reuses its connection
	}))
	defer srv.Close()
	send := func(hc *http.Client) {
		resp, err := hc.Get(srv.URL + "/store/x")
		require.NoError(t, err)
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		req, _ := http.NewRequest("POST", srv.URL+"/admin/sales-channels", strings.NewReader(`{"name":"x"}`))
		req.Header.Set("Idempotency-Key", "k1")
		resp, err = hc.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		require.Error(t, err)
	}
	send(&http.Client{Transport: &http.Transport{}})
	require.EqualValues(t, 2, posts.Load(), "plain net/http sends it twice (what the SDK prevents)")

	posts.Store(0)
	c, err := medusa.New(srv.URL, medusa.WithHTTPClient(&http.Client{Transport: &http.Transport{}}))
	require.NoError(t, err)
	send(c.HTTPClient())
	assert.EqualValues(t, 1, posts.Load(), "sent once through the SDK")
}

func TestCutOffAnswerOfAWriteSaysItWasApplied(t *testing.T) {
	c := fake(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", "1000")
		w.WriteHeader(200)
		_, _ = w.Write([]byte(`{"sales_channel":{"id":"sc_1",`))
		w.(http.Flusher).Flush()
		if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
			conn.Close()
		}
	})
	var out map[string]any
	err := c.Do(context.Background(), "POST", "/admin/sales-channels", nil, map[string]string{"name": "x"}, &out)
	var uo *medusa.UnknownOutcomeError
	require.ErrorAs(t, err, &uo)
	assert.Equal(t, 200, uo.StatusCode)
	assert.Contains(t, err.Error(), "was applied")
	var de *medusa.DecodeError
	assert.ErrorAs(t, err, &de, "still a DecodeError of the 200 answer")
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
}

func TestGatewayErrorOfAWriteIsAnUnknownOutcome(t *testing.T) {
	for _, status := range []int{502, 503, 504} {
		var n atomic.Int32
		c := fake(t, func(w http.ResponseWriter, r *http.Request) {
			n.Add(1)
			w.WriteHeader(status)
		})
		err := c.Do(context.Background(), "POST", "/admin/sales-channels", nil, map[string]string{"name": "x"}, nil)
		var uo *medusa.UnknownOutcomeError
		require.ErrorAs(t, err, &uo, "status %d", status)
		assert.Equal(t, status, uo.StatusCode)
		var apiErr *medusa.Error
		require.ErrorAs(t, err, &apiErr, "the gateway's answer stays reachable")
		assert.Equal(t, status, apiErr.StatusCode)
		assert.EqualValues(t, 1, n.Load(), "a plain POST is not sent again")

		err = c.Do(context.Background(), "GET", "/store/products", nil, nil, nil)
		assert.False(t, errors.As(err, &uo), "a read has no outcome to be unknown")
		require.ErrorAs(t, err, &apiErr)
	}
	c := fake(t, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(500) })
	err := c.Do(context.Background(), "POST", "/admin/sales-channels", nil, map[string]string{"name": "x"}, nil)
	var uo *medusa.UnknownOutcomeError
	assert.False(t, errors.As(err, &uo), "a 500 is Medusa's own refusal")
}

func TestTimeoutAfterAWriteWasSentIsAnUnknownOutcome(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	c := fake(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}, medusa.WithTimeout(100*time.Millisecond))
	err := c.Do(context.Background(), "POST", "/admin/sales-channels", nil, map[string]string{"name": "x"}, nil)
	var uo *medusa.UnknownOutcomeError
	require.ErrorAs(t, err, &uo)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	var te *medusa.TimeoutError
	assert.ErrorAs(t, err, &te)

	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	err = c.Do(ctx, "POST", "/admin/sales-channels", nil, map[string]string{"name": "x"}, nil)
	require.ErrorAs(t, err, &uo)
	assert.ErrorIs(t, err, context.DeadlineExceeded)

	done, cancel2 := context.WithCancel(context.Background())
	cancel2()
	err = c.Do(done, "POST", "/admin/sales-channels", nil, map[string]string{"name": "x"}, nil)
	assert.ErrorIs(t, err, context.Canceled)
	assert.False(t, errors.As(err, &uo), "nothing was sent on a context already done")
}

func TestCreateOnce(t *testing.T) {
	unknown := &medusa.UnknownOutcomeError{Method: "POST", Route: "/admin/products", Err: io.EOF}
	dup := &medusa.Error{StatusCode: 400, Type: "invalid_data", Message: "Product with handle: h, already exists."}
	other := errors.New("boom")
	for name, tc := range map[string]struct {
		creates []error // the creates' errors, in order (nil: created)
		finds   []bool  // the reads back: found?
		findErr error
		want    string // "created", "found" or the error expected
		nCreate int
	}{
		"created":                  {creates: []error{nil}, want: "created", nCreate: 1},
		"refused as it is":         {creates: []error{dup}, want: "dup", nCreate: 1},
		"other error as it is":     {creates: []error{other}, want: "other", nCreate: 1},
		"unknown, found":           {creates: []error{unknown}, finds: []bool{true}, want: "found", nCreate: 1},
		"unknown, missing, made":   {creates: []error{unknown, nil}, finds: []bool{false}, want: "created", nCreate: 2},
		"race: duplicate, found":   {creates: []error{unknown, dup}, finds: []bool{false, true}, want: "found", nCreate: 2},
		"duplicate but missing":    {creates: []error{unknown, dup}, finds: []bool{false, false}, want: "dup", nCreate: 2},
		"three unknowns, gives up": {creates: []error{unknown, unknown, unknown}, finds: []bool{false, false, false}, want: "unknown", nCreate: 3},
		"read back fails":          {creates: []error{unknown}, findErr: other, want: "unknown+other", nCreate: 1},
	} {
		t.Run(name, func(t *testing.T) {
			var nc, nf int
			got, err := medusa.CreateOnce(context.Background(),
				func(context.Context) (string, error) {
					e := tc.creates[nc]
					nc++
					if e != nil {
						return "", e
					}
					return "created", nil
				},
				func(context.Context) (string, bool, error) {
					if tc.findErr != nil {
						return "", false, tc.findErr
					}
					ok := tc.finds[nf]
					nf++
					if ok {
						return "found", true, nil
					}
					return "", false, nil
				})
			assert.Equal(t, tc.nCreate, nc)
			switch tc.want {
			case "created", "found":
				require.NoError(t, err)
				assert.Equal(t, tc.want, got)
			case "dup":
				assert.ErrorIs(t, err, dup)
			case "other":
				assert.ErrorIs(t, err, other)
			case "unknown":
				var uo *medusa.UnknownOutcomeError
				assert.ErrorAs(t, err, &uo)
			case "unknown+other":
				var uo *medusa.UnknownOutcomeError
				assert.ErrorAs(t, err, &uo)
				assert.ErrorIs(t, err, other)
			}
		})
	}
}
