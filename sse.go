package medusa

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"

	"github.com/medusa-sdk/medusa-go/v2/internal/qs"
	"github.com/medusa-sdk/medusa-go/v2/internal/sdkrt"
)

// Event is one server-sent event: its name (the "event:" field, "message"
// when absent), its data (the "data:" lines joined by newlines) and its id
// (the last "id:" of the stream). It is the type admin's generated stream
// methods yield too (admin.Event).
type Event = sdkrt.Event

// Events opens a text/event-stream route (GET path with query, encoded as
// Do encodes it) with the client's credentials and yields its events as they
// arrive. The loop ends when the server closes the stream, when the caller
// breaks out of it (the connection is then closed), or when ctx is done
// (without an error: cancelling is how a caller stops a stream that never
// ends by itself). A non-2xx answer is yielded as a *Error. The stream as a
// whole has no size limit, but each event does: an event longer than the
// client's body limit (DefaultMaxBodySize or WithMaxBodySize) ends the
// stream with a *BodyTooLargeError. The client's timeout (DefaultTimeout,
// WithTimeout) does not cut a stream: it bounds
// only the wait for the answer's headers, and one that runs out before the
// server's first event (Medusa sends the stream's headers with it) opens the
// stream again. (An http.Client.Timeout given with WithHTTPClient is a hard
// bound on every request, streams included.)
func (c *Client) Events(ctx context.Context, path string, query any, opts ...RequestOption) iter.Seq2[Event, error] {
	return sdkrt.Events(ctx, path, func(ctx context.Context) (*http.Response, error) {
		req, err := c.NewRequest(ctx, http.MethodGet, path, query, nil, opts...)
		if err != nil {
			return nil, err
		}
		req.Header.Set("Accept", "text/event-stream")
		return c.http.Do(withMaxBody(req, c.maxBody))
	})
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
