package specfix

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const shapesSpec = `
openapi: 3.0.0
info: {title: t, version: 2.0.0}
paths:
  /admin/campaigns/{id}:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [name, description]
              properties:
                name: {type: string}
                description: {type: string}
                legacy: {type: string}
                methods:
                  type: array
                  items:
                    type: object
                    required: [option_id, name]
                    properties:
                      option_id: {type: string}
                      name: {type: string}
                shared: {$ref: "#/components/schemas/Shared"}
                read: {$ref: "#/components/schemas/Read"}
      responses:
        "200":
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Read"}
  /admin/options:
    post:
      requestBody:
        content:
          application/json:
            schema:
              oneOf:
                - {$ref: "#/components/schemas/Flat"}
                - {$ref: "#/components/schemas/Calculated"}
  /admin/other:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Shared"}
components:
  schemas:
    Shared: {type: object, required: [title], properties: {title: {type: string}}}
    Read: {type: object, required: [title], properties: {title: {type: string}}}
    Flat:
      type: object
      required: [name, prices]
      properties: {name: {type: string}, prices: {type: array, items: {type: number}}}
    Calculated:
      type: object
      required: [name]
      properties: {name: {type: string}}
`

func TestValidatorShapes(t *testing.T) {
	doc, err := Decode([]byte(shapesSpec))
	require.NoError(t, err)
	optional := Key{Optional: true}
	doc[ValidatorsKey] = &Validators{Medusa: "2.0.0", Bodies: map[string]*Shape{
		"POST /admin/campaigns/{}": {Strict: true, Keys: map[string]Key{
			"name": {}, "description": optional,
			"methods": {Shape: &Shape{Keys: map[string]Key{"shipping_option_id": {}, "name": {}}}},
			"shared":  {Shape: &Shape{Keys: map[string]Key{"title": optional}}},
			"read":    {Shape: &Shape{Keys: map[string]Key{"title": optional}}},
		}},
		"POST /admin/options": {Strict: true, Keys: map[string]Key{"name": {}, "prices": {}}},
	}}
	rep, err := Apply(doc, "validator-shapes")
	require.NoError(t, err)
	assert.NotContains(t, doc, ValidatorsKey, "the facts do not reach the generated spec")

	body := at(doc, "paths", "/admin/campaigns/{id}", "post", "requestBody", "content", "application/json", "schema")
	assert.Equal(t, []any{"name"}, at(body, "required"), "description is optional for the validator")
	assert.NotContains(t, at(body, "properties"), "legacy", "the strict validator refuses it")
	items := at(body, "properties", "methods", "items")
	assert.Contains(t, at(items, "properties"), "shipping_option_id")
	assert.NotContains(t, at(items, "properties"), "option_id")
	assert.Equal(t, []any{"shipping_option_id", "name"}, at(items, "required"))
	schemas := at(doc, "components", "schemas")
	assert.Equal(t, []any{"title"}, at(schemas, "Shared", "required"), "another body uses it: left alone")
	shared := at(body, "properties", "shared").(map[string]any)
	assert.NotContains(t, shared, "$ref", "this route gets its own copy")
	assert.NotContains(t, shared, "required")
	assert.Equal(t, "object", shared["type"])
	assert.Equal(t, []any{"title"}, at(schemas, "Read", "required"), "an answer reads it: left alone")

	// prices copied from the sibling branch, and required there
	assert.Equal(t, at(schemas, "Flat", "properties", "prices"), at(schemas, "Calculated", "properties", "prices"))
	assert.Equal(t, []any{"name", "prices"}, at(schemas, "Calculated", "required"))
	assert.Equal(t, 5, rep.Counts["validator-shapes"])

	// Without the facts (older releases, other tests) nothing changes.
	plain, err := Decode([]byte(shapesSpec))
	require.NoError(t, err)
	rep, err = Apply(plain, "validator-shapes")
	require.NoError(t, err)
	assert.Zero(t, rep.Counts["validator-shapes"])
	assert.Equal(t, []any{"name", "description"}, at(plain, "paths", "/admin/campaigns/{id}", "post", "requestBody", "content", "application/json", "schema", "required"))
}

const refusedSpec = `
openapi: 3.0.0
info: {title: t, version: 2.0.0}
paths:
  /store/carts/{id}/customer:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                additional_data: {type: object}
  /admin/products/{id}:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                title: {type: string}
                options: {type: array, items: {type: object, properties: {title: {type: string}}}}
                images:
                  type: array
                  items: {type: object, properties: {legacy: {type: string}}}
`

// A key the validator refuses whatever its value (zod any with a refinement
// that fails every value: the product update's "options", removed in Medusa
// 2.16) is dropped even when the validator is not strict; a body left with
// no property is an empty object (struct{} in Go), a nested object keeps
// its properties.
func TestValidatorShapesRefusedKeys(t *testing.T) {
	doc, err := Decode([]byte(refusedSpec))
	require.NoError(t, err)
	doc[ValidatorsKey] = &Validators{Medusa: "2.0.0", Bodies: map[string]*Shape{
		"POST /store/carts/{}/customer": {Strict: true, Keys: map[string]Key{}},
		"POST /admin/products/{}": {Keys: map[string]Key{
			"title":   {Optional: true},
			"options": {Optional: true, Refused: true},
			"images":  {Optional: true, Shape: &Shape{Strict: true, Keys: map[string]Key{"url": {}}}},
		}},
	}}
	rep, err := Apply(doc, "validator-shapes")
	require.NoError(t, err)

	cart := at(doc, "paths", "/store/carts/{id}/customer", "post", "requestBody", "content", "application/json", "schema").(map[string]any)
	assert.NotContains(t, cart, "properties")
	assert.Equal(t, "struct{}", cart["x-go-type"], "an empty body, not a map a nil value would send as null")
	assert.Equal(t, "object", cart["type"])

	product := at(doc, "paths", "/admin/products/{id}", "post", "requestBody", "content", "application/json", "schema")
	assert.Contains(t, at(product, "properties"), "title")
	assert.NotContains(t, at(product, "properties"), "options", "refused whatever its value, though the validator is not strict")
	assert.NotContains(t, product, "x-go-type")
	assert.Contains(t, at(product, "properties", "images", "items", "properties"), "legacy", "a nested object is not emptied")
	assert.Equal(t, 2, rep.Counts["validator-shapes"])
}
