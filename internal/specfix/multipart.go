package specfix

import "strings"

// file-bodies-are-multipart: Medusa's docs generator writes a route that
// takes uploaded files (read on the server by multer: POST /admin/uploads
// reads the "files" parts, the deprecated POST /admin/products/import the
// "file" part) as an application/json body whose file properties are
// objects documented as the browser's File (externalDocs pointing to MDN's
// File API page). No JSON body can carry a File, and the server ignores
// one. The rule makes such a body multipart/form-data: each property that
// is a File becomes a binary part, each that is an array of Files (or of a
// union with a File branch) a list of binary parts; the other properties
// stay form fields. A union body (uploads: {files: [...]} or a bare list of
// Files) uses its object branch that has file properties.

// isWebFile reports whether s is an object documented as a browser File.
func isWebFile(doc map[string]any, v any) bool {
	s := resolve(doc, v)
	if s == nil {
		return false
	}
	if ext, _ := s["externalDocs"].(map[string]any); ext != nil {
		if u, _ := ext["url"].(string); strings.HasSuffix(strings.TrimSuffix(u, "/"), "/Web/API/File") {
			return true
		}
	}
	for _, k := range []string{"oneOf", "anyOf"} {
		branches, _ := s[k].([]any)
		for _, b := range branches {
			if isWebFile(doc, b) {
				return true
			}
		}
	}
	return false
}

// fileField is the multipart schema of a property that holds files, or nil.
func fileField(doc map[string]any, v any) map[string]any {
	s := resolve(doc, v)
	if s == nil {
		return nil
	}
	binary := map[string]any{"type": "string", "format": "binary"}
	desc, _ := s["description"].(string)
	if isWebFile(doc, s) {
		out := binary
		if desc != "" {
			out["description"] = desc
		}
		return out
	}
	if t, _ := s["type"].(string); t == "array" && isWebFile(doc, s["items"]) {
		out := map[string]any{"type": "array", "items": binary}
		if desc != "" {
			out["description"] = desc
		}
		return out
	}
	return nil
}

// multipartSchema is the form schema of a JSON body schema that holds files,
// or nil when it holds none.
func multipartSchema(doc map[string]any, schema any) map[string]any {
	s := resolve(doc, schema)
	if s == nil {
		return nil
	}
	candidates := []map[string]any{s}
	for _, k := range []string{"oneOf", "anyOf"} {
		if branches, ok := s[k].([]any); ok {
			candidates = nil
			for _, b := range branches {
				candidates = append(candidates, resolve(doc, b))
			}
		}
	}
	for _, c := range candidates {
		props, _ := c["properties"].(map[string]any)
		out := map[string]any{}
		files := 0
		for _, name := range sortedKeys(props) {
			if f := fileField(doc, props[name]); f != nil {
				out[name] = f
				files++
				continue
			}
			out[name] = props[name]
		}
		if files == 0 {
			continue
		}
		form := map[string]any{"type": "object", "properties": out}
		if req, ok := c["required"]; ok {
			form["required"] = req
		}
		if d, ok := s["description"]; ok {
			form["description"] = d
		}
		return form
	}
	return nil
}

func fileBodiesAreMultipart(doc map[string]any, rep *Report) error {
	n := 0
	for _, o := range operations(doc) {
		body := resolveRequestBody(doc, o.op["requestBody"])
		content, _ := body["content"].(map[string]any)
		js, _ := content["application/json"].(map[string]any)
		if len(content) != 1 || js == nil {
			continue
		}
		form := multipartSchema(doc, js["schema"])
		if form == nil {
			continue
		}
		nb := map[string]any{"content": map[string]any{"multipart/form-data": map[string]any{"schema": form}}}
		for _, k := range []string{"description", "required"} {
			if v, ok := body[k]; ok {
				nb[k] = v
			}
		}
		o.op["requestBody"] = nb
		n++
	}
	rep.add("file-bodies-are-multipart", n)
	return nil
}
