//go:build integration

package gentest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/medusa-sdk/medusa-go/v2/internal/medusatest"
)

// seeded holds what the sweep created, so that lists are not empty and the
// retrieve operations have real IDs. Seeding speaks plain HTTP through
// medusatest: it must not depend on the generated code it is checking.
type seeded struct {
	customer   medusatest.Customer
	pubKey     string
	ids        map[string]string // "product", "cart", ... -> id
	seedErrors []string
}

// obj is a decoded JSON object.
type obj = map[string]any

func str(v any, path ...string) string {
	for _, p := range path {
		m, _ := v.(obj)
		v = m[p]
	}
	s, _ := v.(string)
	return s
}

func first(v any, key string) any {
	m, _ := v.(obj)
	l, _ := m[key].([]any)
	if len(l) == 0 {
		return nil
	}
	return l[0]
}

// call sends one seeding request; failures are recorded, not fatal, so one
// missing module or feature does not hide the rest of the sweep.
func (s *seeded) call(t *testing.T, srv *medusatest.Server, headers map[string]string, method, path string, body any) obj {
	t.Helper()
	r := srv.Do(t, method, path, headers, body)
	if r.Status/100 != 2 {
		s.seedErrors = append(s.seedErrors, fmt.Sprintf("%s %s: %d %.300s", method, path, r.Status, r.Body))
		return nil
	}
	var out obj
	if len(r.Body) > 0 {
		if err := json.Unmarshal(r.Body, &out); err != nil {
			s.seedErrors = append(s.seedErrors, fmt.Sprintf("%s %s: %v", method, path, err))
		}
	}
	return out
}

