package specfix

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const tiny = `
openapi: 3.0.0
info: {title: t, version: 2.0.0}
paths:
  /store/things:
    get:
      operationId: GetThings
      parameters:
        - {name: x-publishable-api-key, in: header, required: true, schema: {type: string}}
        - {name: x-medusa-locale, in: header, required: false, schema: {type: string}}
        - name: id
          in: query
          required: true
          schema:
            oneOf:
              - {type: string}
              - {type: array, items: {type: string}}
        - name: status
          in: query
          schema:
            oneOf:
              - {type: string, enum: [a, b]}
              - {type: array, items: {type: string, enum: [a, b]}}
        - {name: collection_id, in: query, schema: {items: {type: string}}}
        - name: created_at
          in: query
          schema:
            type: object
            description: one
            properties:
              $gt: {type: string}
              $in: {type: array, items: {type: string}}
        - name: updated_at
          in: query
          schema:
            type: object
            description: two
            properties:
              $gt: {type: string, description: "different docs, same shape"}
              $in: {type: array, items: {type: string}}
        - name: variants
          in: query
          schema:
            allOf:
              - {type: object, properties: {sku: {type: string}}}
              - {type: object, properties: {ean: {type: string}}}
      responses:
        "200": {description: ok}
        "401": {$ref: "#/components/responses/unauthorized"}
  /store/things/{id}/methods:
    post:
      operationId: PostThingsIdMethods
      requestBody:
        content:
          application/json:
            schema:
              oneOf:
                - {type: object, properties: {option_id: {type: string}}}
                - allOf:
                    - {type: array, items: {type: string}}
                    - {type: object, properties: {additional_data: {type: object}}}
      responses:
        "401": {$ref: "#/components/responses/unauthorized"}
components:
  responses:
    unauthorized:
      description: no
      content:
        text/plain:
          schema: {type: string}
  schemas:
    Error: {type: object, properties: {message: {type: string}, type: {type: string}}}
    StoreCreateCart:
      type: object
      properties:
        items: {type: array, items: {$ref: "#/components/schemas/Error"}}
`

func apply(t *testing.T) map[string]any {
	t.Helper()
	doc, err := Decode([]byte(tiny))
	require.NoError(t, err)
	_, err = Apply(doc)
	require.NoError(t, err)
	return doc
}

func at(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			s, _ := v.([]any)
			if k >= len(s) {
				return nil
			}
			v = s[k]
		}
	}
	return v
}

func param(doc map[string]any, name string) map[string]any {
	for _, p := range at(doc, "paths", "/store/things", "get", "parameters").([]any) {
		if p.(map[string]any)["name"] == name {
			return p.(map[string]any)
		}
	}
	return nil
}

func TestRules(t *testing.T) {
	doc := apply(t)
	assert.Nil(t, param(doc, "x-publishable-api-key"), "publishable key header removed")
	assert.NotNil(t, param(doc, "x-medusa-locale"), "other headers kept")

	assert.Equal(t, "array", at(param(doc, "id"), "schema", "type"), "oneOf(string, array) -> array")
	assert.Nil(t, at(param(doc, "id"), "schema", "oneOf"))
	assert.Equal(t, []any{"a", "b"}, at(param(doc, "status"), "schema", "items", "enum"))
	assert.Equal(t, "array", at(param(doc, "collection_id"), "schema", "type"), "items without type")
	assert.Equal(t, "object", at(param(doc, "variants"), "schema", "type"), "allOf of objects merged")
	assert.Len(t, at(param(doc, "variants"), "schema", "properties"), 2)

	assert.Equal(t, "#/components/schemas/OperatorMap", at(param(doc, "created_at"), "schema", "allOf", 0, "$ref"))
	assert.Equal(t, "#/components/schemas/OperatorMap", at(param(doc, "updated_at"), "schema", "allOf", 0, "$ref"))
	assert.Equal(t, "two", at(param(doc, "updated_at"), "schema", "description"), "each site keeps its own description")
	assert.NotNil(t, at(doc, "components", "schemas", "OperatorMap", "properties", "$gt"))

	assert.Equal(t, "#/components/schemas/Error",
		at(doc, "components", "responses", "unauthorized", "content", "application/json", "schema", "$ref"))
	assert.Nil(t, at(doc, "components", "responses", "unauthorized", "content", "text/plain"))

	body := at(doc, "paths", "/store/things/{id}/methods", "post", "requestBody", "content", "application/json", "schema")
	assert.Nil(t, at(body, "oneOf"), "impossible branch dropped, single branch unwrapped")
	assert.NotNil(t, at(body, "properties", "option_id"))

	assert.Equal(t, []any{"variant_id", "quantity"},
		at(doc, "components", "schemas", "StoreCreateCart", "properties", "items", "items", "required"))
}

