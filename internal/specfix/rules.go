package specfix

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// Report counts what each rule changed, for the generator's log and the
// README's measurements.
type Report struct {
	Counts map[string]int
	Notes  []string
}

func (r *Report) add(rule string, n int) {
	if r.Counts == nil {
		r.Counts = map[string]int{}
	}
	r.Counts[rule] += n
}

// String lists the counts in rule order.
func (r *Report) String() string {
	keys := make([]string, 0, len(r.Counts))
	for k := range r.Counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "%s=%d ", k, r.Counts[k])
	}
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "\n  note: %s", n)
	}
	return strings.TrimSpace(b.String())
}

// Rule is one general rewrite of the document.
type Rule struct {
	Name  string
	Apply func(doc map[string]any, r *Report) error
}

// Rules is the ordered list of rewrites Apply runs.
var Rules = []Rule{
	{"release-routes", releaseRoutes}, // first: the rules below see the operations it adds
	{"drop-publishable-key-header", dropClientConfigHeaders},
	{"unauthorized-is-json", unauthorizedIsJSON},
	{"drop-impossible-allof", dropImpossibleAllOf},
	{"file-bodies-are-multipart", fileBodiesAreMultipart},
	{"query-shapes", normalizeQueryParams},
	{"shared-operator-map", hoistOperatorMaps},
	{"validator-queries", validatorQueries},
	{"list-items-are-arrays", listItemsAreArrays},
	{"list-items-from-retrieve", listItemsFromRetrieve},
	{"integer-named", integerNamed},
	{"server-validators", fixKnownSchemas},
	{"input-shapes", inputShapes},
	{"params-are-query", paramsAreQuery},
	{"validator-bodies", fixBodies},
	{"clearable-fields", clearableFields},
	{"nullable-keys-not-required", nullableKeysNotRequired},
	{"validator-shapes", validatorShapes},
	{"paging-integers", pagingIntegers},
	{"named-variants", namedVariants},
	{"same-branch-once", sameBranchOnce},
	{"merge-exclusive-branches", mergeExclusiveBranches},
	{"tag-from-names", tagFromNames},
	{"named-branches", namedBranches},
	{"same-answer-as-neighbour", sameAnswerAsNeighbour},
	{"typed-relations", typedRelations},
	{"answer-items-by-name", answerItemsByName},
	{"same-record-fields", sameRecordFields},
	{"owner-view-fields", ownerViewFields},
	{"shape-from-twin", shapeFromTwin},
	{"computed-totals", computedTotals},
	{"record-timestamps", recordTimestamps},
	{"foreign-keys", foreignKeys},
	{"answer-from-workflow", answerFromWorkflow},
	{"answer-from-family", answerFromFamily},
	{"answer-deletion", answerDeletion},
	{"answer-stream-sibling", answerStreamSibling},
	{"answer-json-default", answerJSONDefault},
	{"model-enum-values", modelEnumValues},
	{"action-details", actionDetails},
	{"model-leaf-relations", modelLeafRelations},
	{"model-column-types", modelColumnTypes},
	{"model-columns", modelColumns},
}

// Apply runs every rule in order, or only the named ones when names are given.
func Apply(doc map[string]any, names ...string) (*Report, error) {
	rep := &Report{}
	want := map[string]bool{}
	for _, n := range names {
		known := false
		for _, r := range Rules {
			known = known || r.Name == n
		}
		if !known {
			return rep, fmt.Errorf("unknown rule %q", n)
		}
		want[n] = true
	}
	for _, rule := range Rules {
		if len(want) > 0 && !want[rule.Name] {
			continue
		}
		if err := rule.Apply(doc, rep); err != nil {
			return rep, fmt.Errorf("rule %s: %w", rule.Name, err)
		}
	}
	return rep, nil
}

// ---- helpers ----

var methods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

type opRef struct {
	path, method string
	op           map[string]any
}

// operations lists every operation in path order, then method order.
func operations(doc map[string]any) []opRef {
	paths, _ := doc["paths"].(map[string]any)
	keys := sortedKeys(paths)
	var out []opRef
	for _, p := range keys {
		item, _ := paths[p].(map[string]any)
		for _, m := range methods {
			if op, ok := item[m].(map[string]any); ok {
				out = append(out, opRef{p, m, op})
			}
		}
	}
	return out
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func component(doc map[string]any, section string) map[string]any {
	comps, _ := doc["components"].(map[string]any)
	if comps == nil {
		comps = map[string]any{}
		doc["components"] = comps
	}
	sec, _ := comps[section].(map[string]any)
	if sec == nil {
		sec = map[string]any{}
		comps[section] = sec
	}
	return sec
}

// resolve follows a local $ref ("#/components/<section>/<name>") once.
func resolve(doc map[string]any, v any) map[string]any {
	m, _ := v.(map[string]any)
	for i := 0; m != nil && i < 10; i++ {
		ref, ok := m["$ref"].(string)
		if !ok {
			return m
		}
		parts := strings.Split(strings.TrimPrefix(ref, "#/"), "/")
		if len(parts) != 3 || parts[0] != "components" {
			return m
		}
		m, _ = component(doc, parts[1])[unescapePointer(parts[2])].(map[string]any)
	}
	return m
}

func unescapePointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~1", "/"), "~0", "~")
}

