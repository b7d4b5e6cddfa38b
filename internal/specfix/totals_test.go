package specfix

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const recordAnswersSpec = `
openapi: 3.0.0
info: {title: t, version: 2.0.0}
paths:
  /admin/orders/{id}:
    get:
      operationId: GetOrder
      responses: {"200": {description: OK, content: {application/json: {schema: {$ref: "#/components/schemas/AdminOrderResponse"}}}}}
  /admin/orders/{id}/shipping-options:
    get:
      operationId: GetOrderShippingOptions
      responses: {"200": {description: OK, content: {application/json: {schema: {type: object, properties: {
        shipping_options: {type: array, items: {type: object}}, feature_flags: {type: object}, metadata: {type: object}}}}}}}
  /admin/things/{id}:
    delete:
      operationId: DeleteThing
      responses: {"200": {description: OK, content: {application/json: {schema: {type: object, properties: {
        id: {type: string}, object: {type: string}, deleted: {type: boolean}}}}}}}
components:
  schemas:
    AdminOrderResponse: {type: object, properties: {order: {$ref: "#/components/schemas/AdminOrder"}, price: {$ref: "#/components/schemas/BasePriceSet"}, fulfillment: {$ref: "#/components/schemas/AdminFulfillment"}}}
    AdminOrder:
      type: object
      properties:
        id: {type: string}
        total: {type: number}
        discount_total: {type: number}
        items: {type: array, items: {$ref: "#/components/schemas/AdminOrderLineItem"}}
        shipping_methods: {type: array, items: {allOf: [{$ref: "#/components/schemas/BaseShippingMethod"}, {type: object, properties: {name: {type: string}}}]}}
        summary: {$ref: "#/components/schemas/BaseOrderSummary"}
        fulfillments: {type: array, items: {$ref: "#/components/schemas/AdminOrderFulfillment"}}
        region: {$ref: "#/components/schemas/AdminRegion"}
    AdminOrderLineItem:
      type: object
      properties: {id: {type: string}, total: {type: string}, detail: {type: object, properties: {shipped_quantity: {type: number}}},
        adjustments: {type: array, items: {$ref: "#/components/schemas/AdminOrderLineItemAdjustment"}}}
    AdminOrderLineItemAdjustment: {type: object, properties: {id: {type: string}, amount: {type: number}, total: {type: string}}}
    BaseShippingMethod: {type: object, properties: {id: {type: string}, total: {type: number},
      adjustments: {type: array, items: {type: object, properties: {id: {type: string}, amount: {type: number}}}}}}
    BaseOrderSummary: {type: object, properties: {paid_total: {type: number}}}
    AdminOrderFulfillment:
      type: object
      properties: {id: {type: string}, location_id: {type: string}, packed_at: {type: string}, created_by: {type: string}}
    AdminFulfillment:
      type: object
      properties: {id: {type: string}, location_id: {type: string}, packed_at: {type: string}, provider: {type: object, properties: {id: {type: string}}}, labels: {type: array, items: {type: object}}}
    AdminRegion: {type: object, properties: {id: {type: string}, name: {type: string}, payment_providers: {type: array, items: {$ref: "#/components/schemas/AdminPaymentProvider"}}}}
    AdminPaymentProvider: {type: object, properties: {id: {type: string}, is_enabled: {type: boolean}}}
    AdminShippingOption: {type: object, properties: {id: {type: string}, name: {type: string}}}
    BasePriceSet: {type: object, properties: {id: {type: string}, amount: {type: number}, calculated_price: {type: object}}}
    StorePriceSet: {type: object, properties: {id: {type: string}, amount: {type: number}, calculated_price: {type: object, properties: {price_list_id: {type: string}}}}}
`

func TestAnswerFieldRules(t *testing.T) {
	doc, err := Decode([]byte(recordAnswersSpec))
	require.NoError(t, err)
	rep, err := Apply(doc, "answer-items-by-name", "owner-view-fields", "shape-from-twin", "computed-totals", "record-timestamps")
	require.NoError(t, err)
	schema := func(n string, path ...any) any {
		return at(doc, append([]any{"components", "schemas", n, "properties"}, path...)...)
	}

	// computed-totals: the record, its items (with the quantity totals: a
	// detail), its shipping methods (the allOf's own branch), its summary.
	assert.Equal(t, "number", at(schema("AdminOrder", "credit_line_subtotal"), "type"))
	assert.Equal(t, "number", at(schema("AdminOrder", "write_off_total"), "type"), "items with a detail")
	assert.Equal(t, map[string]any{"type": "number"}, schema("AdminOrder", "discount_total"), "never changed")
	assert.Equal(t, "number", at(schema("AdminOrderLineItem", "shipped_total"), "type"))
	assert.Equal(t, "string", at(schema("AdminOrderLineItem", "total"), "type"), "never changed")
	assert.Nil(t, schema("AdminOrderLineItem", "item_total"), "record totals stay on the record")
	own := at(doc, "components", "schemas", "AdminOrder", "properties", "shipping_methods", "items", "allOf")
	branches, _ := own.([]any)
	require.Len(t, branches, 2)
	assert.NotNil(t, at(branches[1], "properties", "discount_subtotal"))
	assert.Nil(t, at(branches[1], "properties", "total"), "the $ref branch has it")
	assert.Nil(t, at(branches[1], "properties", "shipped_total"), "no detail: no quantity totals")
	assert.NotNil(t, schema("BaseOrderSummary", "credit_line_total"))
	// A line's adjustments: their own subtotal and total.
	assert.Equal(t, "number", at(schema("AdminOrderLineItemAdjustment", "subtotal"), "type"))
	assert.Equal(t, "string", at(schema("AdminOrderLineItemAdjustment", "total"), "type"), "never changed")
	assert.Nil(t, schema("AdminOrderLineItemAdjustment", "discount_total"), "line totals stay on the line")
	assert.Equal(t, "number", at(schema("BaseShippingMethod", "adjustments", "items", "properties", "total"), "type"), "a shipping method's adjustments too")

	// owner-view-fields: the order's view of a fulfillment gains the
	// record's fields; the record gains the view's only if they share 3/4
	// of its properties (here 3 of 5: no).
	assert.NotNil(t, schema("AdminOrderFulfillment", "provider"))
	assert.NotNil(t, schema("AdminOrderFulfillment", "labels"))
	assert.Nil(t, schema("AdminFulfillment", "created_by"))
	assert.Equal(t, 2, rep.Counts["owner-view-fields"])

	// shape-from-twin
	assert.Equal(t, "string", at(schema("BasePriceSet", "calculated_price"), "properties", "price_list_id", "type"))

	// answer-items-by-name: only what names a component, never metadata
	items := at(doc, "paths", "/admin/orders/{id}/shipping-options", "get", "responses", "200", "content", "application/json", "schema", "properties")
	assert.Equal(t, map[string]any{"$ref": "#/components/schemas/AdminShippingOption"}, at(items, "shipping_options", "items"))
	assert.Equal(t, map[string]any{"type": "object"}, at(items, "feature_flags"))
	assert.Equal(t, map[string]any{"type": "object"}, at(items, "metadata"))

	// record-timestamps: a nested {id, x} record gets them, a deletion's
	// confirmation does not.
	assert.NotNil(t, schema("AdminPaymentProvider", "created_at"))
	del := at(doc, "paths", "/admin/things/{id}", "delete", "responses", "200", "content", "application/json", "schema", "properties")
	assert.Nil(t, at(del, "created_at"))
}
