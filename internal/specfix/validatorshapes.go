package specfix

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// ValidatorsKey is where the specfix command puts the server's validator
// shapes (openapi/validators.json, written by `make validator-facts` from the
// installed @medusajs/medusa) for the rule validator-shapes. The rule removes
// it; without it the rule does nothing (older releases, unit tests).
const ValidatorsKey = "x-medusa-validators"

// Shape is one zod object schema of a route's body validator: whether it
// refuses unknown keys, and each key's facts.
type Shape struct {
	Strict bool           `json:"strict"`
	Keys   map[string]Key `json:"keys"`
}

// Key is one property of a validator's object: optional (absent is fine),
// union (present in only some branches of a zod union, so optional only
// because of the union), refused (the validator takes no value for it, only
// its absence: a property Medusa removed, such as a product update's
// "options"), and its own shape when it is an object or a list of objects.
type Key struct {
	Optional bool   `json:"optional,omitempty"`
	Union    bool   `json:"union,omitempty"`
	Nullable bool   `json:"nullable,omitempty"`
	Refused  bool   `json:"refused,omitempty"`
	Shape    *Shape `json:"shape,omitempty"`
	List     bool   `json:"list,omitempty"` // Shape is of each element of a list
	Kind     *Kind  `json:"kind,omitempty"`
}

// Kind is the JSON type a validator's key takes, when it is one the spec
// can say: a scalar, a string enum, a record (object) or a list of scalars.
type Kind struct {
	Type  string   `json:"type"`
	Enum  []string `json:"enum,omitempty"`
	Items *Kind    `json:"items,omitempty"`
}

// Validators is the content of openapi/validators.json.
type Validators struct {
	Medusa string            `json:"medusa"`
	Bodies map[string]*Shape `json:"bodies"` // "POST /admin/campaigns/{}" → body shape
	// Queries and Consumed: the query side (validatorqueries.go).
	Queries  map[string]*QueryShape `json:"queries,omitempty"`  // "GET /admin/products" → query validator
	Consumed map[string][]string    `json:"consumed,omitempty"` // "/store" → keys read before validation
}

var pathParam = regexp.MustCompile(`\{[^}]+\}`)

// factsKey is how openapi/validators.json names op's route: "POST /admin/campaigns/{}".
func factsKey(op opRef) string {
	return strings.ToUpper(op.method) + " " + pathParam.ReplaceAllString(op.path, "{}")
}

// validatorShapes makes each JSON request body say what the route's validator
// takes, by three general comparisons of the spec's object schemas with the
// validator's objects at the same place (nested objects and lists included):
//   - a property the spec requires and the validator takes as optional is no
//     longer required;
//   - a property the validator requires and a branch of a body union lacks is
//     copied from a sibling branch that documents it;
//   - a documented property the validator does not know, when the validator
//     requires exactly one property the object lacks whose name ends in
//     "_<documented name>" (option_id → shipping_option_id), is renamed;
//   - a batch route's update items and the single update of the same
//     resource take what the other documents and they lack (twins.go);
//   - an update shape in a list the validator upserts gets its "id"
//     (upsertids.go);
//   - a documented property a strict validator does not know, or one the
//     validator refuses whatever its value, is dropped; a body left with no
//     property is an empty object (Go: struct{}), so its method keeps its
//     body parameter and sends {}.
//
// A component schema is changed only when no answer reaches it and no other
// operation's body does (their validators may differ: the product update's
// variants take an optional title, the product create's require it).
func validatorShapes(doc map[string]any, rep *Report) error {
	raw, ok := doc[ValidatorsKey].(*Validators)
	delete(doc, ValidatorsKey)
	if !ok || raw == nil {
		return nil
	}
	answers := answerComponents(doc)
	shared := map[string]bool{}
	for name, n := range bodyUses(doc) {
		shared[name] = n > 1
	}
	for _, op := range operations(doc) {
		shape := raw.Bodies[factsKey(op)]
		if shape == nil {
			continue
		}
		w := shapeWalker{doc: doc, answers: answers, shared: shared, rep: rep, where: strings.ToUpper(op.method) + " " + op.path}
		w.walk(jsonBody(doc, op), shape, 0)
	}
	batchTwins(doc, raw.Bodies, answers, rep)
	upsertIDs(doc, raw.Bodies, answers, rep)
	takenKeys(doc, raw.Bodies, answers, rep)
	return nil
}

// answerComponents lists the component schemas a response reaches.
func answerComponents(doc map[string]any) map[string]bool {
	seen := map[string]bool{}
	for _, op := range operations(doc) {
		reachable(doc, op.op["responses"], seen)
	}
	return seen
}

