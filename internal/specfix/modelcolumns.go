package specfix

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// ModelsKey is where the specfix command puts the server's data models
// (openapi/models.json, written by `make model-facts` from the installed
// Medusa modules) for the rule model-columns. The rule removes it; without it
// the rule does nothing (other releases, unit tests).
const ModelsKey = "x-medusa-models"

// Models is the content of openapi/models.json.
type Models struct {
	Medusa string   `json:"medusa"`
	Models []*Model `json:"models"`
	// OrderChangeActions are the keys of each order change action's details
	// (openapi/scripts/actions.cjs), by ChangeActionType value.
	OrderChangeActions map[string]ChangeAction `json:"order_change_actions,omitempty"`
}

// ChangeAction is what Medusa's code says of one order change action's
// details: the keys the workflows write (in any literal, and in every one),
// the keys the order module's handler of the action reads, and whether a
// literal spreads another record in (its keys are then not all known).
type ChangeAction struct {
	Written []string `json:"written"`
	Always  []string `json:"always"`
	Read    []string `json:"read"`
	Open    bool     `json:"open,omitempty"`
}

// Model is one of Medusa's data models (a DML entity): its name, table and
// module, its columns and its relations.
type Model struct {
	Name      string              `json:"name"`
	Table     string              `json:"table"`
	Module    string              `json:"module"`
	Columns   map[string]Column   `json:"columns"`
	Relations map[string]Relation `json:"relations"`
}

// Column is one DML property: its DML type (text, id, number, serial, float,
// bigNumber, boolean, dateTime, json, enum, array), whether it takes null,
// whether it is computed (not stored) and an enum's values.
type Column struct {
	Type     string   `json:"type"`
	Nullable bool     `json:"nullable,omitempty"`
	Computed bool     `json:"computed,omitempty"`
	Values   []string `json:"values,omitempty"`
}

// Relation is one DML relation: its kind (belongsTo, hasOne, hasOneWithFK,
// hasMany, manyToMany), the model it points to, and Key, the column that
// holds the other record's id on this side (belongsTo and hasOneWithFK only).
type Relation struct {
	Kind     string `json:"kind"`
	Model    string `json:"model"`
	Key      string `json:"key,omitempty"`
	Nullable bool   `json:"nullable,omitempty"`
}

// modelColumns gives the answer schemas that describe one of Medusa's data
// models the columns and relation keys of that model they lack: the spec
// leaves out columns no document mentions (a line item's is_custom_price, a
// shipping method's is_custom_amount, a customer's has_account) and the key
// of a one-to-one relation, whose side the spec cannot tell (a payment's
// payment_session_id, a cart's shipping_address_id); the model says.
//
// Which schema describes which model:
//   - by name: a component schema reached by an answer and by no request
//     body, named [Admin|Store|Base]<X> (not …Response), where <X> in
//     snake_case is a model's name or table name in snake_case
//     (StoreCartLineItem ↔ cart_line_item, AdminPayment ↔ Payment), else,
//     when <P><Owner> refers to it and <Owner> is a model, <X> without the
//     leading <Owner> (AdminOrderFulfillment ↔ Fulfillment); one model
//     exactly, or none;
//   - by relation: a property of a matched schema named after one of its
//     model's relations, whose value (or items) is an inline object or a
//     component no name matches, describes the relation's model (the
//     service zone inside a store shipping option); an answer envelope's
//     property named after a model (shipping_options ↔ ShippingOption) does
//     too; a component two of them point to as different models is neither;
//   - in every case the shape must agree (shares): a schema whose own
//     properties are mostly not the model's and that documents fewer than
//     half of the model's stored columns is left alone, with a note.
//
// A matched schema gains, as optional properties, each stored column (not
// computed, not a raw_* amount twin) and each key of a belongsTo or
// hasOneWithFK relation it lacks, typed from the column's type; what it has
// is never changed.
func modelColumns(doc map[string]any, rep *Report) error {
	raw, ok := doc[ModelsKey].(*Models)
	delete(doc, ModelsKey)
	if !ok || raw == nil {
		return nil
	}
	c := matchModels(doc, raw, rep)
	n := 0
	for _, name := range sortedMapKeys(c.matched) {
		s, _ := c.schemas[name].(map[string]any)
		n += addColumns(s, c.matched[name])
	}
	for _, in := range c.inline {
		n += addColumns(in.schema, in.model)
	}
	if n > 0 {
		rep.add("model-columns", n)
	}
	return nil
}

