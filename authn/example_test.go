package authn_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/medusa-sdk/medusa-go/v2/apierror"
	"github.com/medusa-sdk/medusa-go/v2/authn"
	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
	"github.com/medusa-sdk/medusa-go/v2/gen/store"
)

// clients builds both generated clients on one Auth: its request editor and
// its HTTP client (cookie jar, redacted logging).
func clients(a *authn.Auth) (*store.ClientWithResponses, *admin.ClientWithResponses) {
	sc, err := store.NewClientWithResponses(a.BaseURL(),
		store.WithHTTPClient(a.HTTPClient()), store.WithRequestEditorFn(a.EditRequest))
	if err != nil {
		log.Fatal(err)
	}
	ac, err := admin.NewClientWithResponses(a.BaseURL(),
		admin.WithHTTPClient(a.HTTPClient()), admin.WithRequestEditorFn(a.EditRequest))
	if err != nil {
		log.Fatal(err)
	}
	return sc, ac
}

// JWT (the default): log in once, every request then carries the Bearer
// token kept in the token store (memory here).
func ExampleAuth_Login() {
	ctx := context.Background()
	a, err := authn.New(authn.Config{BaseURL: "http://localhost:9000"})
	if err != nil {
		log.Fatal(err)
	}
	_, ac := clients(a)

	_, err = a.Login(ctx, authn.ActorUser, authn.ProviderEmailPass,
		authn.EmailPass{Email: "admin@example.com", Password: "supersecret"})
	var apiErr *apierror.Error
	if errors.As(err, &apiErr) && apiErr.StatusCode == 401 {
		log.Fatalf("login refused: %s", apiErr.Message) // "Invalid email or password"
	} else if err != nil {
		log.Fatal(err)
	}

	me, err := ac.GetUsersMeWithResponse(ctx, nil)
	if err != nil {
		log.Fatal(err)
	}
	if me.JSON200 != nil {
		fmt.Println(me.JSON200.User.Email)
	}
}

// Cookie session: the login JWT is exchanged for the connect.sid cookie,
// which is all the client sends afterwards. Logout ends the session on the
// server and empties the jar.
func ExampleNew_session() {
	ctx := context.Background()
	a, err := authn.New(authn.Config{BaseURL: "http://localhost:9000", Mode: authn.ModeSession})
	if err != nil {
		log.Fatal(err)
	}
	_, ac := clients(a)
	if _, err := a.Login(ctx, authn.ActorUser, authn.ProviderEmailPass,
		authn.EmailPass{Email: "admin@example.com", Password: "supersecret"}); err != nil {
		log.Fatal(err)
	}
	if _, err := ac.GetUsersMeWithResponse(ctx, nil); err != nil {
		log.Fatal(err)
	}
	if err := a.Logout(ctx); err != nil {
		log.Print(err) // local credentials are cleared anyway
	}
}

