package specfix

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const twinsSpec = `
openapi: 3.0.0
info: {title: t, version: 2.0.0}
paths:
  /admin/things/batch:
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
                    required: [id]
                    properties:
                      id: {type: string}
                      title: {type: string}
                      profile_id: {type: string, description: from the batch}
  /admin/things:
    post:
      requestBody:
        content:
          application/json:
            schema: {type: object, required: [title], properties: {title: {type: string}}}
  /admin/things/{id}:
    post:
      requestBody:
        content:
          application/json:
            schema:
              allOf:
                - {$ref: "#/components/schemas/UpdateThing"}
                - {type: object, properties: {additional_data: {type: object}}}
  /admin/others/batch:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                update: {type: array, items: {type: object, properties: {id: {type: string}, rank: {type: number}}}}
  /admin/others/{id}:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Shared"}
  /admin/elsewhere:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Shared"}
components:
  schemas:
    UpdateThing:
      type: object
      properties:
        title: {type: string}
        tag_ids: {type: array, items: {type: string}}
    Shared: {type: object, properties: {title: {type: string}}}
`

// POST <path>/batch update items and POST <path>/{id} take the same fields,
// and so do POST <path> and POST <path>/{id}: each gains what its validator
// takes, it lacks and the twin documents (never the id); a component other
// bodies share is left alone.
func TestValidatorShapesBatchTwins(t *testing.T) {
	doc, err := Decode([]byte(twinsSpec))
	require.NoError(t, err)
	optional := Key{Optional: true}
	item := map[string]Key{"id": {}, "title": optional, "profile_id": optional, "tag_ids": optional}
	doc[ValidatorsKey] = &Validators{Medusa: "2.0.0", Bodies: map[string]*Shape{
		"POST /admin/things/batch": {Keys: map[string]Key{"update": {Optional: true, Shape: &Shape{Strict: true, Keys: item}}}},
		"POST /admin/things/{}": {Strict: true, Keys: map[string]Key{
			"title": optional, "profile_id": optional, "tag_ids": optional, "additional_data": optional,
		}},
		"POST /admin/things":       {Strict: true, Keys: map[string]Key{"title": {}, "tag_ids": optional}},
		"POST /admin/others/batch": {Keys: map[string]Key{"update": {Optional: true, Shape: &Shape{Keys: map[string]Key{"id": {}, "rank": optional}}}}},
		"POST /admin/others/{}":    {Keys: map[string]Key{"title": optional, "rank": optional}},
	}}
	rep, err := Apply(doc, "validator-shapes")
	require.NoError(t, err)

	single := at(doc, "components", "schemas", "UpdateThing", "properties")
	assert.Contains(t, single, "profile_id", "from the batch item")
	assert.Equal(t, "from the batch", at(single, "profile_id", "description"))
	assert.NotContains(t, single, "id", "the id stays the batch item's")
	batch := at(doc, "paths", "/admin/things/batch", "post", "requestBody", "content", "application/json", "schema", "properties", "update", "items", "properties")
	assert.Contains(t, batch, "tag_ids", "from the single update")
	assert.NotContains(t, at(doc, "components", "schemas", "Shared", "properties"), "rank", "shared with another body")
	create := at(doc, "paths", "/admin/things", "post", "requestBody", "content", "application/json", "schema", "properties")
	assert.Contains(t, create, "tag_ids", "the create takes the update's field")
	assert.NotContains(t, create, "profile_id", "its validator does not take it")
	assert.Equal(t, 3, rep.Counts["validator-shapes"])
}
