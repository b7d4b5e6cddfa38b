package specfix

import (
	"fmt"
	"strings"
)

// Fields the server sends that the spec leaves out of a record. Each rule
// only adds optional properties, so a value the server omits decodes as
// before; the real-server sweep checks that what is added decodes.

// recordTimestamps: every Medusa data model gets created_at and updated_at
// (and deleted_at) columns, and the server sends them with the record, but
// the spec leaves them out of many nested records (a region's countries and
// payment providers, an inventory level's item, a payment's sessions, ...),
// or documents only one of the two (a capture's created_at).
//
// Rule: an object schema that a success answer reaches, with a string `id`,
// not a deletion's confirmation (a `deleted` property), gains whichever of
// `created_at` and `updated_at` (date-time strings) it lacks, when it has at
// least two properties besides `id`, or one when it is a component that
// another component with an `id` refers to (a region's payment_providers:
// `{id, is_enabled}`).
func recordTimestamps(doc map[string]any, rep *Report) error {
	schemas := component(doc, "schemas")
	nested := map[string]bool{}
	for _, name := range sortedKeys(schemas) {
		s, _ := schemas[name].(map[string]any)
		props, _ := s["properties"].(map[string]any)
		if props["id"] == nil {
			continue
		}
		for _, k := range sortedKeys(props) {
			p, _ := props[k].(map[string]any)
			if it, ok := p["items"].(map[string]any); ok {
				p = it
			}
			if ref, ok := p["$ref"].(string); ok {
				nested[fmt.Sprintf("%p", component(doc, "schemas")[strings.TrimPrefix(ref, "#/components/schemas/")])] = true
			}
		}
	}
	for _, s := range answerObjects(doc) {
		props, _ := s["properties"].(map[string]any)
		id, _ := props["id"].(map[string]any)
		if id == nil || id["type"] != "string" || props["deleted"] != nil {
			continue
		}
		if len(props) < 3 && !(len(props) == 2 && nested[fmt.Sprintf("%p", s)]) {
			continue
		}
		added := false
		for _, k := range []string{"created_at", "updated_at"} {
			if props[k] != nil {
				continue
			}
			props[k] = map[string]any{"type": "string", "format": "date-time", "nullable": true,
				"description": "When the record was " + strings.TrimSuffix(k, "_at") + "."}
			added = true
		}
		if added {
			rep.add("record-timestamps", 1)
		}
	}
	return nil
}

// foreignKeys: a record that belongs to another is stored with the column
// `<relation>_id`, and the server sends it with the record (a payment's
// payment_collection_id, a capture's payment_id), but the spec often leaves
// it out.
//
// Rule: a component schema R that a success answer reaches, with a property
// `x` that is a $ref to a component schema X, gains `x_id` (a nullable
// string) when it has none and X lists R's as an array (X has many R, so R
// belongs to X). One-to-one relations are left alone: which side holds the
// key cannot be told from the spec.
func foreignKeys(doc map[string]any, rep *Report) error {
	schemas := component(doc, "schemas")
	reach := answerSchemas(doc)
	refName := func(v any) string {
		m, _ := v.(map[string]any)
		ref, _ := m["$ref"].(string)
		return strings.TrimPrefix(ref, "#/components/schemas/")
	}
	hasMany := func(x, r string) bool {
		xs, _ := schemas[x].(map[string]any)
		props, _ := xs["properties"].(map[string]any)
		for _, k := range sortedKeys(props) {
			p, _ := props[k].(map[string]any)
			if p["type"] == "array" && refName(p["items"]) == r {
				return true
			}
		}
		return false
	}
	for _, name := range sortedKeys(schemas) {
		if !reach[name] {
			continue
		}
		s, _ := schemas[name].(map[string]any)
		props, _ := s["properties"].(map[string]any)
		if props["id"] == nil {
			continue
		}
		for _, k := range sortedKeys(props) {
			x := refName(props[k])
			if x == "" || props[k+"_id"] != nil || !hasMany(x, name) {
				continue
			}
			props[k+"_id"] = map[string]any{"type": "string", "nullable": true,
				"description": "The ID of the " + strings.ReplaceAll(k, "_", " ") + "."}
			rep.add("foreign-keys", 1)
		}
	}
	return nil
}

