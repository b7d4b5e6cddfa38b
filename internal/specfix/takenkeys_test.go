package specfix

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const takenSpec = `
openapi: 3.0.0
info: {title: t, version: "1"}
paths:
  /admin/promotions:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/CreatePromotion"}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/Promotion"}}}}
  /admin/promotions/{id}:
    post:
      requestBody:
        content:
          application/json:
            schema:
              allOf:
                - {$ref: "#/components/schemas/Base"}
                - {type: object, properties: {code: {type: string}}}
      responses:
        "200": {description: ok}
  /admin/a:
    post:
      requestBody: {content: {application/json: {schema: {$ref: "#/components/schemas/Shared"}}}}
      responses: {"200": {description: ok}}
  /admin/b:
    post:
      requestBody: {content: {application/json: {schema: {$ref: "#/components/schemas/Shared"}}}}
      responses: {"200": {description: ok}}
  /admin/read:
    post:
      requestBody: {content: {application/json: {schema: {$ref: "#/components/schemas/Promotion"}}}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/Promotion"}}}}
components:
  schemas:
    CreatePromotion: {type: object, properties: {code: {type: string}}}
    Base: {type: object, properties: {name: {type: string}}}
    Shared: {type: object, properties: {name: {type: string}}}
    Promotion: {type: object, properties: {id: {type: string}}}
`

func TestTakenKeys(t *testing.T) {
	doc, err := Decode([]byte(takenSpec))
	require.NoError(t, err)
	status := Key{Optional: true, Kind: &Kind{Type: "string", Enum: []string{"draft", "active"}}}
	limit := Key{Optional: true, Kind: &Kind{Type: "integer"}}
	tags := Key{Optional: true, Kind: &Kind{Type: "array", Items: &Kind{Type: "string"}}}
	doc[ValidatorsKey] = &Validators{Medusa: "2.0.0", Bodies: map[string]*Shape{
		"POST /admin/promotions": {Keys: map[string]Key{
			"code": {}, "status": status, "limit": limit, "tags": tags,
			"id":      {Optional: true, Kind: &Kind{Type: "string"}},
			"untyped": {Optional: true},
			"needed":  {Kind: &Kind{Type: "string"}},
			"address": {Optional: true, Shape: &Shape{Strict: true, Keys: map[string]Key{
				"city": {Optional: true, Nullable: true, Kind: &Kind{Type: "string"}},
				"code": {Kind: &Kind{Type: "string"}},
			}}},
			"lines":  {Optional: true, List: true, Shape: &Shape{Keys: map[string]Key{"qty": {Kind: &Kind{Type: "number"}}}}},
			"opaque": {Optional: true, Shape: &Shape{Keys: map[string]Key{"what": {Optional: true}}}},
		}},
		"POST /admin/promotions/{}": {Keys: map[string]Key{"code": {}, "name": {}, "status": status}},
		"POST /admin/a":             {Keys: map[string]Key{"name": {}, "limit": limit, "only_a": limit}},
		"POST /admin/b":             {Keys: map[string]Key{"name": {}, "limit": limit, "only_a": {Optional: true, Kind: &Kind{Type: "string"}}}},
		"POST /admin/read":          {Keys: map[string]Key{"limit": limit}},
	}}
	_, err = Apply(doc, "validator-shapes")
	require.NoError(t, err)
	schemas := at(doc, "components", "schemas")

	create := at(schemas, "CreatePromotion", "properties").(map[string]any)
	assert.Equal(t, "string", at(create, "status", "type"))
	assert.NotContains(t, create["status"], "enum", "an enum stays a string, its values described")
	assert.Contains(t, at(create, "status", "description"), "draft, active")
	assert.Equal(t, "integer", at(create, "limit", "type"))
	assert.Equal(t, "string", at(create, "tags", "items", "type"))
	assert.NotContains(t, create, "id", "a route's id is in its path")
	assert.NotContains(t, create, "untyped", "no type in the facts: not added")
	assert.NotContains(t, create, "needed", "a required key the spec lacks is another finding")
	assert.Equal(t, "object", at(create, "address", "type"), "an object key is typed from its shape")
	assert.Equal(t, "string", at(create, "address", "properties", "city", "type"))
	assert.Equal(t, []any{"code"}, at(create, "address", "required"), "what the validator requires is required")
	assert.Equal(t, "array", at(create, "lines", "type"), "a list of objects")
	assert.Equal(t, "number", at(create, "lines", "items", "properties", "qty", "type"))
	assert.NotContains(t, create, "opaque", "a shape with an untyped key: not added")

	update := at(doc, "paths", "/admin/promotions/{id}", "post", "requestBody", "content", "application/json", "schema", "allOf").([]any)
	assert.Contains(t, at(update[1], "properties"), "status", "added to the body's own inline part")
	assert.NotContains(t, at(schemas, "Base", "properties"), "status")

	shared := at(schemas, "Shared", "properties").(map[string]any)
	assert.Contains(t, shared, "limit", "both bodies sharing it take limit alike")
	assert.NotContains(t, shared, "only_a", "the two bodies type only_a differently")
	assert.NotContains(t, at(schemas, "Promotion", "properties"), "limit", "an answer reads it")
}
