package medusa_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"log/slog"
	"os"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/gen/store"
)

// The README's quickstart: a storefront client that logs a customer in and
// lists products.
func Example() {
	ctx := context.Background()
	c, err := medusa.New("http://localhost:9000", medusa.WithPublishableKey("pk_..."))
	if err != nil {
		log.Fatal(err)
	}
	_, err = c.Auth.Login(ctx, "customer", "emailpass", medusa.EmailPass{Email: "ada@example.com", Password: "secret"})
	if err != nil {
		log.Fatal(err)
	}
	products, err := c.Store.ListProducts(ctx, &store.ListProductsParams{Limit: medusa.Ptr(20)})
	if err != nil {
		log.Fatal(err)
	}
	for _, p := range products.Products {
		fmt.Println(p.Title)
	}
}

// Errors from the server are *medusa.Error values carrying the status and
// Medusa's type, code and message.
func ExampleError() {
	c, _ := medusa.New("http://localhost:9000")
	_, err := c.Auth.Login(context.Background(), "user", "emailpass", medusa.EmailPass{Email: "admin@example.com", Password: "wrong"})
	var apiErr *medusa.Error
	if errors.As(err, &apiErr) && apiErr.StatusCode == 401 {
		fmt.Println(apiErr.Type, apiErr.Message) // unauthorized Invalid email or password
	}
}

// Every list has an "All" form that walks the pages for you.
func ExampleClient_pagination() {
	ctx := context.Background()
	c, _ := medusa.New("http://localhost:9000", medusa.WithPublishableKey("pk_..."))
	for product, err := range c.Store.ListProductsAll(ctx, &store.ListProductsParams{Limit: medusa.Ptr(100)}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(product.Id, product.Title)
	}
}

// One client serves many customers: each call carries its own token on the
// context, and nothing is stored on the client.
func ExampleWithToken() {
	ctx := context.Background()
	c, _ := medusa.New("http://localhost:9000", medusa.WithPublishableKey("pk_..."))
	tokenA, tokenB := "eyJ...A", "eyJ...B"
	meA, _ := c.Store.GetCurrentCustomer(medusa.WithToken(ctx, tokenA), nil)
	meB, _ := c.Store.GetCurrentCustomer(medusa.WithToken(ctx, tokenB), nil)
	fmt.Println(meA.Customer.Email, meB.Customer.Email)
}

// Options: retries, debug logging with secrets redacted, an injected
// *http.Client's transport and timeout.
func ExampleNew_options() {
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, err := medusa.New("https://shop.example.com",
		medusa.WithSecretAPIKey(os.Getenv("MEDUSA_SECRET_KEY")),
		medusa.WithMaxRetries(3),
		medusa.WithLogger(logger),
	)
	if err != nil {
		log.Fatal(err)
	}
	_ = c
}
