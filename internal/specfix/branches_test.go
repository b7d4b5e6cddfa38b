package specfix

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const unionSpec = `
openapi: 3.0.0
info: {title: t, version: 2.0.0}
paths:
  /admin/shipping-options:
    post:
      operationId: PostShippingOptions
      requestBody:
        content:
          application/json:
            schema:
              oneOf:
                - $ref: "#/components/schemas/AdminCreateFlatRateShippingOption"
                - $ref: "#/components/schemas/AdminCreateCalculatedShippingOption"
      responses:
        "200":
          content:
            application/json:
              schema:
                oneOf:
                  - {type: object, required: [user], properties: {user: {type: object}}}
                  - {type: object, required: [message], properties: {message: {type: string}}}
components:
  schemas:
    AdminCreateFlatRateShippingOption:
      type: object
      properties:
        price_type: {type: string, enum: [flat, calculated]}
        prices:
          type: array
          items:
            oneOf:
              - {type: object, required: [currency_code, amount], properties: {currency_code: {type: string}, amount: {type: number}}}
              - {type: object, required: [region_id, amount], properties: {region_id: {type: string}, amount: {type: number}}}
    AdminCreateCalculatedShippingOption:
      type: object
      properties:
        price_type: {type: string, enum: [calculated, flat]}
    Rule:
      type: object
      properties:
        value:
          oneOf:
            - {type: string}
            - {type: array, items: {type: string}}
        amount:
          oneOf:
            - {type: string}
            - {type: number}
            - {type: object, required: [value, precision], properties: {value: {type: number}, precision: {type: number}}}
        twice:
          oneOf:
            - {type: string}
            - {type: number}
            - {type: string}
            - {type: number}
        once:
          oneOf:
            - {type: string, description: a}
            - {type: string, description: a}
        clash:
          oneOf:
            - {type: string}
            - {type: string, format: date-time}
        mixed:
          oneOf:
            - {$ref: "#/components/schemas/AdminCreateCalculatedShippingOption"}
            - {type: object, required: [id], properties: {id: {type: string}}}
`

func TestUnionRules(t *testing.T) {
	doc, err := Decode([]byte(unionSpec))
	require.NoError(t, err)
	rep, err := Apply(doc)
	require.NoError(t, err)
	schemas := at(doc, "components", "schemas").(map[string]any)

	// tag-from-names
	body := at(doc, "paths", "/admin/shipping-options", "post", "requestBody", "content", "application/json", "schema")
	assert.Equal(t, map[string]any{"propertyName": "price_type", "mapping": map[string]any{
		"flat":       "#/components/schemas/AdminCreateFlatRateShippingOption",
		"calculated": "#/components/schemas/AdminCreateCalculatedShippingOption",
	}}, at(body, "discriminator"))
	assert.Equal(t, []any{"flat"}, at(schemas, "AdminCreateFlatRateShippingOption", "properties", "price_type", "enum"))
	assert.Equal(t, []any{"calculated"}, at(schemas, "AdminCreateCalculatedShippingOption", "properties", "price_type", "enum"))
	assert.Equal(t, 1, rep.Counts["tag-from-names"])

	// merge-exclusive-branches: prices and the {user} | {message} answer
	items := at(schemas, "AdminCreateFlatRateShippingOption", "properties", "prices", "items").(map[string]any)
	assert.Nil(t, items["oneOf"])
	assert.Equal(t, "object", items["type"])
	assert.Len(t, items["properties"], 3)
	assert.Equal(t, []any{"amount"}, items["required"])
	assert.Contains(t, items["description"], "Exactly one of `currency_code`, `region_id` is set.")
	answer := at(doc, "paths", "/admin/shipping-options", "post", "responses", "200", "content", "application/json", "schema").(map[string]any)
	assert.Len(t, answer["properties"], 2)
	assert.Nil(t, answer["required"])
	assert.Equal(t, 2, rep.Counts["merge-exclusive-branches"])

	// named-branches
	assert.Equal(t, "#/components/schemas/RuleValueString", at(schemas, "Rule", "properties", "value", "oneOf", 0, "$ref"))
	assert.Equal(t, "#/components/schemas/RuleValueList", at(schemas, "Rule", "properties", "value", "oneOf", 1, "$ref"))
	assert.Equal(t, "array", at(schemas, "RuleValueList", "type"))
	assert.Equal(t, "#/components/schemas/RuleAmountNumber", at(schemas, "Rule", "properties", "amount", "oneOf", 1, "$ref"))
	assert.Equal(t, "#/components/schemas/RuleAmountWithPrecision", at(schemas, "Rule", "properties", "amount", "oneOf", 2, "$ref"))
	assert.Equal(t, "#/components/schemas/RuleMixedWithId", at(schemas, "Rule", "properties", "mixed", "oneOf", 1, "$ref"))
	assert.Equal(t, "string", at(schemas, "Rule", "properties", "clash", "oneOf", 0, "type"), "two branches that would share a name keep their numbers")
	assert.Equal(t, 8, rep.Counts["named-branches"])

	// same-branch-once: each branch once, then named; one left is the schema
	assert.Equal(t, []any{
		map[string]any{"$ref": "#/components/schemas/RuleTwiceString"},
		map[string]any{"$ref": "#/components/schemas/RuleTwiceNumber"},
	}, at(schemas, "Rule", "properties", "twice", "oneOf"))
	assert.Equal(t, map[string]any{"type": "string", "description": "a"}, at(schemas, "Rule", "properties", "once"))
	assert.Equal(t, 3, rep.Counts["same-branch-once"])
}
