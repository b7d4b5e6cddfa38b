//go:build integration

package medusa_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
	"github.com/medusa-sdk/medusa-go/v2/gen/store"
	"github.com/medusa-sdk/medusa-go/v2/internal/medusatest"
)

// These tests put the fault proxy (internal/medusatest/faults.go) between
// the SDK and the real server: Medusa does the work, the way back breaks.

// viaProxy is an admin client that reaches the server through p, with
// fast retries.
func viaProxy(t *testing.T, srv *medusatest.Server, p *medusatest.FaultProxy, opts ...medusa.Option) *medusa.Client {
	t.Helper()
	opts = append([]medusa.Option{
		medusa.WithHTTPClient(&http.Client{Transport: p.Transport()}),
		medusa.WithRetry(medusa.RetryPolicy{MaxRetries: 2, BaseDelay: 20 * time.Millisecond, MaxDelay: 100 * time.Millisecond}),
	}, opts...)
	c, err := medusa.New(p.URL, opts...)
	require.NoError(t, err)
	_, err = c.Auth.Login(ctxT(t), "user", "emailpass", medusa.EmailPass{Email: srv.AdminEmail, Password: srv.AdminPassword})
	require.NoError(t, err)
	return c
}

// channelsNamed counts the sales channels called name, straight from the
// server (plain HTTP, no proxy).
func channelsNamed(t *testing.T, srv *medusatest.Server, name string) []string {
	t.Helper()
	var out struct {
		SalesChannels []struct {
			ID string `json:"id"`
		} `json:"sales_channels"`
	}
	srv.Admin(t, "GET", "/admin/sales-channels?limit=50&name="+url.QueryEscape(name), nil, &out)
	ids := make([]string, 0, len(out.SalesChannels))
	for _, c := range out.SalesChannels {
		ids = append(ids, c.ID)
	}
	return ids
}

// Medusa 2.18.0 ignores Idempotency-Key: two POSTs with one key create two
// records. This is why the SDK does not retry a POST for carrying it.
func TestMedusaIgnoresIdempotencyKey(t *testing.T) {
	srv := medusatest.Require(t)
	name := srv.UniqueName("idem-key")
	key := srv.UniqueName("key")
	for range 2 {
		r := srv.Do(t, "POST", "/admin/sales-channels", map[string]string{
			"Authorization": "Bearer " + srv.AdminToken(t), "Idempotency-Key": key,
		}, map[string]string{"name": name})
		require.Equal(t, 200, r.Status, string(r.Body))
	}
	assert.Len(t, channelsNamed(t, srv, name), 2, "the same key created two sales channels")
}

// A create carrying Idempotency-Key whose answer is lost: sent once, one
// record, the typed error; the record reads back by the name the caller chose.
func TestFaultCreateWithIdempotencyKey(t *testing.T) {
	srv := medusatest.Require(t)
	p := srv.FaultProxy(t)
	c := viaProxy(t, srv, p)
	for _, fault := range []medusatest.Fault{medusatest.DropAfterAnswer, medusatest.ResetMidAnswer} {
		t.Run(fault.String(), func(t *testing.T) {
			ctx := ctxT(t)
			name := srv.UniqueName("idem-fault")
			before := p.Forwarded("POST", "/admin/sales-channels")
			p.Next("POST", "/admin/sales-channels", fault)
			_, err := c.Admin.CreateSalesChannel(ctx, nil, admin.AdminCreateSalesChannel{Name: name},
				medusa.WithHeader("Idempotency-Key", srv.UniqueName("key")))
			var uo *medusa.UnknownOutcomeError
			require.ErrorAs(t, err, &uo)
			assert.Equal(t, "/admin/sales-channels", uo.Route)
			assert.Equal(t, 1, p.Forwarded("POST", "/admin/sales-channels")-before, "sent once")
			require.Len(t, channelsNamed(t, srv, name), 1, "exactly one record")

			// The check the docs show: read it back by the field you chose.
			got, err := c.Admin.ListSalesChannels(ctx, &admin.ListSalesChannelsParams{Name: &[]string{name}})
			require.NoError(t, err)
			require.Len(t, got.SalesChannels, 1)
		})
	}
}

