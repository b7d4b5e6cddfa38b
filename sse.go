package medusa

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"strings"
	"time"

	"github.com/medusa-sdk/medusa-go/v2/internal/qs"
	"github.com/medusa-sdk/medusa-go/v2/internal/sdkrt"
)

// Event is one server-sent event: its name (the "event:" field, "message"
// when absent), its data (the "data:" lines joined by newlines) and its id.
type Event struct {
	Name string
	Data []byte
	ID   string
}

// maxInt is the largest int (a bufio.Scanner's buffer size is an int).
const maxInt = int64(^uint(0) >> 1)

// Events opens a text/event-stream route (GET path with query, encoded as
// Do encodes it) with the client's credentials and yields its events as they
// arrive. The loop ends when the server closes the stream, when the caller
// breaks out of it (the connection is then closed), or when ctx is done
// (without an error: cancelling is how a caller stops a stream that never
// ends by itself). A non-2xx answer is yielded as a *Error. The stream as a
// whole has no size limit, but each event does: an event longer than the
// client's body limit (DefaultMaxBodySize or WithMaxBodySize) ends the
// stream with a *BodyTooLargeError. The client's
// timeout does not cut a stream: one that runs out before the server's first
// event (Medusa sends the stream's headers with it) is opened again.
func (c *Client) Events(ctx context.Context, path string, query any, opts ...RequestOption) iter.Seq2[Event, error] {
	return func(yield func(Event, error) bool) {
		if ctx == nil {
			ctx = context.Background()
		}
		req, err := c.NewRequest(ctx, http.MethodGet, path, query, nil, opts...)
		if err != nil {
			yield(Event{}, err)
			return
		}
		req.Header.Set("Accept", "text/event-stream")
		hc := *c.http
		hc.Timeout = 0
		start := time.Now()
		resp, err := hc.Do(req)
		// Medusa sends a stream's headers with its first event: a client
		// timeout may run out before a quiet stream answers at all. Open it
		// again then, as an EventSource reconnects (at most once a second);
		// the caller's context alone ends a stream.
		for err != nil && ctx.Err() == nil && errors.Is(err, context.DeadlineExceeded) {
			if sleepCtx(ctx, time.Second-time.Since(start)) != nil {
				return
			}
			start = time.Now()
			resp, err = hc.Do(req.Clone(ctx))
		}
		if err != nil {
			if ctx.Err() == nil {
				yield(Event{}, err)
			}
			return
		}
		defer resp.Body.Close()
		if resp.StatusCode < 200 || resp.StatusCode > 299 {
			yield(Event{}, sdkrt.Decode(resp, nil, nil))
			return
		}
		limit := c.maxBody
		tooLarge := &BodyTooLargeError{Method: req.Method, Path: req.URL.Path, Limit: limit, ContentLength: -1}
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 0, min(64<<10, limit+1)), int(min(limit+1, maxInt)))
		var ev Event
		var data bytes.Buffer
		has := false
		size := int64(0) // the bytes of the current event so far
		for sc.Scan() {
			line := sc.Text()
			if size += int64(len(line)) + 1; size > limit {
				yield(Event{}, tooLarge)
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
			yield(Event{}, tooLarge)
			return
		}
		if err := sc.Err(); err != nil && ctx.Err() == nil {
			yield(Event{}, fmt.Errorf("medusa: read event stream %s: %w", path, err))
		}
	}
}

// WorkflowEvent is one event of a workflow execution, as
// GET /admin/workflows-executions/{workflow_id}/subscribe streams it. Type is
// the workflow engine's event: onBegin, onStepBegin, onStepSuccess,
// onStepFailure, onStepAwaiting, onCompensateBegin, onCompensateStepSuccess,
// onCompensateStepFailure, onTimeout, onResume or onFinish. The other fields
// are Medusa's JSON, kept raw.
type WorkflowEvent struct {
	Type          string          `json:"event_type"`
	WorkflowID    string          `json:"workflow_id"`
	TransactionID string          `json:"transaction_id"`
	Step          json.RawMessage `json:"step,omitempty"`
	Response      json.RawMessage `json:"response,omitempty"`
	Result        json.RawMessage `json:"result,omitempty"`
	Errors        json.RawMessage `json:"errors,omitempty"`
}

// SubscribeWorkflow yields the events of every execution of a workflow
// (e.g. "create-product-tags") as the server runs them
// (GET /admin/workflows-executions/{workflow_id}/subscribe), until ctx is
// done or the caller breaks out of the loop; see Events.
func (c *Client) SubscribeWorkflow(ctx context.Context, workflowID string, opts ...RequestOption) iter.Seq2[WorkflowEvent, error] {
	return c.workflowEvents(ctx, []string{workflowID}, opts)
}

// SubscribeWorkflowTransaction is SubscribeWorkflow for one execution
// (GET /admin/workflows-executions/{workflow_id}/{transaction_id}/subscribe).
func (c *Client) SubscribeWorkflowTransaction(ctx context.Context, workflowID, transactionID string, opts ...RequestOption) iter.Seq2[WorkflowEvent, error] {
	return c.workflowEvents(ctx, []string{workflowID, transactionID}, opts)
}

func (c *Client) workflowEvents(ctx context.Context, ids []string, opts []RequestOption) iter.Seq2[WorkflowEvent, error] {
	return func(yield func(WorkflowEvent, error) bool) {
		path := "/admin/workflows-executions"
		for _, id := range ids {
			seg, err := qs.PathParam("workflow or transaction id", id)
			if err != nil {
				yield(WorkflowEvent{}, fmt.Errorf("medusa: SubscribeWorkflow: %w", err))
				return
			}
			path += "/" + seg
		}
		for ev, err := range c.Events(ctx, path+"/subscribe", nil, opts...) {
			if err != nil {
				yield(WorkflowEvent{}, err)
				return
			}
			var we WorkflowEvent
			if err := json.Unmarshal(ev.Data, &we); err != nil {
				yield(WorkflowEvent{}, fmt.Errorf("medusa: workflow event %q: %w", ev.Name, err))
				return
			}
			if we.Type == "" {
				we.Type = ev.Name
			}
			if !yield(we, nil) {
				return
			}
		}
	}
}
