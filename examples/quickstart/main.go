// Command quickstart shows the SDK's main job against a Medusa server: it
// logs in with each auth method, prints the admin's identity, uploads a
// file, lists a few products, and signs a customer up.
//
//	MEDUSA_URL=http://localhost:9000 MEDUSA_ADMIN_EMAIL=... MEDUSA_ADMIN_PASSWORD=... go run ./examples/quickstart
//
// `make demo` starts the local test server and runs it against that.
package main

import (
	"context"
	"fmt"
	"log"
	"os"
	"strings"
	"time"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/authn"
	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
	"github.com/medusa-sdk/medusa-go/v2/gen/store"
)

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := run(ctx, env("MEDUSA_URL", "http://localhost:9000"), os.Getenv("MEDUSA_ADMIN_EMAIL"), os.Getenv("MEDUSA_ADMIN_PASSWORD")); err != nil {
		log.Fatal(err)
	}
}

func env(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func run(ctx context.Context, url, email, password string) error {
	creds := medusa.EmailPass{Email: email, Password: password}

	// 1. Admin with a JWT (the default): Login stores the token in memory.
	jwt, err := medusa.New(url)
	if err != nil {
		return err
	}
	if _, err := jwt.Auth.Login(ctx, "user", "emailpass", creds); err != nil {
		return fmt.Errorf("admin login: %w", err)
	}
	me, err := jwt.Admin.GetCurrentUser(ctx, nil)
	if err != nil {
		return err
	}
	fmt.Printf("JWT:        logged in as %s (%s)\n", me.User.Email, me.User.Id)

	// 2. Admin with a session cookie: no Bearer header after login.
	session, err := medusa.New(url, medusa.WithSession())
	if err != nil {
		return err
	}
	if _, err := session.Auth.Login(ctx, "user", "emailpass", creds); err != nil {
		return fmt.Errorf("session login: %w", err)
	}
	if me, err = session.Admin.GetCurrentUser(ctx, nil); err != nil {
		return err
	}
	fmt.Printf("session:    logged in as %s with a connect.sid cookie\n", me.User.Email)
	if err := session.Auth.Logout(ctx); err != nil {
		return err
	}

	// 3. A secret API key, sent as HTTP Basic on every request.
	sk, err := jwt.Admin.CreateAPIKey(ctx, admin.AdminCreateApiKey{Title: "quickstart", Type: "secret"})
	if err != nil {
		return err
	}
	defer jwt.Admin.RevokeAPIKey(context.WithoutCancel(ctx), sk.ApiKey.Id, nil, admin.AdminRevokeApiKey{})
	keyed, err := medusa.New(url, medusa.WithSecretAPIKey(sk.ApiKey.Token))
	if err != nil {
		return err
	}
	all, err := keyed.Admin.ListProducts(ctx, &admin.ListProductsParams{Limit: medusa.Ptr(1)})
	if err != nil {
		return err
	}
	fmt.Printf("API key:    the store has %v products\n", all.Count)

	// 4. Upload a file from any io.Reader (a multipart form, as Medusa's
	// upload route wants) and get its URL back.
	files, err := keyed.UploadFiles(ctx, medusa.File{Name: "quickstart.txt", Content: strings.NewReader("hello from medusa-go")})
	if err != nil {
		return fmt.Errorf("upload: %w", err)
	}
	fmt.Printf("upload:     %s\n", files[0].Url)

	// 5. The storefront with a publishable key: a few products, then a customer.
	pk, err := publishableKey(ctx, jwt)
	if err != nil {
		return err
	}
	shop, err := medusa.New(url, medusa.WithPublishableKey(pk))
	if err != nil {
		return err
	}
	products, err := shop.Store.ListProducts(ctx, &store.ListProductsParams{Limit: medusa.Ptr(3), Fields: medusa.Ptr("id,title,handle")})
	if err != nil {
		return err
	}
	fmt.Printf("storefront: %v products in the default sales channel\n", products.Count)
	for _, p := range products.Products {
		fmt.Printf("            - %s (%s)\n", p.Title, p.Handle)
	}
	signup, err := shop.Auth.SignUpCustomer(ctx, authn.SignUp{
		Email: fmt.Sprintf("quickstart-%d@example.com", time.Now().UnixNano()), Password: "quickstart-secret", FirstName: "Quick",
	})
	if err != nil {
		return err
	}
	customer, err := shop.Store.GetCurrentCustomer(ctx, nil)
	if err != nil {
		return err
	}
	fmt.Printf("customer:   signed up %s as %s\n", customer.Customer.Email, signup.CustomerID)
	return nil
}

// publishableKey makes a publishable key for the oldest sales channel.
func publishableKey(ctx context.Context, c *medusa.Client) (string, error) {
	channels, err := c.Admin.ListSalesChannels(ctx, &admin.ListSalesChannelsParams{Limit: medusa.Ptr(1), Order: medusa.Ptr("created_at")})
	if err != nil {
		return "", err
	}
	if len(channels.SalesChannels) == 0 {
		return "", fmt.Errorf("the server has no sales channel")
	}
	key, err := c.Admin.CreateAPIKey(ctx, admin.AdminCreateApiKey{Title: "quickstart storefront", Type: "publishable"})
	if err != nil {
		return "", err
	}
	_, err = c.Admin.CreateAPIKeySalesChannel(ctx, key.ApiKey.Id, nil, admin.AdminBatchLink{Add: &[]string{channels.SalesChannels[0].Id}})
	return key.ApiKey.Token, err
}
