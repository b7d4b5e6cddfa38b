package specfix

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// prop is the schema of one property of a component, for editing the
// fixture before the rule runs.
func prop(t *testing.T, doc map[string]any, schema, name string) map[string]any {
	t.Helper()
	p, _ := schemaProps(t, doc, schema)[name].(map[string]any)
	require.NotNil(t, p, schema+"."+name)
	return p
}

func TestModelColumnTypes(t *testing.T) {
	doc := columnsDoc(t)
	// Contradictions of each kind, in components and in an inline answer
	// object; the same kind in a request body component.
	prop(t, doc, "AdminPaymentCollection", "amount")["type"] = "integer"
	prop(t, doc, "AdminCart", "email")["type"] = "integer"
	opts := schemaProps(t, doc, "StoreShippingOptionListResponse")["shipping_options"].(map[string]any)
	inline := opts["items"].(map[string]any)["properties"].(map[string]any)
	inline["name"] = map[string]any{"type": "boolean", "description": "documented as a boolean"}
	pay := schemaProps(t, doc, "AdminPayment")
	pay["raw_amount"] = map[string]any{"type": "string"}
	pay["currency_code"] = map[string]any{"$ref": "#/components/schemas/AdminCollection"}
	doc[ModelsKey] = columnModels()

	rep := &Report{}
	require.NoError(t, modelColumnTypes(doc, rep))
	assert.Contains(t, doc, ModelsKey, "model-columns still needs the facts")
	assert.Equal(t, 3, rep.Counts["model-column-types"])

	assert.Equal(t, map[string]any{"type": "number", "description": "documented as a string"}, pay["amount"],
		"a bigNumber is sent as a JSON number; the description stays")
	assert.Contains(t, component(doc, "schemas")["AdminPayment"].(map[string]any)["required"], "amount", "required stays")
	assert.Equal(t, "number", prop(t, doc, "AdminPaymentCollection", "amount")["type"], "a bigNumber may have a fraction")
	assert.Equal(t, map[string]any{"type": "string", "description": "documented as a boolean"}, inline["name"], "inline objects matched by an envelope")

	assert.Equal(t, "integer", prop(t, doc, "AdminCart", "email")["type"], "request bodies are never reached")
	assert.Equal(t, "string", pay["raw_amount"].(map[string]any)["type"], "raw_* twins are left alone")
	assert.Equal(t, "#/components/schemas/AdminCollection", pay["currency_code"].(map[string]any)["$ref"], "a $ref is not a documented scalar")
	assert.Equal(t, "number", prop(t, doc, "StoreCartLineItem", "quantity")["type"], "a number decodes every integer: kept")
	assert.Equal(t, "date-time", prop(t, doc, "AdminOrderFulfillment", "packed_at")["format"], "agreeing properties are untouched")

	again := &Report{}
	require.NoError(t, modelColumnTypes(doc, again))
	assert.Empty(t, again.Counts, "a second run changes nothing")
}

func TestModelColumnTypesDropsKeysOfTheOldType(t *testing.T) {
	doc := columnsDoc(t)
	prop(t, doc, "AdminPayment", "currency_code")["type"] = "number"
	prop(t, doc, "AdminPayment", "currency_code")["minimum"] = 0
	pay := prop(t, doc, "AdminPayment", "amount")
	pay["format"], pay["enum"], pay["pattern"] = "decimal", []any{"10"}, "^[0-9]+$"
	doc[ModelsKey] = columnModels()

	require.NoError(t, modelColumnTypes(doc, &Report{}))
	assert.Equal(t, map[string]any{"type": "number", "description": "documented as a string"}, pay)
	assert.Equal(t, map[string]any{"type": "string"}, prop(t, doc, "AdminPayment", "currency_code"))
}

func TestModelColumnTypesWithoutFacts(t *testing.T) {
	doc := columnsDoc(t)
	rep := &Report{}
	require.NoError(t, modelColumnTypes(doc, rep))
	assert.Empty(t, rep.Counts)
	assert.Equal(t, "string", prop(t, doc, "AdminPayment", "amount")["type"])
}

func TestContradicts(t *testing.T) {
	for _, c := range []struct {
		have, want string
		bad        bool
	}{
		{"string", "number", true}, {"string", "integer", true}, {"string", "boolean", true},
		{"number", "string", true}, {"boolean", "string", true}, {"integer", "boolean", true},
		{"integer", "number", true}, {"number", "integer", false}, {"string", "string", false},
		{"object", "string", false}, {"array", "number", false},
	} {
		assert.Equal(t, c.bad, contradicts(c.have, c.want), "%s documented, %s sent", c.have, c.want)
	}
}
