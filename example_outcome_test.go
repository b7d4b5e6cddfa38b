package medusa_test

import (
	"context"
	"errors"
	"log"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
)

// A write whose answer was lost may have been applied: read the record back
// by a field you chose before you send it again. Here the name is unique to
// this call; a handle, an external_id or a metadata key of yours serve the
// same way.
func ExampleUnknownOutcomeError() {
	ctx := context.Background()
	c, err := medusa.New("http://localhost:9000", medusa.WithSecretAPIKey("sk_..."))
	if err != nil {
		log.Fatal(err)
	}
	name := "EU web shop 2026-12-06"
	sc, err := c.Admin.CreateSalesChannel(ctx, nil, admin.AdminCreateSalesChannel{Name: name})
	var unknown *medusa.UnknownOutcomeError
	if errors.As(err, &unknown) {
		// unknown.Route is "/admin/sales-channels"; errors.Is(err,
		// context.DeadlineExceeded) and friends still see the cause.
		found, ferr := c.Admin.ListSalesChannels(ctx, &admin.ListSalesChannelsParams{Name: &[]string{name}})
		if ferr != nil {
			log.Fatal(ferr)
		}
		if len(found.SalesChannels) == 1 {
			log.Printf("it was created: %s", found.SalesChannels[0].Id)
			return
		}
		// Not there (yet): Medusa may still be at work on it. Look again
		// later before creating it again.
		log.Fatal(err)
	}
	if err != nil {
		log.Fatal(err) // a refusal (*medusa.Error) or a request never sent
	}
	log.Printf("created %s", sc.SalesChannel.Id)
}

// CreateOnce creates a product by a handle Medusa keeps unique: after a lost
// answer it reads the product back by its handle and creates it again only
// when it is missing; a create that landed meanwhile makes Medusa refuse the
// duplicate handle, and the product is read back.
func ExampleCreateOnce() {
	ctx := context.Background()
	c, err := medusa.New("http://localhost:9000", medusa.WithSecretAPIKey("sk_..."))
	if err != nil {
		log.Fatal(err)
	}
	handle := "linen-shirt"
	var body admin.CreateProductBody // Title, Handle: &handle, Options, ...
	product, err := medusa.CreateOnce(ctx,
		func(ctx context.Context) (*admin.AdminProductResponse, error) {
			return c.Admin.CreateProduct(ctx, nil, body)
		},
		func(ctx context.Context) (*admin.AdminProductResponse, bool, error) {
			list, err := c.Admin.ListProducts(ctx, &admin.ListProductsParams{Handle: &[]string{handle}})
			if err != nil || len(list.Products) == 0 {
				return nil, false, err
			}
			return &admin.AdminProductResponse{Product: list.Products[0]}, true, nil
		})
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("product %s", product.Product.Id)
}
