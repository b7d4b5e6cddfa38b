//go:build integration

package medusa_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
	"github.com/medusa-sdk/medusa-go/v2/internal/medusatest"
)

// The generated methods of the multipart routes send multipart forms the
// real server reads: Admin.CreateUpload stores the files, the deprecated
// Admin.ImportProducts (POST /admin/products/import, one "file" part) reads
// the CSV.
func TestGeneratedMultipartMethods(t *testing.T) {
	srv := medusatest.Require(t)
	ctx := ctxT(t)
	c := adminClient(t, srv)

	content := "typed upload " + srv.UniqueName("typed")
	up, err := c.Admin.CreateUpload(ctx, admin.CreateUploadForm{Files: []admin.File{
		{Name: "typed.txt", Content: strings.NewReader(content)},
	}})
	require.NoError(t, err)
	require.Len(t, up.Files, 1)
	resp, err := http.Get(up.Files[0].Url)
	require.NoError(t, err)
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, content, string(got))

	// A form missing its required files is refused before anything is sent.
	_, err = c.Admin.CreateUpload(ctx, admin.CreateUploadForm{})
	require.ErrorContains(t, err, `admin.CreateUpload: form field "files": no file`)

	handle := strings.ToLower(srv.UniqueName("typed-import"))
	csv := "Product Handle,Product Title,Product Status,Variant Title,Variant Sku,Variant Price EUR,Variant Option 1 Name,Variant Option 1 Value\n" +
		fmt.Sprintf("%s,Typed %s,draft,One,%s-1,10,Size,One\n", handle, handle, handle)
	imp, err := c.Admin.ImportProducts(ctx, admin.ImportProductsForm{File: admin.File{Name: "p.csv", Content: strings.NewReader(csv)}})
	require.NoError(t, err)
	require.NotEmpty(t, imp.TransactionId)
	assert.Equal(t, float64(1), imp.Summary.ToCreate, "the server read the CSV part")
}

// workflowEvents decodes a generated stream method's events.
func workflowEvents(seq iter.Seq2[admin.Event, error]) iter.Seq2[medusa.WorkflowEvent, error] {
	return func(yield func(medusa.WorkflowEvent, error) bool) {
		for ev, err := range seq {
			var we medusa.WorkflowEvent
			if err == nil {
				err = json.Unmarshal(ev.Data, &we)
			}
			if !yield(we, err) || err != nil {
				return
			}
		}
	}
}

// The generated subscribe method yields the workflow's events.
func TestGeneratedStreamMethod(t *testing.T) {
	srv := medusatest.Require(t)
	c := adminClient(t, srv)
	ctx, cancel := context.WithTimeout(ctxT(t), 60*time.Second)
	defer cancel()

	base := fmt.Sprintf("medusa-go-gen-sse-%d", time.Now().UnixNano())
	events := collect(workflowEvents(c.Admin.GetWorkflowsExecutionSubscribe(ctx, tagWorkflow)), base)
	var wf []medusa.WorkflowEvent
	for i := 0; wf == nil; i++ {
		require.Less(t, i, 40, "no workflow event arrived")
		require.NoError(t, runTagWorkflow(ctx, c, srv, fmt.Sprintf("%s-%d", base, i)))
		select {
		case wf = <-events:
		case <-time.After(300 * time.Millisecond):
		}
	}
	require.Equal(t, "onFinish", wf[len(wf)-1].Type, "%v", types(wf))
	assertSteps(t, wf)
}

// A stream outlives the client's timeout while events flow, and ends with
// its context: with WithTimeout(1s), the stream is read for 5 s while the
// workflow runs every 300 ms; events keep arriving well after the timeout,
// and cancelling ends the loop without an error. (TestStreamOutlivesTimeout
// shows with httptest that it is one connection throughout.)
func TestStreamOutlivesClientTimeout(t *testing.T) {
	srv := medusatest.Require(t)
	const timeout = time.Second
	c := adminClient(t, srv, medusa.WithTimeout(timeout))
	base := fmt.Sprintf("medusa-go-long-sse-%d", time.Now().UnixNano())
	for name, open := range map[string]func(ctx context.Context) iter.Seq2[medusa.WorkflowEvent, error]{
		"Client.SubscribeWorkflow": func(ctx context.Context) iter.Seq2[medusa.WorkflowEvent, error] {
			return c.SubscribeWorkflow(ctx, tagWorkflow)
		},
		"Admin.GetWorkflowsExecutionSubscribe": func(ctx context.Context) iter.Seq2[medusa.WorkflowEvent, error] {
			return workflowEvents(c.Admin.GetWorkflowsExecutionSubscribe(ctx, tagWorkflow))
		},
	} {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(ctxT(t))
			defer cancel()
			prefix := base + "-" + strings.ReplaceAll(name, ".", "-")
			start := time.Now()
			type seen struct {
				at  time.Duration
				err error
			}
			ch := make(chan seen, 1000)
			go func() {
				for ev, err := range open(ctx) {
					if err != nil || strings.HasPrefix(ev.TransactionID, prefix) {
						ch <- seen{time.Since(start), err}
					}
				}
				close(ch)
			}()
			runs := 0
			for tick := time.NewTicker(300 * time.Millisecond); time.Since(start) < 5*timeout; <-tick.C {
				require.NoError(t, runTagWorkflow(ctx, c, srv, fmt.Sprintf("%s-%d", prefix, runs)))
				runs++
			}
			time.Sleep(500 * time.Millisecond)
			cancel()
			var n int
			var last time.Duration
			ended := time.After(10 * time.Second)
			for done := false; !done; {
				select {
				case s, ok := <-ch:
					if !ok {
						done = true
						break
					}
					require.NoError(t, s.err)
					n++
					last = s.at
				case <-ended:
					t.Fatal("the stream did not end with its context")
				}
			}
			t.Logf("%d runs, %d events, last at %s (timeout %s)", runs, n, last.Round(time.Millisecond), timeout)
			assert.Greater(t, last, 3*timeout, "events still arrive long after the client's timeout")
			assert.Greater(t, n, 3*runs/2, "events of most runs arrived")
		})
	}
}
