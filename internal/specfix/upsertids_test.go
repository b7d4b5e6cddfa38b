package specfix

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const upsertSpec = `
openapi: 3.0.0
info: {title: t, version: 2.0.0}
paths:
  /admin/products/{id}:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                title: {type: string}
                variants:
                  type: array
                  items:
                    oneOf:
                      - {$ref: "#/components/schemas/CreateVariant"}
                      - {$ref: "#/components/schemas/UpdateVariant"}
                images:
                  type: array
                  items: {type: object, required: [url], properties: {url: {type: string}}}
  /admin/products/batch:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                update:
                  type: array
                  items:
                    type: object
                    properties:
                      variants:
                        type: array
                        items:
                          oneOf:
                            - {$ref: "#/components/schemas/CreateVariant"}
                            - {$ref: "#/components/schemas/UpdateVariant"}
  /admin/tags:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                tags: {type: array, items: {$ref: "#/components/schemas/Tag"}}
  /admin/other-tags:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                tags: {type: array, items: {$ref: "#/components/schemas/Tag"}}
components:
  schemas:
    CreateVariant: {type: object, required: [title], properties: {title: {type: string}}}
    UpdateVariant: {type: object, properties: {title: {type: string}}}
    Tag: {type: object, properties: {value: {type: string}}}
`

// A list the validator upserts (its item takes an optional id) gets the id
// on its update shape: a component only when every body that reaches it
// agrees, an inline item directly; a create shape (it requires what the
// validator leaves optional) and a component another body's validator
// takes without id stay as they are.
func TestValidatorShapesUpsertIDs(t *testing.T) {
	doc, err := Decode([]byte(upsertSpec))
	require.NoError(t, err)
	optional := Key{Optional: true}
	variant := &Shape{Strict: true, Keys: map[string]Key{"id": optional, "title": optional}}
	doc[ValidatorsKey] = &Validators{Medusa: "2.0.0", Bodies: map[string]*Shape{
		"POST /admin/products/{}": {Keys: map[string]Key{
			"title":    optional,
			"variants": {Optional: true, Shape: variant},
			"images":   {Optional: true, Shape: &Shape{Keys: map[string]Key{"id": optional, "url": {}}}},
		}},
		"POST /admin/products/batch": {Keys: map[string]Key{
			"update": {Optional: true, Shape: &Shape{Keys: map[string]Key{"id": {}, "variants": {Optional: true, Shape: variant}}}},
		}},
		"POST /admin/tags":       {Keys: map[string]Key{"tags": {Shape: &Shape{Keys: map[string]Key{"id": optional, "value": optional}}}}},
		"POST /admin/other-tags": {Keys: map[string]Key{"tags": {Shape: &Shape{Keys: map[string]Key{"value": optional}}}}},
	}}
	rep, err := Apply(doc, "validator-shapes")
	require.NoError(t, err)

	schemas := at(doc, "components", "schemas")
	assert.Contains(t, at(schemas, "UpdateVariant", "properties"), "id", "both bodies upsert it")
	assert.Equal(t, "string", at(schemas, "UpdateVariant", "properties", "id", "type"))
	assert.NotContains(t, at(schemas, "UpdateVariant"), "required", "the id stays optional")
	assert.NotContains(t, at(schemas, "CreateVariant", "properties"), "id", "a create shape")
	assert.NotContains(t, at(schemas, "Tag", "properties"), "id", "another body's validator does not take an id")
	images := at(doc, "paths", "/admin/products/{id}", "post", "requestBody", "content", "application/json", "schema", "properties", "images", "items")
	assert.Contains(t, at(images, "properties"), "id", "an inline item")
	assert.Equal(t, []any{"url"}, at(images, "required"))
	batch := at(doc, "paths", "/admin/products/batch", "post", "requestBody", "content", "application/json", "schema", "properties", "update", "items")
	assert.NotContains(t, at(batch, "properties"), "id", "not added where the validator requires it")
	assert.Equal(t, 2, rep.Counts["validator-shapes"])
}
