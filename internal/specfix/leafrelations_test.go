package specfix

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestModelLeafRelations(t *testing.T) {
	doc := columnsDoc(t)
	models := columnModels()
	// A fulfillment's labels are leaves; its items point to a line item too,
	// so they are not.
	models.Models = append(models.Models,
		&Model{Name: "FulfillmentLabel", Table: "fulfillment_label", Module: "fulfillment",
			Columns: map[string]Column{"id": {Type: "id"}, "tracking_number": {Type: "text"}, "label_url": {Type: "text"},
				"deleted_at": {Type: "dateTime", Nullable: true}, "raw_x": {Type: "json"}, "value": {Type: "json"}},
			Relations: map[string]Relation{"fulfillment": {Kind: "belongsTo", Model: "Fulfillment", Key: "fulfillment_id"}}},
		&Model{Name: "FulfillmentItem", Table: "fulfillment_item", Module: "fulfillment",
			Columns: map[string]Column{"id": {Type: "id"}},
			Relations: map[string]Relation{"fulfillment": {Kind: "belongsTo", Model: "Fulfillment", Key: "fulfillment_id"},
				"line_item": {Kind: "belongsTo", Model: "LineItem", Key: "line_item_id"}}})
	for _, m := range models.Models {
		if m.Name == "Fulfillment" {
			m.Relations["items"] = Relation{Kind: "hasMany", Model: "FulfillmentItem"}
		}
	}
	doc[ModelsKey] = models

	rep := &Report{}
	require.NoError(t, modelLeafRelations(doc, rep))
	assert.Equal(t, 1, rep.Counts["model-leaf-relations"])
	labels := prop(t, doc, "AdminOrderFulfillment", "labels")
	assert.Equal(t, "array", labels["type"])
	assert.Equal(t, map[string]any{"$ref": "#/components/schemas/AdminOrderFulfillmentLabel"}, labels["items"])
	row := schemaProps(t, doc, "AdminOrderFulfillmentLabel")
	assert.Equal(t, []string{"deleted_at", "fulfillment_id", "id", "label_url", "tracking_number", "value"}, sortedKeys(row),
		"the leaf's stored columns and its key; no raw_* twin")
	assert.NotContains(t, row["value"], "type", "a json column holds any JSON value")
	assert.Equal(t, true, row["deleted_at"].(map[string]any)["nullable"])
	assert.NotContains(t, schemaProps(t, doc, "AdminOrderFulfillment"), "items", "a relation whose rows point elsewhere is left alone")
	assert.NotContains(t, component(doc, "schemas")["AdminOrderFulfillment"].(map[string]any), "required", "the relation is optional")

	again := &Report{}
	require.NoError(t, modelLeafRelations(doc, again))
	assert.Empty(t, again.Counts, "a second run changes nothing")
}