// matchModels finds which answer schemas describe which model (see
// modelColumns).
func matchModels(doc map[string]any, raw *Models, rep *Report) *columnMatcher {
	answers, requests := answerSchemas(doc), requestComponents(doc)
	c := &columnMatcher{
		ix:       newModelIndex(raw),
		doc:      doc,
		schemas:  component(doc, "schemas"),
		eligible: func(name string) bool { return answers[name] && !requests[name] },
		matched:  map[string]*Model{},
		pending:  map[string][]*Model{},
		seen:     map[string]bool{},
	}
	for _, name := range sortedKeys(c.schemas) {
		if !c.eligible(name) {
			continue
		}
		s, _ := c.schemas[name].(map[string]any)
		if model := c.ix.byName(doc, name); model != nil && shares(s, model) {
			c.matched[name] = model
		} else if model != nil && s["properties"] != nil {
			rep.Notes = append(rep.Notes, fmt.Sprintf("model-columns: %s is named like the model %s but shares too few of its properties; left alone", name, model.Name))
		}
	}
	for _, env := range envelopes(doc, c.eligible) {
		props, _ := env["properties"].(map[string]any)
		for _, k := range sortedKeys(props) {
			if model := c.ix.one(snake(singular(k))); model != nil {
				c.point(props[k], model, 0)
			}
		}
	}
	for done := map[string]bool{}; ; {
		for _, name := range sortedMapKeys(c.matched) {
			if !done[name] {
				done[name] = true
				s, _ := c.schemas[name].(map[string]any)
				c.follow(s, c.matched[name], 0)
			}
		}
		grew := false
		for _, name := range sortedMapKeys(c.pending) {
			ms := c.pending[name]
			delete(c.pending, name)
			if c.matched[name] != nil || slices.ContainsFunc(ms, func(x *Model) bool { return x != ms[0] }) {
				continue // pointed to as two models: neither
			}
			if s, _ := c.schemas[name].(map[string]any); shares(s, ms[0]) {
				c.matched[name] = ms[0]
				grew = true
			}
		}
		if !grew {
			break
		}
	}

	return c
}

type columnMatcher struct {
	ix       modelIndex
	doc      map[string]any
	schemas  map[string]any
	eligible func(name string) bool // reached by an answer, by no request body
	matched  map[string]*Model      // component → model
	pending  map[string][]*Model    // component → the models relations and envelopes point it to
	inline   []inlineMatch
	seen     map[string]bool // inline objects already matched (by address)
}

type inlineMatch struct {
	schema map[string]any
	model  *Model
}

// follow points each property of s named after one of the model's relations
// to the relation's model.
func (c *columnMatcher) follow(s map[string]any, model *Model, depth int) {
	props, _ := s["properties"].(map[string]any)
	for _, k := range sortedKeys(props) {
		if rel, ok := model.Relations[k]; ok && c.ix.named[rel.Model] != nil {
			c.point(props[k], c.ix.named[rel.Model], depth+1)
		}
	}
}

