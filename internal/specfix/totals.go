package specfix

import (
	"fmt"
	"strings"
)

// computedTotals: Medusa computes the amounts of a cart or an order when it
// answers (decorateCartTotals in @medusajs/utils, shared by carts, orders,
// draft orders and order previews), and always sets the same totals on the
// record, on each line item and on each shipping method. The spec documents
// only part of each set, and a different part on each schema: an order line
// item lacks discount_subtotal, a cart lacks the credit-line and shipping
// discount totals, and no schema has the totals derived from an order item's
// quantities (shipped_total, write_off_total, ...).
//
// Rule: a component schema that a success answer reaches and that carries
// amounts for items (properties `total` and `items`, an array of $ref) is a
// priced record. It gains the record totals it lacks; each schema its `items`
// refer to gains the line-item totals it lacks, and each schema its
// `shipping_methods` refer to the shipping-method totals. When the line item
// has a `detail` (an order item's quantities), the item and the record gain
// the quantity totals too, the schema of each item's and shipping method's
// `adjustments` gains the adjustment's own subtotal and total, and the schema its `summary` refers to gains the
// totals of the order module's OrderSummary. Only numbers are added,
// optional; nothing is changed.
func computedTotals(doc map[string]any, rep *Report) error {
	schemas := component(doc, "schemas")
	reach := answerSchemas(doc)
	// itemsOf is the object schema of an array property's items (a $ref to
	// a component, inline, or an allOf of both): the key to treat it once,
	// the properties to add to, and every property it has.
	itemsOf := func(p any) (string, map[string]any, map[string]any) {
		m, _ := p.(map[string]any)
		if m["type"] != "array" {
			return "", nil, nil
		}
		var own map[string]any
		all := map[string]any{}
		var visit func(v any)
		visit = func(v any) {
			s, _ := v.(map[string]any)
			if ref, ok := s["$ref"].(string); ok {
				s, _ = schemas[strings.TrimPrefix(ref, "#/components/schemas/")].(map[string]any)
			}
			branches, _ := s["allOf"].([]any)
			for _, b := range branches {
				visit(b)
			}
			if props, ok := s["properties"].(map[string]any); ok {
				own = props
				for k, v := range props {
					all[k] = v
				}
			}
		}
		visit(m["items"])
		if own == nil {
			return "", nil, nil
		}
		return fmt.Sprintf("%p", own), own, all
	}
	propsOf := func(name string) map[string]any {
		s, _ := schemas[name].(map[string]any)
		props, _ := s["properties"].(map[string]any)
		return props
	}
	add := func(props, all map[string]any, names []string) {
		for _, n := range names {
			if _, has := all[n]; has {
				continue
			}
			props[n] = map[string]any{"type": "number",
				"description": "The " + strings.ReplaceAll(n, "_", " ") + ", computed by the server."}
			rep.add("computed-totals", 1)
		}
	}
	done := map[string]bool{}
	// A line's adjustments (its promotions' discounts) each get their own
	// subtotal and total (calculateAdjustmentTotal).
	addAdjustments := func(line map[string]any) {
		if adj, aprops, aall := itemsOf(line["adjustments"]); aprops != nil && !done[adj] {
			done[adj] = true
			add(aprops, aall, adjustmentTotals)
		}
	}
	for _, name := range sortedKeys(schemas) {
		props := propsOf(name)
		item, iprops, iall := itemsOf(props["items"])
		if !reach[name] || props["total"] == nil || iprops == nil {
			continue
		}
		add(props, props, recordTotals)
		if !done[item] {
			done[item] = true
			add(iprops, iall, lineTotals)
			if iall["detail"] != nil {
				add(iprops, iall, quantityTotals)
			}
			addAdjustments(iall)
		}
		if iall["detail"] != nil {
			add(props, props, quantityTotals)
		}
		if ref, ok := summaryRef(props["summary"]); ok && !done[ref] {
			done[ref] = true
			if sprops := propsOf(ref); sprops != nil {
				add(sprops, sprops, summaryTotals)
			}
		}
		if sm, smProps, smAll := itemsOf(props["shipping_methods"]); smProps != nil && !done[sm] {
			done[sm] = true
			add(smProps, smAll, lineTotals)
			addAdjustments(smAll)
		}
	}
	return nil
}

// The totals decorateCartTotals sets (@medusajs/utils 2.18.0), on the record, on each
// line item and shipping method, and, from an order item's detail quantities
// (fulfilled, shipped, return requested/received/dismissed, written off), on
// the item and the record.
var (
	recordTotals = []string{
		"total", "subtotal", "tax_total", "discount_total", "discount_subtotal", "discount_tax_total",
		"credit_line_total", "credit_line_subtotal", "credit_line_tax_total",
		"original_total", "original_subtotal", "original_tax_total",
		"item_total", "item_subtotal", "item_tax_total", "item_discount_total",
		"original_item_total", "original_item_subtotal", "original_item_tax_total",
		"shipping_total", "shipping_subtotal", "shipping_tax_total", "shipping_discount_total",
		"original_shipping_total", "original_shipping_subtotal", "original_shipping_tax_total",
	}
	lineTotals = []string{
		"total", "subtotal", "tax_total", "original_total", "original_subtotal", "original_tax_total",
		"discount_total", "discount_subtotal", "discount_tax_total",
	}
	adjustmentTotals = []string{"subtotal", "total"}
	// An order's summary (the order module's OrderSummary totals).
	summaryTotals = []string{
		"pending_difference", "current_order_total", "original_order_total", "transaction_total",
		"paid_total", "refunded_total", "credit_line_total", "accounting_total",
	}
	quantityTotals = []string{
		"fulfilled_total", "shipped_total", "return_requested_total", "return_received_total",
		"return_dismissed_total", "write_off_total",
	}
)

func summaryRef(p any) (string, bool) {
	m, _ := p.(map[string]any)
	ref, ok := m["$ref"].(string)
	return strings.TrimPrefix(ref, "#/components/schemas/"), ok
}