// A create by a key Medusa keeps unique (a product's handle) through
// CreateOnce: whatever the fault, one product and the caller gets it.
func TestFaultCreateOnceByHandle(t *testing.T) {
	srv := medusatest.Require(t)
	p := srv.FaultProxy(t)
	c := viaProxy(t, srv, p)
	for _, tc := range []struct {
		faults  []medusatest.Fault // of the creates, in order
		lookups []medusatest.Fault // of the reads back
		creates int                // POSTs Medusa got
	}{
		{[]medusatest.Fault{medusatest.DropAfterAnswer}, nil, 1},                                             // found by its handle
		{[]medusatest.Fault{medusatest.ResetMidAnswer}, nil, 1},                                              // found by its handle
		{[]medusatest.Fault{medusatest.Unavailable}, nil, 1},                                                 // not found: created again
		{[]medusatest.Fault{medusatest.DropAfterAnswer}, []medusatest.Fault{medusatest.BadGateway}, 1},       // the read's 502 is retried
		{[]medusatest.Fault{medusatest.BadGateway, medusatest.DropAfterAnswer}, nil, 1},                      // created by the second, found
		{[]medusatest.Fault{medusatest.Unavailable, medusatest.Unavailable}, nil, 1},                         // the third create
		{[]medusatest.Fault{medusatest.Unavailable, medusatest.Unavailable, medusatest.Unavailable}, nil, 0}, // gives up
	} {
		t.Run(fmt.Sprint(tc.faults, tc.lookups), func(t *testing.T) {
			ctx := ctxT(t)
			handle := srv.UniqueName("once")
			before := p.Forwarded("POST", "/admin/products")
			p.Next("POST", "/admin/products", tc.faults...)
			p.Next("GET", "/admin/products", tc.lookups...)
			body := fromJSON[admin.CreateProductBody](t, fmt.Sprintf(`{"title":"Once %[1]s","handle":%[1]q,
				"options":[{"title":"Size","values":["M"]}]}`, handle))
			prod, err := medusa.CreateOnce(ctx,
				func(ctx context.Context) (*admin.AdminProductResponse, error) {
					return c.Admin.CreateProduct(ctx, nil, body)
				},
				func(ctx context.Context) (*admin.AdminProductResponse, bool, error) {
					list, err := c.Admin.ListProducts(ctx, &admin.ListProductsParams{Handle: &[]string{handle}})
					if err != nil || len(list.Products) == 0 {
						return nil, false, err
					}
					return &admin.AdminProductResponse{Product: list.Products[0]}, true, nil
				})
			var found struct {
				Products []struct {
					ID string `json:"id"`
				} `json:"products"`
			}
			srv.Admin(t, "GET", "/admin/products?handle="+url.QueryEscape(handle), nil, &found)
			assert.Equal(t, tc.creates, p.Forwarded("POST", "/admin/products")-before)
			if tc.creates == 0 {
				var uo *medusa.UnknownOutcomeError
				require.ErrorAs(t, err, &uo)
				assert.Empty(t, found.Products)
				return
			}
			require.NoError(t, err)
			require.Len(t, found.Products, 1, "exactly one product")
			assert.Equal(t, found.Products[0].ID, prod.Product.Id, "the caller gets that product")
			assert.Equal(t, handle, prod.Product.Handle)
		})
	}
}

// The race CreateOnce relies on the unique key for: the first create is
// still at work in Medusa when the record is read back (simulated: the
// first read misses it), so a second create goes out; Medusa refuses the
// duplicate handle and the next read returns the first product.
func TestFaultCreateOnceDuplicateKeyIsRefused(t *testing.T) {
	srv := medusatest.Require(t)
	p := srv.FaultProxy(t)
	c := viaProxy(t, srv, p)
	ctx := ctxT(t)
	handle := srv.UniqueName("once-race")
	body := fromJSON[admin.CreateProductBody](t, fmt.Sprintf(`{"title":"Once %[1]s","handle":%[1]q,
		"options":[{"title":"Size","values":["M"]}]}`, handle))
	p.Next("POST", "/admin/products", medusatest.DropAfterAnswer)
	var refused error
	reads := 0
	prod, err := medusa.CreateOnce(ctx,
		func(ctx context.Context) (*admin.AdminProductResponse, error) {
			r, err := c.Admin.CreateProduct(ctx, nil, body)
			if err != nil && reads > 0 {
				refused = err
			}
			return r, err
		},
		func(ctx context.Context) (*admin.AdminProductResponse, bool, error) {
			reads++
			list, err := c.Admin.ListProducts(ctx, &admin.ListProductsParams{Handle: &[]string{handle}})
			if err != nil || len(list.Products) == 0 || reads == 1 {
				return nil, false, err
			}
			return &admin.AdminProductResponse{Product: list.Products[0]}, true, nil
		})
	require.NoError(t, err)
	var apiErr *medusa.Error
	require.ErrorAs(t, refused, &apiErr, "the second create was refused")
	assert.Equal(t, 400, apiErr.StatusCode)
	assert.Contains(t, apiErr.Message, "already exists")
	assert.Equal(t, 2, p.Forwarded("POST", "/admin/products"))
	assert.Equal(t, 2, reads)
	var found struct {
		Products []struct {
			ID string `json:"id"`
		} `json:"products"`
	}
	srv.Admin(t, "GET", "/admin/products?handle="+url.QueryEscape(handle), nil, &found)
	require.Len(t, found.Products, 1, "exactly one product")
	assert.Equal(t, found.Products[0].ID, prod.Product.Id)
}

