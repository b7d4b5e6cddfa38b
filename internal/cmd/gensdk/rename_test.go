package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A small file shaped like oapi-codegen's: a body with nested objects, a list
// element, an enum, a body alias of a component, a raw answer wrapper and a
// component with an underscore name whose singular is taken.
const renameFixture = `package admin

import (
	"io"
	"net/http"
)

// PostThingsJSONBody defines parameters for PostThings.
type PostThingsJSONBody struct {
	Owner         *PostThingsJSONBody_Owner          ` + "`json:\"owner,omitempty\"`" + `
	SalesChannels *[]PostThingsJSONBody_SalesChannels ` + "`json:\"sales_channels,omitempty\"`" + `
	Status        *PostThingsJSONBodyStatus          ` + "`json:\"status,omitempty\"`" + `
}

type PostThingsJSONBody_Owner struct{ Id string ` + "`json:\"id\"`" + ` }
type PostThingsJSONBody_SalesChannels struct{ Id string ` + "`json:\"id\"`" + ` }
type PostThingsJSONBodyStatus string

const (
	PostThingsJSONBodyStatusDraft PostThingsJSONBodyStatus = "draft"
)

// PostThingsJSONRequestBody is the application/json body of PostThings.
type PostThingsJSONRequestBody = PostThingsJSONBody

type PostThingsBatchJSONRequestBody = AdminBatchThings
type AdminBatchThings struct{ Ids []string }

type AdminThing struct{ Categories *[]AdminThing_Categories }
type AdminThing_Categories struct{ Id string }
type AdminThingCategory struct{ Id string }

type PostThingsResponse struct{ JSON200 *AdminThing }

func (c *ClientWithResponses) PostThingsWithResponse(body PostThingsJSONRequestBody) (*PostThingsResponse, error) {
	return nil, nil
}

func (c *ClientWithResponses) PostThingsBatchWithResponse(body PostThingsBatchJSONRequestBody) error { return nil }

type ClientWithResponses struct{}

// NewPostThingsRequest builds the PostThings request.
func NewPostThingsRequest(server string, body PostThingsJSONRequestBody) (*http.Request, error) {
	return NewPostThingsRequestWithBody(server, "application/json", nil)
}

func NewPostThingsRequestWithBody(server string, contentType string, body io.Reader, opts ...string) (*http.Request, error) {
	return nil, nil
}

func ParsePostThingsResponse(rsp *http.Response) (*PostThingsResponse, error) { return nil, nil }
`