// point records that the schema v describes the model: a component for the
// pending list, an inline object at once (with its own relations followed),
// through arrays and allOf parts. An inline allOf part beside a component
// only has its relations followed: the component takes the columns.
func (c *columnMatcher) point(v any, model *Model, depth int) {
	s, _ := v.(map[string]any)
	if s == nil || depth > 8 {
		return
	}
	if s["type"] == "array" {
		c.point(s["items"], model, depth+1)
		return
	}
	if ref, ok := s["$ref"].(string); ok {
		if name, ok := schemaRefName(ref); ok && c.matched[name] == nil && c.eligible(name) {
			c.pending[name] = append(c.pending[name], model)
		}
		return
	}
	if all, ok := s["allOf"].([]any); ok {
		for _, part := range all {
			p, _ := part.(map[string]any)
			if p["$ref"] != nil {
				c.point(p, model, depth+1)
			} else if p != nil {
				c.follow(p, model, depth+1)
			}
		}
		return
	}
	key := fmt.Sprintf("%p", s)
	if s["properties"] == nil || c.seen[key] || !shares(s, model) {
		return
	}
	c.seen[key] = true
	c.inline = append(c.inline, inlineMatch{s, model})
	c.follow(s, model, depth)
}

// envelopes lists the object schemas of 2xx JSON answers: inline ones and the
// components named …Response that answers use.
func envelopes(doc map[string]any, eligible func(string) bool) []map[string]any {
	var out []map[string]any
	seen := map[string]bool{}
	for _, o := range operations(doc) {
		for _, mt := range jsonAnswers(doc, o.op) {
			s, _ := mt["schema"].(map[string]any)
			if ref, ok := s["$ref"].(string); ok {
				name, ok := schemaRefName(ref)
				if !ok || seen[name] || !strings.HasSuffix(name, "Response") || !eligible(name) {
					continue
				}
				seen[name] = true
				s, _ = component(doc, "schemas")[name].(map[string]any)
			}
			if s != nil && s["properties"] != nil {
				out = append(out, s)
			}
		}
	}
	return out
}

// addColumns adds to s the model's stored columns and relation keys it lacks.
func addColumns(s map[string]any, model *Model) int {
	props, _ := s["properties"].(map[string]any)
	if props == nil {
		return 0
	}
	n := 0
	for _, name := range sortedMapKeys(model.Columns) {
		c := model.Columns[name]
		if _, has := props[name]; has || c.Computed || strings.HasPrefix(name, "raw_") {
			continue
		}
		props[name] = columnSchema(model, name, c)
		n++
	}
	for _, name := range sortedMapKeys(model.Relations) {
		r := model.Relations[name]
		if r.Key == "" {
			continue
		}
		if _, has := props[r.Key]; has {
			continue
		}
		props[r.Key] = map[string]any{"type": "string", "nullable": true,
			"description": fmt.Sprintf("The ID of the %s: the key of the %s relation of Medusa's %s data model.", strings.ReplaceAll(name, "_", " "), name, model.Name)}
		n++
	}
	return n
}

// columnSchema types a column: text and ids are strings, number and serial
// integers, float and bigNumber numbers, dateTime date-time strings, array
// lists of strings, enum strings (their values in the description), json
// objects (the DML declares them Record<string, unknown>; null is a nil map,
// so they are not marked nullable).
func columnSchema(model *Model, name string, c Column) map[string]any {
	desc := fmt.Sprintf("A column of Medusa's %s data model (%s) the spec does not document.", model.Name, c.Type)
	s := map[string]any{}
	switch c.Type {
	case "text", "id":
		s["type"] = "string"
	case "enum":
		s["type"] = "string"
		if len(c.Values) > 0 {
			desc += " One of: " + strings.Join(c.Values, ", ") + "."
		}
	case "number", "serial":
		s["type"] = "integer"
	case "float", "bigNumber":
		s["type"] = "number"
	case "boolean":
		s["type"] = "boolean"
	case "dateTime":
		s["type"], s["format"] = "string", "date-time"
	case "array":
		s["type"], s["items"] = "array", map[string]any{"type": "string"}
	case "json":
		s["type"], s["additionalProperties"] = "object", true
	}
	if c.Nullable && c.Type != "json" && s["type"] != nil {
		s["nullable"] = true
	}
	s["description"] = desc
	return s
}

