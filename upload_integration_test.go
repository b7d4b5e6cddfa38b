//go:build integration

package medusa_test

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/internal/medusatest"
)

func TestUploadFilesFromReaders(t *testing.T) {
	srv := medusatest.Require(t)
	ctx := ctxT(t)
	c := adminClient(t, srv)

	content := "hello from medusa-go " + srv.UniqueName("up")
	files, err := c.UploadFiles(ctx,
		medusa.File{Name: "hello.txt", Content: strings.NewReader(content)},
		medusa.File{Name: "data.json", ContentType: "application/json", Content: strings.NewReader(`{"a":1}`)})
	require.NoError(t, err)
	require.Len(t, files, 2)
	for _, f := range files {
		assert.NotEmpty(t, f.Id)
		assert.True(t, strings.HasPrefix(f.Url, "http"), f.Url)
	}

	// The server gives the same URL back for the id, and the URL serves what
	// was uploaded.
	back, err := c.Admin.GetUpload(ctx, files[0].Id, nil)
	require.NoError(t, err)
	assert.Equal(t, files[0].Url, back.File.Url)
	resp, err := http.Get(files[0].Url)
	require.NoError(t, err)
	defer resp.Body.Close()
	got, _ := io.ReadAll(resp.Body)
	require.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, content, string(got))

	// The generated method's route reads multipart only: the SDK's way works
	// where a JSON upload is refused.
	err = c.Do(ctx, "POST", "/admin/uploads", nil, map[string]any{"files": []any{}}, nil)
	var me *medusa.Error
	require.ErrorAs(t, err, &me)
	assert.Equal(t, 400, me.StatusCode)
}

func TestImportProductsCSV(t *testing.T) {
	srv := medusatest.Require(t)
	ctx := ctxT(t)
	c := adminClient(t, srv)

	handle := strings.ToLower(srv.UniqueName("imported"))
	title := "Imported " + handle
	csv := "Product Handle,Product Title,Product Status,Variant Title,Variant Sku,Variant Price EUR,Variant Option 1 Name,Variant Option 1 Value\n" +
		fmt.Sprintf("%s,%s,draft,Medium,%s-M,12,Size,M\n", handle, title, handle) +
		fmt.Sprintf("%s,%s,draft,Large,%s-L,14,Size,L\n", handle, title, handle)

	res, err := c.ImportProducts(ctx, medusa.File{Name: "products.csv", Content: strings.NewReader(csv)})
	require.NoError(t, err)
	require.NotEmpty(t, res.TransactionId)
	assert.Equal(t, float64(1), res.Summary.ToCreate)
	require.NoError(t, c.Admin.ConfirmProductsImport(ctx, res.TransactionId))

	// The import runs in the background, and the product becomes visible
	// before its variants do: wait for both.
	type listed struct {
		Products []struct {
			Title    string `json:"title"`
			Variants []struct {
				Sku string `json:"sku"`
			} `json:"variants"`
		} `json:"products"`
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		var out listed
		require.NoError(t, c.Do(ctx, "GET", "/admin/products", map[string]any{"handle": handle, "fields": "title,*variants"}, nil, &out))
		skus := []string{}
		if len(out.Products) == 1 {
			for _, v := range out.Products[0].Variants {
				skus = append(skus, v.Sku)
			}
		}
		if len(out.Products) == 1 && len(skus) == 2 {
			assert.Equal(t, title, out.Products[0].Title)
			assert.ElementsMatch(t, []string{handle + "-M", handle + "-L"}, skus)
			return
		}
		require.True(t, time.Now().Before(deadline), "the imported product and its two variants did not appear; last seen: %+v", out.Products)
		time.Sleep(500 * time.Millisecond)
	}
}
