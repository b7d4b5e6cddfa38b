package main

// The type-naming rule (issue 18): the types of the generated package carry
// the names a Go developer reads in the SDK layer, and oapi-codegen's names
// stay as deprecated aliases (former.gen.go). See openapi/README.md, "Names of
// the generated types".
//
//  1. A method's own types: the query <Method>Params, an inline body
//     <Method>Body, an inline answer <Method>Result (the SDK layer's aliases,
//     now the declared names), and the raw client's answer wrapper
//     Raw<Method>Response (oapi-codegen's <OpID>Response).
//  2. An alias oapi-codegen declares for a request body that is a component
//     (PostProductsBatchJSONRequestBody = AdminBatchProductRequest) is replaced
//     by the component in every use.
//  3. A nested type is its parent's name plus the field in Go words:
//     PostProductsJSONBody_SalesChannels -> CreateProductBodySalesChannel; a
//     type used only as a list's element is named for one element
//     (SalesChannels -> SalesChannel); a component's nested types lose the
//     underscore (StoreCartLineItem_TaxLines -> StoreCartLineItemTaxLine).
//     A component a spec rule named after an operation (<OpID><Rest>) is
//     <Method><Rest>: PostCartsIdCompleteCart -> CompleteCartCart.
//  4. An enum's constants follow their type (PostProductsJSONBodyStatusPublished
//     -> CreateProductBodyStatusPublished).
//  5. The raw client's request builders and answer parsers say "raw" and the
//     method, like its answer wrappers: NewPostProductsRequest ->
//     NewRawCreateProductRequest (and ...RequestWithBody),
//     ParsePostProductsResponse -> ParseRawCreateProductResponse. The old
//     names stay as deprecated functions calling the new ones.
//
// A new name that the package already declares, or that two types would get,
// is not given: the type keeps oapi-codegen's name (the guard of
// internal/cmd/typenames counts it).

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/printer"
	"go/scanner"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
)

// renames maps oapi-codegen's names to the rule's names.
type renames struct {
	pkg    string
	types  map[string]string // old type name -> new
	consts map[string]string // old constant name -> new
	funcs  map[string]string // old function name -> new
	nested map[string]bool   // old names of the nested types (rule 3)
	// One type for one shape (shapes.go): a member's new name -> the shared
	// name, and the shared name -> its members' new names.
	shared       map[string]string
	members      map[string][]string
	undocumented map[string]bool // "<shared type>.<field index>" whose members' comments differ
}

// declInfo is what the rule needs of the generated file's declarations.
type declInfo struct {
	types     map[string]bool
	aliasOf   map[string]string // alias -> the identifier it stands for (aliases to other expressions are absent)
	constType map[string]string // constant -> its declared type
	elemOnly  map[string]bool   // types used only as a list's element
	consts    map[string]bool
	funcs     map[string]bool // functions (not methods)
}

func readDecls(src []byte) (*declInfo, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "gen.go", src, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	d := &declInfo{types: map[string]bool{}, aliasOf: map[string]string{}, constType: map[string]string{}, elemOnly: map[string]bool{}, consts: map[string]bool{}, funcs: map[string]bool{}}
	for _, decl := range f.Decls {
		if fd, ok := decl.(*ast.FuncDecl); ok && fd.Recv == nil {
			d.funcs[fd.Name.Name] = true
		}
		gd, ok := decl.(*ast.GenDecl)
		if !ok {
			continue
		}
		for _, s := range gd.Specs {
			switch s := s.(type) {
			case *ast.TypeSpec:
				d.types[s.Name.Name] = true
				if id, ok := s.Type.(*ast.Ident); ok && s.Assign.IsValid() {
					d.aliasOf[s.Name.Name] = id.Name
				}
			case *ast.ValueSpec:
				if gd.Tok != token.CONST {
					continue
				}
				for _, n := range s.Names {
					d.consts[n.Name] = true
					if id, ok := s.Type.(*ast.Ident); ok {
						d.constType[n.Name] = id.Name
					}
				}
			}
		}
	}
	// Uses: a list's element ("[]T") against a field's or a parameter's type
	// ("Name T", "Name *T"); method receivers do not count.
	elem, field := map[string]int{}, map[string]int{}
	var toks []token.Token
	var lits []string
	var sc scanner.Scanner
	file := fset.AddFile("scan.go", -1, len(src))
	sc.Init(file, src, nil, 0)
	for {
		_, tok, lit := sc.Scan()
		if tok == token.EOF {
			break
		}
		toks = append(toks, tok)
		lits = append(lits, lit)
	}
	back := func(i, k int) token.Token {
		if i-k < 0 {
			return token.ILLEGAL
		}
		return toks[i-k]
	}
	for i, tok := range toks {
		if tok != token.IDENT || !d.types[lits[i]] {
			continue
		}
		name := lits[i]
		switch {
		case back(i, 1) == token.RBRACK && back(i, 2) == token.LBRACK:
			elem[name]++
		case back(i, 1) == token.IDENT && back(i, 2) != token.TYPE,
			back(i, 1) == token.MUL && back(i, 2) == token.IDENT && !(back(i, 3) == token.LPAREN && back(i, 4) == token.FUNC):
			if back(i, 1) == token.IDENT && back(i, 2) == token.LPAREN && back(i, 3) == token.FUNC {
				continue // a value receiver
			}
			field[name]++
		}
	}
	for t, n := range elem {
		if n > 0 && field[t] == 0 {
			d.elemOnly[t] = true
		}
	}
	return d, nil
}

