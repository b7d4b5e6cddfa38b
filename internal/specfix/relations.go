package specfix

import (
	"strings"
	"unicode"
)

// typedRelations types the relations Medusa's spec leaves as bare objects.
// The docs generator cuts every reference cycle by writing `{type: object}`
// where the schema would refer back (AdminProductVariant.product, whose
// AdminProduct has variants), so the relation a caller asks for with
// `fields=*product` decodes into a map.
//
// Rule: in a component schema that a success answer reaches, named
// <Admin|Store|Base><Entity> (not an answer envelope …Response), a property that is a bare object (no properties,
// no additionalProperties, no composition), or an array of them, and is not
// `metadata`-like data, becomes a $ref to the component named after it under
// the same prefix: <Prefix><words of Entity, longest first><Property in
// singular> (AdminProductOption.values -> AdminProductOptionValue,
// AdminProductImage.variants -> AdminProductVariant, AdminInventoryLevel.
// inventory_item -> AdminInventoryItem). `parent`/`children` name the entity
// itself; `parent_<x>` and `<x>_children` name <x>. The property stops being
// required: Medusa sends a relation only when it is asked for.
func typedRelations(doc map[string]any, rep *Report) error {
	schemas := component(doc, "schemas")
	reach := answerSchemas(doc)
	for _, name := range sortedKeys(schemas) {
		prefix := ""
		for _, p := range []string{"Admin", "Store", "Base"} {
			if strings.HasPrefix(name, p) {
				prefix = p
			}
		}
		// Answer envelopes (…Response) hold the answer, not relations of a record.
		if prefix == "" || !reach[name] || strings.HasSuffix(name, "Response") {
			continue
		}
		s, _ := schemas[name].(map[string]any)
		props, _ := s["properties"].(map[string]any)
		for _, pn := range sortedKeys(props) {
			p, _ := props[pn].(map[string]any)
			target := p
			array := false
			if p["type"] == "array" {
				target, _ = p["items"].(map[string]any)
				array = true
			}
			if !bareObject(target) || freeFormNames[pn] {
				continue
			}
			ref := relationTarget(schemas, prefix, strings.TrimPrefix(name, prefix), pn, array)
			if ref == "" {
				continue
			}
			r := map[string]any{"$ref": "#/components/schemas/" + ref}
			if array {
				p["items"] = r
			} else {
				props[pn] = r
			}
			dropRequired(s, pn)
			rep.add("typed-relations", 1)
		}
	}
	return nil
}

// freeFormNames are properties Medusa documents as objects because they
// hold the caller's or a provider's own data.
var freeFormNames = map[string]bool{
	"metadata": true, "data": true, "context": true, "details": true, "detail": true,
}

func bareObject(s map[string]any) bool {
	if s == nil || s["type"] != "object" {
		return false
	}
	for _, k := range []string{"$ref", "properties", "additionalProperties", "allOf", "oneOf", "anyOf"} {
		if _, ok := s[k]; ok {
			return false
		}
	}
	return true
}

func relationTarget(schemas map[string]any, prefix, entity, prop string, array bool) string {
	words := camelWords(entity)
	rel := prop
	switch {
	case prop == "parent" || prop == "children":
		return prefix + entity
	case strings.HasPrefix(prop, "parent_"):
		rel = strings.TrimPrefix(prop, "parent_")
	case strings.HasSuffix(prop, "_children"):
		rel = strings.TrimSuffix(prop, "_children")
	case array:
		rel = singular(prop)
	}
	tail := goName(rel)
	for k := len(words); k >= 0; k-- {
		cand := prefix + strings.Join(words[:k], "") + tail
		if c, ok := schemas[cand].(map[string]any); ok && typeOfSchema(c) == "object" {
			return cand
		}
	}
	return ""
}

func typeOfSchema(s map[string]any) string {
	if t, ok := s["type"].(string); ok {
		return t
	}
	if s["properties"] != nil || s["allOf"] != nil {
		return "object"
	}
	return ""
}

