package main

import (
	"context"
	"fmt"
	"io"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
)

// showOrder reads the storefront's order back through the Admin API.
func showOrder(ctx context.Context, out io.Writer, c *medusa.Client, id string) error {
	// The admin's default fields leave out the e-mail and the currency.
	res, err := c.Admin.GetOrder(ctx, id, &admin.GetOrderParams{Fields: medusa.Ptr("+email,+currency_code")})
	if err != nil {
		return err
	}
	o := res.Order
	fmt.Fprintf(out, "  order       #%v by %s: %s, payment %s, fulfillment %s, %d lines, %s\n", deref(o.DisplayId), o.Email,
		o.Status, o.PaymentStatus, o.FulfillmentStatus, len(o.Items), money(o.Total, o.CurrencyCode))
	return nil
}