func TestDeterministic(t *testing.T) {
	a, err := Encode(apply(t))
	require.NoError(t, err)
	b, err := Encode(apply(t))
	require.NoError(t, err)
	assert.Equal(t, string(a), string(b))
	assert.True(t, json.Valid(a))
}

func TestBadInput(t *testing.T) {
	for _, in := range []string{"", "[1,2]", "openapi: 3.0.0\n", "a: [", "openapi: 3.0.0\npaths: 5\n", "*x"} {
		_, err := Decode([]byte(in))
		assert.Error(t, err, "%q", in)
	}
	// A document with odd shapes must not panic any rule.
	doc, err := Decode([]byte("openapi: 3.0.0\npaths:\n  /a:\n    get:\n      parameters: [5, {in: query}, {in: query, schema: 3}, {$ref: '#/nope'}]\n      responses: {'401': 7}\n"))
	require.NoError(t, err)
	_, err = Apply(doc)
	assert.NoError(t, err)
	_, err = Apply(doc, "no-such-rule")
	assert.Error(t, err)
}

const lists = `
openapi: 3.0.0
info: {title: t, version: 2.0.0}
paths:
  /admin/things:
    get:
      operationId: GetThings
      responses:
        "200":
          content:
            application/json:
              schema:
                allOf:
                  - {type: object, properties: {count: {type: number}, limit: {type: number}, offset: {type: number}}}
                  - {type: object, properties: {things: {type: array, items: {type: object}}}}
  /admin/things/{id}:
    get:
      operationId: GetThingsId
      responses:
        "200":
          content:
            application/json:
              schema: {type: object, properties: {thing: {$ref: "#/components/schemas/Thing"}}}
  /admin/people:
    get:
      operationId: GetPeople
      responses:
        "200":
          content:
            application/json:
              schema:
                type: object
                properties:
                  count: {type: number}
                  limit: {type: number}
                  offset: {type: number}
                  people: {$ref: "#/components/schemas/Thing"}
components:
  schemas:
    Thing: {type: object, properties: {id: {type: string}, display_id: {type: string}, version: {type: string}}}
`

func TestListRules(t *testing.T) {
	doc, err := Decode([]byte(lists))
	require.NoError(t, err)
	rep, err := Apply(doc)
	require.NoError(t, err)
	things := at(doc, "paths", "/admin/things", "get", "responses", "200", "content", "application/json", "schema", "allOf", 1, "properties", "things")
	assert.Equal(t, "#/components/schemas/Thing", at(things, "items", "$ref"), "bare object items take the retrieve's record type")
	people := at(doc, "paths", "/admin/people", "get", "responses", "200", "content", "application/json", "schema", "properties", "people")
	assert.Equal(t, "array", at(people, "type"), "a list's single $ref items become an array")
	assert.Equal(t, "integer", at(doc, "components", "schemas", "Thing", "properties", "display_id", "type"))
	assert.Equal(t, "integer", at(doc, "components", "schemas", "Thing", "properties", "version", "type"))
	assert.Equal(t, "string", at(doc, "components", "schemas", "Thing", "properties", "id", "type"))
	assert.Equal(t, 1, rep.Counts["list-items-from-retrieve"])
	assert.Equal(t, 1, rep.Counts["list-items-are-arrays"])
}

func TestNamedVariants(t *testing.T) {
	doc, err := Decode([]byte(`
openapi: 3.0.0
info: {title: t, version: 2.0.0}
paths: {}
components:
  schemas:
    Zone:
      type: object
      properties:
        geo_zones:
          type: array
          items:
            oneOf:
              - {type: object, properties: {type: {type: string, default: country}, country_code: {type: string}}}
              - {type: object, properties: {type: {type: string, enum: [zip]}, postal_expression: {type: object}}}
    Untyped:
      oneOf:
        - {type: object, properties: {a: {type: string}}}
        - {type: object, properties: {b: {type: string}}}
`))
	require.NoError(t, err)
	rep, err := Apply(doc, "named-variants")
	require.NoError(t, err)
	assert.Equal(t, 2, rep.Counts["named-variants"])
	schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)
	assert.Contains(t, schemas, "ZoneGeoZonesCountry")
	assert.Contains(t, schemas, "ZoneGeoZonesZip")
	items := schemas["Zone"].(map[string]any)["properties"].(map[string]any)["geo_zones"].(map[string]any)["items"].(map[string]any)
	assert.Equal(t, map[string]any{"propertyName": "type", "mapping": map[string]any{
		"country": "#/components/schemas/ZoneGeoZonesCountry", "zip": "#/components/schemas/ZoneGeoZonesZip",
	}}, items["discriminator"])
	assert.Equal(t, map[string]any{"$ref": "#/components/schemas/ZoneGeoZonesCountry"}, items["oneOf"].([]any)[0])
	assert.NotContains(t, schemas["Untyped"], "discriminator", "branches without a type value keep their positions")
}

