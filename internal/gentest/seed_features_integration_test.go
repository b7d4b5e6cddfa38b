//go:build integration

package gentest

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/medusa-sdk/medusa-go/v2/internal/medusatest"
)

// seedFeatures creates the records of the features the harness server
// enables beyond Medusa's defaults (testdata/medusa-server/medusa-config.ts):
// locales and a translation (the "translation" flag and module), a property
// label and an active view configuration (the "view_configurations" flag).
// It starts a product export, whose completion the notification module
// records as a notification; awaitNotification waits for it.
func (s *seeded) seedFeatures(a func(method, path string, body any) obj) {
	if stores := a("GET", "/admin/stores", nil); stores != nil {
		if id := str(first(stores, "stores"), "id"); id != "" {
			a("POST", "/admin/stores/"+id, obj{"supported_locales": []obj{{"locale_code": "en-US"}, {"locale_code": "fr-FR"}}})
		}
	}
	if id := s.ids["product"]; id != "" {
		a("POST", "/admin/translations/batch", obj{"create": []obj{{"reference_id": id, "reference": "product",
			"locale_code": "fr-FR", "translations": obj{"title": "Chemise", "description": "Une chemise"}}}})
	}
	// One label per entity and property: a server the sweep ran on has it.
	labelID := str(first(a("GET", "/admin/property-labels?entity=product&property=title", nil), "property_labels"), "id")
	if labelID == "" {
		label := a("POST", "/admin/property-labels", obj{"entity": "product", "property": "title", "label": "Name",
			"description": "The product's name"})
		labelID = str(label, "property_label", "id")
	}
	s.ids["property_label"] = labelID
	view := a("POST", "/admin/views/product/configurations", obj{"name": "medusa-go sweep", "set_active": true,
		"configuration": obj{"visible_columns": []string{"title", "status"}, "column_order": []string{"title", "status"},
			"column_widths": obj{"title": 200}, "sorting": obj{"id": "title", "desc": false}}})
	s.ids["configuration"] = str(view, "view_configuration", "id")
	a("POST", "/admin/products/export", obj{})
}

// awaitNotification waits (10 s at most) until the server has recorded a
// notification, such as the one a product export sends when it completes.
func (s *seeded) awaitNotification(t *testing.T, srv *medusatest.Server, admin map[string]string) {
	deadline := time.Now().Add(10 * time.Second)
	for {
		r := srv.Do(t, "GET", "/admin/notifications?limit=1", admin, nil)
		var out struct {
			Count int `json:"count"`
		}
		if r.Status == 200 {
			r.Decode(t, &out)
			if out.Count > 0 {
				return
			}
		}
		if time.Now().After(deadline) {
			s.seedErrors = append(s.seedErrors, fmt.Sprintf("no notification 10 s after a product export (last answer %d: %.200s)", r.Status, r.Body))
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// seedLoyalty creates a gift card and a store-credit account with one credit,
// the records of @medusajs/loyalty-plugin's routes; a server without the
// plugin answers 404 on its routes and gets none.
func (s *seeded) seedLoyalty(t *testing.T, srv *medusatest.Server, admin map[string]string, a func(method, path string, body any) obj) {
	if r := srv.Do(t, "GET", "/admin/gift-cards?limit=1", admin, nil); r.Status == 404 {
		return
	}
	code := strings.ToUpper(srv.UniqueName("GC"))
	gc := a("POST", "/admin/gift-cards", obj{"currency_code": "usd", "value": 50, "code": code, "note": "medusa-go sweep"})
	s.ids["gift_card"], s.ids["gift_card_code"] = str(gc, "gift_card", "id"), code
	acc := a("POST", "/admin/store-credit-accounts", obj{"currency_code": "usd", "customer_id": s.customer.ID})
	id := str(acc, "store_credit_account", "id")
	s.ids["store_credit_account"] = id
	if id != "" {
		a("POST", "/admin/store-credit-accounts/"+id+"/credit", obj{"amount": 20, "note": "medusa-go sweep"})
	}
}
