package specfix

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const clearSpec = `
openapi: 3.0.0
info: {title: t, version: 2.0.0}
paths:
  /admin/products/{id}:
    post:
      operationId: PostProductsId
      requestBody:
        content:
          application/json:
            schema:
              allOf:
                - $ref: "#/components/schemas/AdminUpdateProduct"
                - {type: object, properties: {additional_data: {type: object}}}
      responses:
        "200":
          content:
            application/json:
              schema: {$ref: "#/components/schemas/AdminProduct"}
  /admin/products:
    post:
      operationId: PostProducts
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/AdminCreateProduct"}
      responses:
        "200": {description: ok}
components:
  schemas:
    AdminProduct:
      type: object
      properties:
        collection_id: {type: string}
    AdminCreateProduct:
      type: object
      properties:
        collection_id: {type: string}
    AdminUpdateProduct:
      type: object
      required: [type_id]
      properties:
        collection_id: {type: string}
        type_id: {type: string}
        title: {type: string}
        starts_at: {type: string}
        published: {type: string, format: date-time}
        metadata: {type: object}
        owner: {$ref: "#/components/schemas/AdminProduct"}
`

func TestClearableFields(t *testing.T) {
	doc, err := Decode([]byte(clearSpec))
	require.NoError(t, err)
	rep, err := Apply(doc, "clearable-fields")
	require.NoError(t, err)
	props := at(doc, "components", "schemas", "AdminUpdateProduct", "properties").(map[string]any)
	for _, k := range []string{"collection_id", "starts_at", "published", "metadata"} {
		assert.Equal(t, true, at(props, k, "nullable"), k)
	}
	for _, k := range []string{"type_id", "title"} {
		assert.Nil(t, at(props, k, "nullable"), "%s: required or not a link/date/metadata", k)
	}
	assert.Nil(t, at(doc, "components", "schemas", "AdminProduct", "properties", "collection_id", "nullable"), "answers keep their meaning")
	assert.Nil(t, at(doc, "components", "schemas", "AdminCreateProduct", "properties", "collection_id", "nullable"), "creates are not updates")
	assert.Equal(t, 4, rep.Counts["clearable-fields"])
}
