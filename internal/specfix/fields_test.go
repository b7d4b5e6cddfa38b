package specfix

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const recordsSpec = `
openapi: 3.0.0
info: {title: t, version: 2.0.0}
paths:
  /admin/things:
    get:
      operationId: GetThings
      responses: {"200": {description: OK, content: {application/json: {schema: {$ref: "#/components/schemas/AdminThingResponse"}}}}}
components:
  schemas:
    AdminThingResponse:
      type: object
      properties:
        thing: {$ref: "#/components/schemas/AdminThing"}
        thing_settings: {type: object}
    AdminThing:
      type: object
      required: [id, variant, options]
      properties:
        id: {type: string}
        title: {type: string}
        metadata: {type: object}
        variant: {type: object}
        options: {type: array, items: {type: object}}
        parent: {type: object}
        parent_thing: {type: object}
        thing_children: {type: array, items: {type: object}}
        collection: {$ref: "#/components/schemas/AdminCollection"}
        owner: {$ref: "#/components/schemas/AdminOwner"}
        free: {type: object, additionalProperties: true}
        unknown_kind: {type: object}
    AdminThingVariant: {type: object, properties: {id: {type: string}, created_at: {type: string}}}
    AdminThingOption: {type: object, properties: {id: {type: string}, created_at: {type: string}}}
    AdminCollection:
      type: object
      properties:
        id: {type: string}
        title: {type: string}
        things: {type: array, items: {$ref: "#/components/schemas/AdminThing"}}
    AdminOwner: {type: object, properties: {id: {type: string}, name: {type: string}, thing: {$ref: "#/components/schemas/AdminThing"}}}
    BaseThing:
      type: object
      properties:
        id: {type: number}
        is_giftcard: {type: boolean}
    AdminThingSettings: {type: object, properties: {a: {type: string}}}
    AdminUnreached: {type: object, properties: {id: {type: string}, a: {type: string}, b: {type: string}, variant: {type: object}}}
`

func TestRecordRules(t *testing.T) {
	doc, err := Decode([]byte(recordsSpec))
	require.NoError(t, err)
	rep, err := Apply(doc, "typed-relations", "same-record-fields", "record-timestamps", "foreign-keys")
	require.NoError(t, err)
	thing := func(p string) any { return at(doc, "components", "schemas", "AdminThing", "properties", p) }
	ref := func(n string) map[string]any { return map[string]any{"$ref": "#/components/schemas/" + n} }

	// typed-relations
	assert.Equal(t, ref("AdminThingVariant"), thing("variant"), "<Prefix><Entity words><Property>")
	assert.Equal(t, ref("AdminThingOption"), at(thing("options"), "items"), "arrays are singular")
	assert.Equal(t, ref("AdminThing"), thing("parent"), "parent is the entity itself")
	assert.Equal(t, ref("AdminThing"), thing("parent_thing"))
	assert.Equal(t, ref("AdminThing"), at(thing("thing_children"), "items"))
	assert.Equal(t, map[string]any{"type": "object"}, thing("metadata"), "free-form data stays")
	assert.Equal(t, map[string]any{"type": "object"}, thing("unknown_kind"), "no component by that name")
	assert.Equal(t, true, at(thing("free"), "additionalProperties"))
	assert.Equal(t, []any{"id"}, at(doc, "components", "schemas", "AdminThing", "required"), "a relation is sent only when asked for")
	assert.Equal(t, map[string]any{"type": "object"}, at(doc, "components", "schemas", "AdminThingResponse", "properties", "thing_settings"),
		"answer envelopes are not records")
	assert.Equal(t, map[string]any{"type": "object"}, at(doc, "components", "schemas", "AdminUnreached", "properties", "variant"),
		"only what an answer reaches")
	assert.Equal(t, 5, rep.Counts["typed-relations"])

	// same-record-fields: added, never changed
	assert.Equal(t, map[string]any{"type": "boolean"}, thing("is_giftcard"))
	assert.Equal(t, map[string]any{"type": "string"}, thing("id"))

	// record-timestamps: records with an id and no timestamps, reached by an answer
	assert.Equal(t, "date-time", at(thing("created_at"), "format"))
	assert.NotNil(t, at(doc, "components", "schemas", "AdminCollection", "properties", "updated_at"))
	assert.Equal(t, "string", at(doc, "components", "schemas", "AdminThingVariant", "properties", "created_at", "type"), "kept")
	assert.Equal(t, "date-time", at(doc, "components", "schemas", "AdminThingVariant", "properties", "updated_at", "format"), "the missing one of the two")
	assert.Nil(t, at(doc, "components", "schemas", "AdminUnreached", "properties", "created_at"))

	// foreign-keys: only where the other side has many
	assert.Equal(t, "string", at(thing("collection_id"), "type"), "AdminCollection has many things")
	assert.Nil(t, thing("owner_id"), "one-to-one: the key's side is unknown")
	assert.NotNil(t, thing("parent_id"), "a tree: the entity has many of itself")
	assert.Equal(t, 3, rep.Counts["foreign-keys"])
}