// A plain create whose answer is lost: one record (none when the gateway
// never passed it on) and the typed error, never two.
func TestFaultPlainCreate(t *testing.T) {
	srv := medusatest.Require(t)
	p := srv.FaultProxy(t)
	p.SlowChunk, p.SlowDelay = 16, 200*time.Millisecond
	c := viaProxy(t, srv, p)
	for _, tc := range []struct {
		fault   medusatest.Fault
		records int
		status  int // the UnknownOutcomeError's StatusCode
	}{
		{medusatest.DropAfterAnswer, 1, 0},
		{medusatest.ResetMidAnswer, 1, 200},
		{medusatest.BadGateway, 0, 502},
		{medusatest.Unavailable, 0, 503},
		{medusatest.SlowBody, 1, 200}, // the call's time runs out while the answer trickles in
	} {
		t.Run(tc.fault.String(), func(t *testing.T) {
			ctx, cancel := context.WithTimeout(ctxT(t), 3*time.Second)
			defer cancel()
			name := srv.UniqueName("plain-fault")
			before := p.Forwarded("POST", "/admin/sales-channels")
			p.Next("POST", "/admin/sales-channels", tc.fault)
			_, err := c.Admin.CreateSalesChannel(ctx, nil, admin.AdminCreateSalesChannel{Name: name})
			var uo *medusa.UnknownOutcomeError
			require.ErrorAs(t, err, &uo)
			assert.Equal(t, "POST", uo.Method)
			assert.Equal(t, "/admin/sales-channels", uo.Route)
			assert.Equal(t, tc.status, uo.StatusCode)
			assert.Contains(t, err.Error(), "/admin/sales-channels")
			if tc.fault == medusatest.SlowBody {
				assert.ErrorIs(t, err, context.DeadlineExceeded, "the cause stays in the chain")
			}
			var apiErr *medusa.Error
			assert.Equal(t, tc.status >= 500, errors.As(err, &apiErr), "a gateway's answer is reachable as a *medusa.Error")
			assert.Equal(t, tc.records, p.Forwarded("POST", "/admin/sales-channels")-before, "sent once at most")
			assert.Len(t, channelsNamed(t, srv, name), tc.records)
		})
	}
}

// A cart completion marked Retryable whose answer is lost is sent again,
// and Medusa answers the same order: one order.
func TestFaultCartCompletionAnswersTheSameOrder(t *testing.T) {
	srv := medusatest.Require(t)
	a := adminClient(t, srv)
	s := setUpShop(t, srv, a)
	p := srv.FaultProxy(t)
	c, err := medusa.New(p.URL, medusa.WithPublishableKey(s.PublishableKey),
		medusa.WithHTTPClient(&http.Client{Transport: p.Transport()}),
		medusa.WithRetry(medusa.RetryPolicy{MaxRetries: 2, BaseDelay: 50 * time.Millisecond}))
	require.NoError(t, err)
	for _, faults := range [][]medusatest.Fault{
		{medusatest.DropAfterAnswer},
		{medusatest.Unavailable, medusatest.DropAfterAnswer},
	} {
		t.Run(fmt.Sprint(faults), func(t *testing.T) {
			ctx := ctxT(t)
			cartID := s.CartToPay(t, c, srv.UniqueEmail("fault-cart"), 1)
			pc, err := c.Store.CreatePaymentCollection(ctx, nil, store.StoreCreatePaymentCollection{CartId: cartID})
			require.NoError(t, err)
			_, err = c.Store.CreatePaymentCollectionPaymentSession(ctx, pc.PaymentCollection.Id, nil, store.StoreInitializePaymentSession{ProviderId: "pp_system_default"})
			require.NoError(t, err)
			route := "/store/carts/" + cartID + "/complete"
			before := ordersIn(t, srv, s.SalesChannelID)
			p.Next("POST", route, faults...)
			done, err := c.Store.CompleteCart(ctx, cartID, nil, medusa.Retryable())
			require.NoError(t, err)
			placed, err := done.AsCompleteCartOrder()
			require.NoError(t, err)
			forwarded := 0
			for _, f := range faults {
				if f != medusatest.Unavailable {
					forwarded++
				}
			}
			assert.Equal(t, forwarded+1, p.Forwarded("POST", route), "completed, answer lost, completed again")

			orders, err := a.Admin.ListOrders(ctx, &admin.ListOrdersParams{Id: &[]string{placed.Order.Id}})
			require.NoError(t, err)
			require.Len(t, orders.Orders, 1)
			after := ordersIn(t, srv, s.SalesChannelID)
			require.Len(t, after, len(before)+1, "one order for the cart")
			assert.Equal(t, placed.Order.Id, after[0], "the order answered is that order")
		})
	}
}

