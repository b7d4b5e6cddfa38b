package medusa

import (
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
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

// idempotent reports whether req may be sent more than once. GET, HEAD,
// OPTIONS, PUT and DELETE are idempotent by HTTP's definition. A POST is only
// when the caller said so (the Retryable call option), or when it carries an
// Idempotency-Key header.
func idempotent(req *http.Request) bool {
	switch req.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodPut, http.MethodDelete:
		return true
	}
	if req.Header.Get("Idempotency-Key") != "" {
		return true
	}
	ok, _ := req.Context().Value(retryableKey{}).(bool)
	return ok
}

// retryTransport sends idempotent requests again after a connection error, a
// 429 or a 5xx answer.
type retryTransport struct {
	next   http.RoundTripper
	policy RetryPolicy
	sleep  func(ctx context.Context, d time.Duration) error // replaced in tests
}

func (t *retryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if t.policy.MaxRetries <= 0 || !idempotent(req) || (req.Body != nil && req.Body != http.NoBody && req.GetBody == nil) {
		return t.next.RoundTrip(req)
	}
	ctx := req.Context()
	for attempt := 0; ; attempt++ {
		resp, err := t.next.RoundTrip(req)
		if attempt >= t.policy.MaxRetries || ctx.Err() != nil || !shouldRetry(resp, err) {
			return resp, err
		}
		wait := t.policy.backoff(attempt)
		if resp != nil {
			if ra, ok := retryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
				wait = ra
			}
		}
		// The call's deadline would pass during the wait: the answer in
		// hand (a 503, a connection error) says more than a
		// DeadlineExceeded after sleeping for nothing.
		if end, ok := callDeadline(ctx); ok && time.Until(end) <= wait {
			return resp, err
		}
		if resp != nil {
			// Drain a little so the connection can be reused, then let it go.
			_, _ = io.CopyN(io.Discard, resp.Body, 4<<10)
			resp.Body.Close()
		}
		if err := t.sleep(ctx, wait); err != nil {
			return nil, err
		}
		if req, err = rewind(req); err != nil {
			return nil, err
		}
	}
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