// planRenames applies the rule to the generated file src, given the SDK
// layer's methods and the aliases it would declare.
func planRenames(pkgName string, src []byte, sos []*sdkOp) (*renames, error) {
	d, err := readDecls(src)
	if err != nil {
		return nil, err
	}
	r := &renames{pkg: pkgName, types: map[string]string{}, consts: map[string]string{}, funcs: map[string]string{}, nested: map[string]bool{}, shared: map[string]string{}, members: map[string][]string{}, undocumented: map[string]bool{}}
	given := map[string]bool{}
	give := func(old, name string) bool {
		if old == name || r.types[old] != "" {
			return false
		}
		if given[name] || (d.types[name] && r.types[name] == "") {
			return false
		}
		r.types[old] = name
		given[name] = true
		return true
	}
	var opIDs []string
	// 1. A method's own types.
	for _, so := range sos {
		opIDs = append(opIDs, so.ID)
		for _, al := range so.aliases {
			if !d.types[al.Target] {
				continue // an inline struct literal keeps the SDK's alias
			}
			root := al.Target
			for i := 0; i < 4; i++ {
				next, ok := d.aliasOf[root]
				if !ok || !opDerived(so.ID, next) {
					break
				}
				root = next
			}
			if root != al.Target {
				r.types[al.Target] = al.Name // the alias itself goes: every use names the type
			}
			if !give(root, al.Name) {
				delete(r.types, al.Target)
			}
		}
		// oapi-codegen's names for what the SDK layer does not alias (a body
		// that is a map, a multipart body the SDK sends as a Form).
		for _, b := range []struct{ decl, req, name string }{
			{so.ID + "JSONBody", so.ID + "JSONRequestBody", so.Name + "Body"},
			{so.ID + "MultipartBody", so.ID + "MultipartRequestBody", so.Name + "MultipartBody"},
			{so.ID + "Params", "", so.Name + "Params"},
		} {
			if d.types[b.decl] && give(b.decl, b.name) && b.req != "" && d.aliasOf[b.req] == b.decl && r.types[b.req] == "" {
				r.types[b.req] = b.name
			}
		}
		if resp := so.ID + "Response"; d.types[resp] {
			give(resp, "Raw"+so.Name+"Response")
		}
	}
	// 2. Body aliases of components.
	for a, target := range d.aliasOf {
		if r.types[a] != "" || !startsWithOp(a, opIDs) || startsWithOp(target, opIDs) {
			continue
		}
		r.types[a] = target
	}
	// 2b. Other types named after an operation (components a spec rule named
	// <OpID><Rest>: PostCartsIdCompleteCart) take the method's name instead.
	byLen := append([]*sdkOp(nil), sos...)
	sort.SliceStable(byLen, func(i, j int) bool { return len(byLen[i].ID) > len(byLen[j].ID) })
	var declared []string
	for t := range d.types {
		declared = append(declared, t)
	}
	sort.Strings(declared)
	for _, t := range declared {
		if r.types[t] != "" || strings.Contains(t, "_") || strings.Contains(t, "JSON") {
			continue // nested types follow their parent (3.)
		}
		for _, so := range byLen {
			rest, ok := strings.CutPrefix(t, so.ID)
			if !ok || rest == "" || !unicode.IsUpper(rune(rest[0])) {
				continue
			}
			if so.Name != so.ID {
				give(t, so.Name+rest)
			}
			break
		}
	}
	// 3. Nested types, parents first.
	names := make([]string, 0, len(d.types))
	for t := range d.types {
		names = append(names, t)
	}
	sort.Slice(names, func(i, j int) bool {
		if len(names[i]) != len(names[j]) {
			return len(names[i]) < len(names[j])
		}
		return names[i] < names[j]
	})
	for _, t := range names {
		if r.types[t] != "" {
			continue
		}
		if _, ok := d.aliasOf[t]; ok {
			continue
		}
		parent, rest := "", t
		for p := t[:len(t)-1]; p != ""; p = p[:len(p)-1] {
			if !d.types[p] {
				continue
			}
			next := t[len(p)]
			if next == '_' || (r.types[p] != "" && unicode.IsUpper(rune(next))) {
				parent, rest = p, t[len(p):]
				break
			}
		}
		if parent == "" && !strings.Contains(t, "_") {
			continue
		}
		base := parent
		if n := r.types[parent]; n != "" {
			base = n
		}
		// One element's name when free, else the field's own (a component
		// may hold the singular: AdminCreateProductCategory).
		if !give(t, base+goWords(rest, d.elemOnly[t])) {
			give(t, base+goWords(rest, false))
		}
		if r.types[t] != "" {
			r.nested[t] = true
		}
	}
	// 4. Constants follow their type.
	for c, typ := range d.constType {
		n, ok := r.types[typ]
		if !ok || !strings.HasPrefix(c, typ) {
			continue
		}
		name := n + goWords(strings.TrimPrefix(c, typ), false)
		if d.consts[name] || d.types[name] || given[name] {
			continue
		}
		r.consts[c] = name
		given[name] = true
	}
	// 5. The raw client's request builders and answer parsers.
	for _, so := range sos {
		for _, f := range [][2]string{
			{"New" + so.ID + "Request", "NewRaw" + so.Name + "Request"},
			{"New" + so.ID + "RequestWithBody", "NewRaw" + so.Name + "RequestWithBody"},
			{"Parse" + so.ID + "Response", "ParseRaw" + so.Name + "Response"},
		} {
			if d.funcs[f[0]] && r.funcs[f[0]] == "" && !d.funcs[f[1]] && !d.types[f[1]] && !given[f[1]] {
				r.funcs[f[0]] = f[1]
				given[f[1]] = true
			}
		}
	}
	return r, nil
}

