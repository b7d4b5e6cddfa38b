package main

import (
	"context"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/authn"
	"github.com/medusa-sdk/medusa-go/v2/gen/store"
)

// shop is the storefront's side: a customer signs up, browses the
// catalogue with the region's prices, fills a cart and checks out. It
// returns the order's id.
func shop(ctx context.Context, out io.Writer, url string, cat catalogue) (string, error) {
	c, err := medusa.New(url, medusa.WithPublishableKey(cat.publishableKey))
	if err != nil {
		return "", err
	}
	email := "ada-" + cat.run + "@example.com"
	if _, err := c.Auth.SignUpCustomer(ctx, authn.SignUp{Email: email, Password: "analytical-engine", FirstName: "Ada", LastName: "Lovelace"}); err != nil {
		return "", err
	}
	fmt.Fprintf(out, "  customer    %s signed up and is logged in\n", email)

	// Browse: region_id gives each variant its calculated price.
	products, err := c.Store.ListProducts(ctx, &store.ListProductsParams{
		RegionId: &cat.regionID, Fields: medusa.Ptr("*variants.calculated_price"), Order: medusa.Ptr("title"),
	})
	if err != nil {
		return "", err
	}
	fmt.Fprintf(out, "  browse      %v products in the shop:\n", products.Count)
	for _, p := range products.Products {
		var offers []string
		for _, v := range p.Variants {
			if v.CalculatedPrice != nil {
				offers = append(offers, v.Title+" "+money(v.CalculatedPrice.CalculatedAmount, v.CalculatedPrice.CurrencyCode))
			}
		}
		pic := ""
		if p.Thumbnail != "" {
			pic = " (picture " + path.Base(p.Thumbnail) + ")"
		}
		fmt.Fprintf(out, "                %-14s %s%s\n", p.Title, strings.Join(offers, ", "), pic)
	}

	// A cart with its items and both addresses in one call.
	var shipTo, billTo store.AddressInputOrID
	if err := shipTo.FromAddressInput(store.AddressInput{
		FirstName: medusa.Ptr("Ada"), LastName: medusa.Ptr("Lovelace"), Address1: medusa.Ptr("12 Engine Street"),
		City: medusa.Ptr("Springfield"), PostalCode: medusa.Ptr("10115"), CountryCode: &cat.country,
	}); err != nil {
		return "", err
	}
	if err := billTo.FromAddressInput(store.AddressInput{
		FirstName: medusa.Ptr("Ada"), LastName: medusa.Ptr("Lovelace"), Company: medusa.Ptr("Analytical Engines Ltd"),
		Address1: medusa.Ptr("1 Babbage Row"), City: medusa.Ptr("Springfield"), CountryCode: &cat.country,
	}); err != nil {
		return "", err
	}
	shirt, mug := variantID(products.Products, "T-shirt", "M"), variantID(products.Products, "Mug", "White")
	if shirt == "" || mug == "" {
		return "", fmt.Errorf("the shop lacks the demo's products")
	}
	items := []store.CreateCartBodyItem{{VariantId: shirt, Quantity: 2}, {VariantId: mug, Quantity: 1}}
	created, err := c.Store.CreateCart(ctx, nil, store.CreateCartBody{
		RegionId: &cat.regionID, Email: &email, Items: &items, ShippingAddress: &shipTo, BillingAddress: &billTo,
	})
	if err != nil {
		return "", err
	}
	cart := created.Cart
	fmt.Fprintf(out, "  cart        %s\n", cart.Id)
	for _, it := range deref(cart.Items) {
		fmt.Fprintf(out, "                %v × %-16s %s\n", it.Quantity, deref(it.ProductTitle)+" ("+deref(it.VariantTitle)+")", money(it.UnitPrice*it.Quantity, cart.CurrencyCode))
	}

	// Shipping: the options for this cart; take the cheapest.
	options, err := c.Store.ListShippingOptions(ctx, &store.ListShippingOptionsParams{CartId: cart.Id})
	if err != nil {
		return "", err
	}
	if len(options.ShippingOptions) == 0 {
		return "", fmt.Errorf("no shipping option for cart %s", cart.Id)
	}
	cheapest := options.ShippingOptions[0]
	var offered []string
	for _, o := range options.ShippingOptions {
		offered = append(offered, o.Name+" "+money(o.Amount, cart.CurrencyCode))
		if o.Amount < cheapest.Amount {
			cheapest = o
		}
	}
	withShipping, err := c.Store.CreateCartShippingMethod(ctx, cart.Id, nil, store.CreateCartShippingMethodBody{OptionId: cheapest.Id})
	if err != nil {
		return "", err
	}
	fmt.Fprintf(out, "  shipping    %s (offered: %s)\n", cheapest.Name, strings.Join(offered, ", "))

	// Payment: one call makes the cart's payment collection and a session.
	pay, err := c.InitiatePaymentSession(ctx, &withShipping.Cart, store.StoreInitializePaymentSession{ProviderId: "pp_system_default"})
	if err != nil {
		return "", err
	}
	fmt.Fprintf(out, "  payment     %s to pay with %s\n", money(pay.PaymentCollection.Amount, cart.CurrencyCode), "pp_system_default")

	// Complete: the answer is an order, or the cart with the reason it failed.
	done, err := c.Store.CompleteCart(ctx, cart.Id, nil, medusa.Retryable())
	if err != nil {
		return "", err
	}
	if failed, err := done.AsCompleteCartCart(); err == nil {
		return "", fmt.Errorf("checkout failed: %s", failed.Error.Message)
	}
	placed, err := done.AsCompleteCartOrder()
	if err != nil {
		return "", err
	}
	o := placed.Order
	fmt.Fprintf(out, "  order       #%v placed: items %s + shipping %s + tax %s = %s\n", deref(o.DisplayId),
		money(o.ItemTotal, o.CurrencyCode), money(o.ShippingTotal, o.CurrencyCode), money(o.TaxTotal, o.CurrencyCode), money(o.Total, o.CurrencyCode))
	if a := o.ShippingAddress; a != nil {
		fmt.Fprintf(out, "                ships to %s %s, %s, %s %s, %s\n", deref(a.FirstName), deref(a.LastName),
			deref(a.Address1), deref(a.PostalCode), deref(a.City), strings.ToUpper(deref(a.CountryCode)))
	}
	return o.Id, nil
}

// variantID finds a variant by its product's title (without the run id)
// and its own title.
func variantID(products []store.StoreProduct, product, variant string) string {
	for _, p := range products {
		for _, v := range p.Variants {
			if strings.HasPrefix(p.Title, product+" ") && v.Title == variant {
				return v.Id
			}
		}
	}
	return ""
}

// money formats an amount in a currency's major unit ("€25.00").
func money(amount float64, currency string) string {
	if strings.EqualFold(currency, "eur") {
		return fmt.Sprintf("€%.2f", amount)
	}
	return fmt.Sprintf("%.2f %s", amount, strings.ToUpper(currency))
}
