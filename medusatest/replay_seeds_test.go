package medusatest_test

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/gen/store"
	"github.com/medusa-sdk/medusa-go/v2/medusatest"
)

// TestSeedsReplay is TestSeedsMakeACompletableCart and an admin login,
// answered from testdata/medusatest/TestSeedsReplay.json with no server
// (recorded against the real one with
// `go test -run '^TestSeedsReplay$' -medusatest.record ./medusatest`).
func TestSeedsReplay(t *testing.T) {
	srv := medusatest.Replay(t)
	ctx := t.Context()
	region := srv.Region(t)
	channel := srv.SalesChannel(t)
	loc := srv.StockLocation(t, region, channel)
	product := srv.Product(t, loc, medusatest.Variant{Title: "S", Price: 10, Stock: 3}, medusatest.Variant{Title: "M", Price: 12, Stock: 5})
	cust := srv.Customer(t)
	cart := srv.Cart(t, cust, loc, product.Variants[0], product.Variants[1])
	assert.Equal(t, "eur", region.CurrencyCode)
	require.Len(t, product.Variants, 2)
	assert.Equal(t, cust.Email, *cart.Email)
	assert.InDelta(t, 22+4.9, cart.Total, 0.001, "two items and the Standard shipping")

	done, err := cust.Client.Store.CompleteCart(ctx, cart.Id, nil)
	require.NoError(t, err)
	placed, err := done.AsCompleteCartOrder()
	require.NoError(t, err, "the cart completes into an order")
	assert.Equal(t, cust.Email, placed.Order.Email)

	got, err := srv.Store.Store.GetProduct(ctx, product.Id, &store.GetProductParams{RegionId: &region.Id})
	require.NoError(t, err)
	assert.Equal(t, product.Title, got.Product.Title)

	// A service logs in as the admin itself: replayed, its client holds a
	// token whose expiry it can read.
	svc, err := medusa.New(srv.URL, medusa.WithHTTPClient(srv.HTTPClient()))
	require.NoError(t, err)
	_, err = svc.Auth.Login(ctx, "user", "emailpass", medusa.EmailPass{Email: srv.AdminEmail, Password: srv.AdminPassword})
	require.NoError(t, err)
	claims, err := svc.Auth.Claims(ctx)
	require.NoError(t, err)
	assert.Equal(t, "user", claims.ActorType)
	assert.True(t, claims.ExpiresAt.After(time.Now()))
	me, err := svc.Admin.GetCurrentUser(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, srv.AdminEmail, me.User.Email)
}

// The committed recording holds no credential: every JWT in it is a stub
// (the kit's signature), and the session cookies and keys are stand-ins.
func TestSeedsReplayRecordingHoldsNoCredential(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "medusatest", "TestSeedsReplay.json"))
	require.NoError(t, err)
	jwts := regexp.MustCompile(`eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.([A-Za-z0-9_-]+)`).FindAllSubmatch(data, -1)
	require.NotEmpty(t, jwts, "the logins' tokens are in the recording, as stubs")
	for _, m := range jwts {
		assert.Equal(t, "bWVkdXNhdGVzdCBzdHVi", string(m[1]), "a JWT signed by the server")
	}
	assert.NotRegexp(t, `connect\.sid=s`, string(data), "a session cookie")
	assert.NotRegexp(t, `"(pk|sk)_[0-9a-f]{20,}`, string(data), "an API key")
	assert.Contains(t, string(data), `"password": "[REDACTED]"`)
}
