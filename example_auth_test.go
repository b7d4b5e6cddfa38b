package medusa_test

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/authn"
	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
)

// JWT (the default): Login keeps the token and every later call sends it.
func Example_jwt() {
	ctx := context.Background()
	c, _ := medusa.New("http://localhost:9000")
	if _, err := c.Auth.Login(ctx, "user", "emailpass", medusa.EmailPass{Email: "admin@example.com", Password: "secret"}); err != nil {
		log.Fatal(err)
	}
	me, err := c.Admin.GetCurrentUser(ctx, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(me.User.Email)
}

// A CLI keeps its login between runs in a file (0600, replaced atomically).
func Example_tokenFile() {
	home, _ := os.UserConfigDir()
	c, _ := medusa.New("http://localhost:9000", medusa.WithTokenStore(authn.NewFileStore(home+"/mycli/token.json")))
	ok, _ := c.Auth.LoggedIn(context.Background())
	fmt.Println("logged in:", ok)
}

// Session: login trades the JWT for the connect.sid cookie; calls send only
// the cookie; Logout ends the session on the server and locally.
func Example_session() {
	ctx := context.Background()
	c, _ := medusa.New("http://localhost:9000", medusa.WithSession())
	if _, err := c.Auth.Login(ctx, "user", "emailpass", medusa.EmailPass{Email: "admin@example.com", Password: "secret"}); err != nil {
		log.Fatal(err)
	}
	defer c.Auth.Logout(ctx)
	me, _ := c.Admin.GetCurrentUser(ctx, nil)
	fmt.Println(me.User.Email)
}

// Secret API key: HTTP Basic on every call, for server-to-server admin work.
func Example_secretAPIKey() {
	c, _ := medusa.New("http://localhost:9000", medusa.WithSecretAPIKey(os.Getenv("MEDUSA_SECRET_KEY")))
	products, err := c.Admin.ListProducts(context.Background(), &admin.ListProductsParams{Limit: medusa.Ptr(10)})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(products.Count)
}

// Publishable key and a customer: sign up (register, create the customer,
// log in) in one call, then act as that customer.
func Example_customer() {
	ctx := context.Background()
	c, _ := medusa.New("http://localhost:9000", medusa.WithPublishableKey("pk_..."))
	if _, err := c.Auth.SignUpCustomer(ctx, authn.SignUp{Email: "ada@example.com", Password: "secret", FirstName: "Ada"}); err != nil {
		log.Fatal(err)
	}
	me, _ := c.Store.GetCurrentCustomer(ctx, nil)
	fmt.Println(me.Customer.Id)
}
