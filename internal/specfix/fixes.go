package specfix

import (
	"fmt"
	"sort"
	"strings"
)

// clientConfigHeaders are header parameters that belong to the client's
// configuration rather than to each call. Medusa's store spec declares the
// publishable API key as a required header parameter on most store
// operations; the SDK's auth layer sets it on every request instead.
var clientConfigHeaders = map[string]bool{
	"x-publishable-api-key": true,
}

func dropClientConfigHeaders(doc map[string]any, rep *Report) error {
	for _, pl := range parameterLists(doc) {
		kept := pl.list[:0:0]
		for _, p := range pl.list {
			pm := resolve(doc, p)
			if pm != nil && pm["in"] == "header" {
				if name, _ := pm["name"].(string); clientConfigHeaders[strings.ToLower(name)] {
					rep.add("drop-publishable-key-header", 1)
					continue
				}
			}
			kept = append(kept, p)
		}
		if len(kept) == 0 {
			delete(pl.owner, "parameters")
		} else {
			pl.owner["parameters"] = kept
		}
	}
	return nil
}

// unauthorizedIsJSON: Medusa documents 401 as text/plain "Unauthorized" but
// its error handler answers application/json {"type":"unauthorized",
// "message":"..."}. Every 401 response without a JSON body gets the spec's
// Error schema (or an equivalent inline object when there is none).
func unauthorizedIsJSON(doc map[string]any, rep *Report) error {
	errSchema := map[string]any{"$ref": "#/components/schemas/Error"}
	if _, ok := component(doc, "schemas")["Error"]; !ok {
		errSchema = map[string]any{
			"type": "object",
			"properties": map[string]any{
				"type":    map[string]any{"type": "string"},
				"message": map[string]any{"type": "string"},
			},
		}
	}
	seen := map[string]bool{}
	for _, op := range operations(doc) {
		rs, _ := op.op["responses"].(map[string]any)
		r401 := resolve(doc, rs["401"])
		if r401 == nil {
			continue
		}
		key := fmt.Sprintf("%p", r401)
		if seen[key] {
			continue
		}
		seen[key] = true
		content, _ := r401["content"].(map[string]any)
		if _, ok := content["application/json"]; ok {
			continue
		}
		r401["content"] = map[string]any{"application/json": map[string]any{"schema": deepCopy(errSchema)}}
		rep.add("unauthorized-is-json", 1)
	}
	return nil
}

// dropImpossibleAllOf: a oneOf/anyOf branch that is an allOf of an array
// schema and an object schema can match no JSON value. Medusa's docs
// generator emits one for "an array of X, plus additional_data", which the
// server does not accept (its validators take the single object). The branch
// is removed; a oneOf left with one branch becomes that branch.
func dropImpossibleAllOf(doc map[string]any, rep *Report) error {
	impossible := func(v any) bool {
		s, _ := v.(map[string]any)
		all, ok := s["allOf"].([]any)
		if !ok {
			return false
		}
		var arr, obj bool
		for _, m := range all {
			switch typeOf(doc, m) {
			case "array":
				arr = true
			case "object":
				obj = true
			}
		}
		return arr && obj
	}
	for _, root := range allSchemaRoots(doc) {
		walkSchemas(root, func(s map[string]any) {
			for _, k := range []string{"oneOf", "anyOf"} {
				l, ok := s[k].([]any)
				if !ok {
					continue
				}
				kept := l[:0:0]
				for _, b := range l {
					if impossible(b) {
						rep.add("drop-impossible-allof", 1)
						continue
					}
					kept = append(kept, b)
				}
				if len(kept) == len(l) {
					continue
				}
				if len(kept) == 1 {
					delete(s, k)
					mergeInto(s, kept[0])
				} else {
					s[k] = kept
				}
			}
		})
	}
	return nil
}

// mergeInto replaces the parent's type information with branch's, keeping the
// parent's description when the branch has none.
func mergeInto(parent map[string]any, branch any) {
	b, _ := branch.(map[string]any)
	if _, isRef := b["$ref"]; isRef {
		parent["allOf"] = []any{b}
		return
	}
	for k, v := range b {
		if k == "description" {
			if _, has := parent[k]; has {
				continue
			}
		}
		parent[k] = v
	}
}

