package specfix

import "strings"

// modelColumnTypes corrects, in the answer schemas model-columns matches to
// one of Medusa's data models (components and inline objects alike, see
// matchModels), each documented scalar property whose JSON type contradicts
// the type of the model's column of that name: a string where the column is
// a number, bigNumber, float, boolean (or the reverse), an integer where it
// is a float or bigNumber (the value may have a fraction). The model's type
// wins because the server serializes the stored value: a bigNumber is sent
// as a JSON number (its raw_* twin carries the exact text), so an
// application method's value documented as a string made every store cart
// with a promotion undecodable.
//
// Only plain typed properties are changed (no $ref, no union); their
// description and nullability stay, and keys that only fit the old type
// (format, enum, pattern, length or range limits) go. Computed columns,
// raw_* twins, json and array columns are left alone, and request bodies are
// never reached (the matched components are reached by no request body).
// Without models (other releases, unit tests) the rule does nothing; it runs
// before model-columns, which removes the facts from the document.
func modelColumnTypes(doc map[string]any, rep *Report) error {
	raw, ok := doc[ModelsKey].(*Models)
	if !ok || raw == nil {
		return nil
	}
	c := matchModels(doc, raw, &Report{}) // model-columns writes the notes
	n := 0
	for _, name := range sortedMapKeys(c.matched) {
		s, _ := c.schemas[name].(map[string]any)
		n += retypeColumns(s, c.matched[name])
	}
	for _, in := range c.inline {
		n += retypeColumns(in.schema, in.model)
	}
	if n > 0 {
		rep.add("model-column-types", n)
	}
	return nil
}

// retypeColumns gives each documented property of s that contradicts its
// column the column's JSON type.
func retypeColumns(s map[string]any, model *Model) int {
	props, _ := s["properties"].(map[string]any)
	n := 0
	for _, name := range sortedKeys(props) {
		p, _ := props[name].(map[string]any)
		col, ok := model.Columns[name]
		if p == nil || !ok || col.Computed || strings.HasPrefix(name, "raw_") {
			continue
		}
		want := columnJSONType(col.Type)
		have, _ := p["type"].(string)
		if want == "" || have == "" || p["$ref"] != nil || p["oneOf"] != nil || p["anyOf"] != nil || p["allOf"] != nil {
			continue
		}
		if !contradicts(have, want) {
			continue
		}
		for _, k := range []string{"format", "enum", "pattern", "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "default", "example"} {
			delete(p, k)
		}
		p["type"] = want
		if col.Type == "dateTime" {
			p["format"] = "date-time"
		}
		n++
	}
	return n
}

// columnJSONType is the JSON type the server sends a scalar column as, or ""
// for the columns this rule leaves alone (json, array, unknown).
func columnJSONType(dml string) string {
	switch dml {
	case "text", "id", "enum", "dateTime":
		return "string"
	case "number", "serial":
		return "integer"
	case "float", "bigNumber":
		return "number"
	case "boolean":
		return "boolean"
	}
	return ""
}

// contradicts tells whether a value of the column's JSON type (want) can fail
// to decode as the documented type (have): another kind of scalar, or an
// integer documented for a column that may hold a fraction. A number
// documented for an integer column decodes every value and stays.
func contradicts(have, want string) bool {
	kind := func(t string) string {
		if t == "integer" {
			return "number"
		}
		return t
	}
	if have != "string" && have != "integer" && have != "number" && have != "boolean" {
		return false // an object or array documented: not a scalar this rule judges
	}
	if kind(have) != kind(want) {
		return true
	}
	return have == "integer" && want == "number"
}
