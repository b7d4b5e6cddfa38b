package specfix

import (
	"strings"
)

// The answer rules give a JSON answer to operations whose success responses
// declare no content at all, where the spec itself shows what the server
// sends. Without one, the SDK method could only return an error and would
// throw the server's JSON away. They run in this order, each on what the
// previous ones left:
//
//   - answer-from-workflow: another operation runs the same workflow
//     (x-workflow), with the same method and the same last path segment, and
//     documents its answer: that answer.
//   - answer-from-family: the nearest enclosing path (with a path parameter)
//     whose other POST/DELETE operations document one and the same named
//     answer: that answer. The DELETE of the family's root itself is left to
//     answer-deletion.
//   - answer-deletion: a DELETE of a readable record (its path ends in a path
//     parameter and has a GET) or of a family's root: Medusa's deletion
//     answer {id, object, deleted}.
//   - answer-stream-sibling: a GET whose last segment is that of a
//     documented text/event-stream operation under the same prefix: that
//     stream (not JSON).
//   - answer-json-default: any other 200/201 answer without content: a
//     free-form JSON object, so the caller gets what the server sent.
//
// A 202 or 204 answer without content is left alone: the work happens later
// (Medusa sends an empty {} with 202) or nothing is sent.

// DeleteResponseName is the component given to Medusa's deletion answer.
const DeleteResponseName = "DeleteResponse"

// bare reports the 2xx responses of an operation that declare no content,
// and whether every 2xx response is like that.
func bareSuccess(doc map[string]any, op map[string]any) (codes []string, all bool) {
	rs, _ := op["responses"].(map[string]any)
	any2xx := false
	for _, code := range sortedKeys(rs) {
		if !strings.HasPrefix(code, "2") {
			continue
		}
		any2xx = true
		r := resolve(doc, rs[code])
		if c, _ := r["content"].(map[string]any); len(c) > 0 {
			return nil, false
		}
		codes = append(codes, code)
	}
	return codes, any2xx
}

// jsonAnswer is the JSON schema of an operation's lowest documented 2xx
// answer, or nil.
func jsonAnswer(doc map[string]any, op map[string]any) map[string]any {
	rs, _ := op["responses"].(map[string]any)
	for _, code := range sortedKeys(rs) {
		if !strings.HasPrefix(code, "2") {
			continue
		}
		r := resolve(doc, rs[code])
		content, _ := r["content"].(map[string]any)
		mt, _ := content["application/json"].(map[string]any)
		if s, ok := mt["schema"].(map[string]any); ok {
			return s
		}
	}
	return nil
}

// setAnswer gives the operation's bare 2xx responses (200/201 only) the
// schema under the content type. Responses shared through $ref are copied
// into the operation first, so no other operation changes.
func setAnswer(doc map[string]any, op map[string]any, contentType string, schema map[string]any) int {
	rs, _ := op["responses"].(map[string]any)
	codes, _ := bareSuccess(doc, op)
	n := 0
	for _, code := range codes {
		if code != "200" && code != "201" {
			continue
		}
		r := deepCopy(resolve(doc, rs[code])).(map[string]any)
		r["content"] = map[string]any{contentType: map[string]any{"schema": deepCopy(schema)}}
		rs[code] = r
		n++
	}
	return n
}

// undocumented lists the operations whose every 2xx answer is bare and that
// have a 200 or 201 among them.
func undocumented(doc map[string]any) []opRef {
	var out []opRef
	for _, o := range operations(doc) {
		codes, all := bareSuccess(doc, o.op)
		if !all {
			continue
		}
		for _, c := range codes {
			if c == "200" || c == "201" {
				out = append(out, o)
				break
			}
		}
	}
	return out
}

func lastSegment(p string) string {
	return p[strings.LastIndex(p, "/")+1:]
}

func answerFromWorkflow(doc map[string]any, rep *Report) error {
	type key struct{ wf, method, last string }
	answers := map[key][]map[string]any{}
	for _, o := range operations(doc) {
		wf, _ := o.op["x-workflow"].(string)
		if s := jsonAnswer(doc, o.op); wf != "" && s != nil {
			k := key{wf, o.method, lastSegment(o.path)}
			answers[k] = append(answers[k], s)
		}
	}
	for _, o := range undocumented(doc) {
		wf, _ := o.op["x-workflow"].(string)
		if wf == "" {
			continue
		}
		if s := uniform(answers[key{wf, o.method, lastSegment(o.path)}]); s != nil {
			rep.add("answer-from-workflow", setAnswer(doc, o.op, "application/json", s))
		}
	}
	return nil
}

