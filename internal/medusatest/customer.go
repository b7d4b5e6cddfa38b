package medusatest

import "testing"

// Customer is a registered store customer with an account.
type Customer struct {
	ID       string
	Email    string
	Password string
	Token    string // a login JWT
}

// NewCustomer registers an emailpass identity with a unique e-mail, creates
// the customer with the registration token, and logs in.
func (s *Server) NewCustomer(t testing.TB) Customer {
	t.Helper()
	c := Customer{Email: s.UniqueEmail("customer"), Password: "pw-" + s.UniqueName("c")}
	reg := s.Do(t, "POST", "/auth/customer/emailpass/register", nil, map[string]string{"email": c.Email, "password": c.Password})
	if reg.Status != 200 {
		t.Fatalf("medusatest: register %s: status %d: %.300s", c.Email, reg.Status, reg.Body)
	}
	var tok struct {
		Token string `json:"token"`
	}
	reg.Decode(t, &tok)
	created := s.Do(t, "POST", "/store/customers", map[string]string{
		"Authorization":         "Bearer " + tok.Token,
		"x-publishable-api-key": s.PublishableKey(t),
	}, map[string]string{"email": c.Email, "first_name": "Test", "last_name": "Customer"})
	if created.Status != 200 {
		t.Fatalf("medusatest: create customer %s: status %d: %.300s", c.Email, created.Status, created.Body)
	}
	var out struct {
		Customer struct {
			ID string `json:"id"`
		} `json:"customer"`
	}
	created.Decode(t, &out)
	c.ID = out.Customer.ID
	c.Token = s.Login(t, "customer", c.Email, c.Password)
	return c
}
