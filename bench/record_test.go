//go:build record

package bench

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/medusa-sdk/medusa-go/v2/internal/medusatest"
)

// TestRecord fills a real Medusa (the harness server) with a catalogue of 50
// products × 6 variants × 2 prices, a cart and a completed order, and writes
// the server's answers, byte for byte, to testdata/recorded. It is built only
// with the record tag (make record), since it rewrites committed files.
func TestRecord(t *testing.T) {
	srv := medusatest.Require(t)
	r := &recorder{t: t, srv: srv, dir: filepath.Join("..", "testdata", "recorded")}
	r.run()
}

type recorder struct {
	t   *testing.T
	srv *medusatest.Server
	dir string

	pk, salesChannel, region, country string
	customer                          medusatest.Customer
	recorded                          []Recorded
}

func (r *recorder) admin(method, path string, body any) map[string]any {
	r.t.Helper()
	var out map[string]any
	r.srv.Admin(r.t, method, path, body, &out)
	return out
}

// store sends a store request with the publishable key (and the customer's
// JWT when auth is set) and requires a 2xx answer.
func (r *recorder) store(method, path string, auth bool, body any) medusatest.Response {
	r.t.Helper()
	h := map[string]string{"x-publishable-api-key": r.pk}
	if auth {
		h["Authorization"] = "Bearer " + r.customer.Token
	}
	resp := r.srv.Do(r.t, method, path, h, body)
	if resp.Status/100 != 2 {
		r.t.Fatalf("%s %s: status %d: %.600s", method, path, resp.Status, resp.Body)
	}
	return resp
}

// keep writes one answer to the recorded set.
func (r *recorder) keep(file, method, path, typ string, resp medusatest.Response) {
	r.t.Helper()
	if !json.Valid(resp.Body) {
		r.t.Fatalf("%s: not JSON", file)
	}
	checkNoSecrets(r.t, file, resp.Body, r.pk, r.customer.Token, r.srv.AdminToken(r.t))
	if err := os.WriteFile(filepath.Join(r.dir, file), resp.Body, 0o644); err != nil {
		r.t.Fatal(err)
	}
	r.recorded = append(r.recorded, Recorded{File: file, Method: method, Path: path, Type: typ, Bytes: len(resp.Body)})
	r.t.Logf("recorded %s (%d bytes)", file, len(resp.Body))
}

func (r *recorder) get(file, path, typ string, auth bool) medusatest.Response {
	r.t.Helper()
	resp := r.store("GET", path, auth, nil)
	r.keep(file, "GET", path, typ, resp)
	return resp
}

func id(m map[string]any, key string) string {
	if o, ok := m[key].(map[string]any); ok {
		if s, ok := o["id"].(string); ok {
			return s
		}
	}
	return ""
}

