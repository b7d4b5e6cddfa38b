package specfix

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const columnsSpec = `
openapi: 3.0.0
info: {title: t, version: 2.0.0}
paths:
  /admin/payments:
    get:
      responses:
        "200":
          content:
            application/json:
              schema:
                type: object
                properties:
                  payments: {type: array, items: {$ref: "#/components/schemas/AdminPayment"}}
  /admin/payment-collections/{id}:
    get:
      responses:
        "200":
          content:
            application/json:
              schema: {$ref: "#/components/schemas/AdminPaymentCollectionResponse"}
  /admin/collections/{id}:
    get:
      responses:
        "200":
          content:
            application/json:
              schema:
                type: object
                properties:
                  collection: {$ref: "#/components/schemas/AdminCollection"}
  /admin/orders/{id}:
    get:
      responses:
        "200":
          content:
            application/json:
              schema:
                type: object
                properties:
                  order: {$ref: "#/components/schemas/AdminOrder"}
  /admin/carts:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/AdminCart"}
      responses:
        "200":
          content:
            application/json:
              schema:
                type: object
                properties:
                  cart: {$ref: "#/components/schemas/AdminCart"}
  /store/carts/{id}:
    get:
      responses:
        "200":
          content:
            application/json:
              schema:
                type: object
                properties:
                  cart: {$ref: "#/components/schemas/StoreCart"}
  /store/shipping-options:
    get:
      responses:
        "200":
          content:
            application/json:
              schema: {$ref: "#/components/schemas/StoreShippingOptionListResponse"}
components:
  schemas:
    AdminPayment:
      type: object
      required: [id, amount]
      properties:
        id: {type: string}
        amount: {type: string, description: documented as a string}
        currency_code: {type: string}
        payment_collection: {$ref: "#/components/schemas/AdminPaymentCollection"}
    AdminPaymentCollectionResponse:
      type: object
      properties:
        payment_collection: {$ref: "#/components/schemas/AdminPaymentCollection"}
    AdminPaymentCollection:
      type: object
      properties:
        id: {type: string}
        currency_code: {type: string}
        amount: {type: number}
    AdminCollection:
      type: object
      properties:
        id: {type: string}
        title: {type: string}
        handle: {type: string}
        metadata: {type: object}
    AdminOrder:
      type: object
      properties:
        id: {type: string}
        email: {type: string}
        summary: {$ref: "#/components/schemas/BaseOrderSummary"}
        fulfillments: {type: array, items: {$ref: "#/components/schemas/AdminOrderFulfillment"}}
    AdminOrderFulfillment:
      type: object
      properties:
        id: {type: string}
        packed_at: {type: string, format: date-time}
    BaseOrderSummary:
      type: object
      properties:
        paid_total: {type: number}
        refunded_total: {type: number}
        pending_difference: {type: number}
    AdminCart:
      type: object
      properties:
        id: {type: string}
        email: {type: string}
    StoreCart:
      type: object
      properties:
        id: {type: string}
        email: {type: string}
        items: {type: array, items: {$ref: "#/components/schemas/StoreCartLineItem"}}
    StoreCartLineItem:
      type: object
      properties:
        id: {type: string}
        title: {type: string}
        quantity: {type: number}
    StoreShippingOptionListResponse:
      type: object
      properties:
        shipping_options:
          type: array
          items:
            type: object
            properties:
              id: {type: string}
              name: {type: string}
              service_zone:
                type: object
                properties:
                  id: {type: string}
                  name: {type: string}
`

