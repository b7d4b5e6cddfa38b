//go:build integration

package medusa_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/gen/store"
)

func TestInitiatePaymentSessionInOneCall(t *testing.T) {
	s, srv := kitShop(t)
	ctx := ctxT(t)
	c, err := medusa.New(srv.URL, medusa.WithPublishableKey(s.PublishableKey))
	require.NoError(t, err)

	cartID := s.CartToPay(t, c, srv.Email("payer"), 1)

	got, err := c.Store.GetCart(ctx, cartID, nil)
	require.NoError(t, err)
	require.Nil(t, got.Cart.PaymentCollection, "no payment collection yet")

	// One call creates the collection and the session.
	pc, err := c.InitiatePaymentSession(ctx, &got.Cart, store.StoreInitializePaymentSession{ProviderId: "pp_system_default"})
	require.NoError(t, err)
	require.NotEmpty(t, pc.PaymentCollection.Id)
	require.NotNil(t, pc.PaymentCollection.PaymentSessions)
	require.Len(t, *pc.PaymentCollection.PaymentSessions, 1)
	assert.Equal(t, "pp_system_default", (*pc.PaymentCollection.PaymentSessions)[0].ProviderId)

	// With the cart's collection known, it reuses it.
	got, err = c.Store.GetCart(ctx, cartID, nil)
	require.NoError(t, err)
	require.NotNil(t, got.Cart.PaymentCollection)
	assert.Equal(t, pc.PaymentCollection.Id, got.Cart.PaymentCollection.Id)
	again, err := c.InitiatePaymentSession(ctx, &got.Cart, store.StoreInitializePaymentSession{ProviderId: "pp_system_default"})
	require.NoError(t, err)
	assert.Equal(t, pc.PaymentCollection.Id, again.PaymentCollection.Id)

	done, err := c.Store.CompleteCart(ctx, cartID, nil, medusa.Retryable())
	require.NoError(t, err)
	kind, err := done.Discriminator()
	require.NoError(t, err)
	assert.Equal(t, "order", kind, "the session made the cart payable")

	_, err = c.InitiatePaymentSession(ctx, nil, store.StoreInitializePaymentSession{ProviderId: "pp_system_default"})
	assert.Error(t, err)
	_, err = c.InitiatePaymentSession(ctx, &got.Cart, store.StoreInitializePaymentSession{})
	assert.Error(t, err)
}
