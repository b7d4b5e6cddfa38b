package specfix

import (
	"fmt"
	"slices"
	"strings"
)

// QueryShape is one route's query validator (openapi/validators.json
// "queries", written by `make validator-facts`): whether it refuses keys it
// does not declare (every top-level zod object does at run time: Medusa's
// zodValidator makes it strict) and each key's facts.
type QueryShape struct {
	Strict bool                `json:"strict"`
	Keys   map[string]QueryKey `json:"keys"`
}

// QueryKey is one key of a query validator: the kinds of value it takes
// ("string", "number", "boolean", "array", "object", "ops" for an operator
// object, "any"), whether a list's elements may be text ("items" lists their
// kinds; "items_parsed" when a function parses them first), and for an
// operator object each operator's own facts.
type QueryKey struct {
	Kinds       []string            `json:"kinds"`
	Optional    bool                `json:"optional,omitempty"`
	Nullable    bool                `json:"nullable,omitempty"`
	Parsed      bool                `json:"parsed,omitempty"`
	Items       []string            `json:"items,omitempty"`
	ItemsParsed bool                `json:"items_parsed,omitempty"`
	Operators   map[string]QueryKey `json:"operators,omitempty"`
}

func (k QueryKey) takes(kind string) bool {
	return slices.Contains(k.Kinds, kind) || slices.Contains(k.Kinds, "any")
}

// takesTextItems: a query string sends a list's elements as text; the
// validator takes them when its elements are strings (or parsed first).
func (k QueryKey) takesTextItems() bool {
	if !k.takes("array") {
		return false
	}
	if k.ItemsParsed || k.Parsed || len(k.Items) == 0 {
		return true
	}
	for _, i := range k.Items {
		if i == "string" || i == "any" || i == "object" || i == "ops" {
			return true
		}
	}
	return false
}

// validatorQueries makes each operation's query parameters say what the
// route's query validator takes (facts from openapi/validators.json; no-op
// without them):
//   - an optional key the validator takes and the spec leaves out is added
//     (addUndocumented);
//   - a documented parameter the validator does not declare is dropped: a
//     strict validator answers 400 for it, a non-strict one drops it
//     silently. A key a namespace middleware takes out of the query before
//     validation ("consumed": /store's locale) stays, and an operation keeps
//     at least one query parameter (its Params type is part of the API);
//   - a parameter documented as a list whose validator takes no list becomes
//     one value (the list is refused);
//   - in each shared operator-map component, an operator that no validator
//     site declares is dropped (the operator object drops it silently), an
//     operand documented as a list that no site takes as a list becomes one
//     value ($contains), and a list operand whose elements every site takes
//     as unparsed numbers is dropped (a query string sends text, always 400).
//
// Only top-level parameters have facts; operator maps nested in objects
// follow the decision their component's top-level sites make.
func validatorQueries(doc map[string]any, rep *Report) error {
	raw, _ := doc[ValidatorsKey].(*Validators)
	if raw == nil || len(raw.Queries) == 0 {
		return nil
	}
	addUndocumented(doc, raw, rep)   // first: a refused parameter need not stay as the last one
	sites := map[string][]QueryKey{} // operator component → facts of its top-level sites
	for _, op := range operations(doc) {
		key := factsKey(op)
		shape := raw.Queries[key]
		if shape == nil {
			continue
		}
		where := strings.ToUpper(op.method) + " " + op.path
		consumed := consumedIn(raw.Consumed, op.path)
		list, _ := op.op["parameters"].([]any)
		var kept []any
		queryLeft := 0
		for _, p := range list {
			if pm := resolve(doc, p); pm != nil && pm["in"] == "query" {
				queryLeft++
			}
		}
		for _, p := range list {
			pm := resolve(doc, p)
			if pm == nil || pm["in"] != "query" {
				kept = append(kept, p)
				continue
			}
			name, _ := pm["name"].(string)
			facts, known := shape.Keys[name]
			if !known && !slices.Contains(consumed, name) && queryLeft > 1 {
				queryLeft--
				how := "dropped silently"
				if shape.Strict {
					how = "refused"
				}
				rep.add("validator-queries", 1)
				rep.Notes = append(rep.Notes, fmt.Sprintf("validator-queries: %s: %q dropped (the validator has no such key: %s)", where, name, how))
				continue
			}
			kept = append(kept, p)
			if !known {
				continue
			}
			s, _ := pm["schema"].(map[string]any)
			if s == nil {
				continue
			}
			if typeOf(doc, s) == "array" && !facts.takes("array") && facts.takes(singleKind(doc, s["items"])) {
				pm["schema"] = single(s)
				rep.add("validator-queries", 1)
				rep.Notes = append(rep.Notes, fmt.Sprintf("validator-queries: %s: %q is one value, not a list", where, name))
				continue
			}
			if c := operatorComponent(s); c != "" && facts.Operators != nil {
				sites[c] = append(sites[c], facts)
			}
		}
		op.op["parameters"] = kept
	}
	schemas := component(doc, "schemas")
	for _, name := range sortedKeys(anyMap(sites)) {
		c, _ := schemas[name].(map[string]any)
		props, _ := c["properties"].(map[string]any)
		for _, o := range sortedKeys(props) {
			ps, _ := props[o].(map[string]any)
			declared, lists, textItems := false, false, false
			for _, f := range sites[name] {
				of, ok := f.Operators[o]
				if !ok {
					continue
				}
				declared = true
				lists = lists || of.takes("array")
				textItems = textItems || of.takesTextItems() || !of.takes("array")
			}
			isList := typeOf(doc, ps) == "array"
			switch {
			case !declared:
				delete(props, o)
				rep.add("validator-queries", 1)
				rep.Notes = append(rep.Notes, fmt.Sprintf("validator-queries: %s: %q dropped (no validator declares it)", name, o))
			case isList && !lists:
				props[o] = single(ps)
				rep.add("validator-queries", 1)
				rep.Notes = append(rep.Notes, fmt.Sprintf("validator-queries: %s: %q is one value, not a list", name, o))
			case isList && !textItems:
				delete(props, o)
				rep.add("validator-queries", 1)
				rep.Notes = append(rep.Notes, fmt.Sprintf("validator-queries: %s: %q dropped (its list takes numbers a query string cannot send)", name, o))
			}
		}
	}
	return nil
}

