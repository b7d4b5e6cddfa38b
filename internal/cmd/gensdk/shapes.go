package main

// One type for one shape (issue 18; openapi/README.md, "Names of the
// generated types", rule 7). oapi-codegen declares a struct for every inline
// object of the spec, so the same object spelled out in several places is
// several types: the batch answers' {ids, object, deleted} are eleven
// structs (AdminBatchProductResponseDeleted, AdminPriceListBatchResponseDeleted,
// ...). Nested types (rule 3) with the same fields (names, types after
// renaming, struct tags) and no methods become one type, named by the words
// their names share in order (BatchDeleted), when that is at least two words,
// ends with the word every name ends with (the field's own name), names no
// method's kind of type, repeats no word in a row, and is free. Each member's name
// stays as a deprecated alias of it.

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/printer"
	"go/token"
	"sort"
	"strings"
	"unicode"
)

// mergeShapes finds the groups of identical nested types in src (the file
// oapi-codegen wrote) and records them in r.shared (a member's new name ->
// the shared name) and r.members (the shared name -> its members' new names).
func (r *renames) mergeShapes(src []byte) error {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "gen.go", src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return err
	}
	declared := map[string]bool{}
	withMethods := map[string]bool{}
	structs := map[string]*ast.StructType{}
	for _, decl := range f.Decls {
		switch d := decl.(type) {
		case *ast.FuncDecl:
			if recv := receiverName(d); recv != "" {
				withMethods[recv] = true
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				ts, ok := s.(*ast.TypeSpec)
				if !ok {
					continue
				}
				declared[ts.Name.Name] = true
				if st, ok := ts.Type.(*ast.StructType); ok && !ts.Assign.IsValid() && r.nested[ts.Name.Name] {
					structs[ts.Name.Name] = st
				}
			}
		}
	}
	taken := func(name string) bool {
		if declared[name] && r.types[name] == "" {
			return true
		}
		for _, n := range r.types {
			if n == name {
				return true
			}
		}
		_, ok := r.members[name]
		return ok
	}
	// Merging a group can make the types that refer to its members alike
	// (a list of AdminXDeleted and a list of AdminYDeleted): a few rounds.
	for round := 0; round < 4; round++ {
		groups := map[string][]string{}
		for old, st := range structs {
			if withMethods[old] || r.shared[r.final(old)] != "" {
				continue
			}
			groups[r.shapeKey(fset, st)] = append(groups[r.shapeKey(fset, st)], old)
		}
		keys := make([]string, 0, len(groups))
		for k, olds := range groups {
			if len(olds) > 1 {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		merged := false
		for _, k := range keys {
			var names []string
			for _, old := range groups[k] {
				names = append(names, r.final(old))
			}
			sort.Strings(names)
			name := sharedName(names)
			if name == "" || taken(name) {
				continue
			}
			r.members[name] = names
			// a field's comment stays when every member's says the same;
			// else each speaks of its member alone
			first := structs[groups[k][0]].Fields.List
			for i := range first {
				for _, old := range groups[k][1:] {
					if structs[old].Fields.List[i].Doc.Text() != first[i].Doc.Text() {
						r.undocumented[name+"."+fmt.Sprint(i)] = true
					}
				}
			}
			for _, n := range names {
				r.shared[n] = name
			}
			merged = true
		}
		if !merged {
			break
		}
	}
	return nil
}

// shapeKey is a struct's fields as text: names, types (identifiers by their
// final names) and tags, without comments.
func (r *renames) shapeKey(fset *token.FileSet, st *ast.StructType) string {
	var b bytes.Buffer
	for _, fl := range st.Fields.List {
		for _, n := range fl.Names {
			b.WriteString(n.Name)
			b.WriteByte(' ')
		}
		var t bytes.Buffer
		_ = printer.Fprint(&t, fset, fl.Type)
		b.WriteString(renameIdents(t.String(), r.final))
		if fl.Tag != nil {
			b.WriteString(" " + fl.Tag.Value)
		}
		b.WriteString(";")
	}
	return b.String()
}

// renameIdents applies rename to every identifier of a type expression.
func renameIdents(expr string, rename func(string) string) string {
	var out strings.Builder
	for i := 0; i < len(expr); {
		c := rune(expr[i])
		if !(unicode.IsLetter(c) || c == '_') {
			out.WriteByte(expr[i])
			i++
			continue
		}
		j := i
		for j < len(expr) && (unicode.IsLetter(rune(expr[j])) || unicode.IsDigit(rune(expr[j])) || expr[j] == '_') {
			j++
		}
		if i > 0 && expr[i-1] == '.' {
			out.WriteString(expr[i:j]) // a package's identifier
		} else {
			out.WriteString(rename(expr[i:j]))
		}
		i = j
	}
	return out.String()
}

// sharedName is the words all names share in order, when that is two words
// or more, ends with the word they all end with, names no method's own kind
// of type (Body, Params, Result, Response: a shared type is no one method's)
// and says no word twice in a row (AdminItemsItem, CalculatedPricePrice say
// nothing their members do not say better); else "".
func sharedName(names []string) string {
	common := goWordList(names[0])
	for _, n := range names[1:] {
		common = lcsWords(common, goWordList(n))
	}
	if len(common) < 2 {
		return ""
	}
	for i, w := range common {
		switch w {
		case "Body", "Params", "Result", "Response":
			return ""
		}
		if i > 0 && singular(common[i-1]) == singular(w) {
			return ""
		}
	}
	last := common[len(common)-1]
	for _, n := range names {
		w := goWordList(n)
		if w[len(w)-1] != last {
			return ""
		}
	}
	return strings.Join(common, "")
}

// goWordList splits a Go identifier into its words: AdminAPIKeyDeleted ->
// Admin API Key Deleted.
func goWordList(name string) []string {
	rs := []rune(name)
	var words []string
	start := 0
	for i := 1; i < len(rs); i++ {
		prev, cur := rs[i-1], rs[i]
		next := rune(0)
		if i+1 < len(rs) {
			next = rs[i+1]
		}
		if unicode.IsUpper(cur) && (unicode.IsLower(prev) || unicode.IsDigit(prev) || (unicode.IsUpper(prev) && unicode.IsLower(next))) {
			words = append(words, string(rs[start:i]))
			start = i
		}
	}
	return append(words, string(rs[start:]))
}

// lcsWords is the longest common subsequence of two word lists.
func lcsWords(a, b []string) []string {
	n, m := len(a), len(b)
	dp := make([][]int, n+1)
	for i := range dp {
		dp[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				dp[i][j] = dp[i+1][j+1] + 1
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	var out []string
	for i, j := 0, 0; i < n && j < m; {
		switch {
		case a[i] == b[j]:
			out = append(out, a[i])
			i++
			j++
		case dp[i+1][j] >= dp[i][j+1]:
			i++
		default:
			j++
		}
	}
	return out
}

// documentShared gives each shared type (renamed src) a doc comment naming
// its members, and drops the comment of a field whose members' comments
// differ.
func (r *renames) documentShared(src []byte) ([]byte, error) {
	if len(r.members) == 0 {
		return src, nil
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "src.go", src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	type edit struct {
		from, to int
		text     string
	}
	var edits []edit
	off := func(p token.Pos) int { return fset.Position(p).Offset }
	for _, decl := range f.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.TYPE || len(gd.Specs) != 1 {
			continue
		}
		ts, ok := gd.Specs[0].(*ast.TypeSpec)
		if !ok || ts.Assign.IsValid() {
			continue
		}
		members := r.members[ts.Name.Name]
		if members == nil {
			continue
		}
		doc := wrapComment(fmt.Sprintf("%s is the one type of a shape the API spells out in several places: %s (each now an alias of it).", ts.Name.Name, strings.Join(members, ", ")))
		if gd.Doc != nil {
			edits = append(edits, edit{off(gd.Doc.Pos()), off(gd.Pos()), doc})
		} else {
			edits = append(edits, edit{off(gd.Pos()), off(gd.Pos()), doc})
		}
		if st, ok := ts.Type.(*ast.StructType); ok {
			for i, fl := range st.Fields.List {
				if fl.Doc != nil && r.undocumented[ts.Name.Name+"."+fmt.Sprint(i)] {
					edits = append(edits, edit{off(fl.Doc.Pos()), off(fl.Pos()), ""})
				}
			}
		}
	}
	sort.Slice(edits, func(i, j int) bool { return edits[i].from < edits[j].from })
	var out bytes.Buffer
	last := 0
	for _, e := range edits {
		out.Write(src[last:e.from])
		out.WriteString(e.text)
		last = e.to
	}
	out.Write(src[last:])
	return format.Source(out.Bytes())
}

// wrapComment is text as // lines of at most about 76 characters.
func wrapComment(text string) string {
	var b strings.Builder
	line := "//"
	for _, w := range strings.Fields(text) {
		if len(line)+1+len(w) > 76 && line != "//" {
			b.WriteString(line + "\n")
			line = "//"
		}
		line += " " + w
	}
	b.WriteString(line + "\n")
	return b.String()
}
