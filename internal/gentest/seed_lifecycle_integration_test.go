//go:build integration

package gentest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
	"github.com/medusa-sdk/medusa-go/v2/gen/store"
	"github.com/medusa-sdk/medusa-go/v2/internal/medusatest"
)

// The order lifecycle, seeded through the typed SDK: each state a service
// meets gets an order of its own (an order takes one active change at a
// time), and the sweep then reads each one through every GET that shows it
// (lifecycleSweep). What the SDK cannot do here is a seed error, like the
// plain seeding's.

// lifecycleState is one seeded order and the records it led to, keyed like
// seeded.ids ("order", "return", "claim", "exchange", "payment",
// "draft_order") so the sweep can read them.
type lifecycleState struct {
	name string
	ids  map[string]string
}

// typed decodes JSON (a format and its arguments) into a request body type,
// refusing keys the type lacks: seeding must say what the SDK cannot send.
func typed[T any](format string, args ...any) (T, error) {
	var v T
	dec := json.NewDecoder(bytes.NewReader(fmt.Appendf(nil, format, args...)))
	dec.DisallowUnknownFields()
	err := dec.Decode(&v)
	return v, err
}

type lifecycle struct {
	t       *testing.T
	s       *seeded
	ctx     context.Context
	admin   *medusa.Client
	shopper *medusa.Client
	country string
	states  []lifecycleState
}

func (l *lifecycle) fail(what string, err error) bool {
	if err != nil {
		l.s.seedErrors = append(l.s.seedErrors, fmt.Sprintf("lifecycle %s: %v", what, err))
		return true
	}
	return false
}

func seedLifecycle(t *testing.T, srv *medusatest.Server, s *seeded) []lifecycleState {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	l := &lifecycle{t: t, s: s, ctx: ctx, country: s.ids["country"]}
	var err error
	if l.admin, err = medusa.New(srv.URL, medusa.WithHTTPClient(srv.HTTPClient())); l.fail("admin client", err) {
		return nil
	}
	if _, err = l.admin.Auth.Login(ctx, "user", "emailpass", medusa.EmailPass{Email: srv.AdminEmail, Password: srv.AdminPassword}); l.fail("admin login", err) {
		return nil
	}
	if l.shopper, err = medusa.New(srv.URL, medusa.WithHTTPClient(srv.HTTPClient()), medusa.WithPublishableKey(s.pubKey)); l.fail("store client", err) {
		return nil
	}
	if _, err = l.shopper.Auth.Login(ctx, "customer", "emailpass", medusa.EmailPass{Email: s.customer.Email, Password: s.customer.Password}); l.fail("customer login", err) {
		return nil
	}
	l.delivered()
	l.returned("partially returned and refunded", 1)
	l.returned("fully returned and refunded", 2)
	l.claimed()
	l.exchanged()
	l.edited()
	l.converted()
	return l.states
}

// placed is an order the customer placed through the typed store API, its
// payment captured by the admin: two of the seeded variant, shipped by the
// seeded option.
func (l *lifecycle) placed(what string) (order *admin.AdminOrder, ok bool) {
	ctx := l.ctx
	regionID, sc, email := l.s.ids["region"], l.s.ids["sales_channel"], l.s.customer.Email
	cart, err := l.shopper.Store.CreateCart(ctx, nil, store.CreateCartBody{RegionId: &regionID, SalesChannelId: &sc, Email: &email})
	if l.fail(what+": create cart", err) {
		return nil, false
	}
	id := cart.Cart.Id
	if _, err = l.shopper.Store.CreateCartLineItem(ctx, id, nil, store.CreateCartLineItemBody{VariantId: l.s.ids["variant"], Quantity: 2}); l.fail(what+": add item", err) {
		return nil, false
	}
	addr, err := typed[store.UpdateCartBody](`{"shipping_address":{"first_name":"Ada","last_name":"L","address_1":"1 Main St","city":"Town","country_code":%q,"postal_code":"12345"}}`, l.country)
	if l.fail(what+": address", err) {
		return nil, false
	}
	if _, err = l.shopper.Store.UpdateCart(ctx, id, nil, addr); l.fail(what+": set address", err) {
		return nil, false
	}
	method, err := typed[store.CreateCartShippingMethodBody](`{"option_id":%q}`, l.s.ids["shipping_option"])
	if l.fail(what+": shipping method", err) {
		return nil, false
	}
	if _, err = l.shopper.Store.CreateCartShippingMethod(ctx, id, nil, method); l.fail(what+": add shipping method", err) {
		return nil, false
	}
	got, err := l.shopper.Store.GetCart(ctx, id, nil)
	if l.fail(what+": get cart", err) {
		return nil, false
	}
	if _, err = l.shopper.InitiatePaymentSession(ctx, &got.Cart, store.StoreInitializePaymentSession{ProviderId: "pp_system_default"}); l.fail(what+": payment session", err) {
		return nil, false
	}
	done, err := l.shopper.Store.CompleteCart(ctx, id, nil, medusa.Retryable())
	if l.fail(what+": complete cart", err) {
		return nil, false
	}
	o, err := done.AsCompleteCartOrder()
	if l.fail(what+": completed cart", err) {
		return nil, false
	}
	return l.capture(what, o.Order.Id)
}