// addUndocumented gives an operation the optional keys its validator takes
// and the spec leaves out, in the way the spec documents that parameter
// elsewhere: a paginated list any key (its filters, paging, $and/$or), any
// other operation only "fields" (the validators of many POST routes and
// retrieves are a list's, whose filters select nothing there). An operation
// without query parameters gets none (that would add a Params argument to its
// method), and a key no operation documents with a type the validator takes
// is left out.
func addUndocumented(doc map[string]any, raw *Validators, rep *Report) {
	known := map[string][]any{} // parameter name → its documented parameter objects
	for _, op := range operations(doc) {
		for _, p := range listOf(op.op["parameters"]) {
			if pm := resolve(doc, p); pm != nil && pm["in"] == "query" {
				name, _ := pm["name"].(string)
				known[name] = append(known[name], p)
			}
		}
	}
	for _, op := range operations(doc) {
		shape := raw.Queries[factsKey(op)]
		list := listOf(op.op["parameters"])
		documented := map[string]bool{}
		for _, p := range list {
			if pm := resolve(doc, p); pm != nil && pm["in"] == "query" {
				name, _ := pm["name"].(string)
				documented[name] = true
			}
		}
		if shape == nil || len(documented) == 0 {
			continue
		}
		isList := answersList(doc, op.op)
		for _, name := range sortedKeys(anyMap(shape.Keys)) {
			facts := shape.Keys[name]
			if documented[name] || !facts.Optional || (!isList && name != "fields") {
				continue
			}
			p := documentedAs(doc, known[name], facts)
			if p == nil {
				continue
			}
			list = append(list, p)
			rep.add("validator-queries", 1)
			rep.Notes = append(rep.Notes, fmt.Sprintf("validator-queries: %s %s: %q added (the validator takes it)", strings.ToUpper(op.method), op.path, name))
		}
		op.op["parameters"] = list
	}
}

