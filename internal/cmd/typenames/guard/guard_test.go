package guard

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReason(t *testing.T) {
	ops := []string{"GetProductsId", "GetProducts", "PostProducts"}
	for name, want := range map[string]string{
		"PostProductsJSONBody":              "operation PostProducts",
		"GetProductsIdParams":               "operation GetProductsId",
		"GetProducts200JSONResponseBody":    "operation GetProducts",
		"PostProducts":                      "operation PostProducts",
		"AdminProduct_Options":              "contains _",
		"AdminJSONThing":                    "contains JSON",
		"GetProductsummary":                 "", // another word, not the operation
		"CreateProductBody":                 "",
		"ListProductsParams":                "",
		"ProductStatusPublished":            "",
		"PostProductsJSONBodyStatusProposd": "operation PostProducts",
	} {
		assert.Equal(t, want, Reason(name, ops), name)
	}
}

func TestDeprecated(t *testing.T) {
	assert.True(t, Deprecated("Deprecated: use X."))
	assert.True(t, Deprecated("X is old.\n\nDeprecated: use Y.\n"))
	assert.False(t, Deprecated("X is not Deprecated: really."))
	assert.False(t, Deprecated(""))
}

func TestCheckCountsLiveNamesOnly(t *testing.T) {
	dir := t.TempDir()
	src := `package admin

type OperationInfo struct{ ID, Method, Path string }

var Operations = []OperationInfo{
	{ID: "PostProducts", Method: "POST", Path: "/admin/products"},
}

// CreateProductBody is a body.
type CreateProductBody struct{ Status *ProductStatus }

// PostProductsJSONBody is the old name.
//
// Deprecated: use CreateProductBody.
type PostProductsJSONBody = CreateProductBody

type PostProductsJSONBody_Options struct{}

type Admin_Thing struct{}

type ProductStatus string

const (
	ProductStatusDraft ProductStatus = "draft"
	// Deprecated: use ProductStatusDraft.
	PostProductsJSONBodyStatusDraft ProductStatus = "draft"
	PostProductsJSONBodyStatusPublished ProductStatus = "published"
)

// NewPostProductsThing makes one.
func PostProductsNew() Admin_Thing { return Admin_Thing{} }

// The raw client's request builders: the operation after New.
func NewPostProductsRequest() error { return nil }

func NewRawCreateProductRequest() error { return nil }

// Deprecated: use NewRawCreateProductRequest.
func NewPostProductsRequestWithBody() error { return nil }

func NewClient() error { return nil }
`
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.go"), []byte(src), 0o644))
	res, err := Check(dir)
	require.NoError(t, err)
	var names []string
	for _, f := range res.Findings {
		names = append(names, f.Name+" "+f.Kind)
	}
	assert.Equal(t, []string{
		"Admin_Thing type",
		"NewPostProductsRequest func",
		"PostProductsJSONBodyStatusPublished const",
		"PostProductsJSONBody_Options type",
		"PostProductsNew func",
	}, names)
	assert.Equal(t, "admin", res.Package)
}

func TestCheckRefusesAPackageWithoutOperations(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.go"), []byte("package x\n\ntype A_B struct{}\n"), 0o644))
	_, err := Check(dir)
	assert.ErrorContains(t, err, "no operations")
}

// A name that starts with an SDK method's name is the SDK's, even where the
// method is spelled like an operationId (a route that kept it).
func TestReasonWithMethods(t *testing.T) {
	ops := []string{"GetProductsIdOptions", "DeleteSession", "GetProducts"}
	methods := map[string]bool{"DeleteSession": true, "GetProductsIdOptions": true, "ListProducts": true}
	for name, want := range map[string]string{
		"DeleteSessionResult":        "",
		"GetProductsIdOptionsParams": "",
		"GetProductsParams":          "operation GetProducts",
		"DeleteSession200JSONBody":   "contains JSON",
		"ListProductsParams":         "",
		"DeleteSessionsomething":     "",
		"GetProductsIdOptions_Thing": "contains _",
	} {
		assert.Equal(t, want, ReasonWith(name, ops, methods), name)
	}
}
