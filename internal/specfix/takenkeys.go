package specfix

import (
	"fmt"
	"reflect"
	"strings"
)

// takenKeys is a step of validator-shapes: an optional property the route's
// validator takes, with a type the facts state, that the body's own object
// does not document is added to it, typed from the validator: a scalar, enum,
// record or list by its kind, an object (or a list of objects) by its shape,
// each of its keys typed the same way and the ones the validator requires
// required (a fulfillment's delivery_address, 2.21).
//
// Medusa's docs generator misses validator keys (a promotion's status, limit
// and is_tax_inclusive, a collection's external_id), and a typed body cannot
// send what it has no field for: a promotion created through the SDK stayed
// a draft. Only the body's top-level object is considered (the body's
// schema, or its inline part beside allOf components). A component is
// changed only when no answer reaches it and every body whose top-level
// object it is has a validator taking the key with the same type, so no
// route gains a field its server refuses.
func takenKeys(doc map[string]any, bodies map[string]*Shape, answers map[string]bool, rep *Report) {
	var sites []takenSite
	users := map[string][]int{}
	for _, op := range operations(doc) {
		shape := bodies[factsKey(op)]
		if shape == nil {
			continue
		}
		schema, _ := jsonBody(doc, op).(map[string]any)
		if schema == nil {
			continue
		}
		st := takenSite{where: strings.ToUpper(op.method) + " " + op.path, shape: shape, has: map[string]bool{}}
		var visit func(v map[string]any, depth int)
		visit = func(v map[string]any, depth int) {
			if v == nil || depth > 6 {
				return
			}
			name := ""
			if ref, ok := v["$ref"].(string); ok {
				name, _ = schemaRefName(ref)
				v, _ = component(doc, "schemas")[name].(map[string]any)
				if v == nil {
					return
				}
			}
			for k := range props(v) {
				st.has[k] = true
			}
			if v["type"] == "object" && props(v) != nil && st.obj == nil {
				st.obj, st.comp = v, name
			}
			if all, ok := v["allOf"].([]any); ok {
				for _, p := range all {
					m, _ := p.(map[string]any)
					visit(m, depth+1)
				}
			}
		}
		// The body's own inline part is preferred to the components it
		// extends: look at inline allOf parts first.
		if all, ok := schema["allOf"].([]any); ok {
			for _, p := range all {
				if m, _ := p.(map[string]any); m != nil && m["$ref"] == nil && props(m) != nil && st.obj == nil {
					st.obj = m
				}
			}
		}
		visit(schema, 0)
		if st.obj == nil {
			continue
		}
		if st.comp != "" {
			users[st.comp] = append(users[st.comp], len(sites))
		}
		sites = append(sites, st)
	}
	added := map[string]bool{} // component.key already added
	for _, st := range sites {
		for _, k := range sortedShapeKeys(st.shape) {
			key := st.shape.Keys[k]
			if k == "id" || !typable(key) || !key.Optional || key.Refused || st.has[k] { // a route's own id is in its path
				continue
			}
			if st.comp != "" {
				if answers[st.comp] || added[st.comp+"."+k] || !everyUserTakes(sites, users[st.comp], k, key) {
					continue
				}
				added[st.comp+"."+k] = true
			}
			p := props(st.obj)
			p[k] = keySchema(key)
			rep.add("validator-shapes", 1)
			rep.Notes = append(rep.Notes, fmt.Sprintf("validator-shapes: %s: %q added (the validator takes it; the spec lacks it)", st.where, k))
		}
	}
}

// takenSite is one body's top-level object, for takenKeys.
type takenSite struct {
	where string
	shape *Shape
	obj   map[string]any // the object keys are added to
	comp  string         // its component name, "" when inline
	has   map[string]bool
}

// everyUserTakes: every body whose top-level object is the same component
// takes k, optional, with the same type, and none documents it already.
func everyUserTakes(sites []takenSite, users []int, k string, want Key) bool {
	for _, i := range users {
		key, ok := sites[i].shape.Keys[k]
		if !ok || !key.Optional || key.Refused || sites[i].has[k] || !reflect.DeepEqual(key.Kind, want.Kind) ||
			!reflect.DeepEqual(key.Shape, want.Shape) || key.List != want.List {
			return false
		}
	}
	return len(users) > 0
}

// typable: the facts say enough of a key's type to write it: a kind, or a
// shape whose keys are all typable (depth-bounded by the facts themselves).
func typable(k Key) bool {
	if k.Kind != nil {
		return true
	}
	if k.Shape == nil || len(k.Shape.Keys) == 0 {
		return false
	}
	for _, sub := range k.Shape.Keys {
		if !sub.Refused && !typable(sub) {
			return false
		}
	}
	return true
}

// keySchema is the OpenAPI schema of a typable validator key: its kind's, or
// an object of its shape's keys (a list of them when the key is a list).
func keySchema(k Key) map[string]any {
	if k.Kind != nil {
		return kindSchema(k.Kind)
	}
	obj := map[string]any{"type": "object", "properties": map[string]any{}}
	var required []any
	for _, name := range sortedShapeKeys(k.Shape) {
		sub := k.Shape.Keys[name]
		if sub.Refused {
			continue
		}
		s := keySchema(sub)
		delete(s, "description")
		obj["properties"].(map[string]any)[name] = s
		if !sub.Optional && !sub.Union {
			required = append(required, name)
		}
	}
	if len(required) > 0 {
		obj["required"] = required
	}
	desc := "Taken by the server's validator; Medusa's spec does not document it."
	if k.List {
		return map[string]any{"type": "array", "items": obj, "description": desc}
	}
	obj["description"] = desc
	return obj
}

// kindSchema is the OpenAPI schema of a validator key's type.
func kindSchema(k *Kind) map[string]any {
	s := map[string]any{
		"type":        k.Type,
		"description": "Taken by the server's validator; Medusa's spec does not document it.",
	}
	if len(k.Enum) > 0 {
		// One of the values, as model-columns writes enums: a plain string
		// (an enum would make a Go type named after the operation).
		s["description"] = fmt.Sprintf("Taken by the server's validator; Medusa's spec does not document it. One of: %s.", strings.Join(k.Enum, ", "))
	}
	if k.Items != nil {
		items := kindSchema(k.Items)
		delete(items, "description")
		s["items"] = items
	}
	return s
}