// sameRecordFields: Medusa's spec describes one record several times, as
// Base<X> (shared), <X> (the module's record) and Admin<X> / Store<X> (what
// each API answers), and the copies drift apart: OrderLineItem documents
// is_giftcard and line_item_metadata, AdminOrderLineItem does not, and the
// server sends them on both APIs.
//
// Rule: a component schema Admin<X> or Store<X> gains every property that
// Base<X> or <X> declares and it lacks (optional; what it already declares
// is never changed).
func sameRecordFields(doc map[string]any, rep *Report) error {
	schemas := component(doc, "schemas")
	for _, name := range sortedKeys(schemas) {
		var entity string
		for _, p := range []string{"Admin", "Store"} {
			if rest, ok := strings.CutPrefix(name, p); ok && rest != "" && !strings.HasSuffix(rest, "Response") {
				entity = rest
			}
		}
		if entity == "" {
			continue
		}
		s, _ := schemas[name].(map[string]any)
		props, _ := s["properties"].(map[string]any)
		if props == nil {
			continue
		}
		for _, src := range []string{"Base" + entity, entity} {
			o, _ := schemas[src].(map[string]any)
			oprops, _ := o["properties"].(map[string]any)
			for _, k := range sortedKeys(oprops) {
				if _, has := props[k]; has {
					continue
				}
				props[k] = deepCopy(oprops[k])
				rep.add("same-record-fields", 1)
			}
		}
	}
	return nil
}

// answerObjects lists the object schemas (components and inline ones) that a
// success answer reaches, each once.
func answerObjects(doc map[string]any) []map[string]any {
	schemas := component(doc, "schemas")
	reach := answerSchemas(doc)
	var out []map[string]any
	seen := map[string]bool{}
	add := func(s map[string]any) {
		if s["properties"] == nil {
			return
		}
		if k := fmt.Sprintf("%p", s); !seen[k] {
			seen[k] = true
			out = append(out, s)
		}
	}
	for _, name := range sortedKeys(schemas) {
		if reach[name] {
			walkSchemas(schemas[name], add)
		}
	}
	for _, o := range operations(doc) {
		rs, _ := o.op["responses"].(map[string]any)
		for _, code := range sortedKeys(rs) {
			if !strings.HasPrefix(code, "2") {
				continue
			}
			r, _ := rs[code].(map[string]any)
			content, _ := r["content"].(map[string]any)
			for _, ct := range sortedKeys(content) {
				mt, _ := content[ct].(map[string]any)
				if sch, ok := mt["schema"].(map[string]any); ok {
					walkSchemas(sch, add)
				}
			}
		}
	}
	return out
}

// shapeFromTwin: the spec sometimes describes one object twice under two
// names, once with a nested object spelled out and once with it cut to a bare
// `{type: object}` (BaseCalculatedPriceSet, what a product variant's
// calculated_price points to, and StoreCalculatedPrice have the same
// properties; only the second describes the nested calculated_price and
// original_price: id, price_list_id, price_list_type, min/max quantity).
//
// Rule: in a component schema that a success answer reaches, a property that
// is a bare object takes a copy of the same property of another component
// schema with exactly the same property names, where that property has
// properties of its own.
func shapeFromTwin(doc map[string]any, rep *Report) error {
	schemas := component(doc, "schemas")
	reach := answerSchemas(doc)
	names := func(s map[string]any) string {
		props, _ := s["properties"].(map[string]any)
		return strings.Join(sortedKeys(props), ",")
	}
	byShape := map[string][]string{}
	for _, n := range sortedKeys(schemas) {
		s, _ := schemas[n].(map[string]any)
		if s["properties"] != nil {
			byShape[names(s)] = append(byShape[names(s)], n)
		}
	}
	for _, n := range sortedKeys(schemas) {
		s, _ := schemas[n].(map[string]any)
		props, _ := s["properties"].(map[string]any)
		if !reach[n] || props == nil {
			continue
		}
		for _, k := range sortedKeys(props) {
			p, _ := props[k].(map[string]any)
			if !bareObject(p) || freeFormNames[k] {
				continue
			}
			for _, twin := range byShape[names(s)] {
				ts, _ := schemas[twin].(map[string]any)
				tprops, _ := ts["properties"].(map[string]any)
				tp, _ := tprops[k].(map[string]any)
				if twin == n || tp == nil || tp["properties"] == nil {
					continue
				}
				props[k] = deepCopy(tp)
				rep.add("shape-from-twin", 1)
				break
			}
		}
	}
	return nil
}

