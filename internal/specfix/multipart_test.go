package specfix

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const multipartSpec = `
openapi: 3.0.0
info: {title: t, version: 2.0.0}
paths:
  /admin/uploads:
    post:
      operationId: PostUploads
      requestBody:
        content:
          application/json:
            schema:
              oneOf:
                - $ref: "#/components/schemas/WithFiles"
                - {type: array, items: {$ref: "#/components/schemas/WebFile"}}
      responses: {"200": {description: OK}}
  /admin/import:
    post:
      operationId: PostImport
      requestBody:
        content:
          application/json:
            schema: {type: object, required: [file], properties: {file: {$ref: "#/components/schemas/WebFile"}, note: {type: string}}}
      responses: {"200": {description: OK}}
  /admin/plain:
    post:
      operationId: PostPlain
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {file: {type: object, description: "not a File"}}}
      responses: {"200": {description: OK}}
components:
  schemas:
    WebFile: {type: object, title: file, externalDocs: {url: "https://developer.mozilla.org/en-US/docs/Web/API/File"}}
    WithFiles:
      type: object
      required: [files]
      properties:
        files:
          type: array
          items:
            oneOf:
              - {type: object, properties: {name: {type: string}, content: {type: string}}}
              - $ref: "#/components/schemas/WebFile"
`

func TestFileBodiesAreMultipart(t *testing.T) {
	doc, err := Decode([]byte(multipartSpec))
	require.NoError(t, err)
	rep, err := Apply(doc, "file-bodies-are-multipart")
	require.NoError(t, err)
	assert.Equal(t, 2, rep.Counts["file-bodies-are-multipart"])

	up := at(doc, "paths", "/admin/uploads", "post", "requestBody", "content").(map[string]any)
	require.Contains(t, up, "multipart/form-data")
	assert.NotContains(t, up, "application/json")
	files := at(up["multipart/form-data"], "schema", "properties", "files").(map[string]any)
	assert.Equal(t, "array", files["type"])
	assert.Equal(t, map[string]any{"type": "string", "format": "binary"}, files["items"])
	assert.Equal(t, []any{"files"}, at(up["multipart/form-data"], "schema", "required"))

	imp := at(doc, "paths", "/admin/import", "post", "requestBody", "content", "multipart/form-data", "schema", "properties").(map[string]any)
	assert.Equal(t, "binary", at(imp, "file", "format"))
	assert.Equal(t, "string", at(imp, "note", "type"), "other properties stay form fields")

	plain := at(doc, "paths", "/admin/plain", "post", "requestBody", "content").(map[string]any)
	assert.Contains(t, plain, "application/json", "an object that is not a File is left alone")
}
