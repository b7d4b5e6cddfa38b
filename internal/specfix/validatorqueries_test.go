package specfix

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const queriesSpec = `
openapi: 3.0.0
info: {title: t, version: 2.0.0}
paths:
  /admin/things/{id}:
    get:
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
        - {name: fields, in: query, schema: {type: string}}
        - {name: q, in: query, schema: {type: string}}
        - {name: title, in: query, schema: {type: array, description: Filter by titles., items: {type: string}}}
        - {name: created_at, in: query, schema: {allOf: [{$ref: "#/components/schemas/OperatorMap"}]}}
        - {name: weight, in: query, schema: {allOf: [{$ref: "#/components/schemas/NumericOperatorMap"}]}}
  /admin/only:
    delete:
      parameters:
        - {name: limit, in: query, schema: {type: integer}}
  /admin/last:
    delete:
      parameters:
        - {name: order, in: query, schema: {type: string}}
  /store/things:
    get:
      parameters:
        - {name: locale, in: query, schema: {type: string}}
        - {name: order, in: query, schema: {type: string}}
components:
  schemas:
    OperatorMap:
      type: object
      properties:
        $gt: {type: string}
        $contains: {type: array, description: Filter arrays., items: {type: string}}
        $overlap: {type: array, items: {type: string}}
        $in: {type: array, items: {type: string}}
    NumericOperatorMap:
      type: object
      properties:
        $gt: {type: number}
        $in: {type: array, items: {type: number}}
`

func TestValidatorQueries(t *testing.T) {
	doc, err := Decode([]byte(queriesSpec))
	require.NoError(t, err)
	str := QueryKey{Kinds: []string{"string"}, Optional: true}
	list := QueryKey{Kinds: []string{"array"}, Optional: true, Items: []string{"string"}}
	ops := map[string]QueryKey{"$gt": str, "$contains": str, "$in": list}
	doc[ValidatorsKey] = &Validators{Medusa: "2.0.0",
		Queries: map[string]*QueryShape{
			"GET /admin/things/{}": {Strict: true, Keys: map[string]QueryKey{
				"fields":     str,
				"title":      str,
				"created_at": {Kinds: []string{"array", "ops", "string"}, Optional: true, Operators: ops},
				"weight": {Kinds: []string{"array", "number", "ops"}, Optional: true, Parsed: true, Operators: map[string]QueryKey{
					"$gt": {Kinds: []string{"number"}, Parsed: true},
					"$in": {Kinds: []string{"array"}, Items: []string{"number"}},
				}},
			}},
			"DELETE /admin/only": {Strict: true, Keys: map[string]QueryKey{"fields": str}},
			"DELETE /admin/last": {Strict: true, Keys: map[string]QueryKey{"q": str}},
			"GET /store/things":  {Strict: true, Keys: map[string]QueryKey{"fields": str}},
		},
		Consumed: map[string][]string{"/store": {"locale"}},
	}
	rep, err := Apply(doc, "validator-queries")
	require.NoError(t, err)

	names := func(path, method string) []string {
		var out []string
		for _, p := range at(doc, "paths", path, method, "parameters").([]any) {
			out = append(out, p.(map[string]any)["name"].(string))
		}
		return out
	}
	assert.Equal(t, []string{"id", "fields", "title", "created_at", "weight"}, names("/admin/things/{id}", "get"), "q: the strict validator refuses it")
	assert.Equal(t, []string{"fields"}, names("/admin/only", "delete"), "fields, which the validator takes, is added; then limit need not stay as the last query parameter")
	assert.Equal(t, []string{"locale", "fields"}, names("/store/things", "get"), "locale is taken out before validation; order is refused")
	assert.Equal(t, []string{"order"}, names("/admin/last", "delete"), "the last query parameter stays (the Params type is API)")

	title := at(doc, "paths", "/admin/things/{id}", "get", "parameters").([]any)[2].(map[string]any)["schema"]
	assert.Equal(t, map[string]any{"type": "string", "description": "Filter by titles."}, title, "one value, as the validator takes it")

	schemas := at(doc, "components", "schemas")
	assert.Equal(t, map[string]any{"type": "string", "description": "Filter arrays."}, at(schemas, "OperatorMap", "properties", "$contains"))
	assert.NotContains(t, at(schemas, "OperatorMap", "properties"), "$overlap", "no validator declares it")
	assert.Contains(t, at(schemas, "OperatorMap", "properties"), "$in")
	assert.NotContains(t, at(schemas, "NumericOperatorMap", "properties"), "$in", "a list of unparsed numbers cannot come from a query string")
	assert.Contains(t, at(schemas, "NumericOperatorMap", "properties"), "$gt")
	assert.Equal(t, 9, rep.Counts["validator-queries"])

	// Without facts (older releases, other tests) nothing changes.
	plain, err := Decode([]byte(queriesSpec))
	require.NoError(t, err)
	rep, err = Apply(plain, "validator-queries")
	require.NoError(t, err)
	assert.Zero(t, rep.Counts["validator-queries"])
	assert.Len(t, at(plain, "paths", "/admin/things/{id}", "get", "parameters"), 6)
}

