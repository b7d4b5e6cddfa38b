package medusatest

import (
	"fmt"
	"testing"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
	"github.com/medusa-sdk/medusa-go/v2/gen/store"
)

// Cart makes the customer's cart ready to complete: in the location's
// region and sales channel, with one of each given variant (at least one),
// the customer's e-mail, a shipping and billing address in the region's
// country, the location's shipping option and a payment session of the
// system provider. Complete it with
// cust.Client.Store.CompleteCart(ctx, cart.Id, nil).
func (s *Server) Cart(t testing.TB, cust Customer, loc Location, variants ...admin.AdminProductVariant) store.StoreCart {
	t.Helper()
	ctx := t.Context()
	fail := func(step string, err error) { t.Fatalf("medusatest: Cart: %s: %v", step, err) }
	if len(variants) == 0 {
		t.Fatalf("medusatest: Cart: no variant to put in the cart")
	}
	if cust.Client == nil {
		t.Fatalf("medusatest: Cart: the customer has no client (make it with Server.Customer)")
	}
	country := firstCountry(loc.Region)
	var addr store.AddressInputOrID
	if err := addr.FromAddressInput(store.AddressInput{
		FirstName: medusa.Ptr("Test"), LastName: medusa.Ptr("Customer"), Address1: medusa.Ptr("1 Test Street"),
		City: medusa.Ptr("Testville"), PostalCode: medusa.Ptr("10115"), CountryCode: &country,
	}); err != nil {
		fail("the address", err)
	}
	items := make([]store.CreateCartBodyItem, 0, len(variants))
	for _, v := range variants {
		items = append(items, store.CreateCartBodyItem{VariantId: v.Id, Quantity: 1})
	}
	created, err := cust.Client.Store.CreateCart(ctx, nil, store.CreateCartBody{
		RegionId: &loc.Region.Id, SalesChannelId: &loc.SalesChannel.Id, Email: &cust.Email, Items: &items,
		ShippingAddress: &addr, BillingAddress: &addr,
	})
	if err != nil {
		fail("creating it", err)
	}
	cart := created.Cart
	opts, err := cust.Client.Store.ListShippingOptions(ctx, &store.ListShippingOptionsParams{CartId: cart.Id})
	if err != nil {
		fail("listing its shipping options", err)
	}
	optionID := ""
	for _, o := range opts.ShippingOptions {
		if o.Id == loc.ShippingOption.Id {
			optionID = o.Id
		}
	}
	if optionID == "" {
		fail("shipping", fmt.Errorf("the location's option %s is not offered (%d options)", loc.ShippingOption.Id, len(opts.ShippingOptions)))
	}
	shipped, err := cust.Client.Store.CreateCartShippingMethod(ctx, cart.Id, nil, store.CreateCartShippingMethodBody{OptionId: optionID})
	if err != nil {
		fail("adding the shipping method", err)
	}
	if _, err := cust.Client.InitiatePaymentSession(ctx, &shipped.Cart, store.StoreInitializePaymentSession{ProviderId: "pp_system_default"}); err != nil {
		fail("the payment session", err)
	}
	got, err := cust.Client.Store.GetCart(ctx, cart.Id, &store.GetCartParams{Fields: medusa.Ptr("*items,*shipping_methods,*payment_collection,*payment_collection.payment_sessions")})
	if err != nil {
		fail("reading it back", err)
	}
	return got.Cart
}