// capture captures every payment of the order and returns it with its items
// and payments.
func (l *lifecycle) capture(what, orderID string) (*admin.AdminOrder, bool) {
	fields := "*items,*payment_collections.payments"
	o, err := l.admin.Admin.GetOrder(l.ctx, orderID, &admin.GetOrderParams{Fields: &fields})
	if l.fail(what+": read order", err) {
		return nil, false
	}
	for _, pc := range o.Order.PaymentCollections {
		for _, p := range deref(pc.Payments) {
			if _, err := l.admin.Admin.CapturePayment(l.ctx, p.Id, nil, admin.AdminCapturePayment{}); l.fail(what+": capture", err) {
				return nil, false
			}
		}
	}
	return &o.Order, true
}

func deref[T any](p *[]T) []T {
	if p == nil {
		return nil
	}
	return *p
}

func paymentID(o *admin.AdminOrder) string {
	for _, pc := range o.PaymentCollections {
		for _, p := range deref(pc.Payments) {
			return p.Id
		}
	}
	return ""
}

func lineID(o *admin.AdminOrder) string {
	if len(o.Items) == 0 {
		return ""
	}
	return o.Items[0].Id
}

// fulfilled fulfils all of the order's first line from the seeded location
// and returns the fulfillment's id.
func (l *lifecycle) fulfilled(what string, o *admin.AdminOrder) (string, bool) {
	body, err := typed[admin.CreateOrderFulfillmentBody](`{"location_id":%q,"items":[{"id":%q,"quantity":2}]}`, l.s.ids["location"], lineID(o))
	if l.fail(what+": fulfillment body", err) {
		return "", false
	}
	fields := "*fulfillments"
	res, err := l.admin.Admin.CreateOrderFulfillment(l.ctx, o.Id, &admin.CreateOrderFulfillmentParams{Fields: &fields}, body)
	if l.fail(what+": fulfill", err) {
		return "", false
	}
	var id string
	for _, f := range deref(res.Order.Fulfillments) {
		id = f.Id
	}
	return id, id != ""
}

// delivered: fulfilled, shipped with a label, delivered.
func (l *lifecycle) delivered() {
	const what = "fulfilled, shipped with labels, delivered"
	o, ok := l.placed(what)
	if !ok {
		return
	}
	st := lifecycleState{name: what, ids: map[string]string{"order": o.Id, "payment": paymentID(o)}}
	defer func() { l.states = append(l.states, st) }()
	fid, ok := l.fulfilled(what, o)
	if !ok {
		return
	}
	ship, err := typed[admin.CreateOrderFulfillmentShipmentBody](`{"items":[{"id":%q,"quantity":2}],"labels":[{"tracking_number":"TRACK-1","tracking_url":"https://track.example/1","label_url":"https://label.example/1"}]}`, lineID(o))
	if l.fail(what+": shipment body", err) {
		return
	}
	if _, err = l.admin.Admin.CreateOrderFulfillmentShipment(l.ctx, o.Id, fid, nil, ship); l.fail(what+": ship", err) {
		return
	}
	_, err = l.admin.Admin.MarkOrderFulfillmentAsDelivered(l.ctx, o.Id, fid, nil, admin.AdminMarkOrderFulfillmentAsDelivered{})
	l.fail(what+": deliver", err)
}

