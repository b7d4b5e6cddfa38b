package medusa

import (
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptrace"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/medusa-sdk/medusa-go/v2/internal/sdkrt"
)

// RetryPolicy says which requests are sent again, how often and how long to
// wait. The zero value retries nothing; DefaultRetryPolicy is what New uses.
type RetryPolicy struct {
	// MaxRetries is the number of retries after the first attempt.
	MaxRetries int
	// BaseDelay is the wait before the first retry; each next one doubles it,
	// up to MaxDelay, and a random jitter of up to half the delay is added.
	BaseDelay time.Duration
	MaxDelay  time.Duration
}

// DefaultRetryPolicy retries twice, after about 250ms and 500ms.
var DefaultRetryPolicy = RetryPolicy{MaxRetries: 2, BaseDelay: 250 * time.Millisecond, MaxDelay: 5 * time.Second}

// maxRetryAfter caps how long a Retry-After header may make a request wait.
const maxRetryAfter = 30 * time.Second

type retryableKey struct{}

// withRetryable marks the request's context: its POST may be sent again.
func withRetryable(ctx context.Context) context.Context {
	return context.WithValue(ctx, retryableKey{}, true)
}

// idempotencyKeyHeaders are the headers net/http's Transport takes as a
// promise that a request may be replayed (http.Request.isReplayable).
var idempotencyKeyHeaders = [...]string{"Idempotency-Key", "X-Idempotency-Key"}

// replaySafe reports whether req may be sent again whatever became of an
// earlier attempt: the server makes a second one change nothing more. That
// holds for
//   - reads (GET, HEAD, OPTIONS, TRACE);
//   - DELETE and PUT, idempotent by HTTP's definition (a repeated Medusa
//     delete answers as the first did: TestFaultDeleteStaysIdempotent);
//   - a request the caller marked with Retryable(): a write Medusa itself
//     makes idempotent, such as completing a cart (a repeat answers the
//     same order: TestFaultCartCompletionAnswersTheSameOrder);
//   - a request with an Idempotency-Key header, only when the client was
//     told with WithIdempotencyKeySupport that something in front of
//     Medusa honours it: Medusa ignores the header
//     (TestMedusaIgnoresIdempotencyKey).
//
// Any other write may still be sent again when the first attempt provably
// never reached the server (neverSent).
func replaySafe(req *http.Request, keysHonoured bool) bool {
	switch req.Method {
	case "", http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodTrace, http.MethodPut, http.MethodDelete:
		return true
	}
	if ok, _ := req.Context().Value(retryableKey{}).(bool); ok {
		return true
	}
	return keysHonoured && hasIdempotencyKey(req.Header)
}

func hasIdempotencyKey(h http.Header) bool {
	for _, k := range idempotencyKeyHeaders {
		if _, ok := h[k]; ok {
			return true
		}
	}
	return false
}

// neverSent reports whether err proves that the request never reached the
// server: no connection was made (a dial error: refused, unreachable, DNS,
// or the proxy's CONNECT failed). RoundTrip also requires that the attempt
// did not write the request's headers: net/http's own replay may end in a
// dial error after an earlier connection got the request. A request
// net/http could not write on a reused connection it already sends again
// itself, on a new one (its nothingWrittenError), as long as the body can
// be rewound, which the SDK's bodies can.
func neverSent(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && (op.Op == "dial" || op.Op == "proxyconnect")
}

// retryTransport sends a request again after a connection error, a 429 or a
// 5xx answer when replaySafe allows it, and any request again after an error
// that proves it never reached the server. A write whose attempts ended
// without a whole answer gets an *UnknownOutcomeError.
type retryTransport struct {
	next   http.RoundTripper
	policy RetryPolicy
	keys   bool                                             // WithIdempotencyKeySupport
	sleep  func(ctx context.Context, d time.Duration) error // replaced in tests
}

func (t *retryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	if err := ctx.Err(); err != nil {
		// Nothing is sent on a context that is already done.
		if req.Body != nil {
			req.Body.Close()
		}
		return nil, err
	}
	safe := replaySafe(req, t.keys)
	if !safe && hasIdempotencyKey(req.Header) {
		req = hideIdempotencyKey(req)
	}
	rewindable := req.Body == nil || req.Body == http.NoBody || req.GetBody != nil
	// wrote: net/http wrote a write's headers (perhaps only into its
	// buffer) during this attempt, its own replays included. Such an
	// attempt counts as sent, whatever error ended it.
	var wrote atomic.Bool
	if !sdkrt.IsRead(req.Method) {
		req = req.WithContext(httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{WroteHeaders: func() { wrote.Store(true) }}))
	}
	mayApply := false // an attempt may have reached the server
	for attempt := 1; ; attempt++ {
		wrote.Store(false)
		resp, err := t.next.RoundTrip(req)
		unsent := err != nil && !wrote.Load() && neverSent(err)
		mayApply = mayApply || !unsent
		retry := attempt <= t.policy.MaxRetries && rewindable && ctx.Err() == nil &&
			(unsent || (safe && shouldRetry(resp, err)))
		if !retry {
			return t.outcome(req, resp, err, attempt, mayApply)
		}
		wait := t.policy.backoff(attempt - 1)
		if resp != nil {
			if ra, ok := retryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
				wait = ra
			}
		}
		// The call's deadline would pass during the wait: the answer in
		// hand (a 503, a connection error) says more than a
		// DeadlineExceeded after sleeping for nothing.
		if end, ok := callDeadline(ctx); ok && time.Until(end) <= wait {
			return t.outcome(req, resp, err, attempt, mayApply)
		}
		if resp != nil {
			// Drain a little so the connection can be reused, then let it go.
			_, _ = io.CopyN(io.Discard, resp.Body, 4<<10)
			resp.Body.Close()
		}
		if err := t.sleep(ctx, wait); err != nil {
			return t.outcome(req, nil, err, attempt, mayApply)
		}
		if req, err = rewind(req); err != nil {
			return nil, err
		}
	}
}

