package specfix

import "strings"

// clearableFields lets update bodies say "set to null". Medusa's update
// validators take null for the fields a record can lose: links to other
// records (collection_id, parent_category_id, type_id, ...), dates
// (starts_at, ends_at, ...) and metadata; null clears them. The spec never
// says so, and a Go pointer can only send a value or nothing, so a cleared
// collection could not be written (nil omits the field, "" answers 500).
//
// Rule: in the JSON body of an update (POST on a path that ends in a path
// parameter), each optional top-level property (through allOf and request-
// only components) that is a string named *_id, a date (*_at or format
// date-time) or `metadata` gets nullable: true. With oapi-codegen's
// nullable-type option these fields are nullable.Nullable[T]:
// medusa.Set(v), medusa.Null[T]() or unset.
func clearableFields(doc map[string]any, rep *Report) error {
	inResponses := responseComponents(doc)
	for _, op := range operations(doc) {
		if op.method != "post" || !strings.HasSuffix(op.path, "}") {
			continue
		}
		body := resolve(doc, op.op["requestBody"])
		content, _ := body["content"].(map[string]any)
		mt, _ := content["application/json"].(map[string]any)
		markClearable(doc, mt["schema"], inResponses, map[string]bool{}, rep)
	}
	return nil
}

func markClearable(doc map[string]any, v any, inResponses, seen map[string]bool, rep *Report) {
	s, _ := v.(map[string]any)
	if s == nil {
		return
	}
	if ref, ok := s["$ref"].(string); ok {
		name, ok := schemaRefName(ref)
		if !ok || inResponses[name] || seen[name] {
			return // a shape the answers share keeps its meaning
		}
		seen[name] = true
		markClearable(doc, component(doc, "schemas")[name], inResponses, seen, rep)
		return
	}
	if l, ok := s["allOf"].([]any); ok {
		for _, c := range l {
			markClearable(doc, c, inResponses, seen, rep)
		}
	}
	props, _ := s["properties"].(map[string]any)
	required := map[string]bool{}
	for _, r := range stringList(s["required"]) {
		required[r] = true
	}
	for _, k := range sortedKeys(props) {
		p, _ := props[k].(map[string]any)
		if p == nil || required[k] || p["$ref"] != nil || p["nullable"] == true {
			continue
		}
		typ, _ := p["type"].(string)
		format, _ := p["format"].(string)
		switch {
		case k == "metadata" && typ == "object",
			typ == "string" && (strings.HasSuffix(k, "_id") || strings.HasSuffix(k, "_at") || format == "date-time"):
			p["nullable"] = true
			rep.add("clearable-fields", 1)
		}
	}
}
