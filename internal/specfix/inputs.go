package specfix

import (
	"fmt"
	"strings"
)

// inputShapes gives request bodies their own shape where they reuse a
// response entity. Medusa's spec points some request properties at the
// record the server answers with (StoreCreateCart.shipping_address →
// StoreCartAddress, AdminUpdateOrder.billing_address → OrderAddress), so the
// generated body carries id, created_at, updated_at and customer_id: Go sends
// them as "" and 0001-01-01T00:00:00Z and the server's strict validators
// refuse the call.
//
// Rule: walking each operation's JSON request body (properties, items,
// allOf/oneOf/anyOf, and the request-only components it references), a $ref
// to a component that is also reachable from a response and has server-owned
// properties is replaced by a $ref to an input copy of it without them. The
// server owns `id`, dates (`*_at`, format date-time), totals (`*total*`),
// `raw_*` twins and links to other records (`*_id`): a record written inside
// another one gets them from the route. The copy is named after the property
// that holds it (shipping_address → AddressInput) when that name is free and
// means one entity, else <Entity>Input.
func inputShapes(doc map[string]any, rep *Report) error {
	schemas := component(doc, "schemas")
	inResponses := responseComponents(doc)
	st := &inputState{
		doc: doc, schemas: schemas, inResponses: inResponses,
		inputs: map[string]string{}, visited: map[string]bool{}, rep: rep,
	}
	for _, op := range operations(doc) {
		body := resolveRequestBody(doc, op.op["requestBody"])
		content, _ := body["content"].(map[string]any)
		mt, _ := content["application/json"].(map[string]any)
		if mt == nil {
			continue
		}
		if err := st.walk(mt["schema"], ""); err != nil {
			return err
		}
	}
	return nil
}

type inputState struct {
	doc, schemas map[string]any
	inResponses  map[string]bool
	inputs       map[string]string // entity component → input component
	visited      map[string]bool   // request-only components already walked
	rep          *Report
}

func resolveRequestBody(doc map[string]any, v any) map[string]any {
	return resolve(doc, v)
}

// walk replaces, inside the request schema v, every $ref to a response entity
// with server-owned fields; prop is the name of the property holding v.
func (st *inputState) walk(v any, prop string) error {
	s, ok := v.(map[string]any)
	if !ok {
		return nil
	}
	if ref, ok := s["$ref"].(string); ok {
		name, ok := schemaRefName(ref)
		if !ok {
			return nil
		}
		target, _ := st.schemas[name].(map[string]any)
		if target == nil {
			return nil
		}
		if st.inResponses[name] && len(serverOwned(target)) > 0 {
			in, err := st.input(name, prop)
			if err != nil {
				return err
			}
			s["$ref"] = "#/components/schemas/" + in
			st.rep.add("input-shapes", 1)
			return nil
		}
		if st.inResponses[name] || st.visited[name] {
			return nil
		}
		st.visited[name] = true
		return st.walk(target, prop)
	}
	for _, k := range []string{"oneOf", "anyOf", "allOf"} {
		if l, ok := s[k].([]any); ok {
			for _, c := range l {
				if err := st.walk(c, prop); err != nil {
					return err
				}
			}
		}
	}
	if props, ok := s["properties"].(map[string]any); ok {
		for _, k := range sortedKeys(props) {
			if err := st.walk(props[k], k); err != nil {
				return err
			}
		}
	}
	if err := st.walk(s["items"], strings.TrimSuffix(prop, "s")); err != nil {
		return err
	}
	if ap, ok := s["additionalProperties"].(map[string]any); ok {
		return st.walk(ap, prop)
	}
	return nil
}

// input returns the name of the input copy of entity, creating it.
func (st *inputState) input(entity, prop string) (string, error) {
	if in, ok := st.inputs[entity]; ok {
		return in, nil
	}
	name := entity + "Input"
	if word := lastWord(prop); word != "" {
		candidate := goName(word) + "Input"
		if _, taken := st.schemas[candidate]; !taken {
			name = candidate
		}
	}
	if _, taken := st.schemas[name]; taken {
		return "", fmt.Errorf("input-shapes: %s already exists", name)
	}
	cp, _ := deepCopy(st.schemas[entity]).(map[string]any)
	owned := serverOwned(cp)
	props, _ := cp["properties"].(map[string]any)
	for _, k := range owned {
		delete(props, k)
	}
	if req, ok := cp["required"].([]any); ok {
		kept := req[:0:0]
		for _, r := range req {
			if rs, _ := r.(string); props[rs] != nil {
				kept = append(kept, r)
			}
		}
		if len(kept) == 0 {
			delete(cp, "required")
		} else {
			cp["required"] = kept
		}
	}
	delete(cp, "x-schemaName")
	if d, ok := cp["description"].(string); ok {
		cp["description"] = d + " (as sent: the server sets " + strings.Join(owned, ", ") + ")"
	}
	st.schemas[name] = cp
	st.inputs[entity] = name
	// the copy may itself hold entities
	st.visited[name] = true
	if err := st.walk(cp, prop); err != nil {
		return "", err
	}
	return name, nil
}

// serverOwned lists the properties of an entity that the server sets.
func serverOwned(s map[string]any) []string {
	props, _ := s["properties"].(map[string]any)
	var out []string
	for _, k := range sortedKeys(props) {
		p, _ := props[k].(map[string]any)
		format, _ := p["format"].(string)
		switch {
		case k == "id", strings.HasSuffix(k, "_id"), strings.HasSuffix(k, "_at"),
			format == "date-time", strings.Contains(k, "total"), strings.HasPrefix(k, "raw_"):
			out = append(out, k)
		}
	}
	return out
}

func lastWord(prop string) string {
	if i := strings.LastIndexAny(prop, "_-"); i >= 0 {
		return prop[i+1:]
	}
	return prop
}

// responseComponents lists the component schemas reachable from any
// operation's responses (through $ref, transitively).
func responseComponents(doc map[string]any) map[string]bool {
	seen := map[string]bool{}
	for _, op := range operations(doc) {
		reachable(doc, op.op["responses"], seen)
	}
	return seen
}

// reachable adds to seen every component schema v reaches through $ref.
func reachable(doc map[string]any, v any, seen map[string]bool) {
	schemas := component(doc, "schemas")
	var visit func(v any)
	visit = func(v any) {
		switch t := v.(type) {
		case map[string]any:
			if ref, ok := t["$ref"].(string); ok {
				if name, ok := schemaRefName(ref); ok && !seen[name] {
					seen[name] = true
					visit(schemas[name])
				} else if !ok {
					visit(resolve(doc, t))
				}
				return
			}
			for _, k := range sortedKeys(t) {
				visit(t[k])
			}
		case []any:
			for _, c := range t {
				visit(c)
			}
		}
	}
	visit(v)
}