// ordersIn lists the ids of a sales channel's orders, newest first.
func ordersIn(t *testing.T, srv *medusatest.Server, channelID string) []string {
	t.Helper()
	var out struct {
		Orders []struct {
			ID string `json:"id"`
		} `json:"orders"`
	}
	srv.Admin(t, "GET", "/admin/orders?limit=100&fields=id&order=-created_at&sales_channel_id[0]="+channelID, nil, &out)
	ids := make([]string, 0, len(out.Orders))
	for _, o := range out.Orders {
		ids = append(ids, o.ID)
	}
	return ids
}

// A delete whose answer is lost is sent again; Medusa answers the repeat as
// it answered the first.
func TestFaultDeleteStaysIdempotent(t *testing.T) {
	srv := medusatest.Require(t)
	p := srv.FaultProxy(t)
	c := viaProxy(t, srv, p)
	for _, faults := range [][]medusatest.Fault{
		{medusatest.DropAfterAnswer},
		{medusatest.ResetMidAnswer},
		{medusatest.Unavailable, medusatest.DropAfterAnswer},
	} {
		t.Run(fmt.Sprint(faults), func(t *testing.T) {
			ctx := ctxT(t)
			name := srv.UniqueName("del-fault")
			sc, err := c.Admin.CreateSalesChannel(ctx, nil, admin.AdminCreateSalesChannel{Name: name})
			require.NoError(t, err)
			route := "/admin/sales-channels/" + sc.SalesChannel.Id
			p.Next("DELETE", route, faults...)
			del, err := c.Admin.DeleteSalesChannel(ctx, sc.SalesChannel.Id)
			if faults[0] == medusatest.ResetMidAnswer {
				// The 200 was cut off: not retried (the answer had begun),
				// the typed error says it was applied; a second delete
				// answers as the first.
				var uo *medusa.UnknownOutcomeError
				require.ErrorAs(t, err, &uo)
				assert.Equal(t, 200, uo.StatusCode)
				del, err = c.Admin.DeleteSalesChannel(ctx, sc.SalesChannel.Id)
			}
			require.NoError(t, err)
			assert.Equal(t, sc.SalesChannel.Id, del.Id)
			assert.True(t, del.Deleted)
			assert.Empty(t, channelsNamed(t, srv, name))
			assert.GreaterOrEqual(t, p.Forwarded("DELETE", route), 2)
		})
	}
}

// A write whose connection was refused never reached the server: sent
// again, applied once.
func TestFaultWriteRefusedBeforeItReachedTheServer(t *testing.T) {
	srv := medusatest.Require(t)
	p := srv.FaultProxy(t)
	c := viaProxy(t, srv, p)
	ctx := ctxT(t)
	name := srv.UniqueName("refused")
	p.RefuseDials(1)
	sc, err := c.Admin.CreateSalesChannel(ctx, nil, admin.AdminCreateSalesChannel{Name: name})
	require.NoError(t, err)
	assert.Equal(t, 1, p.Refused(), "the first connection was refused")
	assert.Equal(t, 1, p.Forwarded("POST", "/admin/sales-channels"))
	assert.Equal(t, []string{sc.SalesChannel.Id}, channelsNamed(t, srv, name), "applied once")
}

// Reads are retried after every fault; a slow body still arrives whole.
func TestFaultReadsAreRetried(t *testing.T) {
	srv := medusatest.Require(t)
	p := srv.FaultProxy(t)
	c := viaProxy(t, srv, p)
	ctx := ctxT(t)
	p.Next("GET", "/admin/sales-channels", medusatest.BadGateway, medusatest.DropAfterAnswer)
	list, err := c.Admin.ListSalesChannels(ctx, &admin.ListSalesChannelsParams{Limit: medusa.Ptr(5)})
	require.NoError(t, err)
	assert.NotEmpty(t, list.SalesChannels)
	assert.Equal(t, 2, p.Forwarded("GET", "/admin/sales-channels"), "the 502 never reached Medusa; the dropped answer did")

	p.SlowChunk, p.SlowDelay = 512, 5*time.Millisecond
	p.Next("GET", "/admin/sales-channels", medusatest.SlowBody)
	slow, err := c.Admin.ListSalesChannels(ctx, &admin.ListSalesChannelsParams{Limit: medusa.Ptr(5)})
	require.NoError(t, err)
	assert.Equal(t, list.Count, slow.Count)
	assert.Equal(t, 1, p.Faults()[medusatest.SlowBody])
}
