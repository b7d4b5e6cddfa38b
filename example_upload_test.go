package medusa_test

import (
	"bytes"
	"context"
	"fmt"
	"log"
	"os"
	"strings"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
)

// Upload files from any io.Reader and read their URLs back.
func ExampleClient_UploadFiles() {
	ctx := context.Background()
	c, err := medusa.New("http://localhost:9000", medusa.WithSecretAPIKey(os.Getenv("MEDUSA_SECRET_KEY")))
	if err != nil {
		log.Fatal(err)
	}
	img, err := os.Open("shirt.png")
	if err != nil {
		log.Fatal(err)
	}
	defer img.Close()
	files, err := c.UploadFiles(ctx, medusa.File{Name: "shirt.png", Content: img}) // image/png from the name
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(files[0].Url)
}

// Import products from a CSV file, then confirm the import.
func ExampleClient_ImportProducts() {
	ctx := context.Background()
	c, err := medusa.New("http://localhost:9000", medusa.WithSecretAPIKey(os.Getenv("MEDUSA_SECRET_KEY")))
	if err != nil {
		log.Fatal(err)
	}
	csv, err := os.Open("products.csv")
	if err != nil {
		log.Fatal(err)
	}
	defer csv.Close()
	res, err := c.ImportProducts(ctx, medusa.File{Name: "products.csv", Content: csv})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%v to create, %v to update\n", res.Summary.ToCreate, res.Summary.ToUpdate)
	if err := c.Admin.ConfirmProductsImport(ctx, res.TransactionId); err != nil {
		log.Fatal(err)
	}
}

// The generated method of a multipart route takes its form: here one
// "files" part per admin.File.
func Example_createUploadForm() {
	ctx := context.Background()
	c, err := medusa.New("http://localhost:9000", medusa.WithSecretAPIKey(os.Getenv("MEDUSA_SECRET_KEY")))
	if err != nil {
		log.Fatal(err)
	}
	up, err := c.Admin.CreateUpload(ctx, admin.CreateUploadForm{Files: []admin.File{
		{Name: "notes.txt", Content: strings.NewReader("hello")},
		{Name: "data.bin", ContentType: "application/octet-stream", Content: bytes.NewReader([]byte{1, 2, 3})},
	}})
	if err != nil {
		log.Fatal(err)
	}
	for _, f := range up.Files {
		fmt.Println(f.Id, f.Url)
	}
}