// ownerViewFields: Medusa's spec describes a record again as seen from the
// record that holds it, and the two copies drift apart: AdminOrder.fulfillments
// are AdminOrderFulfillment, which lacks the provider, delivery_address, items
// and labels of AdminFulfillment (which lacks created_by and requires_shipping
// in turn); AdminPriceList.prices are AdminPriceListPrice, with the variant_id
// and rules a product variant's prices (AdminPrice) also carry. The server
// sends the same records wherever they appear.
//
// Rule: for a component schema <P><Owner><X> (P = Admin or Store, not a
// …Response) that <P><Owner> refers to, and the component <P><X>, both
// reached by a success answer and both with an `id`: when they share at least
// three quarters of the properties of one, that one gains the properties of
// the other it lacks (what it declares is never changed). Pairs are found
// before anything is added.
func ownerViewFields(doc map[string]any, rep *Report) error {
	schemas := component(doc, "schemas")
	reach := answerSchemas(doc)
	propsOf := func(name string) map[string]any {
		s, _ := schemas[name].(map[string]any)
		props, _ := s["properties"].(map[string]any)
		return props
	}
	type pair struct{ to, from string }
	var pairs []pair
	for _, name := range sortedKeys(schemas) {
		var prefix string
		for _, p := range []string{"Admin", "Store"} {
			if strings.HasPrefix(name, p) {
				prefix = p
			}
		}
		view := propsOf(name)
		if prefix == "" || !reach[name] || strings.HasSuffix(name, "Response") || view["id"] == nil {
			continue
		}
		words := camelWords(strings.TrimPrefix(name, prefix))
		for k := 1; k < len(words); k++ {
			owner, _ := schemas[prefix+strings.Join(words[:k], "")].(map[string]any)
			recName := prefix + strings.Join(words[k:], "")
			record := propsOf(recName)
			if owner == nil || !reach[recName] || record["id"] == nil || !refersTo(owner, name) {
				continue
			}
			shared := 0
			for p := range view {
				if record[p] != nil {
					shared++
				}
			}
			if shared*4 >= len(view)*3 {
				pairs = append(pairs, pair{name, recName})
			}
			if shared*4 >= len(record)*3 {
				pairs = append(pairs, pair{recName, name})
			}
			break
		}
	}
	copies := map[string]map[string]any{}
	for _, p := range pairs {
		if copies[p.from] == nil {
			copies[p.from] = deepCopy(propsOf(p.from)).(map[string]any)
		}
	}
	for _, p := range pairs {
		to, from := propsOf(p.to), copies[p.from]
		for _, k := range sortedKeys(from) {
			if to[k] == nil {
				to[k] = deepCopy(from[k])
				rep.add("owner-view-fields", 1)
			}
		}
	}
	return nil
}

// refersTo reports whether schema s has a property that is a $ref to the
// component name, or an array of them.
func refersTo(s map[string]any, name string) bool {
	props, _ := s["properties"].(map[string]any)
	want := "#/components/schemas/" + name
	for _, k := range sortedKeys(props) {
		p, _ := props[k].(map[string]any)
		if p["$ref"] == want {
			return true
		}
		if it, _ := p["items"].(map[string]any); it != nil && it["$ref"] == want {
			return true
		}
	}
	return false
}
