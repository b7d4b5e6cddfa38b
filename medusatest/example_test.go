package medusatest_test

import (
	"testing"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/medusatest"
)

// A test of a service gets a real Medusa, and the data it needs in one line
// each. (An Example cannot get a *testing.T: in a test, t is the test's.)
func Example() {
	t := &testing.T{} // in a real test: func TestCheckout(t *testing.T) {
	_ = func() {
		srv := medusatest.Start(t) // the run's server: installed once, shared by every package
		region := srv.Region(t)
		channel := srv.SalesChannel(t)
		loc := srv.StockLocation(t, region, channel)
		product := srv.Product(t, loc, medusatest.Variant{Title: "M", Price: 25, Stock: 10})
		cust := srv.Customer(t)
		cart := srv.Cart(t, cust, loc, product.Variants[0])
		order, err := cust.Client.Store.CompleteCart(t.Context(), cart.Id, nil)
		_, _ = order, err
	}
}

// TestMain starts the server before the package's tests (a missing Node.js
// or PostgreSQL fails at once) and gives it back after them.
func ExampleMain() {
	var m *testing.M // func TestMain(m *testing.M) { os.Exit(medusatest.Main(m)) }
	_ = func() int { return medusatest.Main(m) }
}

// A test that runs without Node.js: recorded once against the real server
// (go test -run '^TestSync$' -medusatest.record), answered from
// testdata/medusatest/TestSync.json after that. The service under test
// sends through the Server's HTTPClient, so its calls are recorded too.
func ExampleReplay() {
	t := &testing.T{} // in a real test: func TestSync(t *testing.T) {
	_ = func() {
		srv := medusatest.Replay(t)
		svc, err := medusa.New(srv.URL, medusa.WithHTTPClient(srv.HTTPClient()))
		if err != nil {
			t.Fatal(err)
		}
		// A replayed login gives the client a stub token it can use.
		_, err = svc.Auth.Login(t.Context(), "user", "emailpass", medusa.EmailPass{Email: srv.AdminEmail, Password: srv.AdminPassword})
		_ = err
	}
}