func seed(t *testing.T, srv *medusatest.Server) *seeded {
	s := &seeded{ids: map[string]string{}}
	admin := map[string]string{"Authorization": "Bearer " + srv.AdminToken(t)}
	a := func(method, path string, body any) obj { return s.call(t, srv, admin, method, path, body) }
	name := srv.UniqueName
	sc := srv.DefaultSalesChannel(t)
	s.ids["sales_channel"] = sc
	s.pubKey = srv.PublishableKey(t)
	s.customer = srv.NewCustomer(t)
	cust := map[string]string{"Authorization": "Bearer " + s.customer.Token, "x-publishable-api-key": s.pubKey}
	st := func(method, path string, body any) obj { return s.call(t, srv, cust, method, path, body) }

	// Catalogue.
	cat := a("POST", "/admin/product-categories", obj{"name": name("cat"), "is_active": true, "is_internal": false})
	col := a("POST", "/admin/collections", obj{"title": name("col")})
	tag := a("POST", "/admin/product-tags", obj{"value": name("tag")})
	typ := a("POST", "/admin/product-types", obj{"value": name("type")})
	prod := obj{
		"title":          name("Shirt"),
		"status":         "published",
		"sales_channels": []obj{{"id": sc}},
		"options":        []obj{{"title": "Size", "values": []string{"S", "M"}}},
		"variants": []obj{
			{"title": "S", "sku": name("sku-s"), "options": obj{"Size": "S"}, "manage_inventory": true,
				"prices": []obj{{"currency_code": "usd", "amount": 1999.99}, {"currency_code": "eur", "amount": 17}}},
			{"title": "M", "sku": name("sku-m"), "options": obj{"Size": "M"}, "manage_inventory": false,
				"prices": []obj{{"currency_code": "usd", "amount": 25}}},
		},
	}
	if id := str(cat, "product_category", "id"); id != "" {
		prod["categories"] = []obj{{"id": id}}
	}
	if id := str(col, "collection", "id"); id != "" {
		prod["collection_id"] = id
	}
	if id := str(tag, "product_tag", "id"); id != "" {
		prod["tags"] = []obj{{"id": id}}
	}
	if id := str(typ, "product_type", "id"); id != "" {
		prod["type_id"] = id
	}
	p := a("POST", "/admin/products", prod)
	product, _ := p["product"].(obj)
	s.ids["product"] = str(product, "id")
	var variantID string
	if v := first(product, "variants"); v != nil {
		variantID = str(v, "id")
	}
	s.ids["variant"] = variantID

	// Store setup: currencies, region, tax, locations, shipping.
	if stores := a("GET", "/admin/stores", nil); stores != nil {
		if id := str(first(stores, "stores"), "id"); id != "" {
			a("POST", "/admin/stores/"+id, obj{"supported_currencies": []obj{{"currency_code": "usd", "is_default": true}, {"currency_code": "eur"}}})
		}
	}
	reg := a("POST", "/admin/regions", obj{"name": name("Region"), "currency_code": "usd",
		"countries": []string{}, "payment_providers": []string{"pp_system_default"}})
	regionID := str(reg, "region", "id")
	s.ids["region"] = regionID
	// A country can belong to one region only: take one no region has yet.
	country := ""
	for _, c := range []string{"us", "ca", "gb", "de", "fr", "it", "es", "nl", "se", "dk", "no", "fi", "pl", "pt", "at", "be", "ch", "ie", "au", "nz", "jp"} {
		if r := srv.Do(t, "POST", "/admin/regions/"+regionID, admin, obj{"countries": []string{c}}); r.Status == 200 {
			country = c
			break
		}
	}
	s.ids["country"] = country
	a("POST", "/admin/tax-regions", obj{"country_code": country, "provider_id": "tp_system",
		"default_tax_rate": obj{"name": "std", "rate": 10, "code": name("TAX")}})
	loc := a("POST", "/admin/stock-locations", obj{"name": name("Warehouse"), "address": obj{"address_1": "1 Main St", "country_code": country}})
	locID := str(loc, "stock_location", "id")
	s.ids["location"] = locID
	a("POST", "/admin/stock-locations/"+locID+"/sales-channels", obj{"add": []string{sc}})
	a("POST", "/admin/stock-locations/"+locID+"/fulfillment-providers", obj{"add": []string{"manual_manual"}})
	fs := a("POST", "/admin/stock-locations/"+locID+"/fulfillment-sets?fields=*fulfillment_sets", obj{"name": name("fs"), "type": "shipping"})
	var fsID string
	if l, ok := fs["stock_location"].(obj); ok {
		for _, f := range asList(l["fulfillment_sets"]) {
			fsID = str(f, "id")
		}
	}
	zone := a("POST", "/admin/fulfillment-sets/"+fsID+"/service-zones", obj{"name": name("zone"),
		"geo_zones": []obj{{"type": "country", "country_code": country}}})
	if zone != nil && str2obj(zone, "fulfillment_set")["service_zones"] == nil {
		zone = a("GET", "/admin/fulfillment-sets/"+fsID+"/service-zones/x?fields=id", nil)
	}
	var zoneID string
	for _, z := range asList(str2obj(zone, "fulfillment_set")["service_zones"]) {
		zoneID = str(z, "id")
	}
	s.ids["fulfillment_set"], s.ids["service_zone"] = fsID, zoneID
	profiles := a("GET", "/admin/shipping-profiles", nil)
	profileID := str(first(profiles, "shipping_profiles"), "id")
	if profileID != "" && s.ids["product"] != "" {
		a("POST", "/admin/products/"+s.ids["product"], obj{"shipping_profile_id": profileID})
	}
	so := a("POST", "/admin/shipping-options", obj{"name": name("Standard"), "service_zone_id": zoneID,
		"shipping_profile_id": profileID, "provider_id": "manual_manual", "price_type": "flat",
		"type":   obj{"label": "Standard", "description": "std", "code": name("std")},
		"prices": []obj{{"currency_code": "usd", "amount": 10}},
		"rules": []obj{{"attribute": "enabled_in_store", "value": "true", "operator": "eq"},
			{"attribute": "is_return", "value": "false", "operator": "eq"}}})
	s.ids["shipping_option"] = str(so, "shipping_option", "id")

	// Inventory for the managed variant.
	items := a("GET", "/admin/products/"+s.ids["product"]+"/variants?fields=*inventory_items", nil)
	var invID string
	for _, v := range asList(items["variants"]) {
		for _, ii := range asList(str2obj(v, "")["inventory_items"]) {
			if id := str(ii, "inventory_item_id"); id != "" && invID == "" {
				invID = id
			}
		}
	}
	s.ids["inventory_item"] = invID
	a("POST", "/admin/inventory-items/"+invID+"/location-levels", obj{"location_id": locID, "stocked_quantity": 100})

	// Customers and pricing.
	a("POST", "/admin/customer-groups", obj{"name": name("vip")})
	st("POST", "/store/customers/me/addresses", obj{"first_name": "Ada", "last_name": "L", "address_1": "1 Main St",
		"city": "Town", "country_code": country, "postal_code": "12345"})
	a("POST", "/admin/price-lists", obj{"title": name("Sale"), "description": "d", "type": "sale", "status": "active",
		"prices": []obj{{"variant_id": variantID, "currency_code": "usd", "amount": 15}}})
	camp := a("POST", "/admin/campaigns", obj{"name": name("camp"), "campaign_identifier": name("cid")})
	promoCode := strings.ToUpper(name("PROMO"))
	a("POST", "/admin/promotions", obj{"code": promoCode, "type": "standard", "status": "active",
		"campaign_id":        str(camp, "campaign", "id"),
		"application_method": obj{"type": "percentage", "target_type": "order", "value": 10, "allocation": "across", "currency_code": "usd"},
		"rules":              []obj{{"attribute": "currency_code", "operator": "eq", "values": []string{"usd"}}}})
	a("POST", "/admin/return-reasons", obj{"value": name("rr"), "label": "Too big"})
	a("POST", "/admin/refund-reasons", obj{"label": name("Refund"), "code": name("refund")})
	a("POST", "/admin/invites", obj{"email": srv.UniqueEmail("invitee")})
	a("POST", "/admin/customers", obj{"email": srv.UniqueEmail("admin-made"), "first_name": "B"})
	a("POST", "/admin/reservations", obj{"location_id": locID, "inventory_item_id": invID, "quantity": 1})

	// Orders, placed by the customer through the store API: one gets a
	// fulfillment and a return, one a claim, one an exchange (an order takes
	// one active change at a time).
	placeOrder := func() string {
		cart := st("POST", "/store/carts", obj{"region_id": regionID, "email": s.customer.Email, "sales_channel_id": sc,
			"items": []obj{{"variant_id": variantID, "quantity": 2}},
			"shipping_address": obj{"first_name": "Ada", "last_name": "L", "address_1": "1 Main St", "city": "Town",
				"country_code": country, "postal_code": "12345"}})
		cartID := str(cart, "cart", "id")
		st("POST", "/store/carts/"+cartID+"/shipping-methods", obj{"option_id": s.ids["shipping_option"]})
		pc := st("POST", "/store/payment-collections", obj{"cart_id": cartID})
		st("POST", "/store/payment-collections/"+str(pc, "payment_collection", "id")+"/payment-sessions", obj{"provider_id": "pp_system_default"})
		done := st("POST", "/store/carts/"+cartID+"/complete", nil)
		id := str(done, "order", "id")
		if id == "" {
			s.seedErrors = append(s.seedErrors, fmt.Sprintf("cart complete gave no order: %.300v", done))
		}
		return id
	}
	orderID := placeOrder()
	s.ids["order"] = orderID
	// A second, open cart for GET /store/carts/{id}.
	open := st("POST", "/store/carts", obj{"region_id": regionID, "sales_channel_id": sc, "items": []obj{{"variant_id": variantID, "quantity": 1}}})
	s.ids["cart"] = str(open, "cart", "id")
	// It carries the promotion, so the answer's promotions (their
	// application method's value is a bigNumber, sent as a number) are read.
	withPromo := st("POST", "/store/carts/"+s.ids["cart"]+"/promotions", obj{"promo_codes": []string{promoCode}})
	if len(asList(str2obj(withPromo, "cart")["promotions"])) == 0 {
		t.Errorf("seed: the open cart took no promotion, the sweep would not read one: %.300v", withPromo)
	}

	if orderID != "" {
		o := a("GET", "/admin/orders/"+orderID+"?fields=*payment_collections.payments,*items", nil)
		var lineID string
		for _, it := range asList(str2obj(o, "order")["items"]) {
			lineID = str(it, "id")
		}
		for _, pcol := range asList(str2obj(o, "order")["payment_collections"]) {
			for _, pay := range asList(str2obj(pcol, "")["payments"]) {
				a("POST", "/admin/payments/"+str(pay, "id")+"/capture", obj{})
			}
		}
		a("POST", "/admin/orders/"+orderID+"/fulfillments", obj{"location_id": locID, "items": []obj{{"id": lineID, "quantity": 1}}})
		a("POST", "/admin/returns", obj{"order_id": orderID, "location_id": locID})
	}
	if id := placeOrder(); id != "" {
		a("POST", "/admin/claims", obj{"order_id": id, "type": "refund"})
	}
	if id := placeOrder(); id != "" {
		a("POST", "/admin/exchanges", obj{"order_id": id})
	}
	s.ids["customer"] = s.customer.ID
	s.upload(t, srv, admin)
	a("POST", "/admin/draft-orders", obj{"email": srv.UniqueEmail("draft"), "region_id": regionID, "sales_channel_id": sc,
		"items": []obj{{"variant_id": variantID, "quantity": 1}}})
	s.seedFeatures(a)
	s.seedLoyalty(t, srv, admin, a)
	s.awaitNotification(t, srv, admin)
	for _, e := range s.seedErrors {
		t.Logf("seed: %s", e)
	}
	return s
}

