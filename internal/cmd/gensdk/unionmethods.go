package main

// Names of a union's methods (type-naming rule 8, openapi/README.md): a
// union's As<X>, From<X> and Merge<X> take their X from oapi-codegen's name
// of the variant, which for a variant the spec writes inline is derived from
// the operation (store.CompleteCartResult.AsPostCartsIdCompleteOrder). The
// variant's type carries the SDK's name since rule 1, so the methods say it:
// As<T> returns a T (AsCompleteCartOrder); a variant of a built-in type is
// named by its kind (AsString, AsNumber, AsBool). The former methods stay in
// former.gen.go, deprecated, calling the new ones.

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"sort"
	"strings"
)

// kindWord names a variant of a built-in type.
var kindWord = map[string]string{
	"string": "String", "bool": "Bool",
	"float64": "Number", "float32": "Number", "int": "Number", "int64": "Number", "int32": "Number",
}

var unionVerbs = []string{"As", "From", "Merge"}

// variantName is the X a union method on variant type expr e should have.
func variantName(e ast.Expr) string {
	id, ok := e.(*ast.Ident)
	if !ok {
		return ""
	}
	if w, ok := kindWord[id.Name]; ok {
		return w
	}
	if id.IsExported() {
		return id.Name
	}
	return ""
}

// renameUnionMethods renames, in the generated file genPath, each union
// method whose variant name is not its variant type's, and appends the
// former names to formerPath. It says how many methods it renamed.
func renameUnionMethods(genPath, formerPath string) (int, error) {
	src, err := os.ReadFile(genPath)
	if err != nil {
		return 0, err
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, genPath, src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return 0, err
	}
	methods := map[string]map[string]*ast.FuncDecl{} // receiver -> name -> decl
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok {
			if recv := receiverName(fd); recv != "" {
				if methods[recv] == nil {
					methods[recv] = map[string]*ast.FuncDecl{}
				}
				methods[recv][fd.Name.Name] = fd
			}
		}
	}
	// renames[receiver][old suffix] = new suffix, for unions with all three
	// verbs of a variant and no clash.
	renames := map[string]map[string]string{}
	for _, recv := range sortedMapKeys(methods) {
		ms := methods[recv]
		if _, ok := ms["Discriminator"]; !ok {
			if _, ok := ms["MarshalJSON"]; !ok {
				continue
			}
		}
		want := map[string]string{}
		count := map[string]int{}
		for name, fd := range ms {
			x, ok := strings.CutPrefix(name, "As")
			if !ok || fd.Type.Results == nil || len(fd.Type.Results.List) != 2 {
				continue
			}
			if _, ok := ms["From"+x]; !ok {
				continue
			}
			w := variantName(fd.Type.Results.List[0].Type)
			if w == "" || w == x {
				continue
			}
			want[x] = w
			count[w]++
		}
		for x, w := range want {
			clash := count[w] > 1
			for _, v := range unionVerbs {
				if _, taken := ms[v+w]; taken {
					clash = true
				}
			}
			if clash {
				continue
			}
			if renames[recv] == nil {
				renames[recv] = map[string]string{}
			}
			renames[recv][x] = w
		}
	}
	if len(renames) == 0 {
		return 0, nil
	}
	type edit struct {
		at, end int
		text    string
	}
	var edits []edit
	var former bytes.Buffer
	n := 0
	for _, recv := range sortedMapKeys(renames) {
		r := renames[recv]
		newName := func(name string) (string, bool) {
			for _, v := range unionVerbs {
				if x, ok := strings.CutPrefix(name, v); ok {
					if w, ok := r[x]; ok {
						return v + w, true
					}
				}
			}
			return "", false
		}
		for _, name := range sortedMapKeys(methods[recv]) {
			fd := methods[recv][name]
			if to, ok := newName(name); ok {
				edits = append(edits, edit{fset.Position(fd.Name.Pos()).Offset, fset.Position(fd.Name.End()).Offset, to})
				if fd.Doc != nil && strings.HasPrefix(fd.Doc.List[0].Text, "// "+name+" ") {
					at := fset.Position(fd.Doc.List[0].Pos()).Offset + 3
					edits = append(edits, edit{at, at + len(name), to})
				}
				writeFormerMethod(&former, fd, name, to)
				n++
			}
			// Calls of the renamed methods in the union's own methods.
			if fd.Body == nil {
				continue
			}
			ast.Inspect(fd.Body, func(nd ast.Node) bool {
				se, ok := nd.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				if to, ok := newName(se.Sel.Name); ok {
					edits = append(edits, edit{fset.Position(se.Sel.Pos()).Offset, fset.Position(se.Sel.End()).Offset, to})
				}
				return true
			})
		}
	}
	sort.Slice(edits, func(i, j int) bool { return edits[i].at > edits[j].at })
	out := append([]byte(nil), src...)
	for _, e := range edits {
		out = append(out[:e.at], append([]byte(e.text), out[e.end:]...)...)
	}
	if out, err = format.Source(out); err != nil {
		return 0, fmt.Errorf("%s: %w", genPath, err)
	}
	old, err := os.ReadFile(formerPath)
	if err != nil {
		return 0, err
	}
	all, err := format.Source(append(append(old, '\n'), former.Bytes()...))
	if err != nil {
		return 0, fmt.Errorf("%s: %w", formerPath, err)
	}
	if err := os.WriteFile(genPath, out, 0o644); err != nil {
		return 0, err
	}
	return n, os.WriteFile(formerPath, all, 0o644)
}

// writeFormerMethod writes the former name of a renamed union method: the
// same signature, calling the new one.
func writeFormerMethod(b *bytes.Buffer, fd *ast.FuncDecl, name, to string) {
	sig := &ast.FuncDecl{Recv: fd.Recv, Name: ast.NewIdent(name), Type: fd.Type}
	var s bytes.Buffer
	_ = format.Node(&s, token.NewFileSet(), sig)
	recvName := fd.Recv.List[0].Names[0].Name
	var args []string
	for _, p := range fd.Type.Params.List {
		for _, id := range p.Names {
			args = append(args, id.Name)
		}
	}
	call := fmt.Sprintf("%s.%s(%s)", recvName, to, strings.Join(args, ", "))
	fmt.Fprintf(b, "// %s is the name %s had before the type-naming rule 8.\n//\n// Deprecated: use %s; %s calls it.\n", name, to, to, name)
	if fd.Type.Results != nil {
		fmt.Fprintf(b, "%s {\n\treturn %s\n}\n\n", s.String(), call)
	} else {
		fmt.Fprintf(b, "%s {\n\t%s\n}\n\n", s.String(), call)
	}
}
