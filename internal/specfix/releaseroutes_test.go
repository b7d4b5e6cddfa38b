package specfix

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const routesAdminSpec = `
openapi: 3.0.0
info: {title: t, version: 2.0.0}
paths:
  /admin/inventory-items:
    get:
      operationId: GetInventoryItems
      security: [{api_token: []}, {cookie_auth: []}, {jwt_token: []}]
      parameters:
        - {name: q, in: query, schema: {type: string}}
        - {name: sku, in: query, schema: {type: array, items: {type: string}}}
      responses: {"200": {description: OK}, "401": {$ref: "#/components/responses/unauthorized"}}
  /admin/users:
    post:
      operationId: PostUsers
      security: [{api_token: []}, {cookie_auth: []}, {jwt_token: []}]
      responses:
        "200": {description: OK, content: {application/json: {schema: {$ref: "#/components/schemas/AdminUserResponse"}}}}
        "401": {$ref: "#/components/responses/unauthorized"}
  /auth/user/{auth_provider}:
    post:
      operationId: PostActor_typeAuth_provider
      parameters: [{name: auth_provider, in: path, required: true, schema: {type: string}}]
      responses: {"200": {description: OK}}
components:
  schemas:
    AdminUserResponse:
      type: object
      properties: {user: {type: object, properties: {id: {type: string}}}}
`

const routesFacts = `{
 "medusa": "2.21.2",
 "routes": [
  {"method": "GET", "path": "/admin/inventory-items", "query": "AdminGetInventoryItemsParams", "file": "admin/inventory-items/route.js",
   "auth": {"actor": ["user"], "types": ["bearer", "session", "api-key"]}},
  {"method": "POST", "path": "/admin/users", "body": "AdminCreateUser", "file": "admin/users/route.js",
   "auth": {"actor": ["user"], "types": ["bearer", "session", "api-key"]}},
  {"method": "POST", "path": "/admin/inventory-items/export", "query": "AdminGetInventoryItemsParams", "file": "admin/inventory-items/export/route.js",
   "auth": {"actor": ["user"], "types": ["bearer", "session", "api-key"]},
   "answer": {"declared": "HttpTypes.AdminExportInventoryItemResponse", "schema": {"$ref": "#/definitions/AdminExportInventoryItemResponse"}}},
  {"method": "POST", "path": "/admin/search-indexes/{id}/reindex", "body": "AdminReindexSearchIndex", "file": "admin/search-indexes/[id]/reindex/route.js",
   "auth": {"actor": ["user"], "types": ["session", "bearer", "api-key"]},
   "answer": {"declared": "HttpTypes.AdminSearchIndexReindexResponse", "sdk_method": "admin.search.reindex",
    "schema": {"$ref": "#/definitions/AdminSearchIndexReindexResponse"}}},
  {"method": "GET", "path": "/admin/search", "query": "AdminGetSearchParams", "file": "admin/search/route.js",
   "auth": {"actor": ["user"], "types": ["session", "bearer", "api-key"]},
   "answer": {"schema": {"$ref": "#/definitions/AdminSearchResponse"}}},
  {"method": "GET", "path": "/auth/{actor_type}/providers", "file": "auth/[actor_type]/providers/route.js",
   "answer": {"schema": {"$ref": "#/definitions/AuthProvidersListResponse"}}},
  {"method": "POST", "path": "/auth/{actor_type}/{auth_provider}", "file": "auth/[actor_type]/[auth_provider]/route.js"},
  {"method": "POST", "path": "/auth/{auth_provider}/user", "file": "auth/[auth_provider]/user/route.js",
   "auth": {"actor": ["user"], "types": ["bearer"], "unregistered": true},
   "answer": {"sdk": "HttpTypes.AdminUserResponse", "sdk_method": "auth.createUser", "schema": {"$ref": "#/definitions/AdminUserResponse"}}},
  {"method": "POST", "path": "/auth/{auth_provider}/customer", "file": "x.js", "auth": {"actor": ["customer"], "types": ["bearer"]}},
  {"method": "POST", "path": "/hooks/payment/{provider}", "file": "hooks/payment/[provider]/route.js"},
  {"method": "POST", "path": "/store/search", "body": "StoreSearch", "file": "store/search/route.js"}
 ],
 "schemas": {
  "AdminExportInventoryItemResponse": {"type": "object", "properties": {"transaction_id": {"type": "string"}}, "required": ["transaction_id"]},
  "AdminSearchIndexReindexResponse": {"type": "object", "properties": {"search_index": {"$ref": "#/definitions/AdminSearchIndex"}}, "required": ["search_index"]},
  "AdminSearchIndex": {"type": "object", "properties": {
    "name": {"type": "string"}, "status": {"type": "string", "enum": ["pending", "ready"]},
    "error": {"type": ["string", "null"]}, "self": {"anyOf": [{"$ref": "#/definitions/AdminSearchIndex"}, {"type": "null"}]},
    "count": {"type": ["number", "string"]}, "meta": {"type": "object", "additionalProperties": {}}}, "required": ["name", "status"]},
  "AdminSearchResponse": {"type": "object", "properties": {"results": {"type": "array", "items": {"type": "object", "additionalProperties": {}}}}},
  "AuthProvidersListResponse": {"type": "object", "properties": {"providers": {"type": "array", "items": {"$ref": "#/definitions/AuthProvider"}}}},
  "AuthProvider": {"type": "object", "properties": {"id": {"type": "string"}, "flow": {"type": "string", "enum": ["credentials", "redirect"]}}},
  "AdminUserResponse": {"type": "object", "properties": {"user": {"type": "object"}}}
 }
}`