// startsWithOp reports whether name begins with one of the operationIds,
// followed by anything but a lower-case letter.
func startsWithOp(name string, ids []string) bool {
	for _, id := range ids {
		if rest, ok := strings.CutPrefix(name, id); ok && (rest == "" || !unicode.IsLower(rune(rest[0]))) {
			return true
		}
	}
	return false
}

// goWords writes a name's tail ("_SalesChannels", "Status", "_Items_Item")
// in Go words: underscores dropped, each part capitalized, a trailing
// "_Item" (oapi-codegen's list element) dropped; one element's name when
// single (singular, the method names' rule in names.go).
func goWords(rest string, single bool) string {
	parts := strings.Split(rest, "_")
	var kept []string
	for _, p := range parts {
		if p != "" {
			kept = append(kept, p)
		}
	}
	if len(kept) > 1 && kept[len(kept)-1] == "Item" {
		kept = kept[:len(kept)-1]
		single = true
	}
	for i, p := range kept {
		kept[i] = strings.ToUpper(p[:1]) + p[1:]
	}
	if single && len(kept) > 0 {
		kept[len(kept)-1] = singular(kept[len(kept)-1])
	}
	return strings.Join(kept, "")
}

// final is the name old ends up with (an alias replaced by its target is
// followed to the target's own new name).
func (r *renames) final(name string) string {
	for i := 0; i < 4; i++ {
		n, ok := r.types[name]
		if !ok {
			n, ok = r.consts[name]
		}
		if !ok {
			n, ok = r.funcs[name]
		}
		if !ok {
			n, ok = r.shared[name]
		}
		if !ok {
			return name
		}
		name = n
	}
	return name
}

