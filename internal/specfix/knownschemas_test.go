package specfix

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const translationEntities = `
openapi: 3.0.0
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    AdminTranslation: {type: object, properties: {id: {type: string}}}
    AdminTranslationEntitiesResponse:
      type: object
      properties:
        count: {type: number}
        data:
          type: array
          items:
            type: object
            required: [id, translations]
            properties:
              id: {type: string}
              translations: {type: array, items: {$ref: "#/components/schemas/AdminTranslation"}}
`

// The translatable entities' own fields depend on the type asked: the items
// stay typed (id, translations) and take the rest as additional properties.
func TestTranslationEntitiesAreOpenRecords(t *testing.T) {
	doc, err := Decode([]byte(translationEntities))
	require.NoError(t, err)
	rep, err := Apply(doc, "server-validators")
	require.NoError(t, err)
	items := at(doc, "components", "schemas", "AdminTranslationEntitiesResponse", "properties", "data", "items")
	assert.Equal(t, true, at(items, "additionalProperties"))
	assert.NotNil(t, at(items, "properties", "translations"), "declared properties kept")
	assert.Positive(t, rep.Counts["server-validators"])

	// Without items (or without the schema) the fix does nothing and does not panic.
	doc, err = Decode([]byte("openapi: 3.0.0\npaths: {}\ncomponents:\n  schemas:\n    AdminTranslationEntitiesResponse: {type: object, properties: {data: {type: array}}}\n"))
	require.NoError(t, err)
	_, err = Apply(doc, "server-validators")
	assert.NoError(t, err)
}
