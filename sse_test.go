package medusa_test

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2"
)

func TestEventsParsesTheStream(t *testing.T) {
	c := fake(t, func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "text/event-stream", r.Header.Get("Accept"))
		assert.Equal(t, "Bearer tok", r.Header.Get("Authorization"))
		w.Header().Set("Content-Type", "text/event-stream")
		_, _ = w.Write([]byte(": keep-alive\n\nevent: onBegin\nid: 1\ndata: {\"event_type\":\"onBegin\",\n" +
			"data: \"workflow_id\":\"wf\"}\n\ndata: plain\n\n"))
	})
	ctx := medusa.WithToken(context.Background(), "tok")
	var got []medusa.Event
	for ev, err := range c.Events(ctx, "/admin/stream", nil) {
		require.NoError(t, err)
		got = append(got, ev)
	}
	require.Len(t, got, 2)
	assert.Equal(t, "onBegin", got[0].Name)
	assert.Equal(t, "1", got[0].ID)
	assert.Equal(t, "{\"event_type\":\"onBegin\",\n\"workflow_id\":\"wf\"}", string(got[0].Data))
	assert.Equal(t, "message", got[1].Name)
	assert.Equal(t, "1", got[1].ID, "the last id carries over")
	assert.Equal(t, "plain", string(got[1].Data))
}

func TestEventsErrorsAndStops(t *testing.T) {
	c := fake(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/admin/forbidden/subscribe" {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(401)
			_, _ = w.Write([]byte(`{"type":"unauthorized","message":"Unauthorized"}`))
			return
		}
		w.Header().Set("Content-Type", "text/event-stream")
		for i := 0; ; i++ {
			if _, err := w.Write([]byte("event: onStepBegin\ndata: {\"event_type\":\"onStepBegin\"}\n\n")); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(10 * time.Millisecond):
			}
		}
	})
	for _, err := range c.Events(context.Background(), "/admin/forbidden/subscribe", nil) {
		var me *medusa.Error
		require.ErrorAs(t, err, &me)
		assert.Equal(t, 401, me.StatusCode)
	}

	// Breaking out of the loop closes the stream.
	n := 0
	for ev, err := range c.SubscribeWorkflow(context.Background(), "wf") {
		require.NoError(t, err)
		assert.Equal(t, "onStepBegin", ev.Type)
		if n++; n == 3 {
			break
		}
	}
	// A cancelled context ends it without an error.
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	count := 0
	for _, err := range c.SubscribeWorkflowTransaction(ctx, "wf", "tx") {
		require.NoError(t, err)
		count++
	}
	assert.Positive(t, count)
	for _, err := range c.SubscribeWorkflow(context.Background(), "") {
		assert.Error(t, err)
	}
}

// deadlineOnce fails its first request as a client timeout would.
type deadlineOnce struct {
	n    atomic.Int32
	next http.RoundTripper
}

func (d *deadlineOnce) RoundTrip(req *http.Request) (*http.Response, error) {
	if d.n.Add(1) == 1 {
		return nil, fmt.Errorf("timed out: %w", context.DeadlineExceeded)
	}
	return d.next.RoundTrip(req)
}

func TestEventsReopenAfterClientTimeout(t *testing.T) {
	rt := &deadlineOnce{next: http.DefaultTransport}
	c := fake(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		_, _ = w.Write([]byte("event: onFinish\ndata: {\"event_type\":\"onFinish\"}\n\n"))
	}, medusa.WithHTTPClient(&http.Client{Transport: rt}))
	var got []string
	for ev, err := range c.SubscribeWorkflow(context.Background(), "wf") {
		require.NoError(t, err)
		got = append(got, ev.Type)
	}
	assert.Equal(t, []string{"onFinish"}, got)
	assert.EqualValues(t, 2, rt.n.Load(), "opened again after the timeout")
}

// A stream outlives the client's timeout while events flow, on one
// connection, and ends with its context; the generated stream method and
// Client.Events behave the same.
func TestStreamOutlivesTimeout(t *testing.T) {
	const timeout = 200 * time.Millisecond
	var requests atomic.Int32
	c := fake(t, func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		w.Header().Set("Content-Type", "text/event-stream")
		for i := 0; ; i++ {
			if _, err := fmt.Fprintf(w, "event: tick\ndata: %d\n\n", i); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}, medusa.WithTimeout(timeout))
	for name, open := range map[string]func(context.Context) iter.Seq2[medusa.Event, error]{
		"Client.Events": func(ctx context.Context) iter.Seq2[medusa.Event, error] {
			return c.Events(ctx, "/admin/workflows-executions/wf/subscribe", nil)
		},
		"Admin.GetWorkflowsExecutionSubscribe": func(ctx context.Context) iter.Seq2[medusa.Event, error] {
			return c.Admin.GetWorkflowsExecutionSubscribe(ctx, "wf")
		},
	} {
		t.Run(name, func(t *testing.T) {
			requests.Store(0)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			start := time.Now()
			var last time.Duration
			n := 0
			for ev, err := range open(ctx) {
				require.NoError(t, err)
				assert.Equal(t, "tick", ev.Name)
				n++
				if last = time.Since(start); last > 5*timeout {
					cancel() // the loop must now end, without an error
				}
			}
			assert.Greater(t, last, 5*timeout)
			assert.Greater(t, n, 10)
			assert.EqualValues(t, 1, requests.Load(), "one connection throughout")
			assert.Less(t, time.Since(start), 5*timeout+time.Second, "ended soon after the cancel")
		})
	}
}

// Medusa sends a stream's headers with its first event: a stream quiet for
// longer than the client's timeout is opened again, and its events then
// arrive.
func TestQuietStreamReopens(t *testing.T) {
	const timeout = 150 * time.Millisecond
	var requests atomic.Int32
	c := fake(t, func(w http.ResponseWriter, r *http.Request) {
		if requests.Add(1) == 1 {
			<-r.Context().Done() // quiet until the client gives up
			return
		}
		w.Header().Set("Content-Type", "text/event-stream")
		_, _ = w.Write([]byte("event: onFinish\ndata: {\"event_type\":\"onFinish\"}\n\n"))
	}, medusa.WithTimeout(timeout))
	var got []string
	for ev, err := range c.Admin.GetWorkflowsExecutionSubscribe(context.Background(), "wf") {
		require.NoError(t, err)
		got = append(got, ev.Name)
	}
	assert.Equal(t, []string{"onFinish"}, got)
	assert.EqualValues(t, 2, requests.Load())
}