func asList(v any) []any { l, _ := v.([]any); return l }

func str2obj(v any, key string) obj {
	m, _ := v.(obj)
	if key == "" {
		return m
	}
	o, _ := m[key].(obj)
	return o
}

// upload stores one small file through the multipart upload route, so that
// GET /admin/uploads/{id} has something to read.
func (s *seeded) upload(t *testing.T, srv *medusatest.Server, headers map[string]string) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, err := mw.CreateFormFile("files", "medusa-go.txt")
	if err == nil {
		_, _ = fw.Write([]byte("medusa-go upload"))
		err = mw.Close()
	}
	if err != nil {
		s.seedErrors = append(s.seedErrors, "upload: "+err.Error())
		return
	}
	req, err := http.NewRequestWithContext(t.Context(), "POST", srv.URL+"/admin/uploads", &buf)
	if err != nil {
		s.seedErrors = append(s.seedErrors, "upload: "+err.Error())
		return
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := srv.HTTPClient().Do(req)
	if err != nil {
		s.seedErrors = append(s.seedErrors, "upload: "+err.Error())
		return
	}
	defer resp.Body.Close()
	var out struct {
		Files []struct {
			ID string `json:"id"`
		} `json:"files"`
	}
	if resp.StatusCode != 200 || json.NewDecoder(resp.Body).Decode(&out) != nil || len(out.Files) == 0 {
		s.seedErrors = append(s.seedErrors, fmt.Sprintf("upload: status %d", resp.StatusCode))
		return
	}
	s.ids["upload"] = out.Files[0].ID
}
