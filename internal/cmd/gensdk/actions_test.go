package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const actionsGen = `package admin

type AdminOrderChangeAction struct {
	Action  AdminOrderChangeActionAction ` + "`json:\"action\"`" + `
	Details map[string]interface{}       ` + "`json:\"details\"`" + `
}

type AdminOrderChangeActionAction string

const AdminOrderChangeActionActionItemAdd AdminOrderChangeActionAction = "ITEM_ADD"
`

const actionsSpec = `{"components":{"schemas":{
 "AdminOrderChangeAction":{"properties":{"action":{"type":"string"},"details":{"type":"object",
  "x-medusa-action-details":{
   "ITEM_ADD":{"type":"object","required":["quantity","metadata"],"properties":{
     "quantity":{"type":"number","x-medusa-big-number":true},
     "metadata":{"type":"object","additionalProperties":true},
     "claim_id":{"type":"string"},
     "token":{}}},
   "SHIP_ITEM":{"type":"object","properties":{"quantity":{"type":"number"}}}}}}},
 "Unrelated":{"properties":{"details":{"type":"object"}}}}}}`

func TestRenderActions(t *testing.T) {
	dir := t.TempDir()
	spec := filepath.Join(dir, "spec.json")
	require.NoError(t, os.WriteFile(spec, []byte(actionsSpec), 0o644))
	recs, err := readActionRecords(spec)
	require.NoError(t, err)
	require.Len(t, recs, 1)

	src, err := renderActions("admin", []byte(actionsGen), recs)
	require.NoError(t, err)
	out := string(src)
	assert.Contains(t, out, "type OrderChangeItemAddDetails struct {")
	assert.Regexp(t, `Quantity +float64 +`+"`json:\"quantity\"`", out, "a required scalar is a value")
	assert.Regexp(t, `ClaimId +\*string +`+"`json:\"claim_id,omitempty\"`", out, "an optional one a pointer")
	assert.Regexp(t, `Metadata +map\[string\]interface\{\} +`+"`json:\"metadata,omitempty\"`", out, "a map is nil when absent, required or not")
	assert.Regexp(t, `Token +interface\{\}`, out, "an untyped key holds any JSON value")
	assert.Contains(t, out, `func (a AdminOrderChangeAction) ItemAddDetails() (OrderChangeItemAddDetails, error) {`)
	assert.Contains(t, out, `sdkrt.ActionDetails(string(a.Action), "ITEM_ADD", a.Details, &d, "quantity")`, "the BigNumber keys are named")
	assert.Contains(t, out, "(AdminOrderChangeActionActionItemAdd)", "the doc names the action's constant")
	assert.Contains(t, out, `("SHIP_ITEM")`, "or its value where the enum has no constant for it")

	none, err := renderActions("admin", []byte("package admin\n\ntype Other struct{}\n"), recs)
	require.NoError(t, err)
	assert.Nil(t, none, "no record with typed details, no file")

	_, err = renderActions("admin", []byte(actionsGen+"\ntype OrderChangeItemAddDetails struct{}\n"), recs)
	assert.ErrorContains(t, err, "already declared")
}
