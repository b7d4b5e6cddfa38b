package specfix

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const answersSpec = `
openapi: 3.0.0
info: {title: t, version: 2.0.0}
paths:
  /admin/drafts/{id}:
    get:
      operationId: GetDraftsId
      responses: {"200": {description: OK, content: {application/json: {schema: {$ref: "#/components/schemas/DraftResponse"}}}}}
    post:
      operationId: PostDraftsId
      responses: {"200": {description: OK, content: {application/json: {schema: {$ref: "#/components/schemas/DraftResponse"}}}}}
    delete:
      operationId: DeleteDraftsId
      responses: {"200": {description: OK}}
  /admin/drafts/{id}/edit:
    post:
      operationId: PostDraftsIdEdit
      responses: {"200": {description: OK}}
    delete:
      operationId: DeleteDraftsIdEdit
      responses: {"200": {$ref: "#/components/responses/ok"}}
  /admin/drafts/{id}/edit/items/{action_id}:
    delete:
      operationId: DeleteDraftsIdEditItemsActionId
      responses: {"200": {$ref: "#/components/responses/ok"}}
  /admin/drafts/{id}/edit/promotions:
    post:
      operationId: PostDraftsIdEditPromotions
      responses: {"200": {description: OK, content: {application/json: {schema: {$ref: "#/components/schemas/PreviewResponse"}}}}}
  /admin/drafts/{id}/convert:
    post:
      operationId: PostDraftsIdConvert
      responses: {"200": {description: OK, content: {application/json: {schema: {$ref: "#/components/schemas/OrderResponse"}}}}}
  /admin/levels/batch:
    post:
      operationId: PostLevelsBatch
      x-workflow: batchLevels
      responses: {"200": {description: OK, content: {application/json: {schema: {$ref: "#/components/schemas/BatchResponse"}}}}}
  /admin/items/{id}/levels/batch:
    post:
      operationId: PostItemsIdLevelsBatch
      x-workflow: batchLevels
      responses: {"200": {description: OK}}
  /admin/runs/{id}/subscribe:
    get:
      operationId: GetRunsIdSubscribe
      responses: {"200": {description: events, content: {text/event-stream: {schema: {type: string}}}}}
  /admin/runs/{id}/{tx}/subscribe:
    get:
      operationId: GetRunsIdTxSubscribe
      responses: {"200": {description: OK}}
  /auth/factors/{id}:
    delete:
      operationId: DeleteFactorsId
      responses: {"200": {description: OK}}
  /auth/reset:
    post:
      operationId: PostReset
      responses: {"201": {description: OK, content: {text/plain: {schema: {type: string}}}}}
  /admin/imports/{id}/confirm:
    post:
      operationId: PostImportsIdConfirm
      responses: {"202": {description: OK}}
components:
  responses:
    ok: {description: OK}
  schemas:
    DraftResponse: {type: object, properties: {draft: {type: object}}}
    PreviewResponse: {type: object, properties: {preview: {type: object}}}
    OrderResponse: {type: object, properties: {order: {type: object}}}
    BatchResponse: {type: object, properties: {created: {type: array, items: {type: object}}}}
`

func TestAnswerRules(t *testing.T) {
	doc, err := Decode([]byte(answersSpec))
	require.NoError(t, err)
	rep, err := Apply(doc)
	require.NoError(t, err)
	assert.Equal(t, 1, rep.Counts["answer-from-workflow"])
	assert.Equal(t, 2, rep.Counts["answer-from-family"])
	assert.Equal(t, 2, rep.Counts["answer-deletion"])
	assert.Equal(t, 1, rep.Counts["answer-stream-sibling"])
	assert.Equal(t, 1, rep.Counts["answer-json-default"])

	answer := func(path, method, code, ct string) any {
		return at(doc, "paths", path, method, "responses", code, "content", ct, "schema")
	}
	ref := func(name string) map[string]any { return map[string]any{"$ref": "#/components/schemas/" + name} }
	assert.Equal(t, ref("BatchResponse"), answer("/admin/items/{id}/levels/batch", "post", "200", "application/json"),
		"same workflow, method and last segment")
	assert.Equal(t, ref("PreviewResponse"), answer("/admin/drafts/{id}/edit", "post", "200", "application/json"),
		"the family under /edit answers one preview")
	assert.Equal(t, ref("PreviewResponse"), answer("/admin/drafts/{id}/edit/items/{action_id}", "delete", "200", "application/json"),
		"a DELETE inside the family answers the family's answer")
	assert.Equal(t, ref(DeleteResponseName), answer("/admin/drafts/{id}/edit", "delete", "200", "application/json"),
		"the DELETE of the family's root deletes it")
	assert.Equal(t, ref(DeleteResponseName), answer("/admin/drafts/{id}", "delete", "200", "application/json"),
		"a DELETE of a readable record; its own family (draft, order, preview) is mixed")
	assert.Equal(t, []any{"id", "object", "deleted"}, at(doc, "components", "schemas", DeleteResponseName, "required"))
	assert.Equal(t, "string", at(answer("/admin/runs/{id}/{tx}/subscribe", "get", "200", "text/event-stream"), "type"))
	assert.Nil(t, answer("/admin/runs/{id}/{tx}/subscribe", "get", "200", "application/json"))
	assert.Equal(t, true, at(answer("/auth/factors/{id}", "delete", "200", "application/json"), "additionalProperties"),
		"no GET, no family: free-form JSON")
	assert.Nil(t, at(doc, "paths", "/admin/imports/{id}/confirm", "post", "responses", "202", "content"), "202 left alone")
	assert.Nil(t, answer("/auth/reset", "post", "201", "application/json"), "a documented text answer stays")
	assert.Nil(t, at(doc, "components", "responses", "ok", "content"), "a shared response is copied, not changed")
}
