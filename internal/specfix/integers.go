package specfix

// pagingIntegers types Medusa's paging numbers as integers. The spec says
// `type: number` for the limit and offset query parameters and for the
// count, offset and limit of every list answer; the server parses and
// answers whole numbers (it rejects limit=1.5 and counts rows). As float64
// they would make callers write Limit: medusa.Ptr(20.0).
//
// Rule: a query parameter named limit or offset of type number, and, in any
// object schema whose properties include count, offset and limit, those
// three properties when they are of type number.
func pagingIntegers(doc map[string]any, r *Report) error {
	n := 0
	for _, pl := range parameterLists(doc) {
		for _, p := range pl.list {
			pm := resolve(doc, p)
			if in, _ := pm["in"].(string); in != "query" {
				continue
			}
			if name, _ := pm["name"].(string); name == "limit" || name == "offset" {
				if s, ok := pm["schema"].(map[string]any); ok && toInteger(s) {
					n++
				}
			}
		}
	}
	for _, root := range allSchemaRoots(doc) {
		walkSchemas(root, func(s map[string]any) {
			props, ok := s["properties"].(map[string]any)
			if !ok || props["count"] == nil || props["offset"] == nil || props["limit"] == nil {
				return
			}
			for _, k := range []string{"count", "offset", "limit"} {
				if p, ok := props[k].(map[string]any); ok && toInteger(p) {
					n++
				}
			}
		})
	}
	r.add("paging-integers", n)
	return nil
}

func toInteger(s map[string]any) bool {
	if t, _ := s["type"].(string); t != "number" {
		return false
	}
	s["type"] = "integer"
	delete(s, "format")
	return true
}
