//go:build integration

package medusatest_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2/gen/store"
	"github.com/medusa-sdk/medusa-go/v2/medusatest"
)

// TestSeedsMakeACompletableCart builds every seed on the real server and
// completes the cart: the records are what the server answered.
func TestSeedsMakeACompletableCart(t *testing.T) {
	srv := medusatest.Start(t)
	region := srv.Region(t)
	channel := srv.SalesChannel(t)
	loc := srv.StockLocation(t, region, channel)
	product := srv.Product(t, loc, medusatest.Variant{Title: "S", Price: 10, Stock: 3}, medusatest.Variant{Title: "M", Price: 12, Stock: 5})
	cust := srv.Customer(t)
	cart := srv.Cart(t, cust, loc, product.Variants[0], product.Variants[1])

	require.NotNil(t, region.Countries)
	require.Len(t, *region.Countries, 1)
	assert.Equal(t, "eur", region.CurrencyCode)
	assert.Equal(t, channel.Id, loc.SalesChannel.Id)
	require.Len(t, product.Variants, 2)
	assert.Equal(t, "published", string(product.Status))
	assert.Equal(t, cust.Email, cust.Customer.Email)
	assert.Equal(t, cust.Email, *cart.Email)
	require.Len(t, *cart.Items, 2)
	assert.InDelta(t, 22+4.9, cart.Total, 0.001, "two items and the Standard shipping")
	require.NotNil(t, cart.PaymentCollection)

	done, err := cust.Client.Store.CompleteCart(t.Context(), cart.Id, nil)
	require.NoError(t, err)
	placed, err := done.AsCompleteCartOrder()
	require.NoError(t, err, "the cart completes into an order")
	assert.Equal(t, cust.Email, placed.Order.Email)
	assert.NotEmpty(t, placed.Order.Id)

	// The storefront client sees the seeded product through the channel.
	got, err := srv.Store.Store.GetProduct(t.Context(), product.Id, &store.GetProductParams{RegionId: &region.Id})
	require.NoError(t, err)
	assert.Equal(t, product.Title, got.Product.Title)
}

func TestServerHidesItsSecrets(t *testing.T) {
	srv := medusatest.Start(t)
	for _, s := range []string{srv.String(), srv.GoString()} {
		assert.NotContains(t, s, srv.AdminPassword)
		assert.NotContains(t, s, srv.PublishableKey)
		assert.Contains(t, s, srv.URL)
	}
}
