package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
)

// logins shows the admin's other ways in than the JWT run uses: a session
// cookie and a secret API key; and an upload from an io.Reader.
func logins(ctx context.Context, out io.Writer, url, email, password string) error {
	// A session cookie: no Bearer header after login.
	session, err := medusa.New(url, medusa.WithSession())
	if err != nil {
		return err
	}
	if _, err := session.Auth.Login(ctx, "user", "emailpass", medusa.EmailPass{Email: email, Password: password}); err != nil {
		return fmt.Errorf("session login: %w", err)
	}
	me, err := session.Admin.GetCurrentUser(ctx, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "  session     signed in as %s with a connect.sid cookie\n", me.User.Email)
	if err := session.Auth.Logout(ctx); err != nil {
		return err
	}

	// A secret API key, sent as HTTP Basic on every request.
	jwt, err := medusa.New(url)
	if err != nil {
		return err
	}
	if _, err := jwt.Auth.Login(ctx, "user", "emailpass", medusa.EmailPass{Email: email, Password: password}); err != nil {
		return err
	}
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
	fmt.Fprintf(out, "  API key     the store has %v products\n", all.Count)

	// Upload a file from any io.Reader (a multipart form, as Medusa's
	// upload route wants) and get its URL back.
	files, err := keyed.UploadFiles(ctx, medusa.File{Name: "quickstart.txt", Content: strings.NewReader("hello from medusa-go")})
	if err != nil {
		return fmt.Errorf("upload: %w", err)
	}
	fmt.Fprintf(out, "  upload      %s\n", files[0].Url)
	return nil
}
