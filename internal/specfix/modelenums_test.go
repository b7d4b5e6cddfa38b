package specfix

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestModelEnumValues(t *testing.T) {
	doc := columnsDoc(t)
	// A documented enum narrower than its column, one that is not an enum
	// column, and an enum in a request body component.
	prop(t, doc, "AdminPaymentCollection", "currency_code")["enum"] = []any{"usd"}
	schemaProps(t, doc, "AdminPaymentCollection")["status"] = map[string]any{"type": "string", "enum": []any{"authorized"}}
	prop(t, doc, "AdminCart", "email")["enum"] = []any{"a"}
	doc[ModelsKey] = columnModels()

	rep := &Report{}
	require.NoError(t, modelEnumValues(doc, rep))
	assert.Equal(t, 1, rep.Counts["model-enum-values"])
	assert.Equal(t, []any{"authorized", "not_paid"}, prop(t, doc, "AdminPaymentCollection", "status")["enum"],
		"the documented values stay first; the column's others follow in its order")
	assert.Equal(t, []any{"usd"}, prop(t, doc, "AdminPaymentCollection", "currency_code")["enum"], "a text column is not an enum")
	assert.Equal(t, []any{"a"}, prop(t, doc, "AdminCart", "email")["enum"], "request bodies are never reached")
	assert.Contains(t, doc, ModelsKey, "model-columns still needs the facts")

	again := &Report{}
	require.NoError(t, modelEnumValues(doc, again))
	assert.Empty(t, again.Counts, "a second run changes nothing")

	none := columnsDoc(t)
	require.NoError(t, modelEnumValues(none, &Report{}), "without models the rule does nothing")
}
