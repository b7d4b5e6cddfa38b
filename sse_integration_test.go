//go:build integration

package medusa_test

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/internal/medusatest"
)

const tagWorkflow = "create-product-tags"

// runTagWorkflow runs the create-product-tags workflow through the run
// route, with the given transaction id.
func runTagWorkflow(ctx context.Context, c *medusa.Client, srv *medusatest.Server, txID string) error {
	body := map[string]any{
		"transaction_id": txID,
		"input":          map[string]any{"product_tags": []map[string]string{{"value": srv.UniqueName("sse-tag")}}},
	}
	return c.Do(ctx, "POST", "/admin/workflows-executions/"+tagWorkflow+"/run", nil, body, nil)
}

// collect reads a stream in the background, keeps the events of
// transactions starting with prefix (other tests may run the same workflow)
// and stops at the first onFinish among them.
func collect(seq iter.Seq2[medusa.WorkflowEvent, error], prefix string) <-chan []medusa.WorkflowEvent {
	done := make(chan []medusa.WorkflowEvent, 1)
	go func() {
		var got []medusa.WorkflowEvent
		for ev, err := range seq {
			if err != nil {
				got = append(got, medusa.WorkflowEvent{Type: "error: " + err.Error()})
				break
			}
			if !strings.HasPrefix(ev.TransactionID, prefix) {
				continue
			}
			got = append(got, ev)
			if ev.Type == "onFinish" {
				break
			}
		}
		done <- got
	}()
	return done
}

func TestSubscribeWorkflowEvents(t *testing.T) {
	srv := medusatest.Require(t)
	c := adminClient(t, srv)
	ctx, cancel := context.WithTimeout(ctxT(t), 60*time.Second)
	defer cancel()

	base := fmt.Sprintf("medusa-go-sse-%d", time.Now().UnixNano())
	txID := base + "-one"
	wfEvents := collect(c.SubscribeWorkflow(ctx, tagWorkflow), base+"-run")
	txEvents := collect(c.SubscribeWorkflowTransaction(ctx, tagWorkflow, txID), txID)

	// Medusa subscribes only after it answered the request, so run the
	// workflow until the workflow-wide stream sees a run finish.
	var wf []medusa.WorkflowEvent
	for i := 0; wf == nil; i++ {
		require.Less(t, i, 40, "no workflow event arrived")
		require.NoError(t, runTagWorkflow(ctx, c, srv, fmt.Sprintf("%s-run-%d", base, i)))
		select {
		case wf = <-wfEvents:
		case <-time.After(300 * time.Millisecond):
		}
	}
	require.Equal(t, "onFinish", wf[len(wf)-1].Type, "%v", types(wf))
	assert.Equal(t, tagWorkflow, wf[len(wf)-1].WorkflowID)
	assertSteps(t, wf)

	// The one-transaction stream was opened with the other: it sees its run.
	time.Sleep(300 * time.Millisecond)
	require.NoError(t, runTagWorkflow(ctx, c, srv, txID))
	var tx []medusa.WorkflowEvent
	select {
	case tx = <-txEvents:
	case <-ctx.Done():
		t.Fatal("no event for the transaction")
	}
	require.NotEmpty(t, tx)
	fin := tx[len(tx)-1]
	require.Equal(t, "onFinish", fin.Type, "%v", types(tx))
	assert.Equal(t, txID, fin.TransactionID)
	assertSteps(t, tx)
}

// A stream stops with its context, without an error.
func TestSubscribeWorkflowStopsWithContext(t *testing.T) {
	srv := medusatest.Require(t)
	c := adminClient(t, srv)
	ctx, cancel := context.WithCancel(ctxT(t))
	ended := make(chan error, 1)
	go func() {
		var last error
		for _, err := range c.SubscribeWorkflow(ctx, "medusa-go-never-runs") {
			last = err
		}
		ended <- last
	}()
	time.Sleep(300 * time.Millisecond)
	cancel()
	select {
	case err := <-ended:
		assert.NoError(t, err)
	case <-time.After(10 * time.Second):
		t.Fatal("the stream did not stop with its context")
	}
}

func assertSteps(t *testing.T, evs []medusa.WorkflowEvent) {
	t.Helper()
	steps := 0
	for _, ev := range evs {
		if ev.Type == "onStepSuccess" {
			steps++
			assert.True(t, json.Valid(ev.Step), "the step is JSON")
		}
	}
	assert.Positive(t, steps, "step events came before the finish: %v", types(evs))
}

func types(evs []medusa.WorkflowEvent) []string {
	var out []string
	for _, e := range evs {
		out = append(out, e.Type)
	}
	return out
}
