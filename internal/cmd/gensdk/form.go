package main

import (
	"fmt"
	"sort"
	"strings"
)

// Multipart bodies and event streams (openapi/README.md, "Uploads and
// streams in the SDK layer"):
//
//   - an operation whose request body is multipart/form-data (the specfix
//     rule file-bodies-are-multipart makes Medusa's file routes so) takes a
//     <Method>Form struct: a binary property is a File, an array of binary
//     properties a []File, a string property a string (*string when
//     optional). The method encodes the form (sdkrt.Form) and sends it with
//     the raw client's <Op>WithBody;
//   - an operation whose success answer is text/event-stream returns
//     iter.Seq2[Event, error], the events as they arrive (sdkrt.Events).

// formField is one field of a multipart form.
type formField struct {
	Name     string // the form field's name
	GoName   string
	Kind     string // "files", "file" or "string"
	Required bool
	Doc      string
}

// readBodyKinds reads, from the spec document, whether an operation's body
// is a multipart form (and its fields) and whether it answers a stream.
func readBodyKinds(doc map[string]any, path, method string, o *operation) error {
	paths, _ := doc["paths"].(map[string]any)
	item, _ := paths[path].(map[string]any)
	op, _ := item[method].(map[string]any)
	body := deref(doc, op["requestBody"])
	content, _ := body["content"].(map[string]any)
	if mp, ok := content["multipart/form-data"].(map[string]any); ok {
		if len(content) != 1 {
			return fmt.Errorf("%s %s: a multipart body beside other content types is not supported", method, path)
		}
		o.Multipart = true
		s := deref(doc, mp["schema"])
		req := map[string]bool{}
		if rs, ok := s["required"].([]any); ok {
			for _, r := range rs {
				if n, ok := r.(string); ok {
					req[n] = true
				}
			}
		}
		props, _ := s["properties"].(map[string]any)
		names := make([]string, 0, len(props))
		for n := range props {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			p := deref(doc, props[n])
			f := formField{Name: n, GoName: goIdent(n), Required: req[n]}
			f.Doc, _ = p["description"].(string)
			typ, _ := p["type"].(string)
			format, _ := p["format"].(string)
			items := deref(doc, p["items"])
			switch {
			case typ == "string" && format == "binary":
				f.Kind = "file"
			case typ == "array" && items["type"] == "string" && items["format"] == "binary":
				f.Kind = "files"
			case typ == "string":
				f.Kind = "string"
			default:
				return fmt.Errorf("%s %s: multipart field %q of type %q: not supported by gensdk (form.go)", method, path, n, typ)
			}
			o.Form = append(o.Form, f)
		}
	}
	rs, _ := op["responses"].(map[string]any)
	codes := make([]string, 0, len(rs))
	for c := range rs {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	for _, c := range codes {
		if !strings.HasPrefix(c, "2") {
			continue
		}
		r := deref(doc, rs[c])
		rc, _ := r["content"].(map[string]any)
		if _, ok := rc["text/event-stream"]; ok {
			o.Stream = true
		}
		break
	}
	return nil
}

// deref follows a local $ref ("#/components/<kind>/<name>").
func deref(doc map[string]any, v any) map[string]any {
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
		comps, _ := doc["components"].(map[string]any)
		kind, _ := comps[parts[1]].(map[string]any)
		m, _ = kind[strings.ReplaceAll(strings.ReplaceAll(parts[2], "~1", "/"), "~0", "~")].(map[string]any)
	}
	return m
}

// renderFormType writes the <Method>Form type of a multipart operation.
func renderFormType(w func(string, ...any), op *operation, form string) {
	w("// %s is the multipart form %s sends: each File is one part,\n", form, op.Name)
	w("// with its name and content type.\ntype %s struct {\n", form)
	for _, f := range op.Form {
		doc := strings.TrimSpace(f.Doc)
		if doc == "" {
			doc = "The " + f.Name + " field."
		}
		req := "optional"
		if f.Required {
			req = "required"
		}
		switch f.Kind {
		case "files":
			w("\t// %s\n\t// One %q part per file (%s).\n\t%s []File\n", doc, f.Name, req, f.GoName)
		case "file":
			if f.Required {
				w("\t// %s\n\t// The %q part (required).\n\t%s File\n", doc, f.Name, f.GoName)
			} else {
				w("\t// %s\n\t// The %q part; nil sends none.\n\t%s *File\n", doc, f.Name, f.GoName)
			}
		case "string":
			if f.Required {
				w("\t// %s\n\t// The %q field (required).\n\t%s string\n", doc, f.Name, f.GoName)
			} else {
				w("\t// %s\n\t// The %q field; nil sends none.\n\t%s *string\n", doc, f.Name, f.GoName)
			}
		}
	}
	w("}\n\n")
}

// renderForm writes the method of a multipart operation.
func renderForm(w func(string, ...any), pkg string, op *operation, so *sdkOp, rawArgs string) {
	params, _ := so.signature()
	ret, fail := "error", "return err"
	if so.result != "" {
		ret, fail = "(*"+so.result+", error)", "return nil, err"
	}
	w("func (a *API) %s(ctx context.Context%s, opts ...RequestEditorFn) %s {\n", op.Name, params, ret)
	w("\tf := sdkrt.Form{Op: %q}\n", pkg+"."+op.Name)
	for _, f := range op.Form {
		switch f.Kind {
		case "files":
			w("\tf.Files(%q, %t, form.%s...)\n", f.Name, f.Required, f.GoName)
		case "file":
			if f.Required {
				w("\tf.Files(%q, true, form.%s)\n", f.Name, f.GoName)
			} else {
				w("\tif form.%s != nil {\n\t\tf.Files(%q, false, *form.%s)\n\t}\n", f.GoName, f.Name, f.GoName)
			}
		case "string":
			if f.Required {
				w("\tf.Field(%q, &form.%s)\n", f.Name, f.GoName)
			} else {
				w("\tf.Field(%q, form.%s)\n", f.Name, f.GoName)
			}
		}
	}
	w("\tctype, body, err := f.Encode()\n\tif err != nil {\n\t\t%s\n\t}\n", fail)
	w("\tresp, err := a.raw.%sWithBody(ctx%s, ctype, body, opts...)\n", op.ID, rawArgs)
	if so.result == "" {
		w("\treturn sdkrt.Decode(resp, err, nil)\n}\n\n")
		return
	}
	w("\tout := new(%s)\n\tif err := decodeAnswer(resp, err, out); err != nil {\n\t\treturn nil, err\n\t}\n\treturn out, nil\n}\n\n", so.result)
}

// renderStream writes the method of a text/event-stream operation.
func renderStream(w func(string, ...any), op *operation, so *sdkOp) {
	params, args := so.signature()
	w("func (a *API) %s(ctx context.Context%s, opts ...RequestEditorFn) iter.Seq2[Event, error] {\n", op.Name, params)
	w("\treturn sdkrt.Events(ctx, %q, func(ctx context.Context) (*http.Response, error) {\n", op.Method+" "+op.Path)
	w("\t\treturn a.raw.%s(ctx%s, append(opts[:len(opts):len(opts)], sdkrt.AcceptEvents)...)\n\t})\n}\n\n", op.ID, args)
}