func columnModels() *Models {
	text := Column{Type: "text"}
	return &Models{Medusa: "2.0.0", Models: []*Model{
		{Name: "Payment", Table: "payment", Module: "payment",
			Columns: map[string]Column{"id": {Type: "id"}, "amount": {Type: "bigNumber"}, "raw_amount": {Type: "json"},
				"currency_code": text, "captured_at": {Type: "dateTime", Nullable: true}, "data": {Type: "json", Nullable: true}},
			Relations: map[string]Relation{
				"payment_collection": {Kind: "belongsTo", Model: "PaymentCollection", Key: "payment_collection_id"},
				"payment_session":    {Kind: "belongsTo", Model: "PaymentSession", Key: "payment_session_id"},
				"refunds":            {Kind: "hasMany", Model: "Refund"},
			}},
		{Name: "PaymentCollection", Table: "payment_collection", Module: "payment",
			Columns: map[string]Column{"id": {Type: "id"}, "currency_code": text, "amount": {Type: "bigNumber"},
				"status": {Type: "enum", Values: []string{"not_paid", "authorized"}}}},
		{Name: "ProductCollection", Table: "product_collection", Module: "product",
			Columns: map[string]Column{"id": {Type: "id"}, "title": text, "handle": text, "external_id": text}},
		{Name: "Order", Table: "order", Module: "order",
			Columns: map[string]Column{"id": {Type: "id"}, "email": text, "no_notification": {Type: "boolean", Nullable: true}}},
		{Name: "OrderSummary", Table: "order_summary", Module: "order",
			Columns:   map[string]Column{"id": {Type: "id"}, "version": {Type: "number"}, "totals": {Type: "json"}},
			Relations: map[string]Relation{"order": {Kind: "belongsTo", Model: "Order", Key: "order_id"}}},
		{Name: "Fulfillment", Table: "fulfillment", Module: "fulfillment",
			Columns: map[string]Column{"id": {Type: "id"}, "packed_at": {Type: "dateTime", Nullable: true}, "requires_shipping": {Type: "boolean"}},
			Relations: map[string]Relation{
				"delivery_address": {Kind: "hasOneWithFK", Model: "FulfillmentAddress", Key: "delivery_address_id", Nullable: true},
				"labels":           {Kind: "hasMany", Model: "FulfillmentLabel"},
			}},
		{Name: "Cart", Table: "cart", Module: "cart",
			Columns: map[string]Column{"id": {Type: "id"}, "email": text, "locale": {Type: "text", Nullable: true}},
			Relations: map[string]Relation{
				"shipping_address": {Kind: "hasOneWithFK", Model: "Address", Key: "shipping_address_id", Nullable: true},
				"items":            {Kind: "hasMany", Model: "LineItem"},
			}},
		{Name: "LineItem", Table: "cart_line_item", Module: "cart",
			Columns: map[string]Column{"id": {Type: "id"}, "title": text, "quantity": {Type: "number"},
				"is_custom_price": {Type: "boolean"}, "original_total": {Type: "bigNumber", Computed: true}},
			Relations: map[string]Relation{"cart": {Kind: "belongsTo", Model: "Cart", Key: "cart_id"}}},
		{Name: "ShippingOption", Table: "shipping_option", Module: "fulfillment",
			Columns: map[string]Column{"id": {Type: "id"}, "name": text, "price_type": {Type: "enum", Values: []string{"flat", "calculated"}},
				"tags": {Type: "array"}},
			Relations: map[string]Relation{"service_zone": {Kind: "belongsTo", Model: "ServiceZone", Key: "service_zone_id"}}},
		{Name: "ServiceZone", Table: "service_zone", Module: "fulfillment",
			Columns:   map[string]Column{"id": {Type: "id"}, "name": text, "metadata": {Type: "json", Nullable: true}},
			Relations: map[string]Relation{"fulfillment_set": {Kind: "belongsTo", Model: "FulfillmentSet", Key: "fulfillment_set_id"}}},
	}}
}

func columnsDoc(t *testing.T) map[string]any {
	t.Helper()
	doc, err := Decode([]byte(columnsSpec))
	require.NoError(t, err)
	return doc
}

func schemaProps(t *testing.T, doc map[string]any, name string) map[string]any {
	t.Helper()
	s, _ := component(doc, "schemas")[name].(map[string]any)
	require.NotNil(t, s, name)
	p, _ := s["properties"].(map[string]any)
	return p
}