func TestPagingIntegers(t *testing.T) {
	doc, err := Decode([]byte(`
openapi: 3.0.0
info: {title: t, version: 2.0.0}
paths:
  /store/things:
    get:
      operationId: GetThings
      parameters:
        - {name: limit, in: query, schema: {type: number}}
        - $ref: '#/components/parameters/Offset'
        - {name: amount, in: query, schema: {type: number}}
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema:
                type: object
                properties:
                  things: {type: array, items: {type: object}}
                  count: {type: number}
                  offset: {type: number}
                  limit: {type: number}
                  total: {type: number}
components:
  parameters:
    Offset: {name: offset, in: query, schema: {type: number, format: float}}
`))
	require.NoError(t, err)
	rep, err := Apply(doc, "paging-integers")
	require.NoError(t, err)
	assert.Equal(t, 5, rep.Counts["paging-integers"])
	op := doc["paths"].(map[string]any)["/store/things"].(map[string]any)["get"].(map[string]any)
	params := op["parameters"].([]any)
	assert.Equal(t, map[string]any{"type": "integer"}, params[0].(map[string]any)["schema"])
	assert.Equal(t, "number", params[2].(map[string]any)["schema"].(map[string]any)["type"], "other numbers stay")
	offset := doc["components"].(map[string]any)["parameters"].(map[string]any)["Offset"].(map[string]any)
	assert.Equal(t, map[string]any{"type": "integer"}, offset["schema"], "a $ref parameter is followed, its format dropped")
	props := op["responses"].(map[string]any)["200"].(map[string]any)["content"].(map[string]any)["application/json"].(map[string]any)["schema"].(map[string]any)["properties"].(map[string]any)
	assert.Equal(t, "integer", props["count"].(map[string]any)["type"])
	assert.Equal(t, "number", props["total"].(map[string]any)["type"])
}

func TestSameAnswerAsNeighbour(t *testing.T) {
	doc, err := Decode([]byte(`
openapi: 3.0.0
info: {title: t, version: 2.0.0}
paths:
  /store/carts/{id}:
    get:
      operationId: GetCartsId
      responses:
        "200": {description: OK, content: {application/json: {schema: {$ref: '#/components/schemas/StoreCartResponse'}}}}
    post:
      operationId: PostCartsId
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema:
                type: object
                description: the cart, spelled out
                required: [cart]
                properties:
                  cart: {$ref: '#/components/schemas/StoreCart', description: other words}
  /store/carts/{id}/items:
    post:
      operationId: PostCartsIdItems
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema:
                type: object
                required: [cart]
                properties:
                  cart: {$ref: '#/components/schemas/StoreCart'}
  /admin/things/{id}:
    get:
      operationId: GetThingsId
      responses:
        "200": {description: OK, content: {application/json: {schema: {$ref: '#/components/schemas/StoreCartResponse'}}}}
    delete:
      operationId: DeleteThingsId
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema:
                type: object
                required: [cart]
                properties:
                  cart: {$ref: '#/components/schemas/StoreCart'}
                  extra: {type: string}
components:
  schemas:
    StoreCart: {type: object, properties: {id: {type: string}}}
    StoreCartResponse:
      type: object
      description: A cart.
      required: [cart]
      properties:
        cart: {$ref: '#/components/schemas/StoreCart'}
`))
	require.NoError(t, err)
	rep, err := Apply(doc, "same-answer-as-neighbour")
	require.NoError(t, err)
	assert.Equal(t, 1, rep.Counts["same-answer-as-neighbour"])
	schema := func(path, method string) any {
		return at(doc, "paths", path, method, "responses", "200", "content", "application/json", "schema")
	}
	assert.Equal(t, map[string]any{"$ref": "#/components/schemas/StoreCartResponse"}, schema("/store/carts/{id}", "post"),
		"same shape as the neighbour's answer, documentation aside")
	assert.Contains(t, schema("/store/carts/{id}/items", "post"), "properties", "no neighbour on this path answers the component: stays inline")
	assert.Contains(t, schema("/admin/things/{id}", "delete"), "properties", "a different shape stays inline")
}