// Secret API key: every admin request carries
// "Authorization: Basic base64(key + ":")".
func ExampleNew_secretAPIKey() {
	ctx := context.Background()
	a, err := authn.New(authn.Config{
		BaseURL: "http://localhost:9000",
		APIKey:  os.Getenv("MEDUSA_SECRET_KEY"), // sk_...
	})
	if err != nil {
		log.Fatal(err)
	}
	_, ac := clients(a)
	products, err := ac.GetProductsWithResponse(ctx, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(products.StatusCode())
}

// Publishable key: set once, sent as x-publishable-api-key on every /store
// request, so no store call takes it as a parameter.
func ExampleNew_publishableKey() {
	ctx := context.Background()
	a, err := authn.New(authn.Config{
		BaseURL:        "http://localhost:9000",
		PublishableKey: os.Getenv("MEDUSA_PUBLISHABLE_KEY"), // pk_...
	})
	if err != nil {
		log.Fatal(err)
	}
	sc, _ := clients(a)
	products, err := sc.GetProductsWithResponse(ctx, nil)
	if err != nil {
		log.Fatal(err)
	}
	if products.JSON200 != nil {
		fmt.Println(products.JSON200.Count)
	}
}

// Per-call credentials: a storefront backend serves every customer from
// one client and stores nothing on it; each request carries its customer's
// token.
func ExampleWithToken() {
	ctx := context.Background()
	a, err := authn.New(authn.Config{
		BaseURL:        "http://localhost:9000",
		PublishableKey: os.Getenv("MEDUSA_PUBLISHABLE_KEY"),
		Store:          authn.NoStore{},
	})
	if err != nil {
		log.Fatal(err)
	}
	sc, _ := clients(a)

	res, err := a.Login(ctx, authn.ActorCustomer, authn.ProviderEmailPass,
		authn.EmailPass{Email: "ada@example.com", Password: "secret"})
	if err != nil {
		log.Fatal(err)
	}
	tokenA := res.Token // keep it in the customer's own session

	me, err := sc.GetCustomersMeWithResponse(authn.WithToken(ctx, tokenA), nil)
	if err != nil {
		log.Fatal(err)
	}
	if me.JSON200 != nil {
		fmt.Println(me.JSON200.Customer.Email)
	}
}

// Customer sign-up in one call: register, create the customer, log in.
func ExampleAuth_SignUpCustomer() {
	ctx := context.Background()
	a, err := authn.New(authn.Config{
		BaseURL:        "http://localhost:9000",
		PublishableKey: os.Getenv("MEDUSA_PUBLISHABLE_KEY"),
	})
	if err != nil {
		log.Fatal(err)
	}
	res, err := a.SignUpCustomer(ctx, authn.SignUp{
		Email: "ada@example.com", Password: "secret", FirstName: "Ada",
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.CustomerID)
}

// Register alone keeps the registration token, so the next
// POST /store/customers is authenticated by it.
func ExampleAuth_Register() {
	ctx := context.Background()
	a, err := authn.New(authn.Config{BaseURL: "http://localhost:9000", PublishableKey: os.Getenv("MEDUSA_PUBLISHABLE_KEY")})
	if err != nil {
		log.Fatal(err)
	}
	sc, _ := clients(a)
	if _, err := a.Register(ctx, authn.ActorCustomer, authn.ProviderEmailPass,
		authn.EmailPass{Email: "ada@example.com", Password: "secret"}); err != nil {
		log.Fatal(err)
	}
	if _, err := sc.PostCustomersWithBodyWithResponse(ctx, nil, "application/json",
		strings.NewReader(`{"email":"ada@example.com","first_name":"Ada"}`)); err != nil {
		log.Fatal(err)
	}
	// Log in (or Refresh) to get a token for the new customer.
	if _, err := a.Refresh(ctx); err != nil {
		log.Fatal(err)
	}
}

// Password reset: ask for a token (delivered by your notification
// provider), then set the new password with it.
func ExampleAuth_ResetPassword() {
	ctx := context.Background()
	a, err := authn.New(authn.Config{BaseURL: "http://localhost:9000"})
	if err != nil {
		log.Fatal(err)
	}
	if err := a.ResetPassword(ctx, authn.ActorCustomer, authn.ProviderEmailPass, "ada@example.com"); err != nil {
		log.Fatal(err)
	}
	resetToken := "<token from the e-mail link>"
	if err := a.UpdateProvider(ctx, authn.ActorCustomer, authn.ProviderEmailPass, resetToken,
		map[string]string{"password": "new-secret"}); err != nil {
		log.Fatal(err) // 401 "Invalid token" if expired or already used
	}
}

// Third-party login: redirect to Location, then finish in the callback
// handler with the query the provider sent back.
func ExampleAuth_Callback() {
	ctx := context.Background()
	a, err := authn.New(authn.Config{BaseURL: "http://localhost:9000"})
	if err != nil {
		log.Fatal(err)
	}
	res, err := a.Login(ctx, authn.ActorCustomer, "google",
		map[string]string{"callback_url": "https://shop.example/auth/callback"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("redirect the browser to", res.Location)

	// Later, in the handler of https://shop.example/auth/callback?code=...&state=...
	query := url.Values{"code": {"..."}, "state": {"..."}}
	cb, err := a.Callback(ctx, authn.ActorCustomer, "google", query)
	if err != nil {
		log.Fatal(err)
	}
	if cb.MFA != nil {
		// The identity has a second factor: ask the user for a code, then
		// a.VerifyMFAChallenge(ctx, cb.MFA.ID, authn.MFAMethodTOTP, code).
		return
	}
	if c, err := authn.ParseClaims(cb.Token); err == nil && !c.Registered() {
		// New customer: create it (POST /store/customers), then a.Refresh(ctx).
	}
}

// A CLI keeps its login between runs in a 0600 file.
func ExampleNewFileStore() {
	dir, _ := os.UserConfigDir()
	a, err := authn.New(authn.Config{
		BaseURL: "http://localhost:9000",
		Store:   authn.NewFileStore(filepath.Join(dir, "medusa-cli", "token.json")),
	})
	if err != nil {
		log.Fatal(err)
	}
	if ok, err := a.LoggedIn(context.Background()); err != nil {
		log.Fatal(err) // e.g. a corrupt file: the error names it
	} else if !ok {
		fmt.Println("please log in")
	}
}

// kv stands for a Redis or database client.
type kv interface {
	Get(ctx context.Context, key string) (string, error)
	Set(ctx context.Context, key, value string, ttl time.Duration) error
	Del(ctx context.Context, key string) error
}

// A custom token store (Redis, a database, a secret manager) is three
// functions.
func ExampleStoreFuncs() {
	var rdb kv // your client
	userID := "user-42"
	tokens := authn.StoreFuncs{
		GetFunc: func(ctx context.Context, key string) (string, error) {
			return rdb.Get(ctx, userID+":"+key)
		},
		SetFunc: func(ctx context.Context, key, token string) error {
			return rdb.Set(ctx, userID+":"+key, token, 24*time.Hour)
		},
		DeleteFunc: func(ctx context.Context, key string) error {
			return rdb.Del(ctx, userID+":"+key)
		},
	}
	_, err := authn.New(authn.Config{BaseURL: "http://localhost:9000", Store: tokens})
	if err != nil {
		log.Fatal(err)
	}
}

// Refresh ahead of expiry and debug logging (secrets redacted).
func ExampleConfig() {
	a, err := authn.New(authn.Config{
		BaseURL:       "http://localhost:9000",
		RefreshBefore: time.Hour, // refresh when less than an hour is left
		Logger:        slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug})),
	})
	if err != nil {
		log.Fatal(err)
	}
	_ = a
}

func ExampleParseClaims() {
	// A registration token's payload (signature not checked).
	token := "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9." +
		"eyJhY3Rvcl9pZCI6IiIsImFjdG9yX3R5cGUiOiJjdXN0b21lciIsImV4cCI6MTkwMDAwMDAwMH0." +
		"c2ln"
	c, err := authn.ParseClaims(token)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(c.ActorType, c.Registered(), c.ExpiresAt.Format(time.RFC3339))
	// Output: customer false 2030-03-17T17:46:40Z
}

// A login to an identity with a second factor (Medusa 2.15+) answers a
// challenge; VerifyMFAChallenge completes it and keeps the token.
func ExampleAuth_VerifyMFAChallenge() {
	ctx := context.Background()
	a, err := authn.New(authn.Config{BaseURL: "http://localhost:9000"})
	if err != nil {
		log.Fatal(err)
	}
	res, err := a.Login(ctx, authn.ActorUser, authn.ProviderEmailPass, authn.EmailPass{Email: "admin@example.com", Password: "secret"})
	if err != nil {
		log.Fatal(err)
	}
	switch {
	case res.MFA != nil:
		code := "123456" // from the user's authenticator app
		if _, err := a.VerifyMFAChallenge(ctx, res.MFA.ID, authn.MFAMethodTOTP, code); err != nil {
			log.Fatal(err)
		}
	case res.VerificationRequired:
		// a.RequestVerification, then a.ConfirmVerification with the code
		// the user received, then Login again.
	}
}

// Enrol a TOTP factor: show the secret (or a QR code of the otpauth URL),
// confirm it with a first code, and hand out recovery codes.
func ExampleAuth_StartMFA() {
	ctx := context.Background()
	a, err := authn.New(authn.Config{BaseURL: "http://localhost:9000"})
	if err != nil {
		log.Fatal(err)
	}
	// ... logged in ...
	enr, err := a.StartMFA(ctx, authn.MFAStart{Provider: authn.MFAMethodTOTP, Issuer: "My Shop"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("scan:", enr.OTPAuthURL)
	code := "123456" // the first code the app shows
	if _, err := a.VerifyMFAFactor(ctx, enr.Factor.ID, code); err != nil {
		log.Fatal(err)
	}
	codes, err := a.GenerateRecoveryCodes(ctx, 10)
	if err != nil {
		log.Fatal(err)
	}
	for _, c := range codes {
		fmt.Println(c)
	}
}