// normalizeQueryParams rewrites each query parameter's schema into a shape
// that both oapi-codegen and Medusa's qs parser handle:
//
//   - oneOf/anyOf: qs cannot tell the branches apart (every value arrives as
//     a string, an array or an object), and Medusa's validators accept each
//     branch. The richest branch is kept: an array branch if there is one
//     (a single value is a one-element array), else an object branch, else
//     the first.
//   - allOf of inline objects becomes one object.
//   - a schema with items but no type is an array; with properties but no
//     type, an object; an empty schema is a string (what qs yields).
func normalizeQueryParams(doc map[string]any, rep *Report) error {
	for _, pl := range parameterLists(doc) {
		for _, p := range pl.list {
			pm := resolve(doc, p)
			if pm == nil || pm["in"] != "query" {
				continue
			}
			s, ok := pm["schema"].(map[string]any)
			if !ok {
				pm["schema"] = map[string]any{"type": "string"}
				rep.add("query-shapes", 1)
				continue
			}
			normalizeQuerySchema(doc, s, rep, 0)
		}
	}
	return nil
}

func normalizeQuerySchema(doc map[string]any, s map[string]any, rep *Report, depth int) {
	if depth > 32 {
		return
	}
	if _, isRef := s["$ref"]; isRef {
		return
	}
	for _, k := range []string{"oneOf", "anyOf"} {
		l, ok := s[k].([]any)
		if !ok || len(l) == 0 {
			continue
		}
		pick := l[0]
		best := 0
		for _, b := range l {
			score := 1
			switch typeOf(doc, b) {
			case "array":
				score = 3
			case "object":
				score = 2
			}
			if score > best {
				best, pick = score, b
			}
		}
		delete(s, k)
		mergeInto(s, deepCopy(pick))
		rep.add("query-shapes", 1)
	}
	if l, ok := s["allOf"].([]any); ok {
		merged := map[string]any{}
		var req []any
		inline := true
		for _, m := range l {
			mm, _ := m.(map[string]any)
			if mm == nil || mm["$ref"] != nil || typeOf(doc, mm) != "object" {
				inline = false
				break
			}
			if props, ok := mm["properties"].(map[string]any); ok {
				for k, v := range props {
					merged[k] = v
				}
			}
			if r, ok := mm["required"].([]any); ok {
				req = append(req, r...)
			}
		}
		if inline {
			delete(s, "allOf")
			s["type"] = "object"
			s["properties"] = merged
			if len(req) > 0 {
				s["required"] = req
			}
			rep.add("query-shapes", 1)
		}
	}
	if _, ok := s["type"]; !ok && s["allOf"] == nil && s["$ref"] == nil {
		switch {
		case s["items"] != nil:
			s["type"] = "array"
		case s["properties"] != nil:
			s["type"] = "object"
		default:
			s["type"] = "string"
		}
		rep.add("query-shapes", 1)
	}
	if items, ok := s["items"].(map[string]any); ok {
		normalizeQuerySchema(doc, items, rep, depth+1)
	}
	if props, ok := s["properties"].(map[string]any); ok {
		for _, k := range sortedKeys(props) {
			if ps, ok := props[k].(map[string]any); ok {
				normalizeQuerySchema(doc, ps, rep, depth+1)
			}
		}
	}
}

// OperatorMapName is the component name given to Medusa's filter-operator
// object ($eq, $gt, $in, ...), which the spec repeats inline in query
// parameters. Operators over numbers are NumericOperatorMap; a shape with
// only some of a more frequent shape's operators is BasicOperatorMap. Further distinct
// shapes of the same operand kind, if a release has them, get a number
// (OperatorMap2, ...) in order of how often they occur.
const OperatorMapName = "OperatorMap"

// operatorSubset reports whether a's operators are a strict subset of b's.
func operatorSubset(a, b map[string]any) bool {
	pa, _ := a["properties"].(map[string]any)
	pb, _ := b["properties"].(map[string]any)
	if len(pa) >= len(pb) {
		return false
	}
	for k := range pa {
		if _, ok := pb[k]; !ok {
			return false
		}
	}
	return true
}

