package sdkrt

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"strings"
	"time"
)

// Event is one server-sent event: its name (the "event:" field, "message"
// when absent), its data (the "data:" lines joined by newlines) and its id
// (the last "id:" seen on the stream).
type Event struct {
	Name string
	Data []byte
	ID   string
}

// maxInt is the largest int (a bufio.Scanner's buffer size is an int).
const maxInt = int64(^uint(0) >> 1)

// AcceptEvents asks for a text/event-stream answer.
func AcceptEvents(_ context.Context, req *http.Request) error {
	req.Header.Set("Accept", "text/event-stream")
	return nil
}

// Events opens a stream with open and yields its events as they arrive. The
// loop ends when the server closes the stream, when the caller breaks out
// of it (the body is then closed), or when ctx is done (without an error:
// cancelling is how a caller ends a stream that never ends by itself). A
// non-2xx answer is yielded as the error Decode makes of it. Each event is
// bounded by the request's body limit (MaxBody): a longer one ends the
// stream with a *BodyTooLargeError.
//
// A timeout of the client that runs out before the answer's headers (Medusa
// sends them with the stream's first event, so a quiet stream has none) is
// not the end: the stream is opened again, at most once a second, as an
// EventSource reconnects. Once the headers are in, only ctx ends it.
func Events(ctx context.Context, what string, open func(ctx context.Context) (*http.Response, error)) iter.Seq2[Event, error] {
	return func(yield func(Event, error) bool) {
		if ctx == nil {
			ctx = context.Background()
		}
		start := time.Now()
		resp, err := open(ctx)
		for err != nil && ctx.Err() == nil && errors.Is(err, context.DeadlineExceeded) {
			if wait(ctx, time.Second-time.Since(start)) != nil {
				return
			}
			start = time.Now()
			resp, err = open(ctx)
		}
		if err != nil {
			if ctx.Err() == nil {
				yield(Event{}, SanitizeError(err))
			}
			return
		}
		defer resp.Body.Close()
		if resp.StatusCode < 200 || resp.StatusCode > 299 {
			yield(Event{}, Decode(resp, nil, nil))
			return
		}
		// The stream as a whole has no size limit; each event has the
		// request's body limit (MaxBody).
		limit := MaxBody(resp)
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 0, min(64<<10, limit+1)), int(min(limit+1, maxInt)))
		var ev Event
		var data bytes.Buffer
		has := false
		size := int64(0) // the bytes of the current event so far
		for sc.Scan() {
			line := sc.Text()
			if size += int64(len(line)) + 1; size > limit {
				yield(Event{}, tooLarge(resp, limit))
				return
			}
			if line == "" {
				if has {
					ev.Data = bytes.Clone(data.Bytes())
					if ev.Name == "" {
						ev.Name = "message"
					}
					if !yield(ev, nil) {
						return
					}
				}
				ev, has, size = Event{ID: ev.ID}, false, 0
				data.Reset()
				continue
			}
			if strings.HasPrefix(line, ":") {
				continue // a comment, e.g. a keep-alive
			}
			field, value, _ := strings.Cut(line, ":")
			value = strings.TrimPrefix(value, " ")
			switch field {
			case "event":
				ev.Name, has = value, true
			case "data":
				if data.Len() > 0 {
					data.WriteByte('\n')
				}
				data.WriteString(value)
				has = true
			case "id":
				ev.ID = value
			}
		}
		if errors.Is(sc.Err(), bufio.ErrTooLong) {
			yield(Event{}, tooLarge(resp, limit))
			return
		}
		if err := sc.Err(); err != nil && ctx.Err() == nil {
			yield(Event{}, fmt.Errorf("read event stream %s: %w", what, err))
		}
	}
}

func wait(ctx context.Context, d time.Duration) error {
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
