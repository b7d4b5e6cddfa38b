package medusa

import (
	"context"
	"errors"
	"fmt"

	"github.com/medusa-sdk/medusa-go/v2/gen/store"
)

// InitiatePaymentSession starts a payment session for a cart in one call, as
// the JS SDK's store.payment.initiatePaymentSession does: it creates the
// cart's payment collection when the cart has none (POST
// /store/payment-collections), then initializes the session with the chosen
// provider (POST /store/payment-collections/{id}/payment-sessions), and
// returns the payment collection with its sessions. Pass the cart as the
// Store API returned it (with its payment_collection, when it has one).
func (c *Client) InitiatePaymentSession(ctx context.Context, cart *store.StoreCart, body store.StoreInitializePaymentSession, opts ...store.RequestEditorFn) (*store.StorePaymentCollectionResponse, error) {
	if cart == nil || cart.Id == "" {
		return nil, errors.New("medusa: InitiatePaymentSession: no cart")
	}
	if body.ProviderId == "" {
		return nil, errors.New("medusa: InitiatePaymentSession: ProviderId is required (e.g. pp_system_default)")
	}
	id := ""
	if cart.PaymentCollection != nil {
		id = cart.PaymentCollection.Id
	}
	if id == "" {
		pc, err := c.Store.CreatePaymentCollection(ctx, nil, store.StoreCreatePaymentCollection{CartId: cart.Id}, opts...)
		if err != nil {
			return nil, fmt.Errorf("medusa: InitiatePaymentSession: create payment collection: %w", err)
		}
		id = pc.PaymentCollection.Id
	}
	res, err := c.Store.CreatePaymentCollectionPaymentSession(ctx, id, nil, body, opts...)
	if err != nil {
		return nil, fmt.Errorf("medusa: InitiatePaymentSession: %w", err)
	}
	return res, nil
}