// bodyUses counts, per component schema, the operations whose request body
// reaches it.
func bodyUses(doc map[string]any) map[string]int {
	n := map[string]int{}
	for _, op := range operations(doc) {
		seen := map[string]bool{}
		reachable(doc, op.op["requestBody"], seen)
		for name := range seen {
			n[name]++
		}
	}
	return n
}

type shapeWalker struct {
	doc     map[string]any
	answers map[string]bool // components answers reach: left alone
	shared  map[string]bool // components other bodies reach: copied when they must change
	rep     *Report
	where   string
}

// target follows $ref to the schema to change; nil when it is a component
// an answer reaches (changing it would change what is read).
func (w shapeWalker) target(v any) map[string]any {
	return ownObject(w.doc, v, func(name string) bool { return w.answers[name] || w.shared[name] })
}

// ownObject follows v's $refs to the schema a body may change, or nil when
// one of them names a component leave says to leave alone (one an answer
// reaches, or other bodies share).
func ownObject(doc map[string]any, v any, leave func(name string) bool) map[string]any {
	s, _ := v.(map[string]any)
	for i := 0; s != nil && i < 8; i++ {
		ref, ok := s["$ref"].(string)
		if !ok {
			return s
		}
		name, ok := schemaRefName(ref)
		if !ok || leave(name) {
			return nil
		}
		s, _ = component(doc, "schemas")[name].(map[string]any)
	}
	return s
}

func (w shapeWalker) walk(v any, shape *Shape, depth int) {
	if w.inlineShared(v, shape, depth) {
		return
	}
	s := w.target(v)
	if s == nil || shape == nil || depth > 8 {
		return
	}
	if s["type"] == "array" {
		w.walk(s["items"], shape, depth+1)
		return
	}
	for _, k := range []string{"oneOf", "anyOf"} {
		if branches, ok := s[k].([]any); ok {
			w.copyMissing(branches, shape)
			for _, b := range branches {
				// A shared component as a branch stays shared: an inline copy
				// would be an unnamed branch, numbered by oapi-codegen.
				if m, _ := b.(map[string]any); m != nil && w.sharedRef(m) {
					continue
				}
				w.walk(b, shape, depth+1)
			}
		}
	}
	parts := []map[string]any{s}
	if all, ok := s["allOf"].([]any); ok {
		for _, p := range all {
			w.inlineShared(p, shape, depth) // a shared part this route's validator changes becomes its own copy
			if t := w.target(p); t != nil {
				parts = append(parts, t)
			}
		}
	}
	w.rename(parts, shape)
	for _, p := range parts {
		w.relax(p, shape)
		w.dropRefused(p, shape, depth == 0 && len(parts) == 1)
		props, _ := p["properties"].(map[string]any)
		for _, name := range sortedKeys(props) {
			if key, ok := shape.Keys[name]; ok && key.Shape != nil {
				w.walk(props[name], key.Shape, depth+1)
			}
		}
	}
}

// inlineShared: v is a $ref to a component other bodies use too. When this
// route's validator differs from it, v becomes a fixed copy of it (named after
// the operation by oapi-codegen), and the component stays as documented for
// the others. It reports whether it handled v.
func (w shapeWalker) inlineShared(v any, shape *Shape, depth int) bool {
	m, _ := v.(map[string]any)
	if !w.sharedRef(m) {
		return false
	}
	name, _ := schemaRefName(m["$ref"].(string))
	cp, _ := deepCopy(component(w.doc, "schemas")[name]).(map[string]any)
	if cp == nil {
		return true
	}
	trial := w
	trial.rep = &Report{}
	trial.walk(cp, shape, depth+1)
	n := trial.rep.Counts["validator-shapes"]
	if n == 0 {
		return true
	}
	delete(m, "$ref")
	for k, val := range cp {
		m[k] = val
	}
	w.rep.add("validator-shapes", n)
	w.rep.Notes = append(w.rep.Notes, trial.rep.Notes...)
	w.rep.Notes = append(w.rep.Notes, fmt.Sprintf("validator-shapes: %s: a copy of %s, which other bodies share", w.where, name))
	return true
}

