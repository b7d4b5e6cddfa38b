// Command quickstart shows the SDK's main job against a Medusa server, even
// an empty one: the admin builds a small catalogue through c.Admin (a region,
// a warehouse with stock, shipping, two products with variants and prices),
// then a customer signs up, browses it and checks out through c.Store (a cart
// with both addresses, a shipping method, a payment session, the order).
// Last, it shows the other ways to sign in and an upload.
//
//	MEDUSA_URL=http://localhost:9000 MEDUSA_ADMIN_EMAIL=... MEDUSA_ADMIN_PASSWORD=... go run ./examples/quickstart
//
// `make demo` starts the local test server and runs it against that. Every
// run makes its own records (names end in a short run id), so it can run
// again on the same server.
package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"time"

	"github.com/medusa-sdk/medusa-go/v2"
)

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := run(ctx, os.Stdout, env("MEDUSA_URL", "http://localhost:9000"), os.Getenv("MEDUSA_ADMIN_EMAIL"), os.Getenv("MEDUSA_ADMIN_PASSWORD")); err != nil {
		log.Fatal(err)
	}
}

func env(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func run(ctx context.Context, out io.Writer, url, email, password string) error {
	c, err := medusa.New(url)
	if err != nil {
		return err
	}
	if _, err := c.Auth.Login(ctx, "user", "emailpass", medusa.EmailPass{Email: email, Password: password}); err != nil {
		return fmt.Errorf("admin login: %w", err)
	}
	fmt.Fprintf(out, "Medusa at %s, signed in as %s\n", url, email)

	fmt.Fprintln(out, "\nThe admin builds a catalogue (c.Admin)")
	cat, err := buildCatalogue(ctx, out, c, fmt.Sprintf("%04x", time.Now().UnixNano()%0x10000))
	if err != nil {
		return fmt.Errorf("catalogue: %w", err)
	}

	fmt.Fprintln(out, "\nA customer shops (c.Store)")
	orderID, err := shop(ctx, out, url, cat)
	if err != nil {
		return fmt.Errorf("storefront: %w", err)
	}

	fmt.Fprintln(out, "\nThe admin sees the order")
	if err := showOrder(ctx, out, c, orderID); err != nil {
		return err
	}

	fmt.Fprintln(out, "\nOther ways in")
	return logins(ctx, out, url, email, password)
}
