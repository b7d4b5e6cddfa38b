package main

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"sort"
	"strings"
)

// genPackage is what gensdk needs of the Go file oapi-codegen wrote.
type genPackage struct {
	name    string
	fset    *token.FileSet
	methods map[string]*genMethod        // operationId -> XxxWithResponse method
	bodied  map[string]*genMethod        // operationId -> XxxWithBodyWithResponse method (params before contentType)
	structs map[string]*ast.StructType   // type name -> struct
	types   map[string]bool              // every declared type name
	aliases map[string]string            // alias name -> the type it stands for
	results map[string]map[string]string // XxxResponse -> JSON2xx field -> type
	inline  map[string]*ast.StructType   // type text of an inline answer struct -> its AST
}

type genMethod struct {
	pkg    *genPackage
	params []param // without ctx and reqEditors
}

type param struct{ name, typ string }

func readGen(path string) (*genPackage, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	pkg := &genPackage{name: f.Name.Name, fset: fset, methods: map[string]*genMethod{}, bodied: map[string]*genMethod{},
		structs: map[string]*ast.StructType{}, types: map[string]bool{}, aliases: map[string]string{}, results: map[string]map[string]string{},
		inline: map[string]*ast.StructType{}}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.GenDecl:
			for _, s := range d.Specs {
				ts, ok := s.(*ast.TypeSpec)
				if !ok {
					continue
				}
				pkg.types[ts.Name.Name] = true
				if ts.Assign.IsValid() {
					pkg.aliases[ts.Name.Name] = pkg.expr(ts.Type)
				}
				if st, ok := ts.Type.(*ast.StructType); ok {
					pkg.structs[ts.Name.Name] = st
				}
			}
		case *ast.FuncDecl:
			if d.Recv == nil || len(d.Recv.List) != 1 || pkg.expr(d.Recv.List[0].Type) != "*ClientWithResponses" {
				continue
			}
			name := d.Name.Name
			if !strings.HasSuffix(name, "WithResponse") {
				continue
			}
			m := &genMethod{pkg: pkg}
			for _, fld := range d.Type.Params.List {
				typ := pkg.expr(fld.Type)
				for _, n := range fld.Names {
					switch n.Name {
					case "ctx", "reqEditors", "contentType", "body":
						if strings.HasSuffix(name, "WithBodyWithResponse") {
							continue // the raw body: the SDK layer builds it
						}
					}
					if n.Name == "ctx" || n.Name == "reqEditors" {
						continue
					}
					m.params = append(m.params, param{n.Name, typ})
				}
			}
			if op, ok := strings.CutSuffix(name, "WithBodyWithResponse"); ok {
				pkg.bodied[op] = m
				continue
			}
			pkg.methods[strings.TrimSuffix(name, "WithResponse")] = m
		}
	}
	for name, st := range pkg.structs {
		if !strings.HasSuffix(name, "Response") {
			continue
		}
		for _, fld := range st.Fields.List {
			for _, n := range fld.Names {
				if strings.HasPrefix(n.Name, "JSON2") {
					if pkg.results[name] == nil {
						pkg.results[name] = map[string]string{}
					}
					typ := strings.TrimPrefix(pkg.expr(fld.Type), "*")
					pkg.results[name][n.Name] = typ
					if star, ok := fld.Type.(*ast.StarExpr); ok {
						if st, ok := star.X.(*ast.StructType); ok {
							pkg.inline[typ] = st
						}
					}
				}
			}
		}
	}
	return pkg, nil
}

func (p *genPackage) title() string {
	return strings.ToUpper(p.name[:1]) + p.name[1:]
}

func (p *genPackage) expr(e ast.Expr) string {
	var b bytes.Buffer
	if err := printer.Fprint(&b, p.fset, e); err != nil {
		panic(fmt.Sprintf("printing an expression: %v", err))
	}
	return b.String()
}

// successType is the type of the lowest 2xx JSON answer of an operation, or
// "" when the operation answers no JSON on success.
func (p *genPackage) successType(opID string) string {
	fields := p.results[opID+"Response"]
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if len(keys) == 0 {
		return ""
	}
	return fields[keys[0]]
}

func (p *genPackage) paramsType(m *genMethod) string {
	for _, prm := range m.params {
		if prm.name == "params" {
			return strings.TrimPrefix(prm.typ, "*")
		}
	}
	return ""
}

// listShape describes a paginated list: the answer has count, offset, limit
// and one array of items; the query has offset and limit.
type listShape struct {
	params, item, field   string
	offsetType, limitType string
	countPtr              bool
}

func (p *genPackage) listShape(m *genMethod, result string, rs *ast.StructType) *listShape {
	paramsType := p.paramsType(m)
	if paramsType == "" || m.params[len(m.params)-1].name != "params" {
		return nil // a body after params: not a plain list
	}
	ps := p.structs[paramsType]
	if rs == nil {
		rs = p.structs[result]
	}
	if ps == nil || rs == nil {
		return nil
	}
	pf, rf := p.fields(ps), p.fields(rs)
	l := &listShape{params: paramsType}
	var ok bool
	if l.offsetType, ok = ptrElem(pf["Offset"]); !ok {
		return nil
	}
	if l.limitType, ok = ptrElem(pf["Limit"]); !ok {
		return nil
	}
	count, has := rf["Count"]
	if !has {
		return nil
	}
	l.countPtr = strings.HasPrefix(count, "*")
	if _, has := rf["Offset"]; !has {
		return nil
	}
	for name, typ := range rf {
		if strings.HasPrefix(typ, "[]") {
			if l.field != "" {
				return nil // two arrays: which one pages is unclear
			}
			l.field, l.item = name, typ[2:]
		}
	}
	if l.field == "" {
		return nil
	}
	return l
}

func (p *genPackage) fields(st *ast.StructType) map[string]string {
	out := map[string]string{}
	for _, f := range st.Fields.List {
		for _, n := range f.Names {
			out[n.Name] = p.expr(f.Type)
		}
	}
	return out
}

func ptrElem(t string) (string, bool) {
	if !strings.HasPrefix(t, "*") || strings.ContainsAny(t[1:], "*[]{ ") {
		return "", false
	}
	return t[1:], true
}