// common are the columns every model has (or many do): they say nothing
// about which model a schema describes.
var common = map[string]bool{"id": true, "created_at": true, "updated_at": true, "deleted_at": true, "metadata": true}

// shares tells whether schema s can describe the model: it does unless it
// has properties of its own (not id, timestamps or metadata) of which fewer
// than half are the model's columns, relations or keys, while it also
// documents fewer than half of the model's own stored columns. A schema named
// like a model but describing something else (an order's computed summary
// and the order module's summary row) fails both.
func shares(s map[string]any, model *Model) bool {
	props, _ := s["properties"].(map[string]any)
	if props == nil {
		return false
	}
	own, known := 0, 0
	for k := range props {
		if common[k] {
			continue
		}
		own++
		if model.has(k) {
			known++
		}
	}
	if own == 0 || 2*known >= own {
		return true
	}
	stored, documented := 0, 0
	for k, c := range model.Columns {
		if common[k] || c.Computed || strings.HasPrefix(k, "raw_") {
			continue
		}
		stored++
		if props[k] != nil {
			documented++
		}
	}
	return stored > 0 && 2*documented >= stored
}

// has tells whether k is one of the model's columns, relations or keys.
func (m *Model) has(k string) bool {
	if _, ok := m.Columns[k]; ok {
		return true
	}
	if _, ok := m.Relations[k]; ok {
		return true
	}
	for _, r := range m.Relations {
		if r.Key == k {
			return true
		}
	}
	return false
}

type modelIndex struct {
	named map[string]*Model   // model name → model (names used twice: absent)
	keys  map[string][]*Model // snake_case name or table → models
}

func newModelIndex(raw *Models) modelIndex {
	ix := modelIndex{named: map[string]*Model{}, keys: map[string][]*Model{}}
	twice := map[string]bool{}
	for _, model := range raw.Models {
		if model == nil {
			continue
		}
		if _, dup := ix.named[model.Name]; dup {
			twice[model.Name] = true
		}
		ix.named[model.Name] = model
		for _, k := range []string{snake(model.Name), snake(model.Table)} {
			if !slices.Contains(ix.keys[k], model) {
				ix.keys[k] = append(ix.keys[k], model)
			}
		}
	}
	for name := range twice {
		delete(ix.named, name)
	}
	return ix
}

// one is the single model named or stored as key, else nil.
func (ix modelIndex) one(key string) *Model {
	if ms := ix.keys[key]; len(ms) == 1 {
		return ms[0]
	}
	return nil
}

// byName is the model a component's name points to (see modelColumns).
func (ix modelIndex) byName(doc map[string]any, name string) *Model {
	rest := name
	for _, p := range []string{"Admin", "Store", "Base"} {
		if r, ok := strings.CutPrefix(name, p); ok && r != "" && unicode.IsUpper(rune(r[0])) {
			rest = r
			break
		}
	}
	prefix := strings.TrimSuffix(name, rest)
	if rest == "" || strings.HasSuffix(rest, "Response") {
		return nil
	}
	if model := ix.one(snake(rest)); model != nil {
		return model
	}
	// <P><Owner><X> seen from its owner <P><Owner>.
	words := camelWords(rest)
	for i := len(words) - 1; i >= 1; i-- {
		owner := strings.Join(words[:i], "")
		o, _ := component(doc, "schemas")[prefix+owner].(map[string]any)
		if o == nil || ix.one(snake(owner)) == nil || !refersTo(o, name) {
			continue
		}
		return ix.one(snake(strings.Join(words[i:], "")))
	}
	return nil
}

// snake writes ProductVariant, productVariant and product_variant alike.
func snake(s string) string {
	var b strings.Builder
	for i, r := range s {
		if unicode.IsUpper(r) {
			if i > 0 && s[i-1] != '_' {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}