// apply renames every identifier and every whole word of a comment that is an
// old name, deletes the type declarations that become an alias of themselves
// (oapi-codegen's body aliases, the SDK layer's aliases), and formats the file.
func (r *renames) apply(src []byte) ([]byte, error) {
	var out bytes.Buffer
	fset := token.NewFileSet()
	file := fset.AddFile("src.go", -1, len(src))
	var sc scanner.Scanner
	sc.Init(file, src, nil, scanner.ScanComments)
	last := 0
	prev := token.ILLEGAL
	for {
		pos, tok, lit := sc.Scan()
		if tok == token.EOF {
			break
		}
		off := file.Offset(pos)
		switch tok {
		case token.IDENT:
			if n := r.final(lit); n != lit && prev != token.PERIOD {
				out.Write(src[last:off])
				out.WriteString(n)
				last = off + len(lit)
			}
		case token.COMMENT:
			out.Write(src[last:off])
			out.WriteString(r.comment(lit))
			last = off + len(lit)
		}
		if tok != token.COMMENT {
			prev = tok
		}
	}
	out.Write(src[last:])
	b, err := dropSelfAliases(out.Bytes())
	if err != nil {
		return nil, err
	}
	if b, err = format.Source(b); err != nil {
		return nil, err
	}
	return r.documentShared(b)
}

// comment renames the old names a comment mentions as whole words.
func (r *renames) comment(c string) string {
	isWord := func(b byte) bool { return b == '_' || unicode.IsLetter(rune(b)) || unicode.IsDigit(rune(b)) }
	var out strings.Builder
	for i := 0; i < len(c); {
		if !isWord(c[i]) {
			out.WriteByte(c[i])
			i++
			continue
		}
		j := i
		for j < len(c) && isWord(c[j]) {
			j++
		}
		out.WriteString(r.final(c[i:j]))
		i = j
	}
	return out.String()
}

// dropSelfAliases deletes every `type X = X` declaration with its comment,
// and every declaration of a type declared before it (the members of one
// shape, renamed to its name: shapes.go), with its comment.
func dropSelfAliases(src []byte) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "src.go", src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, fmt.Errorf("after renaming: %w", err)
	}
	type span struct{ from, to int }
	var cut []span
	seen := map[string]bool{}
	for _, decl := range f.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.TYPE || len(gd.Specs) != 1 {
			continue
		}
		ts, ok := gd.Specs[0].(*ast.TypeSpec)
		if !ok {
			continue
		}
		self := false
		if id, ok := ts.Type.(*ast.Ident); ok && ts.Assign.IsValid() && id.Name == ts.Name.Name {
			self = true
		}
		if !self {
			again := seen[ts.Name.Name]
			seen[ts.Name.Name] = true
			if !again {
				continue
			}
		}
		from := gd.Pos()
		if gd.Doc != nil {
			from = gd.Doc.Pos()
		}
		cut = append(cut, span{fset.Position(from).Offset, fset.Position(gd.End()).Offset})
	}
	var out bytes.Buffer
	last := 0
	for _, c := range cut {
		out.Write(src[last:c.from])
		last = c.to
	}
	out.Write(src[last:])
	return out.Bytes(), nil
}

// former writes the deprecated aliases that keep every old name, and a
// deprecated function for each renamed one, with the signature it has in
// the renamed generated source gen.
func (r *renames) former(gen []byte) ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by internal/cmd/gensdk. DO NOT EDIT.\n\npackage %s\n\n", r.pkg)
	b.WriteString("// oapi-codegen's names of the types, constants and functions that the naming\n// rule renamed (openapi/README.md, \"Names of the generated types\"): each\n// stays as a deprecated alias of its new name (a function: one that calls\n// it), so code written against it compiles and means the same.\n\n")
	for _, set := range []struct {
		kw string
		m  map[string]string
	}{{"type", r.types}, {"const", r.consts}} {
		olds := make([]string, 0, len(set.m))
		for o := range set.m {
			olds = append(olds, o)
		}
		sort.Strings(olds)
		for _, o := range olds {
			n := r.final(o)
			fmt.Fprintf(&b, "// Deprecated: use %s.\n%s %s = %s\n\n", n, set.kw, o, n)
		}
	}
	shared := make([]string, 0, len(r.shared))
	for n := range r.shared {
		shared = append(shared, n)
	}
	sort.Strings(shared)
	for _, n := range shared {
		fmt.Fprintf(&b, "// Deprecated: use %s, the one type of this shape.\ntype %s = %s\n\n", r.shared[n], n, r.shared[n])
	}
	funcs, imports, err := r.formerFuncs(gen)
	if err != nil {
		return nil, err
	}
	out := b.Bytes()
	if len(imports) > 0 {
		// the imports go after the package clause and its comment
		head, rest, _ := bytes.Cut(out, []byte("\n\n// oapi-codegen's names"))
		var imp bytes.Buffer
		imp.Write(head)
		imp.WriteString("\n\nimport (\n")
		for _, p := range imports {
			fmt.Fprintf(&imp, "\t%q\n", p)
		}
		imp.WriteString(")\n\n// oapi-codegen's names")
		imp.Write(rest)
		out = imp.Bytes()
	}
	return format.Source(append(out, funcs...))
}

