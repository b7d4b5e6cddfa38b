package main

import (
	"fmt"
	"go/format"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func gainedOp(locked bool, lockedIn string, body string) *sdkOp {
	return &sdkOp{
		operation: &operation{Name: "RequestOrderEdit", Locked: locked, LockedIn: lockedIn},
		params:    []param{{"id", "string"}, {"body", body}},
		result:    "AdminOrderEditPreviewResponse",
	}
}

// The gained-body rule applies to a locked route whose only new parameter
// is its body.
func TestGainedBody(t *testing.T) {
	so := gainedOp(true, "string", "RequestOrderEditBody")
	require.NotNil(t, gainedBody(so.operation, so))
	assert.Equal(t, "body", gainedBody(so.operation, so).name)
	assert.Nil(t, gainedBody(gainedOp(false, "", "RequestOrderEditBody").operation, gainedOp(false, "", "RequestOrderEditBody")), "a new route takes its body in its method")
	other := gainedOp(true, "string, int", "RequestOrderEditBody")
	assert.Nil(t, gainedBody(other.operation, other), "another change: the API gate reports it")
	same := gainedOp(true, "string, RequestOrderEditBody", "RequestOrderEditBody")
	assert.Nil(t, gainedBody(same.operation, same), "the body was locked already")
}

// The locked method keeps its signature and sends the body's zero value
// through the sibling.
func TestRenderGained(t *testing.T) {
	for body, zero := range map[string]string{"RequestOrderEditBody": "RequestOrderEditBody{}", "*RequestOrderEditBody": "&RequestOrderEditBody{}"} {
		so := gainedOp(true, "string", body)
		var b strings.Builder
		w := func(f string, args ...any) { fmt.Fprintf(&b, f, args...) }
		renderGained(w, so, gainedBody(so.operation, so), "RequestOrderEditWith")
		b.WriteString("func (a *API) RequestOrderEditWith() {}\n")
		src, err := format.Source([]byte("package p\n" + b.String()))
		require.NoError(t, err, b.String())
		assert.Contains(t, string(src), "func (a *API) RequestOrderEdit(ctx context.Context, id string, opts ...RequestEditorFn) (*AdminOrderEditPreviewResponse, error) {")
		assert.Contains(t, string(src), "return a.RequestOrderEditWith(ctx, id, "+zero+", opts...)")
		assert.Contains(t, string(src), "// RequestOrderEditWith is RequestOrderEdit with a request body, RequestOrderEditBody")
	}
}
