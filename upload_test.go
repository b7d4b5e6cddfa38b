package medusa_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
)

func TestUploadFilesMultipart(t *testing.T) {
	c := fake(t, func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "/admin/uploads", r.URL.Path)
		assert.Equal(t, "Basic "+basicOf("sk_1"), r.Header.Get("Authorization"))
		require.NoError(t, r.ParseMultipartForm(1<<20))
		fs := r.MultipartForm.File["files"]
		require.Len(t, fs, 2)
		assert.Equal(t, "a.csv", fs[0].Filename)
		assert.Equal(t, "text/csv; charset=utf-8", fs[0].Header.Get("Content-Type"), "guessed from the extension")
		assert.Equal(t, "application/x-custom", fs[1].Header.Get("Content-Type"))
		f, _ := fs[0].Open()
		b, _ := io.ReadAll(f)
		assert.Equal(t, "x,y", string(b))
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"files":[{"id":"a","url":"http://f/a"},{"id":"b","url":"http://f/b"}]}`))
	}, medusa.WithSecretAPIKey("sk_1"))
	files, err := c.UploadFiles(context.Background(),
		medusa.File{Name: "a.csv", Content: strings.NewReader("x,y")},
		medusa.File{Name: "b", ContentType: "application/x-custom", Content: strings.NewReader("z")})
	require.NoError(t, err)
	assert.Equal(t, "http://f/b", files[1].Url)

	for name, f := range map[string]medusa.File{
		"no name":     {Content: strings.NewReader("x")},
		"quote":       {Name: `a".txt`, Content: strings.NewReader("x")},
		"nil content": {Name: "a.txt"},
		"bad type":    {Name: "a.txt", ContentType: "not a type/", Content: strings.NewReader("x")},
	} {
		_, err := c.UploadFiles(context.Background(), f)
		assert.Error(t, err, name)
	}
	_, err = c.UploadFiles(context.Background())
	assert.Error(t, err)
}

// With a file provider that presigns URLs (S3 and the like), ImportProducts
// PUTs the file to that URL without the client's credentials, then creates
// the import with the provider's key. The open-source server's local
// provider never presigns, so this branch is proven here.
func TestImportProductsPresigned(t *testing.T) {
	var put *http.Request
	var putBody string
	bucket := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		put = r
		b, _ := io.ReadAll(r.Body)
		putBody = string(b)
	}))
	t.Cleanup(bucket.Close)
	var imported map[string]any
	c := fake(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/admin/uploads/presigned-urls":
			_, _ = w.Write([]byte(`{"url":"` + bucket.URL + `/up?sig=1","filename":"01J.csv","extension":"csv","mime_type":"text/csv","size":3,"originalname":"p.csv"}`))
		case "/admin/products/imports":
			require.NoError(t, json.NewDecoder(r.Body).Decode(&imported))
			w.WriteHeader(202)
			_, _ = w.Write([]byte(`{"transaction_id":"tx_1","summary":{"toCreate":1,"toUpdate":0}}`))
		default:
			t.Errorf("unexpected %s", r.URL.Path)
		}
	}, medusa.WithSecretAPIKey("sk_1"), medusa.WithGlobalHeaders(map[string]string{"x-tenant": "t"}))
	res, err := c.ImportProducts(context.Background(), medusa.File{Name: "p.csv", ContentType: "text/csv", Content: strings.NewReader("a,b")})
	require.NoError(t, err)
	assert.Equal(t, "tx_1", res.TransactionId)
	require.NotNil(t, put)
	assert.Equal(t, http.MethodPut, put.Method)
	assert.Equal(t, "a,b", putBody)
	assert.Empty(t, put.Header.Get("Authorization"), "no credential to the bucket")
	assert.Empty(t, put.Header.Get("x-tenant"), "no global header to the bucket")
	assert.Equal(t, "01J.csv", imported["file_key"])
	assert.Equal(t, "p.csv", imported["originalname"])
	assert.Equal(t, float64(3), imported["size"])
}

func basicOf(key string) string { return base64.StdEncoding.EncodeToString([]byte(key + ":")) }

// The generated multipart methods send their form fields as parts: the
// deprecated POST /admin/products/import one "file" part.
func TestGeneratedImportProductsSendsFilePart(t *testing.T) {
	c := fake(t, func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "/admin/products/import", r.URL.Path)
		require.NoError(t, r.ParseMultipartForm(1<<20))
		fs := r.MultipartForm.File["file"]
		require.Len(t, fs, 1)
		assert.Equal(t, "p.csv", fs[0].Filename)
		assert.Equal(t, "text/csv; charset=utf-8", fs[0].Header.Get("Content-Type"))
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"transaction_id":"tx","summary":{"toCreate":1,"toUpdate":0}}`))
	})
	res, err := c.Admin.ImportProducts(context.Background(), admin.ImportProductsForm{File: admin.File{Name: "p.csv", Content: strings.NewReader("a,b")}})
	require.NoError(t, err)
	assert.Equal(t, "tx", res.TransactionId)
	_, err = c.Admin.ImportProducts(context.Background(), admin.ImportProductsForm{})
	assert.ErrorContains(t, err, `admin.ImportProducts: form field "file"`)
}