const undocumentedSpec = `
openapi: 3.0.0
info: {title: t, version: 2.0.0}
paths:
  /admin/reasons:
    get:
      parameters:
        - {name: q, in: query, schema: {type: string}}
      responses:
        "200":
          content:
            application/json:
              schema:
                type: object
                properties: {reasons: {type: array, items: {type: object}}, count: {type: integer}, limit: {type: integer}, offset: {type: integer}}
    post:
      parameters:
        - {name: fields, in: query, schema: {type: string}}
  /admin/keys:
    get:
      parameters:
        - {name: created_at, in: query, description: Filter by the key's date., schema: {allOf: [{$ref: "#/components/schemas/OperatorMap"}], description: Filter by the key's date.}}
        - {name: limit, in: query, schema: {type: integer}}
        - {name: fields, in: query, schema: {type: string}}
  /admin/bare:
    post: {}
components:
  schemas:
    OperatorMap: {type: object, properties: {$gt: {type: string}}}
`

func TestValidatorQueriesAddUndocumented(t *testing.T) {
	doc, err := Decode([]byte(undocumentedSpec))
	require.NoError(t, err)
	str := QueryKey{Kinds: []string{"string"}, Optional: true}
	listKeys := map[string]QueryKey{
		"q": str, "fields": str,
		"created_at": {Kinds: []string{"array", "ops", "string"}, Optional: true, Operators: map[string]QueryKey{"$gt": str}},
		"limit":      {Kinds: []string{"number"}, Optional: true, Parsed: true},
		"status":     {Kinds: []string{"string"}}, // required: never added
		"nowhere":    str,                         // no route documents it
	}
	doc[ValidatorsKey] = &Validators{Medusa: "2.0.0", Queries: map[string]*QueryShape{
		"GET /admin/reasons":  {Strict: true, Keys: listKeys},
		"POST /admin/reasons": {Strict: true, Keys: listKeys},
		"POST /admin/bare":    {Strict: true, Keys: map[string]QueryKey{"fields": str}},
	}}
	rep, err := Apply(doc, "validator-queries")
	require.NoError(t, err)
	names := func(path, method string) []string {
		var out []string
		for _, p := range listOf(at(doc, "paths", path, method, "parameters")) {
			out = append(out, p.(map[string]any)["name"].(string))
		}
		return out
	}
	assert.Equal(t, []string{"q", "created_at", "fields", "limit"}, names("/admin/reasons", "get"), "a list gets its filters and paging")
	assert.Equal(t, []string{"fields"}, names("/admin/reasons", "post"), "elsewhere only fields, and it is there")
	assert.Empty(t, names("/admin/bare", "post"), "no query parameters: none added (the method would gain an argument)")
	added := listOf(at(doc, "paths", "/admin/reasons", "get", "parameters"))[1].(map[string]any)
	assert.Contains(t, added["description"], "Not documented by Medusa for this route")
	assert.Equal(t, map[string]any{"allOf": []any{map[string]any{"$ref": "#/components/schemas/OperatorMap"}}}, added["schema"], "the other route's words are gone, the type stays")
	assert.NotContains(t, added, "required")
	assert.Equal(t, 3, rep.Counts["validator-queries"])
}