func TestTypeNamingRule(t *testing.T) {
	sos := []*sdkOp{
		{operation: &operation{ID: "PostThings", Name: "CreateThing"}, aliases: []alias{{Name: "CreateThingBody", Target: "PostThingsJSONRequestBody"}}},
		{operation: &operation{ID: "PostThingsBatch", Name: "BatchThings"}},
	}
	r, err := planRenames("admin", []byte(renameFixture), sos)
	require.NoError(t, err)
	assert.Equal(t, map[string]string{
		"PostThingsJSONBody":               "CreateThingBody",
		"PostThingsJSONRequestBody":        "CreateThingBody",
		"PostThingsJSONBody_Owner":         "CreateThingBodyOwner",
		"PostThingsJSONBody_SalesChannels": "CreateThingBodySalesChannel", // a list's element: one element
		"PostThingsJSONBodyStatus":         "CreateThingBodyStatus",
		"PostThingsBatchJSONRequestBody":   "AdminBatchThings", // the component, in every use
		"PostThingsResponse":               "RawCreateThingResponse",
		"AdminThing_Categories":            "AdminThingCategories", // the singular is a component already
	}, r.types)
	assert.Equal(t, map[string]string{"PostThingsJSONBodyStatusDraft": "CreateThingBodyStatusDraft"}, r.consts)
	assert.Equal(t, map[string]string{
		"NewPostThingsRequest":         "NewRawCreateThingRequest",
		"NewPostThingsRequestWithBody": "NewRawCreateThingRequestWithBody",
		"ParsePostThingsResponse":      "ParseRawCreateThingResponse",
	}, r.funcs, "the raw client's builders and parsers say raw and the method")

	out, err := r.apply([]byte(renameFixture))
	require.NoError(t, err)
	s := string(out)
	assert.Contains(t, s, "// CreateThingBody defines parameters for PostThings.\ntype CreateThingBody struct {")
	assert.Contains(t, s, "SalesChannels *[]CreateThingBodySalesChannel `json:\"sales_channels,omitempty\"`")
	assert.Contains(t, s, `CreateThingBodyStatusDraft CreateThingBodyStatus = "draft"`)
	assert.Contains(t, s, "PostThingsWithResponse(body CreateThingBody) (*RawCreateThingResponse, error)")
	assert.Contains(t, s, "PostThingsBatchWithResponse(body AdminBatchThings) error")
	assert.NotContains(t, s, "CreateThingBody = CreateThingBody", "an alias that became itself is deleted")
	assert.NotContains(t, s, "AdminBatchThings = AdminBatchThings")
	assert.NotContains(t, s, "is the application/json body of", "with its comment")
	assert.Contains(t, s, "// NewRawCreateThingRequest builds the PostThings request.\nfunc NewRawCreateThingRequest(server string, body CreateThingBody) (*http.Request, error) {\n\treturn NewRawCreateThingRequestWithBody(")
	assert.Contains(t, s, "func ParseRawCreateThingResponse(rsp *http.Response) (*RawCreateThingResponse, error)")

	// The SDK layer's alias of the body goes too: the struct has its name.
	sdk, err := r.apply([]byte("package admin\n\n// CreateThingBody is the request body of CreateThing.\ntype CreateThingBody = PostThingsJSONRequestBody\n\nfunc f(b CreateThingBody) {}\n"))
	require.NoError(t, err)
	assert.NotContains(t, string(sdk), "type CreateThingBody")

	former, err := r.former(out)
	require.NoError(t, err)
	f := string(former)
	assert.Contains(t, f, "import (\n\t\"io\"\n\t\"net/http\"\n)", "what the old functions' signatures name")
	assert.Contains(t, f, "// Deprecated: use NewRawCreateThingRequestWithBody.\nfunc NewPostThingsRequestWithBody(server string, contentType string, body io.Reader, opts ...string) (*http.Request, error) {\n\treturn NewRawCreateThingRequestWithBody(server, contentType, body, opts...)\n}")
	assert.Contains(t, f, "func ParsePostThingsResponse(rsp *http.Response) (*RawCreateThingResponse, error) {\n\treturn ParseRawCreateThingResponse(rsp)\n}")
	assert.Contains(t, f, "// Deprecated: use CreateThingBodySalesChannel.\ntype PostThingsJSONBody_SalesChannels = CreateThingBodySalesChannel")
	assert.Contains(t, f, "// Deprecated: use CreateThingBody.\ntype PostThingsJSONRequestBody = CreateThingBody")
	assert.Contains(t, f, "// Deprecated: use CreateThingBodyStatusDraft.\nconst PostThingsJSONBodyStatusDraft = CreateThingBodyStatusDraft")
	assert.Equal(t, len(r.types)+len(r.consts)+len(r.funcs), strings.Count(f, "// Deprecated: "), "every old name stays")
}

func TestGoWords(t *testing.T) {
	assert.Equal(t, "SalesChannels", goWords("_SalesChannels", false))
	assert.Equal(t, "SalesChannel", goWords("_SalesChannels", true))
	assert.Equal(t, "VariantsOption", goWords("_Variants_Options", true))
	assert.Equal(t, "Price", goWords("_Prices_Item", false), "oapi-codegen's list element")
	assert.Equal(t, "Category", goWords("_Categories", true))
	assert.Equal(t, "Status", goWords("Status", false))
}
