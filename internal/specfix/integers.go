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
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if in, _ := v["in"].(string); in == "query" {
				if name, _ := v["name"].(string); name == "limit" || name == "offset" {
					if s, ok := v["schema"].(map[string]any); ok && toInteger(s) {
						n++
					}
				}
			}
			if props, ok := v["properties"].(map[string]any); ok && props["count"] != nil && props["offset"] != nil && props["limit"] != nil {
				for _, k := range []string{"count", "offset", "limit"} {
					if s, ok := props[k].(map[string]any); ok && toInteger(s) {
						n++
					}
				}
			}
			for _, c := range v {
				walk(c)
			}
		case []any:
			for _, c := range v {
				walk(c)
			}
		}
	}
	walk(doc)
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
