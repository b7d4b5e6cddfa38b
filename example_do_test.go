package medusa_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/gen/store"
	"github.com/medusa-sdk/medusa-go/v2/qs"
)

// Call a custom API route of your Medusa app (src/api/store/wishlist/
// route.ts, say) with the client's auth, qs-encoded filters and typed
// errors, as the JS SDK's client.fetch does.
func ExampleClient_Do() {
	ctx := context.Background()
	c, err := medusa.New("http://localhost:9000", medusa.WithPublishableKey("pk_..."))
	if err != nil {
		log.Fatal(err)
	}
	var out struct {
		Items []struct {
			ID string `json:"id"`
		} `json:"items"`
	}
	query := map[string]any{
		"created_at": map[string]string{"$gt": "2024-01-01"}, // created_at[$gt]=2024-01-01
		"limit":      10,
	}
	if err := c.Do(ctx, "GET", "/store/wishlist", query, nil, &out); err != nil {
		log.Fatal(err) // a *medusa.Error for a non-2xx answer
	}
	err = c.Do(ctx, "POST", "/store/wishlist", nil, map[string]string{"variant_id": "variant_1"}, nil)
	if err != nil {
		log.Fatal(err)
	}
}

// HTTPClient sends what a generated call sends (credentials, publishable
// key, global headers), for a route that does not answer JSON.
func ExampleClient_HTTPClient() {
	ctx := context.Background()
	c, err := medusa.New("http://localhost:9000", medusa.WithSecretAPIKey("sk_..."))
	if err != nil {
		log.Fatal(err)
	}
	req, err := c.NewRequest(ctx, "GET", "/admin/reports/sales.csv", nil, nil)
	if err != nil {
		log.Fatal(err)
	}
	resp, err := c.HTTPClient().Do(req)
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	csv, _ := io.ReadAll(resp.Body)
	fmt.Println(resp.StatusCode, len(csv))
}

// Headers on every request (the JS SDK's globalHeaders) and the locale
// Medusa translates answers into (setLocale), with a per-call override.
func ExampleWithLocale() {
	ctx := context.Background()
	c, err := medusa.New("http://localhost:9000",
		medusa.WithPublishableKey("pk_..."),
		medusa.WithGlobalHeaders(map[string]string{"x-tenant": "acme"}),
		medusa.WithLocale("fr-FR"))
	if err != nil {
		log.Fatal(err)
	}
	_, _ = c.Store.ListProducts(ctx, nil)                                                  // x-medusa-locale: fr-FR
	_, _ = c.Store.ListProducts(ctx, nil, medusa.WithHeader(medusa.LocaleHeader, "de-DE")) // this call only
	if err := c.SetLocale("it-IT"); err != nil {                                           // every later call
		log.Fatal(err)
	}
}

// Leave the client's locale (or a global header) off one call: an admin
// screen editing the original, untranslated product.
func ExampleWithoutHeader() {
	ctx := context.Background()
	c, err := medusa.New("http://localhost:9000",
		medusa.WithSecretAPIKey(os.Getenv("MEDUSA_SECRET_KEY")), medusa.WithLocale("fr-FR"))
	if err != nil {
		log.Fatal(err)
	}
	p, err := c.Admin.GetProduct(ctx, "prod_123", nil, medusa.WithoutHeader(medusa.LocaleHeader))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(p.Product.Title)
}

// Encode your own filters exactly as the generated methods encode theirs.
func Example_qs() {
	q, err := qs.Encode(map[string]any{
		"id":         []string{"prod_1", "prod_2"},
		"created_at": map[string]string{"$gt": "2024-01-01"},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(q)
	// Output: created_at%5B%24gt%5D=2024-01-01&id%5B0%5D=prod_1&id%5B1%5D=prod_2
}

// Start a payment session for a cart in one call: the payment collection is
// created when the cart has none.
func ExampleClient_InitiatePaymentSession() {
	ctx := context.Background()
	c, err := medusa.New("http://localhost:9000", medusa.WithPublishableKey("pk_..."))
	if err != nil {
		log.Fatal(err)
	}
	cart, err := c.Store.GetCart(ctx, "cart_...", nil)
	if err != nil {
		log.Fatal(err)
	}
	pc, err := c.InitiatePaymentSession(ctx, &cart.Cart, store.StoreInitializePaymentSession{ProviderId: "pp_system_default"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(pc.PaymentCollection.Id)
}