// outcome is what RoundTrip returns for a request's last attempt. A read
// passes as it is. A write whose last attempt failed after an attempt may
// have reached the server becomes an *UnknownOutcomeError (a failure that
// proves nothing was sent passes as it is); a 2xx answer's body reports a
// read error as one (the write was applied, its answer lost).
func (t *retryTransport) outcome(req *http.Request, resp *http.Response, err error, attempts int, mayApply bool) (*http.Response, error) {
	if sdkrt.IsRead(req.Method) {
		return resp, err
	}
	if err != nil {
		if !mayApply {
			return nil, err
		}
		return nil, &UnknownOutcomeError{Method: req.Method, Route: req.URL.Path, Attempts: attempts, Err: err}
	}
	if resp.StatusCode >= 200 && resp.StatusCode <= 299 && resp.Body != nil && resp.Body != http.NoBody {
		resp.Body = &outcomeBody{ReadCloser: resp.Body, method: req.Method, route: req.URL.Path, status: resp.StatusCode, attempts: attempts}
	}
	return resp, nil
}

// outcomeBody turns a read error of a write's 2xx answer into an
// *UnknownOutcomeError: the server applied the write, its answer is lost.
type outcomeBody struct {
	io.ReadCloser
	method, route    string
	status, attempts int
}

func (b *outcomeBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if err != nil && err != io.EOF {
		err = &UnknownOutcomeError{Method: b.method, Route: b.route, StatusCode: b.status, Attempts: b.attempts, Err: err}
	}
	return n, err
}

// hideIdempotencyKey returns a copy of req whose Idempotency-Key headers
// are stored under their lower-case names: the server gets the same header
// (names are case-insensitive), but net/http's Transport, which would
// replay a POST carrying Idempotency-Key on a reused connection that broke
// after the request was written (Request.isReplayable looks up the
// canonical name), does not.
func hideIdempotencyKey(req *http.Request) *http.Request {
	r := req.Clone(req.Context())
	for _, k := range idempotencyKeyHeaders {
		if v, ok := r.Header[k]; ok {
			delete(r.Header, k)
			r.Header[strings.ToLower(k)] = v
		}
	}
	return r
}

func shouldRetry(resp *http.Response, err error) bool {
	if err != nil {
		// Context errors are final; every other transport error (refused,
		// reset, EOF before the answer) is worth another try.
		return !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded)
	}
	return resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500
}

// rewind returns a copy of req whose body can be read again from the start.
func rewind(req *http.Request) (*http.Request, error) {
	if req.Body == nil || req.Body == http.NoBody {
		return req, nil
	}
	body, err := req.GetBody()
	if err != nil {
		return nil, err
	}
	r := req.Clone(req.Context())
	r.Body = body
	return r, nil
}

// CloseIdleConnections passes the call on to the wrapped transport.
func (t *retryTransport) CloseIdleConnections() { closeIdle(t.next) }

func (p RetryPolicy) backoff(attempt int) time.Duration {
	d := p.BaseDelay << min(attempt, 62)
	if d <= 0 || d>>min(attempt, 62) != p.BaseDelay || (p.MaxDelay > 0 && d > p.MaxDelay) {
		d = p.MaxDelay
	}
	if d <= 0 {
		return 0
	}
	return d + rand.N(d/2+1)
}

// retryAfter reads a Retry-After header: delay-seconds or an HTTP date.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	var d time.Duration
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil || errors.Is(err, strconv.ErrRange) {
		// Compare before multiplying: a huge value would overflow (out of
		// range, ParseInt gives the largest or smallest int64).
		switch {
		case secs <= 0:
			d = 0
		case secs >= int64(maxRetryAfter/time.Second):
			return maxRetryAfter, true
		default:
			d = time.Duration(secs) * time.Second
		}
	} else if at, err := http.ParseTime(v); err == nil {
		d = at.Sub(now)
	} else {
		return 0, false
	}
	return min(max(d, 0), maxRetryAfter), true
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
