package medusa

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path"
	"strings"

	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
	"github.com/medusa-sdk/medusa-go/v2/internal/sdkrt"
)

// File is a file to upload: its name (with an extension), its content type
// ("" guesses it from the name's extension, else application/octet-stream)
// and its content, read once to its end. The generated multipart methods
// take the same type (admin.File).
type File = sdkrt.File

// UploadFiles uploads files to the server's file module (POST /admin/uploads,
// a multipart form with one "files" part per file, as the JS SDK's
// upload.create sends) and returns them with their ids and URLs, in order.
// It is Admin.CreateUpload plus a check that every file came back.
//
// The contents are read into memory first (Medusa's route holds them in
// memory too), so the request can be retried.
func (c *Client) UploadFiles(ctx context.Context, files ...File) ([]admin.AdminFile, error) {
	if len(files) == 0 {
		return nil, errors.New("medusa: UploadFiles: no file")
	}
	out, err := c.Admin.CreateUpload(ctx, admin.CreateUploadForm{Files: files})
	if err != nil {
		return nil, fmt.Errorf("medusa: UploadFiles: %w", err)
	}
	if len(out.Files) != len(files) {
		return nil, fmt.Errorf("medusa: UploadFiles: sent %d files, the server answered %d", len(files), len(out.Files))
	}
	return out.Files, nil
}

// ImportProducts starts a product import from a CSV file the way the JS
// SDK's product.createImport does: it asks for an upload URL
// (POST /admin/uploads/presigned-urls); when the file provider gives a
// presigned http(s) URL (S3 and the like) it PUTs the file there, without
// the client's credentials; otherwise (the local file provider) it uploads
// the file with UploadFiles. Then it creates the import
// (POST /admin/products/imports) and returns its transaction id and summary.
// Confirm it with Admin.ConfirmProductsImport; Medusa then
// creates and updates the products in the background.
func (c *Client) ImportProducts(ctx context.Context, f File) (*admin.AdminImportProductResponse, error) {
	name, ctype, data, err := readFile(f)
	if err != nil {
		return nil, err
	}
	pre, err := c.Admin.CreateUploadsPresignedURL(ctx, admin.AdminUploadPreSignedUrl{
		Originalname: name, MimeType: ctype, Size: float64(len(data)),
	})
	if err != nil {
		return nil, fmt.Errorf("medusa: ImportProducts: presigned URL: %w", err)
	}
	key := pre.Filename
	if strings.HasPrefix(pre.Url, "http://") || strings.HasPrefix(pre.Url, "https://") {
		if err := c.putPresigned(ctx, pre.Url, ctype, data); err != nil {
			return nil, err
		}
	} else {
		up, err := c.UploadFiles(ctx, File{Name: name, ContentType: ctype, Content: bytes.NewReader(data)})
		if err != nil {
			return nil, fmt.Errorf("medusa: ImportProducts: upload: %w", err)
		}
		key = up[0].Id
	}
	ext := pre.Extension
	if ext == "" {
		ext = strings.TrimPrefix(path.Ext(name), ".")
	}
	res, err := c.Admin.CreateProductsImport(ctx, admin.AdminImportProducts{
		FileKey: key, Originalname: name, Extension: ext, Size: float64(len(data)), MimeType: ctype,
	})
	if err != nil {
		return nil, fmt.Errorf("medusa: ImportProducts: create import: %w", err)
	}
	return res, nil
}

// putPresigned sends the file to a presigned URL of another host, with no
// credential and none of the client's headers.
func (c *Client) putPresigned(ctx context.Context, url, ctype string, data []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, url, bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("medusa: ImportProducts: presigned URL: %w", err)
	}
	req.Header.Set("Content-Type", ctype)
	resp, err := c.plain.Do(req)
	if err != nil {
		return fmt.Errorf("medusa: ImportProducts: upload to the presigned URL: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("medusa: ImportProducts: upload to the presigned URL: %w", sdkrt.Decode(resp, nil, nil))
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
	return nil
}

func readFile(f File) (name, ctype string, data []byte, err error) {
	name, ctype, data, err = sdkrt.ReadFile(f)
	if err != nil {
		err = fmt.Errorf("medusa: %w", err)
	}
	return name, ctype, data, err
}