func routesDoc(t *testing.T, spec string) map[string]any {
	t.Helper()
	doc, err := Decode([]byte(spec))
	require.NoError(t, err)
	var r Routes
	require.NoError(t, json.Unmarshal([]byte(routesFacts), &r))
	doc[RoutesKey] = &r
	doc[ValidatorsKey] = &Validators{Medusa: "2.21.2",
		Bodies: map[string]*Shape{"POST /admin/search-indexes/{}/reindex": {Strict: true, Keys: map[string]Key{
			"since":    {Optional: true, Kind: &Kind{Type: "string"}},
			"strategy": {Optional: true, Kind: &Kind{Type: "string", Enum: []string{"swap", "in_place"}}},
			"queries":  {Optional: true, List: true, Shape: &Shape{Keys: map[string]Key{"entity": {Kind: &Kind{Type: "string"}}}}},
			"filters":  {Optional: true},
			"gone":     {Optional: true, Refused: true},
		}}},
		Queries: map[string]*QueryShape{"GET /admin/search": {Strict: true, Keys: map[string]QueryKey{
			"q":      {Kinds: []string{"string"}, Optional: true},
			"entity": {Kinds: []string{"array", "string"}, Items: []string{"string"}, Optional: true},
			"limit":  {Kinds: []string{"number"}, Optional: true},
			"odd":    {Kinds: []string{"ops"}, Optional: true},
		}}},
	}
	return doc
}

func op(doc map[string]any, path, method string) map[string]any {
	item, _ := doc["paths"].(map[string]any)[path].(map[string]any)
	o, _ := item[method].(map[string]any)
	return o
}

