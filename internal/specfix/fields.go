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
// the spec leaves them out of many nested records (a region's countries, an
// inventory level's item, a payment's sessions, ...).
//
// Rule: an object schema that a success answer reaches, with a string `id`
// property and at least two other properties, gains `created_at` and
// `updated_at` (date-time strings) when it has neither.
func recordTimestamps(doc map[string]any, rep *Report) error {
	for _, s := range answerObjects(doc) {
		props, _ := s["properties"].(map[string]any)
		id, _ := props["id"].(map[string]any)
		if id == nil || id["type"] != "string" || len(props) < 3 {
			continue
		}
		if props["created_at"] != nil || props["updated_at"] != nil {
			continue
		}
		for _, k := range []string{"created_at", "updated_at"} {
			props[k] = map[string]any{"type": "string", "format": "date-time", "nullable": true,
				"description": "When the record was " + strings.TrimSuffix(k, "_at") + "d."}
		}
		rep.add("record-timestamps", 1)
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