func TestModelColumns(t *testing.T) {
	doc := columnsDoc(t)
	doc[ModelsKey] = columnModels()
	rep := &Report{}
	require.NoError(t, modelColumns(doc, rep))
	assert.NotContains(t, doc, ModelsKey, "the facts leave the document")

	// A one-to-one key the spec cannot place: the model says it is the payment's.
	pay := schemaProps(t, doc, "AdminPayment")
	assert.Equal(t, map[string]any{"type": "string", "nullable": true,
		"description": "The ID of the payment session: the key of the payment_session relation of Medusa's Payment data model."}, pay["payment_session_id"])
	assert.Contains(t, pay, "payment_collection_id")
	assert.Equal(t, "date-time", pay["captured_at"].(map[string]any)["format"])
	assert.Equal(t, true, pay["captured_at"].(map[string]any)["nullable"])
	assert.Equal(t, "object", pay["data"].(map[string]any)["type"], "json columns are objects")
	assert.NotContains(t, pay["data"], "nullable", "null is a nil map")
	assert.NotContains(t, pay, "raw_amount", "raw_* twins stay out")
	assert.NotContains(t, pay, "refunds", "relations are not columns")
	assert.Equal(t, map[string]any{"type": "string", "description": "documented as a string"}, pay["amount"], "a documented property is never changed")
	require.Equal(t, []any{"id", "amount"}, component(doc, "schemas")["AdminPayment"].(map[string]any)["required"], "the required list is left alone")

	// AdminPaymentCollection is the payment module's PaymentCollection;
	// AdminCollection is neither it nor the product module's ProductCollection.
	pc := schemaProps(t, doc, "AdminPaymentCollection")
	require.Contains(t, pc, "status")
	assert.Equal(t, "string", pc["status"].(map[string]any)["type"])
	assert.Contains(t, pc["status"].(map[string]any)["description"], "One of: not_paid, authorized.")
	assert.NotContains(t, pc, "external_id")
	assert.Equal(t, []string{"handle", "id", "metadata", "title"}, sortedKeys(schemaProps(t, doc, "AdminCollection")), "an unrelated schema is not matched")

	// <P><Owner><X> seen from its owner: AdminOrderFulfillment is a Fulfillment.
	ful := schemaProps(t, doc, "AdminOrderFulfillment")
	assert.Contains(t, ful, "delivery_address_id")
	assert.Contains(t, ful, "requires_shipping")
	assert.Contains(t, schemaProps(t, doc, "AdminOrder"), "no_notification")

	// Named like a model, shaped like something else: left alone, with a note.
	assert.Equal(t, []string{"paid_total", "pending_difference", "refunded_total"}, sortedKeys(schemaProps(t, doc, "BaseOrderSummary")))
	assert.Contains(t, rep.Notes, "model-columns: BaseOrderSummary is named like the model OrderSummary but shares too few of its properties; left alone")

	// A schema a request body also uses is not touched.
	assert.Equal(t, []string{"email", "id"}, sortedKeys(schemaProps(t, doc, "AdminCart")))

	// Table names match too; computed columns stay out.
	cart := schemaProps(t, doc, "StoreCart")
	assert.Contains(t, cart, "shipping_address_id")
	assert.Equal(t, true, cart["locale"].(map[string]any)["nullable"])
	item := schemaProps(t, doc, "StoreCartLineItem")
	assert.Equal(t, "boolean", item["is_custom_price"].(map[string]any)["type"])
	assert.Contains(t, item, "cart_id")
	assert.NotContains(t, item, "original_total")

	// Inline records: an envelope's property named after a model, then the
	// model's relations.
	env := schemaProps(t, doc, "StoreShippingOptionListResponse")
	option := env["shipping_options"].(map[string]any)["items"].(map[string]any)["properties"].(map[string]any)
	assert.Equal(t, map[string]any{"type": "array", "items": map[string]any{"type": "string"},
		"description": "A column of Medusa's ShippingOption data model (array) the spec does not document."}, option["tags"])
	assert.Contains(t, option, "service_zone_id")
	zone := option["service_zone"].(map[string]any)["properties"].(map[string]any)
	assert.Contains(t, zone, "metadata")
	assert.Contains(t, zone, "fulfillment_set_id")

	// payment_collection_id, payment_session_id, captured_at, data; status;
	// delivery_address_id, requires_shipping; no_notification; locale,
	// shipping_address_id; is_custom_price, cart_id; price_type, tags,
	// service_zone_id; metadata, fulfillment_set_id.
	assert.Equal(t, 17, rep.Counts["model-columns"])
}

func TestModelColumnsWithoutFacts(t *testing.T) {
	doc := columnsDoc(t)
	before, err := Encode(doc)
	require.NoError(t, err)
	rep := &Report{}
	require.NoError(t, modelColumns(doc, rep))
	after, err := Encode(doc)
	require.NoError(t, err)
	assert.Equal(t, string(before), string(after))
	assert.Zero(t, rep.Counts["model-columns"])

	// Facts of no model this spec names change nothing either.
	doc[ModelsKey] = &Models{Medusa: "2.0.0", Models: []*Model{nil, {Name: "Unrelated", Table: "unrelated"}}}
	require.NoError(t, modelColumns(doc, rep))
	after, err = Encode(doc)
	require.NoError(t, err)
	assert.Equal(t, string(before), string(after))
}

