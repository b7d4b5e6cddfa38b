package main

// Order change action details (spec rule action-details, openapi/README.md):
// a record whose `details` the spec leaves a free object, while Medusa's code
// fixes its shape per action, gets one typed struct per action and, on the
// record, an accessor that reads Details as that struct:
//
//	d, err := action.ItemAddDetails() // admin.OrderChangeItemAddDetails
//
// The structs are written to actions.gen.go beside the generated client;
// Details keeps the answer's object as it came.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// The extensions specfix's action-details writes.
const (
	actionDetailsKey = "x-medusa-action-details"
	bigNumberKey     = "x-medusa-big-number"
)

// detailsKey is one key of an action's details.
type detailsKey struct {
	Type       string         `json:"type"`
	Items      map[string]any `json:"items"`
	Additional any            `json:"additionalProperties"`
	Big        bool           `json:"x-medusa-big-number"`
}

// detailsShape is one action's details schema.
type detailsShape struct {
	Properties map[string]detailsKey `json:"properties"`
	Required   []string              `json:"required"`
}

// actionRecord is a component whose details are typed per action.
type actionRecord struct {
	name    string
	actions map[string]detailsShape
}

// readActionRecords lists the component schemas of the spec whose details
// property carries the action-details extension.
func readActionRecords(specPath string) ([]actionRecord, error) {
	b, err := os.ReadFile(specPath)
	if err != nil {
		return nil, err
	}
	var spec struct {
		Components struct {
			Schemas map[string]struct {
				Properties map[string]json.RawMessage `json:"properties"`
			} `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(b, &spec); err != nil {
		return nil, fmt.Errorf("%s: %w", specPath, err)
	}
	var out []actionRecord
	for name, s := range spec.Components.Schemas {
		raw, ok := s.Properties["details"]
		if !ok {
			continue
		}
		var det map[string]json.RawMessage
		if err := json.Unmarshal(raw, &det); err != nil {
			continue
		}
		ext, ok := det[actionDetailsKey]
		if !ok {
			continue
		}
		r := actionRecord{name: name}
		if err := json.Unmarshal(ext, &r.actions); err != nil {
			return nil, fmt.Errorf("%s: %s.details %s: %w", specPath, name, actionDetailsKey, err)
		}
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out, nil
}

// fieldName is oapi-codegen's Go name of a JSON key (reference_id:
// ReferenceId), so a details struct reads like the record around it.
func fieldName(key string) string {
	var b strings.Builder
	for _, w := range strings.Split(key, "_") {
		if w != "" {
			b.WriteString(strings.ToUpper(w[:1]) + w[1:])
		}
	}
	return b.String()
}

// actionWord is an action's value as a Go word: ITEM_ADD is ItemAdd.
func actionWord(v string) string { return fieldName(strings.ToLower(v)) }

// goTypeOf types one key; pointer says whether an optional one is a pointer.
func goTypeOf(k detailsKey) (typ string, pointer bool) {
	switch k.Type {
	case "string":
		return "string", true
	case "number":
		return "float64", true
	case "integer":
		return "int", true
	case "boolean":
		return "bool", true
	case "object":
		return "map[string]interface{}", false
	case "array":
		return "[]map[string]interface{}", false
	}
	return "interface{}", false
}

// writeActions writes actions.gen.go for the records of the generated file
// genPath that the spec gives typed details; with none it removes the file.
func writeActions(pkgName, specPath, genPath, dir string) error {
	recs, err := readActionRecords(specPath)
	if err != nil {
		return err
	}
	path := filepath.Join(dir, "actions.gen.go")
	genSrc, err := os.ReadFile(genPath)
	if err != nil {
		return err
	}
	src, err := renderActions(pkgName, genSrc, recs)
	if err != nil {
		return fmt.Errorf("actions.gen.go: %w", err)
	}
	if src == nil {
		if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
			return err
		}
		return nil
	}
	return os.WriteFile(path, src, 0o644)
}

// renderActions writes the details types and accessors (nil when no record
// of genSrc has typed details).
func renderActions(pkgName string, genSrc []byte, recs []actionRecord) ([]byte, error) {
	f, err := parser.ParseFile(token.NewFileSet(), "gen.go", genSrc, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	declared := map[string]bool{}
	fields := map[string]map[string]string{} // struct -> field -> type expression
	for _, decl := range f.Decls {
		d, ok := decl.(*ast.GenDecl)
		if !ok {
			continue
		}
		for _, s := range d.Specs {
			switch s := s.(type) {
			case *ast.TypeSpec:
				declared[s.Name.Name] = true
				st, ok := s.Type.(*ast.StructType)
				if !ok || s.Assign.IsValid() {
					continue
				}
				fs := map[string]string{}
				for _, fl := range st.Fields.List {
					var b bytes.Buffer
					_ = format.Node(&b, token.NewFileSet(), fl.Type)
					for _, n := range fl.Names {
						fs[n.Name] = b.String()
					}
				}
				fields[s.Name.Name] = fs
			case *ast.ValueSpec:
				for _, n := range s.Names {
					declared[n.Name] = true
				}
			}
		}
	}
	var b bytes.Buffer
	w := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	typed := map[string]bool{} // details types written
	var types, methods bytes.Buffer
	n := 0
	for _, r := range recs {
		fs, ok := fields[r.name]
		if !ok || fs["Details"] != "map[string]interface{}" || fs["Action"] == "" {
			continue
		}
		enum := fs["Action"]
		for _, v := range sortedMapKeys(r.actions) {
			shape := r.actions[v]
			word := actionWord(v)
			tname := "OrderChange" + word + "Details"
			if declared[tname] {
				return nil, fmt.Errorf("%s: the details type %s is already declared", r.name, tname)
			}
			if !typed[tname] {
				typed[tname] = true
				writeDetailsType(&types, tname, v, shape)
			}
			var big []string
			for _, k := range sortedMapKeys(shape.Properties) {
				if shape.Properties[k].Big {
					big = append(big, fmt.Sprintf("%q", k))
				}
			}
			constant := enum + word
			if !declared[constant] {
				constant = fmt.Sprintf("%q", v)
			}
			fmt.Fprintf(&methods, "// %sDetails reads a's Details as the details of %s %s action\n// (%s).\n", word, article(v), v, constant)
			fmt.Fprintf(&methods, "// It is an error when a is another action or a value is not of its type;\n// keys the type has no field for stay in Details.\n")
			fmt.Fprintf(&methods, "func (a %s) %sDetails() (%s, error) {\n\tvar d %s\n\terr := sdkrt.ActionDetails(string(a.Action), %q, a.Details, &d%s)\n\treturn d, err\n}\n\n",
				r.name, word, tname, tname, v, prefixed(", ", big))
			n++
		}
	}
	if n == 0 {
		return nil, nil
	}
	w("// Code generated by internal/cmd/gensdk. DO NOT EDIT.\n\npackage %s\n\n", pkgName)
	w("import \"github.com/medusa-sdk/medusa-go/v2/internal/sdkrt\"\n\n")
	b.Write(types.Bytes())
	b.Write(methods.Bytes())
	return format.Source(b.Bytes())
}

// article is "an" before a vowel, "a" otherwise.
func article(w string) string {
	if w != "" && strings.ContainsRune("AEIOUaeiou", rune(w[0])) {
		return "an"
	}
	return "a"
}

func prefixed(sep string, l []string) string {
	if len(l) == 0 {
		return ""
	}
	return sep + strings.Join(l, ", ")
}

// writeDetailsType writes one action's details struct.
func writeDetailsType(b *bytes.Buffer, tname, action string, shape detailsShape) {
	required := map[string]bool{}
	for _, k := range shape.Required {
		required[k] = true
	}
	fmt.Fprintf(b, "// %s holds the details of %s %s order change\n", tname, article(action), action)
	fmt.Fprintf(b, "// action: the keys Medusa's workflows write and its order module reads\n// (spec rule action-details). A pointer is nil when its key did not come.\n")
	fmt.Fprintf(b, "type %s struct {\n", tname)
	for _, k := range sortedMapKeys(shape.Properties) {
		p := shape.Properties[k]
		typ, pointer := goTypeOf(p)
		tag := k
		switch {
		case required[k] && pointer:
			fmt.Fprintf(b, "\t// %s: every workflow that makes the action writes it; the order\n\t// module reads it.\n", fieldName(k))
		case pointer:
			typ = "*" + typ
			tag += ",omitempty"
		default:
			tag += ",omitempty"
		}
		if p.Big {
			fmt.Fprintf(b, "\t// %s is a BigNumber: the server sends a number or a numeric\n\t// string (a shipped item's quantity comes as \"2\"); it reads as a number.\n", fieldName(k))
		}
		if p.Type == "" {
			fmt.Fprintf(b, "\t// %s: nothing in Medusa's code types it; any JSON value.\n", fieldName(k))
		}
		fmt.Fprintf(b, "\t%s %s `json:%q`\n", fieldName(k), typ, tag)
	}
	fmt.Fprintf(b, "}\n\n")
}

func sortedMapKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