func (r *recorder) run() {
	t := r.t
	if err := os.MkdirAll(r.dir, 0o755); err != nil {
		t.Fatal(err)
	}
	tag := medusatest.UniqueName("bench")

	// A sales channel of its own, so that the publishable key sees exactly
	// the 50 products made here.
	r.salesChannel = id(r.admin("POST", "/admin/sales-channels", map[string]any{"name": tag}), "sales_channel")
	key := r.srv.CreateAPIKey(t, "publishable")
	r.srv.LinkSalesChannels(t, key.ID, r.salesChannel)
	r.pk = key.Token

	r.setupRegion(tag)
	profile := r.setupFulfillment(tag)

	// 50 products × 6 variants (3 sizes × 2 colours) × 2 prices (EUR, USD).
	sizes, colors := []string{"S", "M", "L"}, []string{"Black", "White"}
	var firstProduct, firstVariant, secondVariant string
	for i := range 50 {
		var variants []map[string]any
		for si, s := range sizes {
			for ci, c := range colors {
				eur := 1000 + i*100 + si*50 + ci*10
				variants = append(variants, map[string]any{
					"title":            fmt.Sprintf("%s / %s", s, c),
					"sku":              fmt.Sprintf("%s-%02d-%s-%s", tag, i, s, c),
					"manage_inventory": false,
					"allow_backorder":  false,
					"weight":           200 + si*20,
					"options":          map[string]string{"Size": s, "Color": c},
					"prices": []map[string]any{
						{"amount": eur, "currency_code": "eur"},
						{"amount": eur + eur/10, "currency_code": "usd"},
					},
				})
			}
		}
		p := r.admin("POST", "/admin/products", map[string]any{
			"title":               fmt.Sprintf("Bench Tee %02d", i),
			"subtitle":            "Organic cotton",
			"handle":              fmt.Sprintf("%s-tee-%02d", strings.ToLower(tag), i),
			"description":         fmt.Sprintf("A soft, breathable tee, number %d of the benchmark catalogue. Pre-shrunk, machine washable, made to last — “ünïcödé” included.", i),
			"status":              "published",
			"discountable":        true,
			"weight":              200,
			"material":            "cotton",
			"origin_country":      "pt",
			"shipping_profile_id": profile,
			"sales_channels":      []map[string]string{{"id": r.salesChannel}},
			"thumbnail":           fmt.Sprintf("https://cdn.example.com/bench/tee-%02d/thumb.jpg", i),
			"images": []map[string]string{
				{"url": fmt.Sprintf("https://cdn.example.com/bench/tee-%02d/front.jpg", i)},
				{"url": fmt.Sprintf("https://cdn.example.com/bench/tee-%02d/back.jpg", i)},
			},
			"options": []map[string]any{
				{"title": "Size", "values": sizes},
				{"title": "Color", "values": colors},
			},
			"variants": variants,
			"metadata": map[string]any{"bench": true, "index": i},
		})
		if i == 0 {
			prod, _ := p["product"].(map[string]any)
			firstProduct, _ = prod["id"].(string)
			vs, _ := prod["variants"].([]any)
			if len(vs) < 2 {
				t.Fatalf("product has %d variants", len(vs))
			}
			firstVariant, _ = vs[0].(map[string]any)["id"].(string)
			secondVariant, _ = vs[1].(map[string]any)["id"].(string)
		}
	}

	// The list the issue measures (GET /store/products?limit=50), and the
	// same list with prices calculated for a region, as a storefront reads it.
	list := r.get("products-list-50.json", "/store/products?limit=50", "StoreProductListResponse", false)
	r.get("products-list-50-region.json", "/store/products?limit=50&region_id="+r.region, "StoreProductListResponse", false)
	var lr struct {
		Products []json.RawMessage `json:"products"`
		Count    int               `json:"count"`
	}
	if err := json.Unmarshal(list.Body, &lr); err != nil || len(lr.Products) != 50 {
		t.Fatalf("product list: %d products (count %d), err %v", len(lr.Products), lr.Count, err)
	}
	r.get("product.json", "/store/products/"+firstProduct+"?region_id="+r.region, "StoreProductResponse", false)
	r.get("regions-list.json", "/store/regions?limit=20", "GetRegions200JSONResponseBody", false)

	// A customer's cart: two line items, addresses, a shipping method.
	r.customer = r.srv.NewCustomer(t)
	cart := id(jsonMap(t, r.store("POST", "/store/carts", true, map[string]any{
		"region_id": r.region, "email": r.customer.Email,
	}).Body), "cart")
	r.store("POST", "/store/carts/"+cart+"/line-items", true, map[string]any{"variant_id": firstVariant, "quantity": 2})
	r.store("POST", "/store/carts/"+cart+"/line-items", true, map[string]any{"variant_id": secondVariant, "quantity": 1})
	addr := map[string]any{
		"first_name": "Ada", "last_name": "Lovelace", "address_1": "Teststraße 1", "city": "Berlin",
		"postal_code": "10115", "country_code": r.country, "phone": "+49 30 000000",
	}
	r.store("POST", "/store/carts/"+cart, true, map[string]any{"shipping_address": addr, "billing_address": addr})
	opts := r.get("shipping-options.json", "/store/shipping-options?cart_id="+cart, "StoreShippingOptionListResponse", true)
	var so struct {
		ShippingOptions []struct {
			ID string `json:"id"`
		} `json:"shipping_options"`
	}
	if err := json.Unmarshal(opts.Body, &so); err != nil || len(so.ShippingOptions) == 0 {
		t.Fatalf("no shipping option for the cart: %v %.300s", err, opts.Body)
	}
	r.store("POST", "/store/carts/"+cart+"/shipping-methods", true, map[string]any{"option_id": so.ShippingOptions[0].ID})
	r.get("cart.json", "/store/carts/"+cart, "StoreCartResponse", true)
	r.get("customer-me.json", "/store/customers/me", "StoreCustomerResponse", true)

	// Pay with the system provider and complete: the order.
	pc := r.store("POST", "/store/payment-collections", true, map[string]any{"cart_id": cart})
	r.keep("payment-collection.json", "POST", "/store/payment-collections", "StorePaymentCollectionResponse", pc)
	pcID := id(jsonMap(t, pc.Body), "payment_collection")
	r.store("POST", "/store/payment-collections/"+pcID+"/payment-sessions", true, map[string]any{"provider_id": "pp_system_default"})
	done := r.store("POST", "/store/carts/"+cart+"/complete", true, nil)
	r.keep("cart-complete.json", "POST", "/store/carts/{id}/complete", "PostCartsIdComplete200JSONResponseBody", done)
	var dr struct {
		Type  string `json:"type"`
		Order struct {
			ID string `json:"id"`
		} `json:"order"`
	}
	if err := json.Unmarshal(done.Body, &dr); err != nil || dr.Type != "order" {
		t.Fatalf("cart did not complete: %v %.600s", err, done.Body)
	}
	r.get("order.json", "/store/orders/"+dr.Order.ID, "StoreOrderResponse", true)

	m := Manifest{
		MedusaVersion: r.srv.MedusaVersion,
		RecordedAt:    time.Now().UTC().Format(time.RFC3339),
		Note:          "Recorded by bench/record_integration_test.go (make record) from a real Medusa; bodies byte for byte as served. Paths with a {placeholder} were recorded with the real ID.",
		Responses:     r.recorded,
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(r.dir, "manifest.json"), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func jsonMap(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%v: %.300s", err, b)
	}
	return m
}

// setupRegion makes a EUR region with a country no other region has.
func (r *recorder) setupRegion(tag string) {
	t := r.t
	var regions struct {
		Regions []struct {
			Countries []struct {
				ISO2 string `json:"iso_2"`
			} `json:"countries"`
		} `json:"regions"`
	}
	r.srv.Admin(t, "GET", "/admin/regions?limit=500&fields=countries.iso_2", nil, &regions)
	used := map[string]bool{}
	for _, rg := range regions.Regions {
		for _, c := range rg.Countries {
			used[c.ISO2] = true
		}
	}
	for _, c := range []string{"de", "fr", "nl", "be", "at", "it", "es", "pt", "ie", "fi", "se", "dk", "pl", "cz", "sk", "si", "hr", "gr", "lu", "ee", "lv", "lt", "hu", "ro", "bg", "mt", "cy"} {
		if !used[c] {
			r.country = c
			break
		}
	}
	if r.country == "" {
		t.Fatal("no free EU country for a new region")
	}
	r.region = id(r.admin("POST", "/admin/regions", map[string]any{
		"name": tag + " Europe", "currency_code": "eur", "countries": []string{r.country},
		"payment_providers": []string{"pp_system_default"}, "automatic_taxes": true,
	}), "region")
}

// setupFulfillment makes a stock location serving the sales channel, a
// shipping zone for the region's country and a flat-rate shipping option,
// and returns the shipping profile the products use.
func (r *recorder) setupFulfillment(tag string) string {
	t := r.t
	var profiles struct {
		ShippingProfiles []struct {
			ID   string `json:"id"`
			Type string `json:"type"`
		} `json:"shipping_profiles"`
	}
	r.srv.Admin(t, "GET", "/admin/shipping-profiles?limit=50", nil, &profiles)
	profile := ""
	for _, p := range profiles.ShippingProfiles {
		if p.Type == "default" {
			profile = p.ID
			break
		}
	}
	if profile == "" {
		profile = id(r.admin("POST", "/admin/shipping-profiles", map[string]any{"name": tag, "type": "default"}), "shipping_profile")
	}
	loc := id(r.admin("POST", "/admin/stock-locations", map[string]any{
		"name": tag + " warehouse", "address": map[string]any{"address_1": "Lagerweg 1", "city": "Hamburg", "country_code": "de", "postal_code": "20095"},
	}), "stock_location")
	r.admin("POST", "/admin/stock-locations/"+loc+"/sales-channels", map[string]any{"add": []string{r.salesChannel}})
	r.admin("POST", "/admin/stock-locations/"+loc+"/fulfillment-providers", map[string]any{"add": []string{"manual_manual"}})
	withSet := r.admin("POST", "/admin/stock-locations/"+loc+"/fulfillment-sets?fields=id,*fulfillment_sets", map[string]any{"name": tag + " shipping", "type": "shipping"})
	sl, _ := withSet["stock_location"].(map[string]any)
	sets, _ := sl["fulfillment_sets"].([]any)
	if len(sets) == 0 {
		t.Fatalf("stock location has no fulfillment set: %v", withSet)
	}
	set, _ := sets[0].(map[string]any)["id"].(string)
	zoneResp := r.admin("POST", "/admin/fulfillment-sets/"+set+"/service-zones?fields=id,*service_zones", map[string]any{
		"name": tag + " zone", "geo_zones": []map[string]any{{"type": "country", "country_code": r.country}},
	})
	fs, _ := zoneResp["fulfillment_set"].(map[string]any)
	zones, _ := fs["service_zones"].([]any)
	if len(zones) == 0 {
		t.Fatalf("no service zone: %v", zoneResp)
	}
	zone, _ := zones[0].(map[string]any)["id"].(string)
	r.admin("POST", "/admin/shipping-options", map[string]any{
		"name": "Standard " + tag, "service_zone_id": zone, "shipping_profile_id": profile,
		"provider_id": "manual_manual", "price_type": "flat",
		"type":   map[string]any{"label": "Standard", "description": "2-3 days", "code": "standard"},
		"prices": []map[string]any{{"currency_code": "eur", "amount": 490}, {"region_id": r.region, "amount": 490}},
		"rules": []map[string]any{
			{"attribute": "enabled_in_store", "value": "true", "operator": "eq"},
			{"attribute": "is_return", "value": "false", "operator": "eq"},
		},
	})
	return profile
}

// checkNoSecrets fails when a recorded body carries a credential: one of the
// given tokens, or anything shaped like a JWT or a Medusa API key.
func checkNoSecrets(t *testing.T, file string, body []byte, tokens ...string) {
	t.Helper()
	s := string(body)
	for _, tok := range tokens {
		if tok != "" && strings.Contains(s, tok) {
			t.Fatalf("%s contains a credential", file)
		}
	}
	if secretShape.MatchString(s) {
		t.Fatalf("%s contains something shaped like a credential: %q", file, secretShape.FindString(s)[:8]+"…")
	}
}

var secretShape = regexp.MustCompile(`eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}|\b(sk|pk)_[0-9a-f]{20,}`)