// returned: fulfilled, then quantity of the two items returned, received and
// refunded.
func (l *lifecycle) returned(what string, quantity int) {
	o, ok := l.placed(what)
	if !ok {
		return
	}
	st := lifecycleState{name: what, ids: map[string]string{"order": o.Id, "payment": paymentID(o)}}
	defer func() { l.states = append(l.states, st) }()
	if _, ok := l.fulfilled(what, o); !ok {
		return
	}
	loc := l.s.ids["location"]
	r, err := l.admin.Admin.CreateReturn(l.ctx, nil, admin.AdminInitiateReturnRequest{OrderId: o.Id, LocationId: &loc})
	if l.fail(what+": create return", err) {
		return
	}
	rid := r.Return.Id
	st.ids["return"] = rid
	items, err := typed[admin.AdminAddReturnItems](`{"items":[{"id":%q,"quantity":%d}]}`, lineID(o), quantity)
	if l.fail(what+": return items body", err) {
		return
	}
	if _, err = l.admin.Admin.CreateReturnRequestItem(l.ctx, rid, nil, items); l.fail(what+": return items", err) {
		return
	}
	if _, err = l.admin.Admin.RequestReturn(l.ctx, rid, nil, admin.AdminConfirmReturnRequest{}); l.fail(what+": confirm return", err) {
		return
	}
	if _, err = l.admin.Admin.ReceiveReturn(l.ctx, rid, nil, admin.AdminInitiateReceiveReturn{}); l.fail(what+": receive", err) {
		return
	}
	recv, err := typed[admin.AdminReceiveItems](`{"items":[{"id":%q,"quantity":%d}]}`, lineID(o), quantity)
	if l.fail(what+": receive items body", err) {
		return
	}
	if _, err = l.admin.Admin.CreateReturnReceiveItem(l.ctx, rid, nil, recv); l.fail(what+": receive items", err) {
		return
	}
	if _, err = l.admin.Admin.ConfirmReturnReceive(l.ctx, rid, nil, admin.AdminConfirmReceiveReturn{}); l.fail(what+": confirm receive", err) {
		return
	}
	amount := 10.0 * float64(quantity)
	_, err = l.admin.Admin.RefundPayment(l.ctx, st.ids["payment"], nil, admin.AdminRefundPayment{Amount: &amount})
	l.fail(what+": refund", err)
}

// claimed: fulfilled, then one item claimed for a refund and confirmed.
func (l *lifecycle) claimed() {
	const what = "claimed"
	o, ok := l.placed(what)
	if !ok {
		return
	}
	st := lifecycleState{name: what, ids: map[string]string{"order": o.Id, "payment": paymentID(o)}}
	defer func() { l.states = append(l.states, st) }()
	if _, ok := l.fulfilled(what, o); !ok {
		return
	}
	c, err := l.admin.Admin.CreateClaim(l.ctx, nil, admin.AdminCreateClaim{OrderId: o.Id, Type: "refund"})
	if l.fail(what+": create claim", err) {
		return
	}
	cid := c.Claim.Id
	st.ids["claim"] = cid
	items, err := typed[admin.AdminAddClaimItems](`{"items":[{"id":%q,"quantity":1,"reason":"production_failure"}]}`, lineID(o))
	if l.fail(what+": claim items body", err) {
		return
	}
	if _, err = l.admin.Admin.CreateClaimClaimItem(l.ctx, cid, nil, items); l.fail(what+": claim items", err) {
		return
	}
	_, err = l.admin.Admin.RequestClaim(l.ctx, cid, nil)
	l.fail(what+": confirm claim", err)
}

// exchanged: fulfilled, then one item returned for another variant, confirmed.
func (l *lifecycle) exchanged() {
	const what = "exchanged"
	o, ok := l.placed(what)
	if !ok {
		return
	}
	st := lifecycleState{name: what, ids: map[string]string{"order": o.Id, "payment": paymentID(o)}}
	defer func() { l.states = append(l.states, st) }()
	if _, ok := l.fulfilled(what, o); !ok {
		return
	}
	e, err := l.admin.Admin.CreateExchange(l.ctx, nil, admin.AdminCreateExchange{OrderId: o.Id})
	if l.fail(what+": create exchange", err) {
		return
	}
	eid := e.Exchange.Id
	st.ids["exchange"] = eid
	in, err := typed[admin.AdminAddExchangeInboundItems](`{"items":[{"id":%q,"quantity":1}],"location_id":%q}`, lineID(o), l.s.ids["location"])
	if l.fail(what+": inbound body", err) {
		return
	}
	res, err := l.admin.Admin.CreateExchangeInboundItem(l.ctx, eid, nil, in)
	if l.fail(what+": inbound items", err) {
		return
	}
	if res.Return.Id != "" {
		st.ids["return"] = res.Return.Id
	}
	out, err := typed[admin.AdminAddExchangeOutboundItems](`{"items":[{"variant_id":%q,"quantity":1}]}`, l.s.ids["variant"])
	if l.fail(what+": outbound body", err) {
		return
	}
	if _, err = l.admin.Admin.CreateExchangeOutboundItem(l.ctx, eid, nil, out); l.fail(what+": outbound items", err) {
		return
	}
	_, err = l.admin.Admin.RequestExchange(l.ctx, eid, nil)
	l.fail(what+": confirm exchange", err)
}

