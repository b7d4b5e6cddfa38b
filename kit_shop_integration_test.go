//go:build integration

package medusa_test

import (
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	harness "github.com/medusa-sdk/medusa-go/v2/internal/medusatest"
	"github.com/medusa-sdk/medusa-go/v2/medusatest"
)

// kitShop is setUpShop made with the public test kit's seeds (issue 19: the
// project's own tests use the kit where it fits, so it is proven on every
// server make test, test-prev and test-next run): a region in euros with a
// country of its own, a sales channel the kit's publishable key serves, a
// warehouse that ships there, and a product whose one variant has 10 in
// stock at 12.
func kitShop(t *testing.T) (shop, *medusatest.Server) {
	t.Helper()
	if os.Getenv(medusatest.EnvURL) == "" {
		// make integration without scripts/with-medusa.sh: the kit uses
		// the harness's server rather than install one of its own (it reads
		// the variables once per test binary).
		h := harness.Require(t)
		t.Setenv(medusatest.EnvURL, h.URL)
		t.Setenv(medusatest.EnvAdminEmail, h.AdminEmail)
		t.Setenv(medusatest.EnvAdminPassword, h.AdminPassword)
	}
	srv := medusatest.Start(t)
	region := srv.Region(t)
	channel := srv.SalesChannel(t)
	loc := srv.StockLocation(t, region, channel)
	product := srv.Product(t, loc, medusatest.Variant{Title: "M", Price: 12, Stock: 10})
	require.NotNil(t, region.Countries)
	require.NotEmpty(t, *region.Countries)
	require.Len(t, product.Variants, 1)
	return shop{
		Country:  *(*region.Countries)[0].Iso2,
		RegionID: region.Id, SalesChannelID: channel.Id, LocationID: loc.StockLocation.Id,
		ProfileID: loc.ShippingProfile.Id, OptionID: loc.ShippingOption.Id,
		ProductID: product.Id, VariantID: product.Variants[0].Id,
		PublishableKey: srv.PublishableKey,
	}, srv
}
