// Command catalogsync makes a Medusa's product catalogue what a CSV says:
// products found by handle, variants by SKU, euro prices (catalogue.go has
// the columns). Run twice, the second run changes nothing.
//
//	MEDUSA_URL=http://localhost:9000 MEDUSA_ADMIN_EMAIL=admin@example.com \
//	MEDUSA_ADMIN_PASSWORD=... go run ./examples/catalogsync catalogue.csv
//
// Its tests show how a service built on the SDK is tested with medusatest:
// against a real Medusa (sync_integration_test.go) and, without one, from
// the recording of that run (sync_test.go, testdata/medusatest).
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/medusa-sdk/medusa-go/v2"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: catalogsync catalogue.csv (MEDUSA_URL, MEDUSA_ADMIN_EMAIL, MEDUSA_ADMIN_PASSWORD in the environment)")
		os.Exit(2)
	}
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer f.Close()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Stdout, f, os.Getenv("MEDUSA_URL"), os.Getenv("MEDUSA_ADMIN_EMAIL"), os.Getenv("MEDUSA_ADMIN_PASSWORD")); err != nil {
		fmt.Fprintln(os.Stderr, "catalogsync:", err)
		os.Exit(1)
	}
}

// run logs in as the admin, syncs the CSV and prints what it did. opts are
// added to the client's (a test gives it medusatest's HTTP client).
func run(ctx context.Context, out io.Writer, csv io.Reader, url, email, password string, opts ...medusa.Option) error {
	items, err := ReadCatalogue(csv)
	if err != nil {
		return err
	}
	c, err := medusa.New(url, opts...)
	if err != nil {
		return err
	}
	if _, err := c.Auth.Login(ctx, "user", "emailpass", medusa.EmailPass{Email: email, Password: password}); err != nil {
		return fmt.Errorf("logging in as %s: %w", email, err)
	}
	rep, err := Sync(ctx, c, items)
	if err != nil {
		return err
	}
	fmt.Fprintln(out, rep)
	return nil
}
