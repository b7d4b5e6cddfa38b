package medusa

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"sync"
	"time"
)

// DefaultTimeout bounds every call whose context has no deadline: connecting,
// sending, retries and their waits, and reading the whole answer. A stalled
// server therefore cannot block a call made with context.Background()
// forever. Change it with WithTimeout; a context deadline, shorter or
// longer, replaces it for that call. A streamed answer (text/event-stream)
// is bounded by the timeout only until its headers arrive, then by its
// context alone.
const DefaultTimeout = time.Minute

// TimeoutError is the cause of a call that ran out of the client's timeout
// (DefaultTimeout or WithTimeout). errors.Is(err, context.DeadlineExceeded)
// is true for it, as for a context deadline.
type TimeoutError struct{ Timeout time.Duration }

func (e *TimeoutError) Error() string {
	return fmt.Sprintf("medusa: no complete answer within the client's timeout of %s (change it with medusa.WithTimeout or a context deadline)", e.Timeout)
}

// Is makes errors.Is(err, context.DeadlineExceeded) true.
func (e *TimeoutError) Is(target error) bool { return target == context.DeadlineExceeded }

type callDeadlineKey struct{}

// callDeadline is the deadline of the call ctx belongs to: the context's
// own, or the one timeoutTransport set.
func callDeadline(ctx context.Context) (time.Time, bool) {
	if d, ok := ctx.Deadline(); ok {
		return d, true
	}
	d, ok := ctx.Value(callDeadlineKey{}).(time.Time)
	return d, ok
}

// timeoutTransport gives a call without a deadline the client's timeout. It
// sits outside retryTransport, so the timeout covers every attempt and wait.
type timeoutTransport struct {
	next    http.RoundTripper
	timeout time.Duration
}

func (t *timeoutTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	parent := req.Context()
	if t.timeout <= 0 {
		return t.next.RoundTrip(req)
	}
	if _, ok := parent.Deadline(); ok {
		return t.next.RoundTrip(req)
	}
	// The call's clock started when its credentials were added (callStart),
	// or starts now.
	end, ok := parent.Value(callDeadlineKey{}).(time.Time)
	if !ok {
		end = time.Now().Add(t.timeout)
		parent = context.WithValue(parent, callDeadlineKey{}, end)
	}
	// A cancel with a cause, not context.WithTimeout: the timer must be
	// stoppable once a stream's headers are in.
	ctx, cancel := context.WithCancelCause(parent)
	timer := time.AfterFunc(time.Until(end), func() { cancel(&TimeoutError{Timeout: t.timeout}) })
	stop := func() { timer.Stop(); cancel(nil) }
	resp, err := t.next.RoundTrip(req.WithContext(ctx))
	if err != nil {
		err = timedOut(parent, ctx, err)
		stop()
		return nil, err
	}
	if isStream(resp) {
		timer.Stop()
	}
	resp.Body = &stopBody{ReadCloser: resp.Body, stop: stop, parent: parent, ctx: ctx}
	return resp, nil
}

// callStart starts the client's timeout of a call without a deadline when
// its credentials are added, before a refresh-ahead may wait: it marks the
// request with the call's end (timeoutTransport keeps to it) and gives the
// credentials' editor a context ending then, so that the editor waits for a
// refresh at most half of the call's time (then the still-valid token is
// used) and the whole call stays within the timeout.
func callStart(ctx context.Context, req *http.Request, timeout time.Duration, edit func(context.Context, *http.Request) error) error {
	if _, ok := callDeadline(ctx); ok || timeout <= 0 {
		return edit(ctx, req)
	}
	end := time.Now().Add(timeout)
	ctx = context.WithValue(ctx, callDeadlineKey{}, end)
	*req = *req.WithContext(context.WithValue(req.Context(), callDeadlineKey{}, end))
	ectx, cancel := context.WithDeadline(ctx, end)
	defer cancel()
	return edit(ectx, req)
}

// timedOut returns err, or the TimeoutError behind it when the client's
// timeout (not the caller's context) ended the call.
func timedOut(parent, ctx context.Context, err error) error {
	if ctx.Err() == nil || parent.Err() != nil {
		return err
	}
	c := context.Cause(ctx)
	var te *TimeoutError
	switch {
	case !errors.As(c, &te) || errors.Is(err, c):
		return err
	case errors.Is(err, context.Canceled):
		// A write cut off by the timeout keeps saying that its outcome is
		// unknown, now with the TimeoutError as its cause.
		var uo *UnknownOutcomeError
		if errors.As(err, &uo) {
			out := *uo
			out.Err = c
			return &out
		}
		return c
	}
	return fmt.Errorf("%w: %w", c, err)
}

// CloseIdleConnections passes the call on (http.Client.CloseIdleConnections
// reaches the transport through every wrapper).
func (t *timeoutTransport) CloseIdleConnections() { closeIdle(t.next) }

func closeIdle(rt http.RoundTripper) {
	if c, ok := rt.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}

func isStream(resp *http.Response) bool {
	mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	return mt == "text/event-stream"
}

// stopBody releases the call's timer and context when the body is read to
// its end or closed.
type stopBody struct {
	io.ReadCloser
	once        sync.Once
	stop        func()
	parent, ctx context.Context
}

func (b *stopBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if err == io.EOF {
		b.once.Do(b.stop)
	} else if err != nil {
		err = timedOut(b.parent, b.ctx, err)
	}
	return n, err
}

func (b *stopBody) Close() error {
	err := b.ReadCloser.Close()
	b.once.Do(b.stop)
	return err
}