// operandKind is "Numeric" when the comparison operators take numbers.
func operandKind(s map[string]any) string {
	props, _ := s["properties"].(map[string]any)
	for _, op := range []string{"$gt", "$lt", "$gte", "$lte", "$ne"} {
		p, _ := props[op].(map[string]any)
		if p == nil {
			continue
		}
		if t, _ := p["type"].(string); t == "number" || t == "integer" {
			return "Numeric"
		}
		return ""
	}
	return ""
}

func isOperatorMap(s map[string]any) bool {
	props, ok := s["properties"].(map[string]any)
	if !ok || len(props) < 2 {
		return false
	}
	for k := range props {
		if !strings.HasPrefix(k, "$") {
			return false
		}
	}
	return true
}

// hoistOperatorMaps replaces every inline operator object in query
// parameters by a $ref to one shared component schema per distinct shape.
func hoistOperatorMaps(doc map[string]any, rep *Report) error {
	type shape struct {
		key   string
		first map[string]any
		sites []map[string]any
	}
	shapes := map[string]*shape{}
	var visit func(s map[string]any, depth int)
	visit = func(s map[string]any, depth int) {
		if s == nil || depth > 32 {
			return
		}
		if isOperatorMap(s) {
			k := shapeKey(s)
			sh := shapes[k]
			if sh == nil {
				sh = &shape{key: k, first: s}
				shapes[k] = sh
			}
			sh.sites = append(sh.sites, s)
			return
		}
		if items, ok := s["items"].(map[string]any); ok {
			visit(items, depth+1)
		}
		if props, ok := s["properties"].(map[string]any); ok {
			for _, k := range sortedKeys(props) {
				ps, _ := props[k].(map[string]any)
				visit(ps, depth+1)
			}
		}
	}
	for _, pl := range parameterLists(doc) {
		for _, p := range pl.list {
			pm := resolve(doc, p)
			if pm == nil || pm["in"] != "query" {
				continue
			}
			s, _ := pm["schema"].(map[string]any)
			visit(s, 0)
		}
	}
	list := make([]*shape, 0, len(shapes))
	for _, sh := range shapes {
		list = append(list, sh)
	}
	sort.Slice(list, func(i, j int) bool {
		if len(list[i].sites) != len(list[j].sites) {
			return len(list[i].sites) > len(list[j].sites)
		}
		return list[i].key < list[j].key
	})
	schemas := component(doc, "schemas")
	perKind := map[string]int{}
	var named []*shape
	for _, sh := range list {
		sh.first = deepCopy(sh.first).(map[string]any) // sites are rewritten below
	}
	for _, sh := range list {
		kind := operandKind(sh.first)
		// A shape offering only some of the operators of a more frequent one
		// is the "Basic" variant.
		for _, prev := range named {
			if operatorSubset(sh.first, prev.first) {
				kind = "Basic" + kind
				break
			}
		}
		named = append(named, sh)
		perKind[kind]++
		name := kind + OperatorMapName
		if n := perKind[kind]; n > 1 {
			name = fmt.Sprintf("%s%d", name, n)
		}
		for _, exists := schemas[name]; exists; _, exists = schemas[name] {
			name += "_"
		}
		def := deepCopy(sh.first).(map[string]any)
		def["description"] = "Medusa's filter operators for one field: each key is an operator ($eq, $gt, $in, ...) applied to the field, sent in the query string as field[$op]=value."
		delete(def, "title")
		schemas[name] = def
		for _, site := range sh.sites {
			desc := site["description"]
			for k := range site {
				delete(site, k)
			}
			site["allOf"] = []any{map[string]any{"$ref": "#/components/schemas/" + name}}
			if desc != nil {
				site["description"] = desc
			}
		}
		rep.add("shared-operator-map", len(sh.sites))
	}
	return nil
}

// schemaFix corrects a component schema that documents a request body
// differently from what the server's validator accepts. Fixes match on the
// component schema name, which Medusa keeps stable across releases, and do
// nothing when the schema or the property is absent.
type schemaFix struct {
	schema, property string
	why              string
	apply            func(prop map[string]any)
}