func singular(s string) string {
	switch {
	case strings.HasSuffix(s, "ies"):
		return strings.TrimSuffix(s, "ies") + "y"
	case strings.HasSuffix(s, "ss"):
		return s
	default:
		return strings.TrimSuffix(s, "s")
	}
}

// camelWords splits "ProductOptionValue" into [Product Option Value].
func camelWords(s string) []string {
	var out []string
	start := 0
	for i, r := range s {
		if i > 0 && unicode.IsUpper(r) {
			out = append(out, s[start:i])
			start = i
		}
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

func dropRequired(s map[string]any, prop string) {
	req, ok := s["required"].([]any)
	if !ok {
		return
	}
	kept := req[:0:0]
	for _, r := range req {
		if r != prop {
			kept = append(kept, r)
		}
	}
	if len(kept) == 0 {
		delete(s, "required")
	} else {
		s["required"] = kept
	}
}

// answerSchemas is the set of component schemas a 2xx answer reaches.
func answerSchemas(doc map[string]any) map[string]bool {
	seen := map[string]bool{}
	schemas := component(doc, "schemas")
	var visit func(v any)
	visit = func(v any) {
		switch t := v.(type) {
		case map[string]any:
			if ref, ok := t["$ref"].(string); ok {
				name := strings.TrimPrefix(ref, "#/components/schemas/")
				if name != ref && !seen[name] {
					seen[name] = true
					visit(schemas[name])
				}
			}
			for _, k := range sortedKeys(t) {
				visit(t[k])
			}
		case []any:
			for _, x := range t {
				visit(x)
			}
		}
	}
	for _, o := range operations(doc) {
		rs, _ := o.op["responses"].(map[string]any)
		for _, code := range sortedKeys(rs) {
			if strings.HasPrefix(code, "2") {
				visit(resolve(doc, rs[code]))
			}
		}
	}
	return seen
}

// answerItemsByName: an answer spelled out inline whose records are bare
// objects (GET /admin/orders/{id}/shipping-options answers
// `{shipping_options: [{type: object}]}`) decoded into maps, while the API
// names the record's schema after the property (AdminShippingOption).
//
// Rule: in a 2xx JSON answer schema written inline (not a $ref), a property
// (not metadata/data) that is a bare object, or an array of them, becomes a
// $ref to <Prefix><Property, singular for arrays> when that component exists;
// Prefix is Admin for /admin paths, Store for /store paths.
func answerItemsByName(doc map[string]any, rep *Report) error {
	schemas := component(doc, "schemas")
	for _, o := range operations(doc) {
		prefix := ""
		switch {
		case strings.HasPrefix(o.path, "/admin/"):
			prefix = "Admin"
		case strings.HasPrefix(o.path, "/store/"):
			prefix = "Store"
		default:
			continue
		}
		rs, _ := o.op["responses"].(map[string]any)
		for _, code := range sortedKeys(rs) {
			r, _ := rs[code].(map[string]any)
			content, _ := r["content"].(map[string]any)
			mt, _ := content["application/json"].(map[string]any)
			s, _ := mt["schema"].(map[string]any)
			if !strings.HasPrefix(code, "2") || s == nil || s["$ref"] != nil {
				continue
			}
			props, _ := s["properties"].(map[string]any)
			for _, pn := range sortedKeys(props) {
				p, _ := props[pn].(map[string]any)
				target, name := p, goName(pn)
				if p["type"] == "array" {
					target, _ = p["items"].(map[string]any)
					name = goName(singular(pn))
				}
				if !bareObject(target) || freeFormNames[pn] || schemas[prefix+name] == nil {
					continue
				}
				ref := map[string]any{"$ref": "#/components/schemas/" + prefix + name}
				if p["type"] == "array" {
					p["items"] = ref
				} else {
					props[pn] = ref
				}
				rep.add("answer-items-by-name", 1)
			}
		}
	}
	return nil
}