// formerFuncs writes the deprecated functions of the renamed ones and lists
// the import paths their signatures need.
func (r *renames) formerFuncs(gen []byte) ([]byte, []string, error) {
	if len(r.funcs) == 0 {
		return nil, nil, nil
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "gen.go", gen, parser.SkipObjectResolution)
	if err != nil {
		return nil, nil, err
	}
	paths := map[string]string{} // local name -> import path
	for _, im := range f.Imports {
		p := strings.Trim(im.Path.Value, `"`)
		name := p[strings.LastIndex(p, "/")+1:]
		if im.Name != nil {
			name = im.Name.Name
		}
		paths[name] = p
	}
	decls := map[string]*ast.FuncDecl{}
	for _, decl := range f.Decls {
		if fd, ok := decl.(*ast.FuncDecl); ok && fd.Recv == nil {
			decls[fd.Name.Name] = fd
		}
	}
	olds := make([]string, 0, len(r.funcs))
	for o := range r.funcs {
		olds = append(olds, o)
	}
	sort.Strings(olds)
	used := map[string]bool{}
	var b bytes.Buffer
	for _, o := range olds {
		n := r.funcs[o]
		fd := decls[n]
		if fd == nil {
			return nil, nil, fmt.Errorf("renamed function %s is not declared as %s", o, n)
		}
		ast.Inspect(fd.Type, func(x ast.Node) bool {
			if sel, ok := x.(*ast.SelectorExpr); ok {
				if id, ok := sel.X.(*ast.Ident); ok && paths[id.Name] != "" {
					used[paths[id.Name]] = true
				}
			}
			return true
		})
		var sig bytes.Buffer
		if err := printer.Fprint(&sig, fset, fd.Type); err != nil {
			return nil, nil, err
		}
		var args []string
		for _, p := range fd.Type.Params.List {
			_, variadic := p.Type.(*ast.Ellipsis)
			for _, name := range p.Names {
				if variadic {
					args = append(args, name.Name+"...")
				} else {
					args = append(args, name.Name)
				}
			}
		}
		fmt.Fprintf(&b, "// Deprecated: use %s.\nfunc %s%s {\n\treturn %s(%s)\n}\n\n", n, o, strings.TrimPrefix(sig.String(), "func"), n, strings.Join(args, ", "))
	}
	imports := make([]string, 0, len(used))
	for p := range used {
		imports = append(imports, p)
	}
	sort.Strings(imports)
	return b.Bytes(), imports, nil
}

// renameTypes applies the rule to the file oapi-codegen wrote (genPath) and to
// the SDK layer's source, writes both, and writes the former names beside
// them (former.gen.go).
func renameTypes(pkgName, genPath, outPath string, sdkSrc []byte, sos []*sdkOp) error {
	genSrc, err := os.ReadFile(genPath)
	if err != nil {
		return err
	}
	plan, err := planRenames(pkgName, genSrc, sos)
	if err != nil {
		return fmt.Errorf("%s: %w", genPath, err)
	}
	if err := plan.mergeShapes(genSrc); err != nil {
		return fmt.Errorf("%s: %w", genPath, err)
	}
	newGen, err := plan.apply(genSrc)
	if err != nil {
		return fmt.Errorf("%s: %w", genPath, err)
	}
	newSDK, err := plan.apply(sdkSrc)
	if err != nil {
		return fmt.Errorf("%s: %w", outPath, err)
	}
	former, err := plan.former(newGen)
	if err != nil {
		return err
	}
	recs, err := planPresence(newGen, newSDK)
	if err != nil {
		return fmt.Errorf("%s: presence: %w", genPath, err)
	}
	if newGen, err = addPresenceFields(newGen, recs); err != nil {
		return fmt.Errorf("%s: presence: %w", genPath, err)
	}
	presence, err := renderPresence(pkgName, recs)
	if err != nil {
		return fmt.Errorf("presence.gen.go: %w", err)
	}
	for _, f := range []struct {
		path string
		src  []byte
	}{{genPath, newGen}, {outPath, newSDK}, {filepath.Join(filepath.Dir(outPath), "former.gen.go"), former}, {filepath.Join(filepath.Dir(outPath), "presence.gen.go"), presence}} {
		if err := os.WriteFile(f.path, f.src, 0o644); err != nil {
			return err
		}
	}
	return nil
}
