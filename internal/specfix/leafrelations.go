package specfix

import (
	"fmt"
	"strings"
)

// modelLeafRelations gives each component model-columns matches to a data
// model by name (see matchModels) the to-many relations of that model it
// lacks whose target is a leaf: a model whose only relation is the
// belongsTo back to this one, and which no component of this API describes.
// Such a relation is a list of plain rows (a fulfillment's labels: tracking
// number, tracking and label URLs), sent when asked for (fields=*labels), and
// its rows have nothing to ask for in turn. The rows' schema is new:
// <Component><Relation in Go, singular> (StoreOrderFulfillmentLabel), with
// the leaf's stored columns typed as model-columns types them and the key
// back to the owner; the property is optional. Relations to models the API
// already describes, or to models with relations of their own, are left
// alone: choosing their schema, and what the relations pass would then ask
// for, is another rule's work (openapi/README.md, the sweep's gaps).
// Without models the rule does nothing; it runs before model-columns, which
// removes the facts from the document.
func modelLeafRelations(doc map[string]any, rep *Report) error {
	raw, ok := doc[ModelsKey].(*Models)
	if !ok || raw == nil {
		return nil
	}
	c := matchModels(doc, raw, &Report{})
	described := map[string]bool{}
	for _, m := range c.matched {
		described[m.Name] = true
	}
	for _, in := range c.inline {
		described[in.model.Name] = true
	}
	byName := map[string]*Model{}
	for _, m := range raw.Models {
		byName[m.Name] = m
	}
	n := 0
	for _, name := range sortedMapKeys(c.matched) {
		model := c.matched[name]
		s, _ := c.schemas[name].(map[string]any)
		props, _ := s["properties"].(map[string]any)
		if props == nil {
			continue
		}
		for _, rel := range sortedMapKeys(model.Relations) {
			r := model.Relations[rel]
			leaf := byName[r.Model]
			if r.Kind != "hasMany" || leaf == nil || described[leaf.Name] || !isLeafOf(leaf, model.Name) {
				continue
			}
			if _, has := props[rel]; has {
				continue
			}
			row := name + goName(singular(rel))
			if _, taken := c.schemas[row]; taken {
				continue
			}
			c.schemas[row] = leafSchema(leaf)
			props[rel] = map[string]any{
				"type":        "array",
				"description": fmt.Sprintf("The %s: the %s relation of Medusa's %s data model, sent when asked for (fields=*%s).", strings.ReplaceAll(rel, "_", " "), rel, model.Name, rel),
				"items":       map[string]any{"$ref": "#/components/schemas/" + row},
			}
			n++
		}
	}
	if n > 0 {
		rep.add("model-leaf-relations", n)
	}
	return nil
}

// isLeafOf tells whether every relation of leaf is a belongsTo to owner.
func isLeafOf(leaf *Model, owner string) bool {
	for _, r := range leaf.Relations {
		if r.Kind != "belongsTo" || r.Model != owner {
			return false
		}
	}
	return true
}

// leafSchema is the schema of a leaf model's row: its stored columns and its
// key back to the owner. A json column other than metadata is any JSON value.
func leafSchema(leaf *Model) map[string]any {
	props := map[string]any{}
	for _, name := range sortedMapKeys(leaf.Columns) {
		col := leaf.Columns[name]
		if col.Computed || strings.HasPrefix(name, "raw_") {
			continue
		}
		props[name] = columnSchema(leaf, name, col)
		if col.Type == "json" && name != "metadata" {
			// A json column holds any JSON value: a shipping option rule's
			// value is "true" or a list.
			props[name] = map[string]any{"description": fmt.Sprintf("A json column of Medusa's %s data model: any JSON value.", leaf.Name)}
		}
	}
	for _, name := range sortedMapKeys(leaf.Relations) {
		if r := leaf.Relations[name]; r.Key != "" {
			props[r.Key] = map[string]any{"type": "string",
				"description": fmt.Sprintf("The ID of the %s: the key of the %s relation of Medusa's %s data model.", strings.ReplaceAll(name, "_", " "), name, leaf.Name)}
		}
	}
	return map[string]any{
		"type":        "object",
		"description": fmt.Sprintf("A row of Medusa's %s data model.", leaf.Name),
		"properties":  props,
	}
}
