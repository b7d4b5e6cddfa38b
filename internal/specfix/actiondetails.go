package specfix

import (
	"fmt"
	"sort"
	"strings"
)

// ActionDetailsKey is the extension action-details puts on an order change
// action's details property: for each action (a ChangeActionType value) the
// object schema of its details. oapi-codegen ignores it; the SDK layer
// (gensdk) writes a type and an accessor for each.
const ActionDetailsKey = "x-medusa-action-details"

// BigNumberKey marks a details property whose value is one of Medusa's
// BigNumbers: a JSON number, or a numeric string (the order module writes a
// shipped item's quantity as "2").
const BigNumberKey = "x-medusa-big-number"

// actionDetails types what an order change action's details hold. The spec
// documents details as a free object ({"quantity":1,"reference_id":123}), yet
// each action's shape is fixed by Medusa's code: the workflows that create
// the action write it and the order module's handler reads it
// (openapi/models.json "order_change_actions"). For every schema with an
// `action` string enum most of whose values are ChangeActionType values and
// an object `details`:
//   - the enum gains the ChangeActionType values it lacks (the server's
//     order edits also make ITEM_ADJUSTMENTS_REPLACE, PROMOTION_ADD, ...);
//   - details gets ActionDetailsKey: per action with a known key, an object
//     whose properties are the keys written or read, required the ones every
//     literal writes and the handler reads, each typed by the order module's
//     column of the same name, or of the name without its first or last word
//     (old_amount: amount, quantity_diff: quantity), where the order module's
//     columns of that name agree on a JSON type; a key naming a to-many
//     relation of the order module is a list of objects, one ending in _id a
//     string; any other key is left untyped (any JSON value).
//
// Nothing the spec declared changes type: details stays a free object and
// the accessors read it.
func actionDetails(doc map[string]any, rep *Report) error {
	raw, ok := doc[ModelsKey].(*Models)
	if !ok || raw == nil || len(raw.OrderChangeActions) == 0 {
		return nil
	}
	values := sortedMapKeys(raw.OrderChangeActions)
	types := orderKeyTypes(raw)
	details := map[string]any{}
	for _, v := range values {
		if s := detailsSchema(raw.OrderChangeActions[v], types); s != nil {
			details[v] = s
		}
	}
	schemas := 0
	visit := func(s map[string]any) {
		props, _ := s["properties"].(map[string]any)
		action, _ := props["action"].(map[string]any)
		det, _ := props["details"].(map[string]any)
		if action == nil || det == nil || det["type"] != "object" || !mostlyActions(action, raw.OrderChangeActions) {
			return
		}
		if _, done := det[ActionDetailsKey]; done {
			return // a schema reached twice
		}
		rep.add("action-details", addEnumValues(action, values))
		copied := map[string]any{}
		for k, v := range details {
			copied[k] = v
		}
		det[ActionDetailsKey] = copied
		schemas++
		rep.add("action-details", len(details))
	}
	for _, root := range allSchemaRoots(doc) {
		walkSchemas(root, visit)
	}
	if schemas > 0 {
		rep.Notes = append(rep.Notes, fmt.Sprintf("action-details: the details of %d order change actions typed on %d schemas", len(details), schemas))
	}
	return nil
}

// mostlyActions tells whether more than half of the string enum p's values
// are ChangeActionType values.
func mostlyActions(p map[string]any, acts map[string]ChangeAction) bool {
	enum, _ := p["enum"].([]any)
	if p["type"] != "string" || len(enum) == 0 {
		return false
	}
	n := 0
	for _, v := range enum {
		if s, ok := v.(string); ok {
			if _, ok := acts[s]; ok {
				n++
			}
		}
	}
	return 2*n > len(enum)
}

// keyType is how a details key is typed: its JSON schema type and whether
// it is a BigNumber.
type keyType struct {
	schema map[string]any
	big    bool
}

// orderKeyTypes types every column and to-many relation name of the order
// module's models on which they agree.
func orderKeyTypes(raw *Models) map[string]keyType {
	seen := map[string]map[string]bool{}
	big := map[string]bool{}
	lists := map[string]bool{}
	for _, m := range raw.Models {
		if m.Module != "order" {
			continue
		}
		for name, c := range m.Columns {
			t := columnJSONType(c.Type)
			if c.Type == "json" {
				t = "object"
			}
			if t == "" {
				t = "?"
			}
			if seen[name] == nil {
				seen[name] = map[string]bool{}
			}
			seen[name][t] = true
			big[name] = big[name] || c.Type == "bigNumber"
		}
		for name, r := range m.Relations {
			if r.Kind == "hasMany" || r.Kind == "manyToMany" {
				lists[name] = true
			}
		}
	}
	out := map[string]keyType{}
	for name, ts := range seen {
		if len(ts) != 1 || ts["?"] {
			continue
		}
		for t := range ts {
			s := map[string]any{"type": t}
			if t == "object" {
				s["additionalProperties"] = true
			}
			out[name] = keyType{schema: s, big: big[name] && t == "number"}
		}
	}
	for name := range lists {
		if _, ok := out[name]; !ok {
			out[name] = keyType{schema: map[string]any{"type": "array", "items": map[string]any{"type": "object", "additionalProperties": true}}}
		}
	}
	return out
}

// typeOfKey types one details key (see actionDetails); ok is false when
// nothing says.
func typeOfKey(key string, types map[string]keyType) (map[string]any, bool) {
	words := strings.Split(key, "_")
	try := []string{key}
	if len(words) > 1 {
		try = append(try, strings.Join(words[1:], "_"), strings.Join(words[:len(words)-1], "_"))
	}
	for _, k := range try {
		if t, ok := types[k]; ok {
			s := map[string]any{}
			for kk, v := range t.schema {
				s[kk] = v
			}
			if t.big {
				s[BigNumberKey] = true
			}
			return s, true
		}
	}
	if strings.HasSuffix(key, "_id") {
		return map[string]any{"type": "string"}, true
	}
	return nil, false
}

// detailsSchema is the object schema of one action's details, nil when no
// key is known.
func detailsSchema(a ChangeAction, types map[string]keyType) map[string]any {
	keys := map[string]bool{}
	for _, k := range a.Written {
		keys[k] = true
	}
	for _, k := range a.Read {
		keys[k] = true
	}
	if len(keys) == 0 {
		return nil
	}
	read := map[string]bool{}
	for _, k := range a.Read {
		read[k] = true
	}
	props := map[string]any{}
	var required []any
	for _, k := range sortedMapKeys(keys) {
		if s, ok := typeOfKey(k, types); ok {
			props[k] = s
		} else {
			props[k] = map[string]any{}
		}
	}
	always := append([]string(nil), a.Always...)
	sort.Strings(always)
	for _, k := range always {
		if read[k] {
			required = append(required, k)
		}
	}
	s := map[string]any{"type": "object", "properties": props}
	if len(required) > 0 {
		s["required"] = required
	}
	if a.Open {
		s["additionalProperties"] = true
	}
	return s
}