var schemaFixes = []schemaFix{
	{
		schema: "AdminOrderChange", property: "order",
		why: "the order preview sends order_change.order as the stored order record, whose summary is an array of summary rows, not the API's AdminOrder",
		apply: func(prop map[string]any) {
			for k := range prop {
				delete(prop, k)
			}
			prop["type"] = "object"
			prop["additionalProperties"] = true
			prop["description"] = "The order record the change belongs to, as stored (not the AdminOrder API shape)."
		},
	},
	{
		schema: "AdminTranslationEntitiesResponse", property: "data",
		why: "GET /admin/translations/entities sends each entity with its translatable fields (title, description, ... for type=product), which depend on the type asked and on the translation settings, beside id and translations",
		apply: func(prop map[string]any) {
			items, _ := prop["items"].(map[string]any)
			if items == nil {
				return
			}
			items["additionalProperties"] = true
			items["description"] = "A translatable entity: its id, its translations, and its translatable fields (which depend on the type asked and on the translation settings) in AdditionalProperties."
		},
	},
	{
		schema: "StoreCreateCart", property: "items",
		why: "the store cart validator (StoreCreateCart) takes items as {variant_id, quantity, metadata?}, not full line items",
		apply: func(prop map[string]any) {
			prop["type"] = "array"
			prop["items"] = map[string]any{
				"type":     "object",
				"required": []any{"variant_id", "quantity"},
				"properties": map[string]any{
					"variant_id": map[string]any{"type": "string", "description": "The ID of the variant to add."},
					"quantity":   map[string]any{"type": "number", "description": "The quantity to add."},
					"metadata":   map[string]any{"type": "object", "nullable": true, "description": "Custom key-value pairs for the line item."},
				},
			}
		},
	},
}

func fixKnownSchemas(doc map[string]any, rep *Report) error {
	schemas := component(doc, "schemas")
	for _, f := range schemaFixes {
		s, _ := schemas[f.schema].(map[string]any)
		props, _ := s["properties"].(map[string]any)
		prop, _ := props[f.property].(map[string]any)
		if prop == nil {
			rep.Notes = append(rep.Notes, fmt.Sprintf("server-validators: %s.%s not in this spec; fix skipped", f.schema, f.property))
			continue
		}
		f.apply(prop)
		rep.add("server-validators", 1)
	}
	return nil
}

// paginationKeys mark Medusa's paginated list answers.
var paginationKeys = []string{"count", "limit", "offset"}

// listItemsAreArrays: a paginated list answer ({count, limit, offset, <items>})
// always sends its items as an array. Where the spec gives the items property
// a bare $ref to an object schema (GET /admin/customers in 2.18.0 documents
// "customers" as one AdminCustomer), the property becomes an array of it.
func listItemsAreArrays(doc map[string]any, rep *Report) error {
	check := func(v any) {
		s := resolve(doc, v)
		if s == nil {
			return
		}
		members := []any{s}
		if all, ok := s["allOf"].([]any); ok {
			members = all
		}
		props := map[string]map[string]any{} // name -> the properties map holding it
		for _, m := range members {
			mm := resolve(doc, m)
			if pm, ok := mm["properties"].(map[string]any); ok {
				for k := range pm {
					props[k] = pm
				}
			}
		}
		for _, k := range paginationKeys {
			if props[k] == nil {
				return
			}
		}
		for _, name := range sortedMapKeys(props) {
			if name == "count" || name == "limit" || name == "offset" || name == "estimate_count" {
				continue
			}
			holder := props[name]
			ps, _ := holder[name].(map[string]any)
			if _, isRef := ps["$ref"]; !isRef || typeOf(doc, ps) != "object" {
				continue
			}
			holder[name] = map[string]any{"type": "array", "items": ps}
			rep.add("list-items-are-arrays", 1)
		}
	}
	for _, op := range operations(doc) {
		rs, _ := op.op["responses"].(map[string]any)
		for _, code := range sortedKeys(rs) {
			r := resolve(doc, rs[code])
			content, _ := r["content"].(map[string]any)
			for _, ct := range sortedKeys(content) {
				mt, _ := content[ct].(map[string]any)
				check(mt["schema"])
			}
		}
	}
	return nil
}

func sortedMapKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// integerNamed: Medusa's models declare display_id as an autoincrement number
// and every *version column as a number; the server sends numbers where the
// spec sometimes says string (AdminClaim.order_version and
// AdminExchange.display_id in 2.18.0). Every property with such a name that
// is typed string becomes an integer.
func integerNamed(doc map[string]any, rep *Report) error {
	match := func(name string) bool {
		return name == "display_id" || name == "version" || strings.HasSuffix(name, "_version")
	}
	for _, root := range allSchemaRoots(doc) {
		walkSchemas(root, func(s map[string]any) {
			props, _ := s["properties"].(map[string]any)
			for _, name := range sortedKeys(props) {
				p, _ := props[name].(map[string]any)
				if p == nil || !match(name) {
					continue
				}
				if t, _ := p["type"].(string); t == "string" && p["enum"] == nil && p["format"] == nil {
					p["type"] = "integer"
					rep.add("integer-named", 1)
				}
			}
		})
	}
	return nil
}

// listItemsFromRetrieve: some paginated list answers type their items as a
// bare `{type: object}` (2.18.0: GET /admin/products, /admin/shipping-options,
// /admin/tax-regions), which would make every item a map. The server sends
// the same records as the retrieve operation next to it (GET <list path>/{id}),
// so when that answer is one property that is a $ref to a component schema,
// the list items become that $ref.
func listItemsFromRetrieve(doc map[string]any, rep *Report) error {
	paths, _ := doc["paths"].(map[string]any)
	recordOf := func(listPath string) map[string]any {
		for _, p := range sortedKeys(paths) {
			rest, ok := strings.CutPrefix(p, listPath+"/{")
			if !ok || !strings.HasSuffix(rest, "}") || strings.Contains(rest, "/") {
				continue
			}
			item, _ := paths[p].(map[string]any)
			op, _ := item["get"].(map[string]any)
			s := okSchema(doc, op)
			props := map[string]any{}
			for _, m := range membersOf(doc, s) {
				if pm, ok := m["properties"].(map[string]any); ok {
					for k, v := range pm {
						props[k] = v
					}
				}
			}
			if len(props) != 1 {
				return nil
			}
			for _, v := range props {
				if vm, ok := v.(map[string]any); ok {
					if _, isRef := vm["$ref"]; isRef && typeOf(doc, vm) == "object" {
						return map[string]any{"$ref": vm["$ref"]}
					}
				}
			}
		}
		return nil
	}
	for _, p := range sortedKeys(paths) {
		item, _ := paths[p].(map[string]any)
		op, _ := item["get"].(map[string]any)
		s := okSchema(doc, op)
		if s == nil {
			continue
		}
		props := map[string]map[string]any{}
		for _, m := range membersOf(doc, s) {
			if pm, ok := m["properties"].(map[string]any); ok {
				for k := range pm {
					props[k] = pm
				}
			}
		}
		if props["count"] == nil || props["limit"] == nil || props["offset"] == nil {
			continue
		}
		for _, name := range sortedMapKeys(props) {
			prop, _ := props[name][name].(map[string]any)
			items, _ := prop["items"].(map[string]any)
			if prop["type"] != "array" || items == nil || items["type"] != "object" ||
				items["properties"] != nil || items["allOf"] != nil || items["oneOf"] != nil || items["anyOf"] != nil {
				continue
			}
			if ref := recordOf(p); ref != nil {
				prop["items"] = ref
				rep.add("list-items-from-retrieve", 1)
			}
		}
	}
	return nil
}

// okSchema is the application/json schema of an operation's 200 answer.
func okSchema(doc map[string]any, op map[string]any) map[string]any {
	rs, _ := op["responses"].(map[string]any)
	r := resolve(doc, rs["200"])
	content, _ := r["content"].(map[string]any)
	mt, _ := content["application/json"].(map[string]any)
	return resolve(doc, mt["schema"])
}

// membersOf is the schema itself, or its allOf members, resolved.
func membersOf(doc map[string]any, s map[string]any) []map[string]any {
	if s == nil {
		return nil
	}
	all, ok := s["allOf"].([]any)
	if !ok {
		return []map[string]any{s}
	}
	out := make([]map[string]any, 0, len(all))
	for _, m := range all {
		if mm := resolve(doc, m); mm != nil {
			out = append(out, mm)
		}
	}
	return out
}