// Two models of one name (two packages that disagree) match neither; a
// component two relations point to as different models is left alone.
func TestModelColumnsAmbiguous(t *testing.T) {
	doc := columnsDoc(t)
	m := columnModels()
	m.Models = append(m.Models, &Model{Name: "Other", Table: "payment", Module: "other",
		Columns: map[string]Column{"id": {Type: "id"}, "amount": {Type: "number"}, "secret": {Type: "text"}}})
	doc[ModelsKey] = m
	require.NoError(t, modelColumns(doc, &Report{}))
	pay := schemaProps(t, doc, "AdminPayment")
	assert.NotContains(t, pay, "payment_session_id", "the payment table names two models")
	assert.NotContains(t, pay, "secret")
	assert.Contains(t, schemaProps(t, doc, "AdminPaymentCollection"), "status", "the others still match")
}

func TestSnake(t *testing.T) {
	for in, want := range map[string]string{
		"ProductVariant": "product_variant", "cart_line_item": "cart_line_item", "CartLineItem": "cart_line_item",
		"notificationProvider": "notification_provider", "Cart": "cart", "": "",
	} {
		assert.Equal(t, want, snake(in), in)
	}
}

// <P><Owner><X> counts as <X> only when <P><Owner> refers to it.
func TestModelColumnsOwnerMustReferToIt(t *testing.T) {
	doc := columnsDoc(t)
	order := schemaProps(t, doc, "AdminOrder")
	delete(order, "fulfillments")
	// Still reached by an answer, through a property of the envelope.
	paths := doc["paths"].(map[string]any)
	env := paths["/admin/orders/{id}"].(map[string]any)["get"].(map[string]any)["responses"].(map[string]any)["200"].(map[string]any)["content"].(map[string]any)["application/json"].(map[string]any)["schema"].(map[string]any)["properties"].(map[string]any)
	env["other"] = map[string]any{"$ref": "#/components/schemas/AdminOrderFulfillment"}
	doc[ModelsKey] = columnModels()
	require.NoError(t, modelColumns(doc, &Report{}))
	assert.Equal(t, []string{"id", "packed_at"}, sortedKeys(schemaProps(t, doc, "AdminOrderFulfillment")))
}

// A component two relations point to as different models is left alone.
func TestModelColumnsRelationsDisagree(t *testing.T) {
	doc := columnsDoc(t)
	schemas := component(doc, "schemas")
	schemas["AdminThing"] = map[string]any{"type": "object", "properties": map[string]any{
		"id": map[string]any{"type": "string"}, "name": map[string]any{"type": "string"}}}
	schemaProps(t, doc, "AdminPayment")["payment_session"] = map[string]any{"$ref": "#/components/schemas/AdminThing"}
	schemaProps(t, doc, "AdminOrder")["summary"] = map[string]any{"$ref": "#/components/schemas/AdminThing"}
	m := columnModels()
	m.Models = append(m.Models, &Model{Name: "PaymentSession", Table: "payment_session", Module: "payment",
		Columns: map[string]Column{"id": {Type: "id"}, "name": {Type: "text"}, "status": {Type: "text"}}})
	m.Models = append(m.Models, &Model{Name: "Label", Table: "label", Module: "order",
		Columns: map[string]Column{"id": {Type: "id"}, "name": {Type: "text"}, "text": {Type: "text"}}})
	for _, model := range m.Models {
		if model.Name == "Order" {
			model.Relations = map[string]Relation{"summary": {Kind: "hasMany", Model: "Label"}}
		}
	}
	doc[ModelsKey] = m
	require.NoError(t, modelColumns(doc, &Report{}))
	assert.Equal(t, []string{"id", "name"}, sortedKeys(schemaProps(t, doc, "AdminThing")), "either model would fit its shape")

	// With one relation pointing to it, it is that relation's model.
	doc = columnsDoc(t)
	component(doc, "schemas")["AdminThing"] = map[string]any{"type": "object", "properties": map[string]any{
		"id": map[string]any{"type": "string"}, "name": map[string]any{"type": "string"}}}
	schemaProps(t, doc, "AdminPayment")["payment_session"] = map[string]any{"$ref": "#/components/schemas/AdminThing"}
	doc[ModelsKey] = m
	require.NoError(t, modelColumns(doc, &Report{}))
	assert.Contains(t, schemaProps(t, doc, "AdminThing"), "status")
}