// uniform is the one $ref all the schemas are, or nil.
func uniform(list []map[string]any) map[string]any {
	if len(list) == 0 {
		return nil
	}
	ref, _ := list[0]["$ref"].(string)
	if ref == "" {
		return nil
	}
	for _, s := range list[1:] {
		if r, _ := s["$ref"].(string); r != ref {
			return nil
		}
	}
	return map[string]any{"$ref": ref}
}

// family finds the nearest path A enclosing p (p itself or an ancestor that
// still has a path parameter) under which some POST/DELETE operation other
// than p's documents an answer. It returns A and the one $ref they all
// answer, or nil when they differ.
func family(doc map[string]any, p string) (string, map[string]any) {
	segs := strings.Split(p, "/")
	for k := len(segs); k > 1; k-- {
		root := strings.Join(segs[:k], "/")
		if !strings.Contains(root, "{") {
			return "", nil
		}
		var found []map[string]any
		for _, o := range operations(doc) {
			if o.method != "post" && o.method != "delete" {
				continue
			}
			if o.path != root && !strings.HasPrefix(o.path, root+"/") {
				continue
			}
			if s := jsonAnswer(doc, o.op); s != nil {
				found = append(found, s)
			}
		}
		if len(found) > 0 {
			return root, uniform(found)
		}
	}
	return "", nil
}

func answerFromFamily(doc map[string]any, rep *Report) error {
	type change struct {
		op     map[string]any
		schema map[string]any
	}
	var changes []change // decided on the spec as it was, applied after
	for _, o := range undocumented(doc) {
		if o.method != "post" && o.method != "delete" {
			continue
		}
		root, s := family(doc, o.path)
		if s == nil || (o.method == "delete" && root == o.path) {
			continue
		}
		changes = append(changes, change{o.op, s})
	}
	for _, c := range changes {
		rep.add("answer-from-family", setAnswer(doc, c.op, "application/json", c.schema))
	}
	return nil
}

func answerDeletion(doc map[string]any, rep *Report) error {
	paths, _ := doc["paths"].(map[string]any)
	for _, o := range undocumented(doc) {
		if o.method != "delete" {
			continue
		}
		item, _ := paths[o.path].(map[string]any)
		_, readable := item["get"].(map[string]any)
		readable = readable && strings.HasSuffix(o.path, "}")
		root, _ := family(doc, o.path)
		if !readable && root != o.path {
			continue
		}
		schemas := component(doc, "schemas")
		if _, ok := schemas[DeleteResponseName]; !ok {
			schemas[DeleteResponseName] = deleteResponseSchema()
		}
		rep.add("answer-deletion", setAnswer(doc, o.op, "application/json",
			map[string]any{"$ref": "#/components/schemas/" + DeleteResponseName}))
	}
	return nil
}

func deleteResponseSchema() map[string]any {
	str := func(d string) map[string]any { return map[string]any{"type": "string", "description": d} }
	return map[string]any{
		"type":        "object",
		"description": "Medusa's answer to a deletion: what was deleted.",
		"required":    []any{"id", "object", "deleted"},
		"properties": map[string]any{
			"id":      str("The ID of the deleted record."),
			"object":  str("The kind of record deleted, for example draft-order."),
			"deleted": map[string]any{"type": "boolean", "description": "Whether the record was deleted."},
		},
	}
}

func answerStreamSibling(doc map[string]any, rep *Report) error {
	type stream struct {
		prefix, last string
		content      any
	}
	var streams []stream
	for _, o := range operations(doc) {
		rs, _ := o.op["responses"].(map[string]any)
		r := resolve(doc, rs["200"])
		content, _ := r["content"].(map[string]any)
		if mt, ok := content["text/event-stream"].(map[string]any); ok {
			streams = append(streams, stream{pathPrefix(o.path), lastSegment(o.path), mt})
		}
	}
	for _, o := range undocumented(doc) {
		if o.method != "get" {
			continue
		}
		for _, s := range streams {
			if s.last == lastSegment(o.path) && s.prefix == pathPrefix(o.path) {
				mt, _ := s.content.(map[string]any)
				schema, _ := mt["schema"].(map[string]any)
				rep.add("answer-stream-sibling", setAnswer(doc, o.op, "text/event-stream", schema))
				break
			}
		}
	}
	return nil
}

// pathPrefix is the path up to its first path parameter.
func pathPrefix(p string) string {
	if i := strings.Index(p, "/{"); i >= 0 {
		return p[:i]
	}
	return p
}

func answerJSONDefault(doc map[string]any, rep *Report) error {
	for _, o := range undocumented(doc) {
		rep.add("answer-json-default", setAnswer(doc, o.op, "application/json", map[string]any{
			"type":                 "object",
			"additionalProperties": true,
			"description":          "The server's JSON answer; Medusa's spec does not describe it.",
		}))
	}
	return nil
}
