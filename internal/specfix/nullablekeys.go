package specfix

// nullableKeysNotRequired: Medusa's docs generator lists as `required` every
// key of a request type that is declared `T | null` rather than optional, so
// some bodies require their metadata, every address line or a customer's
// phone, while the route's validator takes them as optional (46 of the 136
// required strings of 2.18.0's admin bodies). Such a list says nothing about
// what must be sent.
//
// Rule: an object schema reached from a JSON request body whose `required`
// list names `metadata` (never required by a validator) loses its
// `required` list. Its fields become optional (pointers), which is
// what the validators accept; the required strings left are the ones the SDK
// checks before sending (internal/required).
func nullableKeysNotRequired(doc map[string]any, rep *Report) error {
	inResponses := responseComponents(doc)
	seen := map[string]bool{}
	var visit func(v any)
	visit = func(v any) {
		s, _ := v.(map[string]any)
		if s == nil {
			return
		}
		if ref, ok := s["$ref"].(string); ok {
			name, ok := schemaRefName(ref)
			if !ok || inResponses[name] || seen[name] {
				return
			}
			seen[name] = true
			visit(component(doc, "schemas")[name])
			return
		}
		for _, k := range []string{"allOf", "oneOf", "anyOf"} {
			if l, ok := s[k].([]any); ok {
				for _, c := range l {
					visit(c)
				}
			}
		}
		props, _ := s["properties"].(map[string]any)
		req := stringList(s["required"])
		hasMeta := false
		for _, r := range req {
			hasMeta = hasMeta || r == "metadata"
		}
		if hasMeta {
			delete(s, "required")
			rep.add("nullable-keys-not-required", 1)
		}
		for _, k := range sortedKeys(props) {
			visit(props[k])
		}
		visit(s["items"])
	}
	for _, op := range operations(doc) {
		body := resolve(doc, op.op["requestBody"])
		content, _ := body["content"].(map[string]any)
		mt, _ := content["application/json"].(map[string]any)
		visit(mt["schema"])
	}
	return nil
}