// Routes the admin spec lacks gain operations built from the route table:
// operationId by Medusa's convention, security like the routes that
// authenticate the same way, query and body from the validators, answer
// from the types; documented routes are left alone.
func TestReleaseRoutesAddsWhatTheSpecLacks(t *testing.T) {
	doc := routesDoc(t, routesAdminSpec)
	rep, err := Apply(doc, "release-routes")
	require.NoError(t, err)
	assert.NotContains(t, doc, RoutesKey, "the facts leave the document")
	assert.Equal(t, 5, rep.Counts["release-routes"], rep.String())

	exp := op(doc, "/admin/inventory-items/export", "post")
	require.NotNil(t, exp)
	assert.Equal(t, "PostInventoryItemsExport", exp["operationId"])
	assert.Equal(t, []any{map[string]any{"api_token": []any{}}, map[string]any{"cookie_auth": []any{}}, map[string]any{"jwt_token": []any{}}}, exp["security"],
		"security of the documented routes authenticating the same way")
	params := listOf(exp["parameters"])
	require.Len(t, params, 2, "the parameters of GET /admin/inventory-items, which has the same query validator")
	assert.Equal(t, "sku", params[1].(map[string]any)["name"])
	answer := exp["responses"].(map[string]any)["200"].(map[string]any)["content"].(map[string]any)["application/json"].(map[string]any)["schema"]
	assert.Equal(t, map[string]any{"$ref": "#/components/schemas/AdminExportInventoryItemResponse"}, answer)
	assert.Equal(t, map[string]any{"$ref": "#/components/responses/unauthorized"}, exp["responses"].(map[string]any)["401"],
		"the error answers most documented operations list")
	schemas := component(doc, "schemas")
	assert.Equal(t, []any{"transaction_id"}, schemas["AdminExportInventoryItemResponse"].(map[string]any)["required"])

	re := op(doc, "/admin/search-indexes/{id}/reindex", "post")
	require.NotNil(t, re)
	assert.Equal(t, "PostSearchIndexesIdReindex", re["operationId"])
	assert.Equal(t, "admin.search.reindex", re["x-medusa-sdk-method"])
	assert.Equal(t, "id", listOf(re["parameters"])[0].(map[string]any)["name"])
	body := re["requestBody"].(map[string]any)["content"].(map[string]any)["application/json"].(map[string]any)["schema"].(map[string]any)
	props := body["properties"].(map[string]any)
	assert.NotContains(t, props, "gone", "a key the validator refuses is no property")
	assert.Equal(t, "array", props["queries"].(map[string]any)["type"], "a list of objects")
	assert.Equal(t, map[string]any{}, props["filters"], "a key of no kind takes any value")
	assert.Equal(t, "string", props["strategy"].(map[string]any)["type"])
	assert.NotContains(t, body, "required")
	idx := schemas["AdminSearchIndex"].(map[string]any)["properties"].(map[string]any)
	assert.Equal(t, map[string]any{"type": "string", "nullable": true}, idx["error"], "T | null is T, nullable")
	assert.Equal(t, map[string]any{"$ref": "#/components/schemas/AdminSearchIndex"}, idx["self"], "a nullable record is the record")
	assert.Equal(t, map[string]any{}, idx["count"], "a value of several types is any value")
	assert.Equal(t, map[string]any{"type": "object", "additionalProperties": true}, idx["meta"])
	assert.Equal(t, []any{"pending", "ready"}, idx["status"].(map[string]any)["enum"])

	search := op(doc, "/admin/search", "get")
	require.NotNil(t, search)
	var names []string
	for _, p := range listOf(search["parameters"]) {
		names = append(names, p.(map[string]any)["name"].(string))
	}
	assert.Equal(t, []string{"entity", "limit", "q"}, names, "one parameter per validator key a query string can send")

	prov := op(doc, "/auth/user/providers", "get")
	require.NotNil(t, prov, "{actor_type} is the spec's actor")
	assert.Equal(t, "GetActor_typeProviders", prov["operationId"])
	assert.NotContains(t, prov, "security", "a route without authentication")

	user := op(doc, "/auth/{auth_provider}/user", "post")
	require.NotNil(t, user, "an /auth route of the spec's actor")
	assert.Equal(t, map[string]any{"$ref": "#/components/schemas/AdminUserResponse"}, user["responses"].(map[string]any)["200"].(map[string]any)["content"].(map[string]any)["application/json"].(map[string]any)["schema"],
		"a type the spec has is the spec's component")
	assert.Equal(t, map[string]any{"user": map[string]any{"type": "object", "properties": map[string]any{"id": map[string]any{"type": "string"}}}},
		schemas["AdminUserResponse"].(map[string]any)["properties"], "the spec's component is unchanged")

	assert.Nil(t, op(doc, "/auth/{auth_provider}/customer", "post"), "another actor's route")
	assert.Nil(t, op(doc, "/hooks/payment/{provider}", "post"), "webhooks are no API calls")
	assert.Nil(t, op(doc, "/store/search", "post"), "another namespace")
	assert.Equal(t, "PostUsers", op(doc, "/admin/users", "post")["operationId"], "a documented route is left alone")
	assert.Len(t, op(doc, "/auth/user/{auth_provider}", "post")["parameters"], 1)
}

const routesStoreSpec = `
openapi: 3.0.0
info: {title: t, version: 2.0.0}
paths:
  /store/products:
    get:
      operationId: GetProducts
      parameters: [{name: x-publishable-api-key, in: header, required: true, schema: {type: string}}]
      responses: {"200": {description: OK}}
  /auth/customer/{auth_provider}:
    post:
      operationId: PostActor_typeAuth_provider
      responses: {"200": {description: OK}}
`