// dropRefused removes from s what the validator refuses: a property a
// strict validator does not know, or one it takes no value for. Sending it
// can only be answered 400 ("Unrecognized fields", "... was removed").
// A nested object keeps its properties when all of them would go (an empty
// nested type would read worse than the documented one); a whole body
// (body) becomes an empty object.
func (w shapeWalker) dropRefused(s map[string]any, shape *Shape, body bool) {
	p := props(s)
	var drop []string
	for _, name := range sortedKeys(p) {
		if key, ok := shape.Keys[name]; (!ok && shape.Strict) || key.Refused {
			drop = append(drop, name)
		}
	}
	if len(drop) == 0 || (len(drop) == len(p) && !body) {
		return
	}
	for _, name := range drop {
		delete(p, name)
		if req, ok := s["required"].([]any); ok {
			if i := slices.Index(req, any(name)); i >= 0 {
				s["required"] = slices.Delete(req, i, i+1)
			}
		}
		w.rep.add("validator-shapes", 1)
		w.rep.Notes = append(w.rep.Notes, fmt.Sprintf("validator-shapes: %s: %q dropped (the validator refuses it)", w.where, name))
	}
	if len(p) == 0 {
		// oapi-codegen makes an object without properties a map, which a
		// nil value would send as null; the validator takes only {}.
		delete(s, "properties")
		delete(s, "required")
		s["x-go-type"] = "struct{}"
	}
}

// sharedRef tells whether m is a $ref to a component other bodies share
// and no answer reaches.
func (w shapeWalker) sharedRef(m map[string]any) bool {
	ref, _ := m["$ref"].(string)
	name, ok := schemaRefName(ref)
	return ok && w.shared[name] && !w.answers[name]
}

// relax drops from s's required list what the validator takes as optional.
func (w shapeWalker) relax(s map[string]any, shape *Shape) {
	req, _ := s["required"].([]any)
	kept := req[:0:0]
	for _, r := range req {
		name, _ := r.(string)
		if key, ok := shape.Keys[name]; ok && key.Optional && !key.Union {
			w.rep.add("validator-shapes", 1)
			continue
		}
		kept = append(kept, r)
	}
	if len(kept) == len(req) {
		return
	}
	if len(kept) == 0 {
		delete(s, "required")
	} else {
		s["required"] = kept
	}
}

// copyMissing gives each object branch of a body union the properties the
// validator requires that a sibling branch documents and it lacks.
func (w shapeWalker) copyMissing(branches []any, shape *Shape) {
	for _, name := range sortedShapeKeys(shape) {
		if key := shape.Keys[name]; key.Optional {
			continue
		}
		var from any
		for _, b := range branches {
			if t := resolve(w.doc, b); t != nil {
				if p, ok := props(t)[name]; ok && from == nil {
					from = p
				}
			}
		}
		if from == nil {
			continue
		}
		for _, b := range branches {
			t := w.target(b)
			if t == nil || t["type"] != "object" {
				continue
			}
			p := props(t)
			if _, ok := p[name]; ok {
				continue
			}
			if p == nil {
				p = map[string]any{}
				t["properties"] = p
			}
			p[name] = deepCopy(from)
			req, _ := t["required"].([]any)
			t["required"] = append(req, name)
			w.rep.add("validator-shapes", 1)
			w.rep.Notes = append(w.rep.Notes, fmt.Sprintf("validator-shapes: %s: %q copied into a branch that lacked it", w.where, name))
		}
	}
}

// rename handles one documented property the validator does not know when
// the validator requires one the object lacks whose name ends in
// "_<documented>" (option_id → shipping_option_id).
func (w shapeWalker) rename(parts []map[string]any, shape *Shape) {
	var unknown []string
	var owner map[string]any
	has := map[string]bool{}
	for _, p := range parts {
		for name := range props(p) {
			has[name] = true
			if _, ok := shape.Keys[name]; !ok {
				unknown = append(unknown, name)
				owner = p
			}
		}
	}
	var missing []string
	for _, name := range sortedShapeKeys(shape) {
		if !shape.Keys[name].Optional && !has[name] {
			missing = append(missing, name)
		}
	}
	if len(unknown) != 1 || len(missing) != 1 || !strings.HasSuffix(missing[0], "_"+unknown[0]) {
		return
	}
	from, to := unknown[0], missing[0]
	p := props(owner)
	p[to] = p[from]
	delete(p, from)
	if req, ok := owner["required"].([]any); ok {
		if i := slices.Index(req, any(from)); i >= 0 {
			req[i] = to
		}
	}
	w.rep.add("validator-shapes", 1)
	w.rep.Notes = append(w.rep.Notes, fmt.Sprintf("validator-shapes: %s: %q renamed %q", w.where, from, to))
}

func props(s map[string]any) map[string]any {
	p, _ := s["properties"].(map[string]any)
	return p
}

func sortedShapeKeys(s *Shape) []string {
	keys := make([]string, 0, len(s.Keys))
	for k := range s.Keys {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
