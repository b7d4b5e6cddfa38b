package specfix

// sameAnswerAsNeighbour gives an inline answer the name its neighbours use.
// Medusa's spec sometimes spells out, inline, exactly the schema that the
// other operations on the same path answer by $ref: POST /store/carts/{id}
// answers an inline {cart: StoreCart} while GET /store/carts/{id} answers
// StoreCartResponse. Generated as is, UpdateCart would return a type of its
// own (PostCartsId200JSONResponseBody) for the same JSON.
//
// Rule: a 2xx application/json answer whose schema is inline (not a $ref) and
// has the same shape (documentation keys ignored) as a component schema that
// another operation on the same path answers by $ref becomes that $ref. Only
// neighbours count: a structurally equal component of an unrelated resource
// (every {id, object, deleted} is alike) would give the answer a misleading
// name.
func sameAnswerAsNeighbour(doc map[string]any, rep *Report) error {
	paths, _ := doc["paths"].(map[string]any)
	schemas := component(doc, "schemas")
	n := 0
	for _, p := range sortedKeys(paths) {
		item, _ := paths[p].(map[string]any)
		// The components the operations of this path answer by $ref.
		refs := map[string]string{} // shape -> $ref
		for _, m := range methods {
			op, _ := item[m].(map[string]any)
			for _, mt := range jsonAnswers(doc, op) {
				ref, ok := mt["schema"].(map[string]any)["$ref"].(string)
				if !ok {
					continue
				}
				name, ok := schemaRefName(ref)
				if !ok || schemas[name] == nil {
					continue
				}
				key := shapeKey(schemas[name])
				if prev, dup := refs[key]; !dup || ref < prev {
					refs[key] = ref
				}
			}
		}
		if len(refs) == 0 {
			continue
		}
		for _, m := range methods {
			op, _ := item[m].(map[string]any)
			for _, mt := range jsonAnswers(doc, op) {
				s := mt["schema"].(map[string]any)
				if _, isRef := s["$ref"]; isRef {
					continue
				}
				if ref, ok := refs[shapeKey(s)]; ok {
					mt["schema"] = map[string]any{"$ref": ref}
					n++
				}
			}
		}
	}
	rep.add("same-answer-as-neighbour", n)
	return nil
}

// jsonAnswers returns the application/json media types of an operation's 2xx
// answers that have a schema, in status order. Answers shared through
// components.responses are left alone: they are not the operation's own.
func jsonAnswers(doc map[string]any, op map[string]any) []map[string]any {
	rs, _ := op["responses"].(map[string]any)
	var out []map[string]any
	for _, code := range sortedKeys(rs) {
		if len(code) != 3 || code[0] != '2' {
			continue
		}
		r, _ := rs[code].(map[string]any)
		if _, isRef := r["$ref"]; isRef {
			continue
		}
		content, _ := r["content"].(map[string]any)
		mt, _ := content["application/json"].(map[string]any)
		if _, ok := mt["schema"].(map[string]any); ok {
			out = append(out, mt)
		}
	}
	return out
}

// schemaRefName is the name in "#/components/schemas/<name>".
func schemaRefName(ref string) (string, bool) {
	const prefix = "#/components/schemas/"
	if len(ref) <= len(prefix) || ref[:len(prefix)] != prefix {
		return "", false
	}
	return unescapePointer(ref[len(prefix):]), true
}