// edited: an order edit that adds an item, requested and confirmed.
func (l *lifecycle) edited() {
	const what = "edited"
	o, ok := l.placed(what)
	if !ok {
		return
	}
	st := lifecycleState{name: what, ids: map[string]string{"order": o.Id, "payment": paymentID(o)}}
	defer func() { l.states = append(l.states, st) }()
	if _, err := l.admin.Admin.CreateOrderEdit(l.ctx, admin.AdminPostOrderEditsReqSchema{OrderId: o.Id}); l.fail(what+": create edit", err) {
		return
	}
	items, err := typed[admin.AdminPostOrderEditsAddItemsReqSchema](`{"items":[{"variant_id":%q,"quantity":1}]}`, l.s.ids["variant"])
	if l.fail(what+": edit items body", err) {
		return
	}
	if _, err = l.admin.Admin.CreateOrderEditItem(l.ctx, o.Id, items); l.fail(what+": edit items", err) {
		return
	}
	if _, err = l.admin.Admin.RequestOrderEdit(l.ctx, o.Id); l.fail(what+": request edit", err) {
		return
	}
	_, err = l.admin.Admin.ConfirmOrderEdit(l.ctx, o.Id)
	l.fail(what+": confirm edit", err)
}

// converted: a draft order with an item and the customer, made an order.
func (l *lifecycle) converted() {
	const what = "draft order converted"
	body, err := typed[admin.CreateDraftOrderBody](`{"email":%q,"customer_id":%q,"region_id":%q,"sales_channel_id":%q,"items":[{"variant_id":%q,"quantity":1}]}`,
		l.s.customer.Email, l.s.customer.ID, l.s.ids["region"], l.s.ids["sales_channel"], l.s.ids["variant"])
	if l.fail(what+": body", err) {
		return
	}
	d, err := l.admin.Admin.CreateDraftOrder(l.ctx, nil, body)
	if l.fail(what+": create", err) {
		return
	}
	o, err := l.admin.Admin.ConvertDraftOrderToOrder(l.ctx, d.DraftOrder.Id, nil)
	if l.fail(what+": convert", err) {
		return
	}
	// The draft becomes the order (same id): GET /admin/draft-orders/{id} no longer finds it.
	l.states = append(l.states, lifecycleState{name: what, ids: map[string]string{"order": o.Order.Id}})
}

// lifecycleRecords are the path prefixes of the retrieves that show one
// order's state, with the seeded.ids key their {id} takes.
var lifecycleRecords = map[string]string{
	"/admin/orders/{id}":       "order",
	"/store/orders/{id}":       "order",
	"/admin/returns/{id}":      "return",
	"/admin/claims/{id}":       "claim",
	"/admin/exchanges/{id}":    "exchange",
	"/admin/payments/{id}":     "payment",
	"/admin/draft-orders/{id}": "draft_order",
}

// lifecycle reads every seeded lifecycle state through each GET operation
// whose path shows one of its records (the order and everything under it,
// its return, claim, exchange, payment), with the relations pass, strictly
// like the rest of the sweep.
func (s *sweeper) lifecycle(states []lifecycleState, ops []operation) {
	for _, st := range states {
		data := *s.data
		data.ids = map[string]string{}
		for k, v := range s.data.ids {
			data.ids[k] = v
		}
		for k, v := range st.ids {
			data.ids[k] = v
		}
		var reads []operation
		for _, op := range ops {
			if op.Method != "GET" {
				continue
			}
			for prefix, key := range lifecycleRecords {
				if st.ids[key] != "" && strings.HasPrefix(op.Path, prefix) {
					reads = append(reads, op)
					break
				}
			}
		}
		sw := &sweeper{t: s.t, api: s.api, client: s.client, bodies: map[string]any{}, data: &data, report: s.report, state: st.name}
		sw.run(reads)
	}
}
