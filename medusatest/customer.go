package medusatest

import (
	"testing"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/authn"
	"github.com/medusa-sdk/medusa-go/v2/gen/store"
)

// Customer is a store customer with an account, logged in.
type Customer struct {
	Customer        store.StoreCustomer
	Email, Password string
	// Client is a storefront client (with the publishable key) logged in as
	// the customer.
	Client *medusa.Client
}

// String leaves the password out.
func (c Customer) String() string {
	return "medusatest.Customer{" + c.Customer.Id + " " + c.Email + "}"
}

// GoString is String.
func (c Customer) GoString() string { return c.String() }

// Customer signs a new customer up (register, create, log in: the SDK's
// SignUpCustomer) with a unique e-mail and returns it with its client.
func (s *Server) Customer(t testing.TB) Customer {
	t.Helper()
	ctx := t.Context()
	c := Customer{Email: s.Email("customer"), Password: "pw-" + s.Name("secret")}
	var err error
	if c.Client, err = s.NewClient(); err != nil {
		t.Fatalf("%v", err)
	}
	if _, err := c.Client.Auth.SignUpCustomer(ctx, authn.SignUp{Email: c.Email, Password: c.Password, FirstName: "Test", LastName: "Customer"}); err != nil {
		t.Fatalf("medusatest: Customer: signing %s up: %v", c.Email, err)
	}
	me, err := c.Client.Store.GetCurrentCustomer(ctx, nil)
	if err != nil {
		t.Fatalf("medusatest: Customer: reading %s: %v", c.Email, err)
	}
	c.Customer = me.Customer
	return c
}
