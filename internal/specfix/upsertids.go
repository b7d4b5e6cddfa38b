package specfix

import (
	"fmt"
	"slices"
	"strings"
)

// upsertIDs is the last step of validator-shapes: list items the server
// upserts get the "id" that picks the record to update.
//
// Medusa's validators take some lists (a product update's variants) as
// upserts: the item's object has an optional "id"; an item with it updates
// that record, one without creates a record, and records the list leaves
// out are deleted. The spec documents such a list as a union of a create
// shape and an update shape, neither with "id", so an existing record could
// not be named and a typed update that listed variants replaced them all.
//
// An object gains an optional string "id" when it is a list item (directly
// or as a branch of the item's union), the validator's object at that place
// takes an optional "id", the object has none, and it is an update shape: it
// requires nothing the validator leaves optional (a create shape, which
// requires a title, stays as it is). A component gains it only when every
// operation whose body reaches it agrees and no answer reaches it, so the
// change is the same for every body that shares it (a new optional field: no
// name changes).
func upsertIDs(doc map[string]any, bodies map[string]*Shape, answers map[string]bool, rep *Report) {
	votes := map[string]map[string]bool{} // component → operation → takes an id there
	var inline []map[string]any
	var where []string
	for _, op := range operations(doc) {
		where1 := strings.ToUpper(op.method) + " " + op.path
		shape := bodies[factsKey(op)]
		if shape == nil {
			continue
		}
		u := upsertWalker{doc: doc, op: where1, votes: votes}
		u.walk(jsonBody(doc, op), shape, false, 0)
		for _, s := range u.inline {
			if !slices.ContainsFunc(inline, func(o map[string]any) bool { return sameMap(o, s) }) {
				inline = append(inline, s)
				where = append(where, where1)
			}
		}
	}
	uses := bodyUses(doc)
	schemas := component(doc, "schemas")
	for _, name := range sortedKeys(anyMap(votes)) {
		byOp := votes[name]
		agree := !answers[name] && len(byOp) == uses[name]
		for _, ok := range byOp {
			agree = agree && ok
		}
		s, _ := schemas[name].(map[string]any)
		if !agree || s == nil {
			continue
		}
		addUpsertID(s)
		rep.add("validator-shapes", 1)
		rep.Notes = append(rep.Notes, fmt.Sprintf("validator-shapes: %s: \"id\" added (an upserted list item, in %d bodies)", name, len(byOp)))
	}
	for i, s := range inline {
		addUpsertID(s)
		rep.add("validator-shapes", 1)
		rep.Notes = append(rep.Notes, fmt.Sprintf("validator-shapes: %s: \"id\" added to an upserted list item", where[i]))
	}
}

func addUpsertID(s map[string]any) {
	p := props(s)
	if p == nil {
		p = map[string]any{}
		s["properties"] = p
	}
	p["id"] = map[string]any{
		"type":        "string",
		"description": "The ID of the existing record to update; without it, the item creates a new record.",
	}
}

type upsertWalker struct {
	doc    map[string]any
	op     string
	votes  map[string]map[string]bool
	inline []map[string]any
}

// walk follows v (a schema of this operation's body) beside the validator's
// shape; item tells whether v is a list item.
func (u *upsertWalker) walk(v any, shape *Shape, item bool, depth int) {
	if shape == nil || depth > 10 {
		return
	}
	s, _ := v.(map[string]any)
	name := ""
	for i := 0; s != nil && i < 8; i++ {
		ref, ok := s["$ref"].(string)
		if !ok {
			break
		}
		n, ok := schemaRefName(ref)
		if !ok {
			return
		}
		name = n
		s, _ = component(u.doc, "schemas")[n].(map[string]any)
	}
	if s == nil {
		return
	}
	if s["type"] == "array" {
		u.walk(s["items"], shape, true, depth+1)
		return
	}
	for _, k := range []string{"oneOf", "anyOf"} {
		if branches, ok := s[k].([]any); ok {
			for _, b := range branches {
				u.walk(b, shape, item, depth+1)
			}
			return
		}
	}
	if all, ok := s["allOf"].([]any); ok {
		for _, part := range all {
			u.walk(part, shape, item, depth+1)
		}
	}
	p := props(s)
	if p == nil {
		return
	}
	if _, has := p["id"]; !has && name != "" {
		if u.votes[name] == nil {
			u.votes[name] = map[string]bool{}
		}
		prev, seen := u.votes[name][u.op]
		u.votes[name][u.op] = (!seen || prev) && item && upsertTarget(s, shape)
	} else if !has && item && upsertTarget(s, shape) {
		u.inline = append(u.inline, s)
	}
	for _, k := range sortedKeys(p) {
		if key, ok := shape.Keys[k]; ok && key.Shape != nil {
			u.walk(p[k], key.Shape, false, depth+1)
		}
	}
}

// upsertTarget: the validator's object takes an optional "id", and s is an
// update shape (it requires nothing the validator leaves optional).
func upsertTarget(s map[string]any, shape *Shape) bool {
	id, ok := shape.Keys["id"]
	if !ok || !id.Optional || id.Refused {
		return false
	}
	req, _ := s["required"].([]any)
	for _, r := range req {
		name, _ := r.(string)
		if key, ok := shape.Keys[name]; ok && key.Optional {
			return false
		}
	}
	return true
}

func anyMap[V any](m map[string]V) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func sameMap(a, b map[string]any) bool {
	return fmt.Sprintf("%p", a) == fmt.Sprintf("%p", b)
}