// parameters returns the operation's parameters with path-level ones, resolved.
func parameterLists(doc map[string]any) []struct {
	owner map[string]any
	list  []any
} {
	var out []struct {
		owner map[string]any
		list  []any
	}
	paths, _ := doc["paths"].(map[string]any)
	for _, p := range sortedKeys(paths) {
		item, _ := paths[p].(map[string]any)
		if l, ok := item["parameters"].([]any); ok {
			out = append(out, struct {
				owner map[string]any
				list  []any
			}{item, l})
		}
		for _, m := range methods {
			if op, ok := item[m].(map[string]any); ok {
				if l, ok := op["parameters"].([]any); ok {
					out = append(out, struct {
						owner map[string]any
						list  []any
					}{op, l})
				}
			}
		}
	}
	return out
}

// walkSchemas calls fn on every schema object reachable from v (depth first,
// children before fn sees the parent), including v itself.
func walkSchemas(v any, fn func(s map[string]any)) {
	s, ok := v.(map[string]any)
	if !ok {
		return
	}
	for _, k := range []string{"oneOf", "anyOf", "allOf"} {
		if l, ok := s[k].([]any); ok {
			for _, c := range l {
				walkSchemas(c, fn)
			}
		}
	}
	if props, ok := s["properties"].(map[string]any); ok {
		for _, k := range sortedKeys(props) {
			walkSchemas(props[k], fn)
		}
	}
	walkSchemas(s["items"], fn)
	if ap, ok := s["additionalProperties"].(map[string]any); ok {
		walkSchemas(ap, fn)
	}
	walkSchemas(s["not"], fn)
	fn(s)
}

// allSchemaRoots lists the root schema of every component schema, parameter,
// request body and response in the document.
func allSchemaRoots(doc map[string]any) []any {
	var roots []any
	comps, _ := doc["components"].(map[string]any)
	if schemas, ok := comps["schemas"].(map[string]any); ok {
		for _, k := range sortedKeys(schemas) {
			roots = append(roots, schemas[k])
		}
	}
	content := func(holder any) {
		h, _ := holder.(map[string]any)
		c, _ := h["content"].(map[string]any)
		for _, ct := range sortedKeys(c) {
			if mt, ok := c[ct].(map[string]any); ok {
				roots = append(roots, mt["schema"])
			}
		}
	}
	for _, sec := range []string{"responses", "requestBodies"} {
		if m, ok := comps[sec].(map[string]any); ok {
			for _, k := range sortedKeys(m) {
				content(m[k])
			}
		}
	}
	for _, op := range operations(doc) {
		content(op.op["requestBody"])
		if rs, ok := op.op["responses"].(map[string]any); ok {
			for _, code := range sortedKeys(rs) {
				content(rs[code])
			}
		}
		if ps, ok := op.op["parameters"].([]any); ok {
			for _, p := range ps {
				if pm, ok := p.(map[string]any); ok {
					roots = append(roots, pm["schema"])
				}
			}
		}
	}
	return roots
}

// deepCopy copies a JSON-like value.
func deepCopy(v any) any {
	switch t := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(t))
		for k, x := range t {
			m[k] = deepCopy(x)
		}
		return m
	case []any:
		s := make([]any, len(t))
		for i, x := range t {
			s[i] = deepCopy(x)
		}
		return s
	default:
		return v
	}
}

// docKeys are schema keys that only document; they do not change the Go type.
var docKeys = map[string]bool{
	"description": true, "title": true, "externalDocs": true, "example": true,
	"examples": true, "x-schemaName": true, "deprecated": true, "x-featureFlag": true,
}

// shapeKey is a canonical text of a schema without its documentation keys.
func shapeKey(v any) string {
	b, _ := json.Marshal(stripDocs(v))
	return string(b)
}

func stripDocs(v any) any {
	switch t := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(t))
		for k, x := range t {
			if docKeys[k] {
				continue
			}
			if k == "properties" {
				// property names are data, not doc keys
				pm := map[string]any{}
				if props, ok := x.(map[string]any); ok {
					for pk, pv := range props {
						pm[pk] = stripDocs(pv)
					}
				}
				m[k] = pm
				continue
			}
			m[k] = stripDocs(x)
		}
		return m
	case []any:
		s := make([]any, len(t))
		for i, x := range t {
			s[i] = stripDocs(x)
		}
		return s
	default:
		return v
	}
}

func typeOf(doc map[string]any, v any) string {
	s := resolve(doc, v)
	if s == nil {
		return ""
	}
	if t, ok := s["type"].(string); ok {
		return t
	}
	if _, ok := s["items"]; ok {
		return "array"
	}
	if _, ok := s["properties"]; ok {
		return "object"
	}
	return ""
}
