package specfix

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const requestSpec = `
openapi: 3.0.0
info: {title: t, version: 2.0.0}
paths:
  /store/carts:
    post:
      operationId: PostCarts
      requestBody:
        content:
          application/json:
            schema:
              allOf:
                - $ref: "#/components/schemas/StoreCreateCart"
                - {type: object, properties: {additional_data: {type: object}}}
      responses:
        "200":
          content:
            application/json:
              schema: {$ref: "#/components/schemas/StoreCart"}
  /store/carts/{id}:
    post:
      operationId: PostCartsId
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/UpdateCartData"}
      responses:
        "200":
          content:
            application/json:
              schema: {$ref: "#/components/schemas/StoreCart"}
  /admin/invites/accept:
    post:
      operationId: PostInvitesAccept
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/AdminGetInviteAcceptParams"}
      responses:
        "200": {description: ok}
  /admin/gift-cards:
    post:
      operationId: PostGiftCards
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/AdminCreateGiftCardParams"}
      responses:
        "200": {description: ok}
components:
  schemas:
    StoreCart:
      type: object
      properties:
        id: {type: string}
        shipping_address: {$ref: "#/components/schemas/StoreCartAddress"}
    StoreCartAddress:
      type: object
      description: The address.
      required: [id, city]
      properties:
        id: {type: string}
        customer_id: {type: string}
        city: {type: string}
        created_at: {type: string, format: date-time}
        updated_at: {type: string}
        item_total: {type: number}
    StoreCreateCart:
      type: object
      properties:
        region_id: {type: string}
        shipping_address: {$ref: "#/components/schemas/StoreCartAddress"}
        billing_address: {$ref: "#/components/schemas/StoreCartAddress"}
    UpdateCartData:
      type: object
      properties:
        email: {type: string}
        customer_id: {type: string}
        billing_address_id: {type: string}
    AdminGetInviteAcceptParams:
      type: object
      required: [token]
      properties:
        token: {type: string, description: The invite's token.}
        fields: {type: string}
    AdminCreateGiftCardParams:
      type: object
      properties:
        code: {type: string}
`

func applyRequests(t *testing.T) (map[string]any, *Report) {
	t.Helper()
	doc, err := Decode([]byte(requestSpec))
	require.NoError(t, err)
	rep, err := Apply(doc)
	require.NoError(t, err)
	return doc, rep
}

func TestInputShapes(t *testing.T) {
	doc, rep := applyRequests(t)
	schemas := at(doc, "components", "schemas").(map[string]any)
	in, ok := schemas["AddressInput"].(map[string]any)
	require.True(t, ok, "the input copy is named after the property: AddressInput")
	assert.Equal(t, map[string]any{"city": map[string]any{"type": "string"}}, in["properties"],
		"id, links, dates and totals are the server's")
	assert.Equal(t, []any{"city"}, in["required"])
	assert.Contains(t, in["description"], "the server sets created_at, customer_id, id, item_total, updated_at")
	// the response entity is untouched
	assert.Len(t, at(schemas, "StoreCartAddress", "properties"), 6)
	assert.Equal(t, "#/components/schemas/StoreCartAddress", at(schemas, "StoreCart", "properties", "shipping_address", "$ref"))
	assert.Equal(t, 2, rep.Counts["input-shapes"])

	// validator-bodies: an address or an existing address's id
	union := at(schemas, "AddressInputOrID", "oneOf").([]any)
	assert.Equal(t, "#/components/schemas/AddressInput", at(union, 0, "$ref"))
	assert.Equal(t, "#/components/schemas/AddressID", at(union, 1, "$ref"))
	assert.Equal(t, "#/components/schemas/AddressInputOrID", at(schemas, "StoreCreateCart", "properties", "billing_address", "$ref"))
	assert.Equal(t, "string", at(schemas, "AddressID", "type"))
	// the strict cart update validator
	props := at(schemas, "UpdateCartData", "properties").(map[string]any)
	assert.NotContains(t, props, "customer_id")
	assert.NotContains(t, props, "billing_address_id")
	assert.Contains(t, props, "promo_codes")
	assert.Contains(t, props, "email")
}

func TestParamsAreQuery(t *testing.T) {
	doc, rep := applyRequests(t)
	op := at(doc, "paths", "/admin/invites/accept", "post").(map[string]any)
	params := op["parameters"].([]any)
	require.Len(t, params, 2)
	assert.Equal(t, map[string]any{"name": "fields", "in": "query", "required": false, "schema": map[string]any{"type": "string"}}, params[0])
	assert.Equal(t, "token", at(params, 1, "name"))
	assert.Equal(t, true, at(params, 1, "required"))
	assert.Equal(t, "The invite's token.", at(params, 1, "description"))
	assert.Equal(t, "#/components/schemas/AdminAcceptInvite", at(op, "requestBody", "content", "application/json", "schema", "$ref"))
	assert.Len(t, at(doc, "components", "schemas", "AdminAcceptInvite", "properties"), 3)
	assert.Equal(t, 1, rep.Counts["params-are-query"])

	// a body merely named …Params (no select fields) stays a body
	gift := at(doc, "paths", "/admin/gift-cards", "post").(map[string]any)
	assert.NotNil(t, gift["requestBody"])
	assert.Nil(t, gift["parameters"])
}
