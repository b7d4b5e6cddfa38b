package specfix

import "strings"

// modelEnumValues widens, in the answer schemas model-columns matches to one
// of Medusa's data models (components and inline objects alike, see
// matchModels), each documented string enum whose property names an enum
// column of that model: the values the column takes and the spec lacks are
// appended, in the model's order. The server sends what the column holds,
// so a narrower enum is a value Valid() calls unknown and a switch over the
// constants misses: every return CreateReturn makes is "open", which
// AdminReturn.status did not list. Values are only added (a constant is
// never removed or renamed); a property that is a $ref follows it to a
// component only when no request body reaches that component (a request
// enum says what the server takes, which the validators decide). Without
// models the rule does nothing; it runs before model-columns, which removes
// the facts from the document.
func modelEnumValues(doc map[string]any, rep *Report) error {
	raw, ok := doc[ModelsKey].(*Models)
	if !ok || raw == nil {
		return nil
	}
	c := matchModels(doc, raw, &Report{}) // model-columns writes the notes
	requests := requestComponents(doc)
	n := 0
	widen := func(s map[string]any, model *Model) {
		props, _ := s["properties"].(map[string]any)
		for _, name := range sortedKeys(props) {
			col, ok := model.Columns[name]
			if !ok || col.Type != "enum" || len(col.Values) == 0 {
				continue
			}
			p, _ := props[name].(map[string]any)
			if ref, ok := p["$ref"].(string); ok {
				target, ok := schemaRefName(ref)
				if !ok || requests[target] {
					continue
				}
				p, _ = c.schemas[target].(map[string]any)
			}
			n += addEnumValues(p, col.Values)
		}
	}
	for _, name := range sortedMapKeys(c.matched) {
		s, _ := c.schemas[name].(map[string]any)
		widen(s, c.matched[name])
	}
	for _, in := range c.inline {
		widen(in.schema, in.model)
	}
	if n > 0 {
		rep.add("model-enum-values", n)
	}
	return nil
}

// addEnumValues appends to the string enum p the values it lacks and says
// how many it added.
func addEnumValues(p map[string]any, values []string) int {
	if p == nil || p["type"] != "string" {
		return 0
	}
	enum, ok := p["enum"].([]any)
	if !ok || len(enum) == 0 {
		return 0
	}
	have := map[string]bool{}
	for _, v := range enum {
		if s, ok := v.(string); ok {
			have[s] = true
		}
	}
	n := 0
	for _, v := range values {
		if !have[v] && strings.TrimSpace(v) != "" {
			enum = append(enum, v)
			have[v] = true
			n++
		}
	}
	p["enum"] = enum
	return n
}