// On the store, a new route takes the publishable-key header of its
// neighbours (which drop-publishable-key-header then removes, as from
// them), and {actor_type} is customer.
func TestReleaseRoutesOnTheStore(t *testing.T) {
	doc := routesDoc(t, routesStoreSpec)
	facts := doc[RoutesKey].(*Routes)
	facts.Routes = append(facts.Routes, &Route{Method: "GET", Path: "/store/products", File: "store/products/route.js",
		Auth: &RouteAuth{Actor: []string{"customer"}, Types: []string{"bearer", "session"}, Optional: true}, PublishableKey: true})
	for _, r := range facts.Routes {
		if r.Path == "/store/search" {
			r.PublishableKey = true
		}
	}
	rep, err := Apply(doc, "release-routes")
	require.NoError(t, err)
	assert.Equal(t, 3, rep.Counts["release-routes"], rep.String())
	assert.NotNil(t, op(doc, "/auth/{auth_provider}/customer", "post"), "an /auth route of the customer actor")
	s := op(doc, "/store/search", "post")
	require.NotNil(t, s)
	assert.Equal(t, "PostSearch", s["operationId"])
	require.Len(t, listOf(s["parameters"]), 1)
	assert.Equal(t, "x-publishable-api-key", listOf(s["parameters"])[0].(map[string]any)["name"])
	assert.NotNil(t, op(doc, "/auth/customer/providers", "get"))
	assert.Nil(t, op(doc, "/auth/{auth_provider}/user", "post"), "the user actor's route is the admin's")
	_, err = Apply(doc, "drop-publishable-key-header")
	require.NoError(t, err)
	assert.Empty(t, listOf(op(doc, "/store/search", "post")["parameters"]))
}

// Without facts the rule does nothing.
func TestReleaseRoutesWithoutFacts(t *testing.T) {
	doc, err := Decode([]byte(routesAdminSpec))
	require.NoError(t, err)
	rep, err := Apply(doc, "release-routes")
	require.NoError(t, err)
	assert.Zero(t, rep.Counts["release-routes"])
	assert.Nil(t, op(doc, "/admin/inventory-items/export", "post"))
}

// The operationIds follow the convention of Medusa's own spec.
func TestMedusaOperationID(t *testing.T) {
	for _, c := range [][3]string{
		{"GET", "/admin/api-keys/{id}", "GetApiKeysId"},
		{"POST", "/auth/{actor_type}/{auth_provider}/reset-password", "PostActor_typeAuth_providerResetPassword"},
		{"POST", "/admin/users/{id}/reset-password", "PostUsersIdResetPassword"},
		{"GET", "/auth/{actor_type}/providers", "GetActor_typeProviders"},
		{"POST", "/auth/{auth_provider}/user", "PostAuth_providerUser"},
		{"DELETE", "/admin/search-indexes/{id}", "DeleteSearchIndexesId"},
		{"POST", "/store/search", "PostSearch"},
	} {
		assert.Equal(t, c[2], medusaOperationID(c[0], c[1]), c[1])
	}
}

// A documented operation without a body whose route's validator takes one
// gains it (release-bodies), not required; a validator whose keys are all
// query parameters of the operation adds nothing.
func TestReleaseBodiesGainedByDocumentedOperations(t *testing.T) {
	doc := routesDoc(t, routesAdminSpec)
	r := doc[RoutesKey].(*Routes)
	r.Routes[0].Body = "AdminInventoryItemsBody" // GET /admin/inventory-items
	vals := doc[ValidatorsKey].(*Validators)
	vals.Bodies["POST /admin/users"] = &Shape{Keys: map[string]Key{
		"email":  {Kind: &Kind{Type: "string"}},
		"quiet":  {Optional: true, Kind: &Kind{Type: "boolean"}},
		"secret": {Optional: true, Refused: true},
	}}
	vals.Bodies["GET /admin/inventory-items"] = &Shape{Keys: map[string]Key{"q": {Optional: true, Kind: &Kind{Type: "string"}}}}
	rep, err := Apply(doc, "release-routes")
	require.NoError(t, err)
	assert.Equal(t, 1, rep.Counts["release-bodies"], rep.String())

	users := op(doc, "/admin/users", "post")
	body := users["requestBody"].(map[string]any)
	assert.Equal(t, false, body["required"], "the server took the call without a body")
	schema := body["content"].(map[string]any)["application/json"].(map[string]any)["schema"].(map[string]any)
	assert.Equal(t, []any{"email"}, schema["required"])
	assert.ElementsMatch(t, []string{"email", "quiet"}, keysOf(schema["properties"].(map[string]any)), "a refused key is no property")

	assert.NotContains(t, op(doc, "/admin/inventory-items", "get"), "requestBody", "its only key is a query parameter")
	assert.Contains(t, rep.Notes, "release-bodies: GET /admin/inventory-items: its validator AdminInventoryItemsBody takes only keys of its query; left out")
}

func keysOf(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