// documentedAs picks, among the documented parameter objects of one name, the
// most frequent shape whose type the validator takes, as an optional copy.
func documentedAs(doc map[string]any, params []any, facts QueryKey) any {
	count := map[string]int{}
	first := map[string]any{}
	for _, p := range params {
		pm := resolve(doc, p)
		s, _ := pm["schema"].(map[string]any)
		if !facts.takesSchema(doc, s) {
			continue
		}
		k := shapeKey(p)
		if _, ok := first[k]; !ok {
			first[k] = p
		}
		count[k]++
	}
	best := ""
	for _, k := range sortedKeys(anyMap(count)) {
		if best == "" || count[k] > count[best] {
			best = k
		}
	}
	if best == "" {
		return nil
	}
	p, _ := deepCopy(first[best]).(map[string]any)
	if _, ref := p["$ref"]; !ref {
		// the copy's own words describe another route's records
		delete(p, "required")
		p["description"] = "Not documented by Medusa for this route; its query validator takes it, as other routes document it."
		if s, ok := p["schema"].(map[string]any); ok {
			delete(s, "description")
			delete(s, "title")
		}
	}
	return p
}

// takesSchema: the validator takes what a parameter of this schema sends
// (numbers and booleans are sent as text, which string keys take).
func (k QueryKey) takesSchema(doc map[string]any, s map[string]any) bool {
	if s == nil {
		return false
	}
	if operatorComponent(s) != "" {
		return k.takes("ops")
	}
	switch t := typeOf(doc, s); t {
	case "array":
		return k.takesTextItems()
	case "integer", "number", "boolean":
		if t == "integer" {
			t = "number"
		}
		return k.takes(t) || k.takes("string")
	case "string":
		return k.takes("string") || (k.Parsed && (k.takes("number") || k.takes("boolean")))
	case "object":
		return k.takes("object")
	}
	return false
}

// answersList: the operation's 2xx JSON answer is a paginated list.
func answersList(doc map[string]any, op map[string]any) bool {
	rs, _ := op["responses"].(map[string]any)
	for _, code := range sortedKeys(rs) {
		if !strings.HasPrefix(code, "2") {
			continue
		}
		r := resolve(doc, rs[code])
		content, _ := r["content"].(map[string]any)
		media, _ := content["application/json"].(map[string]any)
		s := resolve(doc, media["schema"])
		props := map[string]any{}
		for _, m := range append([]any{s}, listOf(s["allOf"])...) {
			if pm, ok := resolve(doc, m)["properties"].(map[string]any); ok {
				for k, v := range pm {
					props[k] = v
				}
			}
		}
		all := true
		for _, k := range paginationKeys {
			all = all && props[k] != nil
		}
		if all {
			return true
		}
	}
	return false
}

func listOf(v any) []any {
	l, _ := v.([]any)
	return l
}

// consumedIn lists the keys the namespace holding path takes out of the query.
func consumedIn(consumed map[string][]string, path string) []string {
	for ns, keys := range consumed {
		if path == ns || strings.HasPrefix(path, ns+"/") {
			return keys
		}
	}
	return nil
}

// operatorComponent is the operator-map component a parameter's schema refers
// to (shared-operator-map wraps it in allOf), or "".
func operatorComponent(s map[string]any) string {
	ref, _ := s["$ref"].(string)
	if all, ok := s["allOf"].([]any); ok && len(all) == 1 {
		if m, ok := all[0].(map[string]any); ok {
			ref, _ = m["$ref"].(string)
		}
	}
	name, ok := strings.CutPrefix(ref, "#/components/schemas/")
	if !ok || !strings.HasSuffix(name, OperatorMapName) {
		return ""
	}
	return name
}

// single is a list schema's element schema, keeping the list's description.
func single(list map[string]any) map[string]any {
	items, _ := list["items"].(map[string]any)
	out, _ := deepCopy(items).(map[string]any)
	if out == nil {
		out = map[string]any{"type": "string"}
	}
	if d, ok := list["description"]; ok {
		out["description"] = d
	}
	return out
}

// singleKind is the validator word for an element schema's type.
func singleKind(doc map[string]any, items any) string {
	switch typeOf(doc, items) {
	case "integer", "number":
		return "number"
	case "boolean":
		return "boolean"
	case "object":
		return "object"
	default:
		return "string"
	}
}
