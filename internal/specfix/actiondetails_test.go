package specfix

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func actionsDoc() map[string]any {
	return map[string]any{
		"components": map[string]any{"schemas": map[string]any{
			"AdminOrderChangeAction": map[string]any{"type": "object", "properties": map[string]any{
				"action":  map[string]any{"type": "string", "enum": []any{"ITEM_ADD", "SHIP_ITEM"}},
				"details": map[string]any{"type": "object"},
			}},
			// An action enum of something else: left alone.
			"AdminWorkflowStep": map[string]any{"type": "object", "properties": map[string]any{
				"action":  map[string]any{"type": "string", "enum": []any{"invoke", "compensate"}},
				"details": map[string]any{"type": "object"},
			}},
		}},
		ModelsKey: &Models{
			Medusa: "2.21.2",
			Models: []*Model{
				{Name: "OrderItem", Module: "order", Columns: map[string]Column{"quantity": {Type: "bigNumber"}, "metadata": {Type: "json"}}},
				{Name: "OrderShippingMethod", Module: "order", Columns: map[string]Column{"amount": {Type: "bigNumber"}, "name": {Type: "text"}},
					Relations: map[string]Relation{"adjustments": {Kind: "hasMany", Model: "OrderShippingMethodAdjustment"}}},
				{Name: "OrderLineItem", Module: "order", Columns: map[string]Column{"name": {Type: "number"}}},
				{Name: "Product", Module: "product", Columns: map[string]Column{"handle": {Type: "text"}}},
			},
			OrderChangeActions: map[string]ChangeAction{
				"ITEM_ADD":        {Written: []string{"reference_id", "quantity", "metadata", "handle"}, Always: []string{"reference_id", "quantity", "metadata"}, Read: []string{"reference_id", "quantity"}},
				"SHIP_ITEM":       {Written: []string{"reference_id", "quantity"}, Always: []string{"reference_id"}, Read: []string{"quantity"}},
				"SHIPPING_UPDATE": {Written: []string{"old_amount", "quantity_diff", "adjustments", "name"}, Open: true},
				"CREDIT_LINE_ADD": {},
			},
		},
	}
}

func TestActionDetails(t *testing.T) {
	doc := actionsDoc()
	rep := &Report{}
	require.NoError(t, actionDetails(doc, rep))
	s := doc["components"].(map[string]any)["schemas"].(map[string]any)
	props := s["AdminOrderChangeAction"].(map[string]any)["properties"].(map[string]any)
	assert.Equal(t, []any{"ITEM_ADD", "SHIP_ITEM", "CREDIT_LINE_ADD", "SHIPPING_UPDATE"}, props["action"].(map[string]any)["enum"],
		"the enum gains every ChangeActionType value it lacks, after its own")
	det := props["details"].(map[string]any)[ActionDetailsKey].(map[string]any)
	assert.NotContains(t, det, "CREDIT_LINE_ADD", "an action with no known key gets no type")
	add := det["ITEM_ADD"].(map[string]any)
	assert.Equal(t, map[string]any{
		"reference_id": map[string]any{"type": "string"},
		"quantity":     map[string]any{"type": "number", BigNumberKey: true},
		"metadata":     map[string]any{"type": "object", "additionalProperties": true},
		"handle":       map[string]any{},
	}, add["properties"], "typed by the order module's columns (a product column does not count), _id keys strings; the rest any JSON")
	assert.Equal(t, []any{"quantity", "reference_id"}, add["required"], "required: written by every literal and read by the handler")
	ship := det["SHIP_ITEM"].(map[string]any)
	assert.NotContains(t, ship, "required", "quantity is read but not always written, reference_id the reverse")
	upd := det["SHIPPING_UPDATE"].(map[string]any)
	assert.Equal(t, map[string]any{
		"old_amount":    map[string]any{"type": "number", BigNumberKey: true},
		"quantity_diff": map[string]any{"type": "number", BigNumberKey: true},
		"adjustments":   map[string]any{"type": "array", "items": map[string]any{"type": "object", "additionalProperties": true}},
		"name":          map[string]any{},
	}, upd["properties"], "a name without its first or last word; a to-many relation a list; columns that disagree type nothing")
	assert.Equal(t, true, upd["additionalProperties"], "a literal with a spread is open")
	other := s["AdminWorkflowStep"].(map[string]any)["properties"].(map[string]any)
	assert.NotContains(t, other["details"], ActionDetailsKey)
	assert.Equal(t, []any{"invoke", "compensate"}, other["action"].(map[string]any)["enum"])
	assert.Equal(t, 2+3, rep.Counts["action-details"], "2 values added, 3 actions typed")

	again := &Report{}
	require.NoError(t, actionDetails(doc, again))
	assert.Zero(t, again.Counts["action-details"], "a second run changes nothing")

	none := actionsDoc()
	delete(none, ModelsKey)
	require.NoError(t, actionDetails(none, &Report{}), "without facts the rule does nothing")
}
