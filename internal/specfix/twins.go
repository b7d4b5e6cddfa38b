package specfix

import (
	"fmt"
	"strings"
)

// batchTwins is a step of validator-shapes: a batch route's update items and
// the single update of the same resource document each other's missing
// properties.
//
// Medusa's `POST <path>/batch` takes `update[]` items shaped like the body of
// `POST <path>/{id}` (the same validator with the id inside); the spec
// describes the two separately and they drift (the product batch update
// documents `shipping_profile_id` and `option_ids`, the product update not).
// A property one side's validator takes and its spec object lacks is copied
// from the other side's spec object when that documents it (never "id",
// which only the batch item carries). Only objects no answer reaches and no
// other body shares are changed, so the copy is this route's alone.
func batchTwins(doc map[string]any, bodies map[string]*Shape, answers map[string]bool, rep *Report) {
	uses := bodyUses(doc)
	ops := map[string]opRef{}
	for _, op := range operations(doc) {
		if op.method == "post" {
			ops[op.path] = op
		}
	}
	for _, batchPath := range sortedKeys(anyMap(ops)) {
		parent, ok := strings.CutSuffix(batchPath, "/batch")
		if !ok {
			continue
		}
		batchShape := bodies["POST "+pathParam.ReplaceAllString(batchPath, "{}")]
		if batchShape == nil || batchShape.Keys["update"].Shape == nil {
			continue
		}
		for _, singlePath := range sortedKeys(anyMap(ops)) {
			rest, ok := strings.CutPrefix(singlePath, parent+"/")
			if !ok || !pathParam.MatchString(rest) || pathParam.ReplaceAllString(rest, "") != "" {
				continue
			}
			singleShape := bodies["POST "+pathParam.ReplaceAllString(singlePath, "{}")]
			if singleShape == nil {
				continue
			}
			tw := twinWalker{doc: doc, answers: answers, uses: uses}
			item := tw.batchItem(ops[batchPath])
			single := tw.bodyParts(jsonBody(doc, ops[singlePath]))
			if item == nil || len(single) == 0 {
				continue
			}
			n := copyTwin(single, []map[string]any{item}, singleShape, "POST "+singlePath, rep)
			n += copyTwin([]map[string]any{item}, single, batchShape.Keys["update"].Shape, "POST "+batchPath+" update[]", rep)
			rep.add("validator-shapes", n)
		}
	}
	createTwins(doc, bodies, ops, answers, uses, rep)
}

// createTwins: the create of a collection (POST <path>) and the update of
// one of its records (POST <path>/{id}) describe the same record's fields;
// each takes from the other what its validator takes and it lacks.
func createTwins(doc map[string]any, bodies map[string]*Shape, ops map[string]opRef, answers map[string]bool, uses map[string]int, rep *Report) {
	for _, path := range sortedKeys(anyMap(ops)) {
		i := strings.LastIndex(path, "/")
		parent, last := path[:max(i, 0)], path[i+1:]
		if i <= 0 || pathParam.ReplaceAllString(last, "") != "" || !pathParam.MatchString(last) {
			continue
		}
		create, ok := ops[parent]
		if !ok || strings.HasSuffix(parent, "}") {
			continue
		}
		createShape := bodies["POST "+pathParam.ReplaceAllString(parent, "{}")]
		updateShape := bodies["POST "+pathParam.ReplaceAllString(path, "{}")]
		if createShape == nil || updateShape == nil {
			continue
		}
		tw := twinWalker{doc: doc, answers: answers, uses: uses}
		c := tw.bodyParts(jsonBody(doc, create))
		u := tw.bodyParts(jsonBody(doc, ops[path]))
		if len(c) == 0 || len(u) == 0 {
			continue
		}
		n := copyTwin(c, u, createShape, "POST "+parent, rep)
		n += copyTwin(u, c, updateShape, "POST "+path, rep)
		rep.add("validator-shapes", n)
	}
}

// copyTwin gives the first of to the properties shape takes (not refused,
// not "id") that no part of to has and a part of from documents.
func copyTwin(to, from []map[string]any, shape *Shape, where string, rep *Report) int {
	has := map[string]bool{}
	for _, p := range to {
		for name := range props(p) {
			has[name] = true
		}
	}
	n := 0
	for _, name := range sortedShapeKeys(shape) {
		key := shape.Keys[name]
		if has[name] || key.Refused || name == "id" {
			continue
		}
		for _, f := range from {
			src, ok := props(f)[name]
			if !ok {
				continue
			}
			p := props(to[0])
			if p == nil {
				p = map[string]any{}
				to[0]["properties"] = p
			}
			p[name] = deepCopy(src)
			if !key.Optional && !key.Union {
				req, _ := to[0]["required"].([]any)
				to[0]["required"] = append(req, name)
			}
			n++
			rep.Notes = append(rep.Notes, fmt.Sprintf("validator-shapes: %s: %q copied from its twin", where, name))
			break
		}
	}
	return n
}

type twinWalker struct {
	doc     map[string]any
	answers map[string]bool
	uses    map[string]int
}

// own follows v to an object this body alone may change: inline, or a
// component no answer reaches and no other body uses; nil otherwise.
func (t twinWalker) own(v any) map[string]any {
	return ownObject(t.doc, v, func(name string) bool { return t.answers[name] || t.uses[name] > 1 })
}

// bodyParts is the object of a body, or its allOf parts this body owns
// (the first one with properties first).
func (t twinWalker) bodyParts(v any) []map[string]any {
	s := t.own(v)
	if s == nil {
		return nil
	}
	all, ok := s["allOf"].([]any)
	if !ok {
		if s["type"] != "object" && props(s) == nil {
			return nil
		}
		return []map[string]any{s}
	}
	var parts []map[string]any
	for _, p := range all {
		o := t.own(p)
		if o == nil {
			return nil // a shared part: leave the body alone
		}
		parts = append(parts, o)
	}
	for i, p := range parts {
		if props(p) != nil {
			parts[0], parts[i] = parts[i], parts[0]
			break
		}
	}
	return parts
}

// batchItem is the object of a batch body's update items, when owned.
func (t twinWalker) batchItem(op opRef) map[string]any {
	body := t.own(jsonBody(t.doc, op))
	if body == nil {
		return nil
	}
	update := t.own(props(body)["update"])
	if update == nil || update["type"] != "array" {
		return nil
	}
	item := t.own(update["items"])
	if item == nil || props(item) == nil {
		return nil
	}
	return item
}

// jsonBody is the schema of an operation's application/json request body.
func jsonBody(doc map[string]any, op opRef) any {
	content, _ := resolve(doc, op.op["requestBody"])["content"].(map[string]any)
	media, _ := content["application/json"].(map[string]any)
	return media["schema"]
}
