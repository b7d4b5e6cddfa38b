// Package guard finds the names of a generated package that do not follow
// the SDK's naming rule: exported, not deprecated, and either derived from an
// operationId (they start with one) or containing "JSON" or "_".
package guard

import (
	"fmt"
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// Finding is one name that breaks the rule.
type Finding struct {
	Name   string
	Kind   string // "type", "const" or "func" (a type's constructor or a package-level function)
	Reason string // "operation <OpID>", "contains JSON", "contains _"
}

// Result is what Check found in one package.
type Result struct {
	Package  string
	Findings []Finding
	// Checked counts the names looked at (not deprecated); Types, Consts and
	// Funcs split it by kind.
	Checked, Types, Consts, Funcs int
}

// Check reads the package in dir (its non-test Go files) and returns the
// names that break the rule, sorted.
func Check(dir string) (*Result, error) {
	fset := token.NewFileSet()
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var files []*ast.File
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, n), nil, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no Go files", dir)
	}
	ops := OperationIDs(files)
	if len(ops) == 0 {
		return nil, fmt.Errorf("%s: no operations (var Operations) found: not a generated package?", dir)
	}
	methods := SDKMethods(files)
	p, err := doc.NewFromFiles(fset, files, "example.com/"+files[0].Name.Name)
	if err != nil {
		return nil, err
	}
	res := &Result{Package: p.Name}
	check := func(name, kind string) {
		res.Checked++
		switch kind {
		case "type":
			res.Types++
		case "const":
			res.Consts++
		case "func":
			res.Funcs++
		}
		why := ReasonWith(name, ops, methods)
		if why == "" && kind == "func" {
			// the raw client's builders and parsers: New<OpID>Request,
			// Parse<OpID>Response
			for _, verb := range []string{"New", "Parse"} {
				if rest, ok := strings.CutPrefix(name, verb); ok && why == "" {
					if w := ReasonWith(rest, ops, methods); strings.HasPrefix(w, "operation ") {
						why = w
					}
				}
			}
		}
		if why != "" {
			res.Findings = append(res.Findings, Finding{Name: name, Kind: kind, Reason: why})
		}
	}
	for _, f := range p.Funcs {
		if !Deprecated(f.Doc) {
			check(f.Name, "func")
		}
	}
	for _, t := range p.Types {
		if !Deprecated(t.Doc) {
			check(t.Name, "type")
		}
		for _, v := range t.Consts {
			for _, name := range liveNames(v) {
				check(name, "const")
			}
		}
		for _, f := range t.Funcs {
			if !Deprecated(f.Doc) {
				check(f.Name, "func")
			}
		}
	}
	sort.Slice(res.Findings, func(i, j int) bool { return res.Findings[i].Name < res.Findings[j].Name })
	return res, nil
}

// Reason says why name breaks the rule, or "" when it does not. ops are the
// package's operationIds in Go spelling; a name derived from one starts with
// it, followed by anything but a lower-case letter.
func Reason(name string, ops []string) string { return ReasonWith(name, ops, nil) }

// ReasonWith is Reason when the SDK layer's methods are known: a name that
// starts with a method's name (DeleteSessionResult of the method DeleteSession,
// GetProductsIdOptionsParams of a method that kept its operationId) is the
// SDK's name, not operation-derived, when that method's name is at least as
// long as the operationId it starts with.
func ReasonWith(name string, ops []string, methods map[string]bool) string {
	longest := ""
	for m := range methods {
		if rest, ok := strings.CutPrefix(name, m); ok && len(m) > len(longest) {
			if r := []rune(rest); len(r) == 0 || !unicode.IsLower(r[0]) {
				longest = m
			}
		}
	}
	for _, op := range ops {
		if len(op) <= len(longest) {
			break
		}
		rest, ok := strings.CutPrefix(name, op)
		if !ok {
			continue
		}
		if r := []rune(rest); len(r) == 0 || !unicode.IsLower(r[0]) {
			return "operation " + op
		}
	}
	switch {
	case strings.Contains(name, "JSON"):
		return "contains JSON"
	case strings.Contains(name, "_"):
		return "contains _"
	}
	return ""
}

// Deprecated reports whether a doc comment has a "Deprecated: " paragraph.
func Deprecated(text string) bool {
	for _, para := range strings.Split(text, "\n\n") {
		if strings.HasPrefix(strings.TrimSpace(para), "Deprecated: ") {
			return true
		}
	}
	return false
}

// liveNames returns the names of a const or var group that are not
// deprecated: a spec's own doc comment, else the group's, decides.
func liveNames(v *doc.Value) []string {
	var out []string
	for _, s := range v.Decl.Specs {
		vs, ok := s.(*ast.ValueSpec)
		if !ok {
			continue
		}
		text := v.Doc
		if vs.Doc != nil {
			text = vs.Doc.Text()
		}
		if Deprecated(text) {
			continue
		}
		for _, n := range vs.Names {
			if n.IsExported() {
				out = append(out, n.Name)
			}
		}
	}
	return out
}

// SDKMethods returns the names of the SDK layer's methods (receiver *API).
func SDKMethods(files []*ast.File) map[string]bool {
	out := map[string]bool{}
	for _, f := range files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv == nil || len(fd.Recv.List) != 1 || Deprecated(fd.Doc.Text()) {
				continue
			}
			if st, ok := fd.Recv.List[0].Type.(*ast.StarExpr); ok {
				if id, ok := st.X.(*ast.Ident); ok && id.Name == "API" {
					out[fd.Name.Name] = true
				}
			}
		}
	}
	return out
}

// OperationIDs reads the IDs of the generated `var Operations = []OperationInfo{...}`,
// longest first (so that a name is attributed to the longest operationId it
// starts with).
func OperationIDs(files []*ast.File) []string {
	var ids []string
	for _, f := range files {
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				continue
			}
			for _, s := range gd.Specs {
				vs := s.(*ast.ValueSpec)
				if len(vs.Names) != 1 || vs.Names[0].Name != "Operations" || len(vs.Values) != 1 {
					continue
				}
				lit, ok := vs.Values[0].(*ast.CompositeLit)
				if !ok {
					continue
				}
				for _, el := range lit.Elts {
					op, ok := el.(*ast.CompositeLit)
					if !ok {
						continue
					}
					for _, kv := range op.Elts {
						kv, ok := kv.(*ast.KeyValueExpr)
						if !ok {
							continue
						}
						if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "ID" {
							if b, ok := kv.Value.(*ast.BasicLit); ok {
								if id, err := strconv.Unquote(b.Value); err == nil {
									ids = append(ids, id)
								}
							}
						}
					}
				}
			}
		}
	}
	sort.Slice(ids, func(i, j int) bool {
		if len(ids[i]) != len(ids[j]) {
			return len(ids[i]) > len(ids[j])
		}
		return ids[i] < ids[j]
	})
	return ids
}
