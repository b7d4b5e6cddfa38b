package main

// Presence (issue 22; openapi/README.md, "Presence and null"): every record
// an SDK method's answer reaches says, per field, whether its key came, came
// as null, or came with a value. Each such struct gains a field
//
//	JSON <Record>Presence `json:"-"`
//
// of Fields (sdkrt.Field, admin.Field), filled by one pass over the answer's
// bytes after it decoded (fillPresence, called by decodeAnswer); the values
// decode as before. Its MarshalJSON leaves out, of a decoded record, a key
// the answer did not have and writes null for one it had as null, while the
// field still holds its zero value, so a record encoded back sends no value
// the server did not. Records with their own JSON methods (additional
// properties, unions) are left as they are.

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// presenceField is one field of a record.
type presenceField struct {
	goName, key string
	nested      string // the record type a value of the field holds, "" if none
	form        string // how: "value", "ptr", "list", "ptrlist", "listptr"
}

// presenceRecord is one record that gets presence.
type presenceRecord struct {
	name   string
	fields []presenceField
	rbrace int // offset of the struct's closing brace in the source
	// pass: a record with JSON methods of its own (additional properties)
	// gets no JSON field, only the walk into the records its fields hold.
	pass bool
}

var outNew = regexp.MustCompile(`out := new\((\w+)\)`)

// planPresence finds the records the answers in sdkSrc (out := new(T)) reach
// in genSrc, both renamed.
func planPresence(genSrc, sdkSrc []byte) ([]*presenceRecord, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "gen.go", genSrc, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	structs := map[string]*ast.TypeSpec{}
	aliases := map[string]string{}
	own := map[string]bool{}          // types with their own JSON methods
	variants := map[string][]string{} // a union's variant types
	declared := map[string]bool{}
	for _, decl := range f.Decls {
		switch d := decl.(type) {
		case *ast.FuncDecl:
			recv := receiverName(d)
			if recv != "" && (d.Name.Name == "UnmarshalJSON" || d.Name.Name == "MarshalJSON") {
				own[recv] = true
			}
			// A union's As<Variant>() (V, error): its variants.
			if r := d.Type.Results; recv != "" && strings.HasPrefix(d.Name.Name, "As") && r != nil && len(r.List) == 2 {
				if id, ok := r.List[0].Type.(*ast.Ident); ok {
					variants[recv] = append(variants[recv], id.Name)
				}
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				ts, ok := s.(*ast.TypeSpec)
				if !ok {
					continue
				}
				declared[ts.Name.Name] = true
				if id, ok := ts.Type.(*ast.Ident); ok && ts.Assign.IsValid() {
					aliases[ts.Name.Name] = id.Name
				} else if _, ok := ts.Type.(*ast.StructType); ok && !ts.Assign.IsValid() && ts.TypeParams == nil {
					structs[ts.Name.Name] = ts
				}
			}
		}
	}
	resolve := func(name string) string {
		for i := 0; i < 8; i++ {
			a, ok := aliases[name]
			if !ok {
				break
			}
			name = a
		}
		return name
	}
	eligible := func(name string) bool {
		ts := structs[name]
		if ts == nil || own[name] || declared[name+"Presence"] {
			return false
		}
		for _, fl := range ts.Type.(*ast.StructType).Fields.List {
			if len(fl.Names) == 0 {
				return false // an embedded field
			}
			for _, n := range fl.Names {
				if n.Name == "JSON" || !ast.IsExported(n.Name) {
					return false
				}
			}
		}
		return true
	}
	// passable: a record with JSON methods of its own whose declared fields
	// are all exported (additional properties; not a union, whose value is
	// unexported): the walk goes through it to the records it holds.
	passable := func(name string) bool {
		ts := structs[name]
		if ts == nil || !own[name] {
			return false
		}
		for _, fl := range ts.Type.(*ast.StructType).Fields.List {
			if len(fl.Names) == 0 {
				return false
			}
			for _, n := range fl.Names {
				if !ast.IsExported(n.Name) {
					return false
				}
			}
		}
		return true
	}
	// nestedOf says which record a field's type holds, and how.
	nestedOf := func(e ast.Expr) (string, string) {
		ident := func(e ast.Expr) string {
			if id, ok := e.(*ast.Ident); ok {
				return resolve(id.Name)
			}
			return ""
		}
		switch t := e.(type) {
		case *ast.Ident:
			return ident(t), "value"
		case *ast.StarExpr:
			if at, ok := t.X.(*ast.ArrayType); ok && at.Len == nil {
				return ident(at.Elt), "ptrlist"
			}
			return ident(t.X), "ptr"
		case *ast.ArrayType:
			if t.Len != nil {
				return "", ""
			}
			if st, ok := t.Elt.(*ast.StarExpr); ok {
				return ident(st.X), "listptr"
			}
			return ident(t.Elt), "list"
		}
		return "", ""
	}
	var queue []string
	for _, m := range outNew.FindAllSubmatch(sdkSrc, -1) {
		queue = append(queue, resolve(string(m[1])))
	}
	seen := map[string]*presenceRecord{}
	visitedUnion := map[string]bool{}
	for len(queue) > 0 {
		name := queue[0]
		queue = queue[1:]
		if _, ok := seen[name]; ok || !eligible(name) && !passable(name) {
			if _, ok := seen[name]; !ok && own[name] && !visitedUnion[name] {
				// A union: its variants are filled when As decodes one.
				visitedUnion[name] = true
				for _, v := range variants[name] {
					queue = append(queue, resolve(v))
				}
			}
			continue
		}
		ts := structs[name]
		st := ts.Type.(*ast.StructType)
		rec := &presenceRecord{name: name, rbrace: fset.Position(st.Fields.Closing).Offset, pass: !eligible(name)}
		seen[name] = rec
		for _, fl := range st.Fields.List {
			key := fl.Names[0].Name
			if fl.Tag != nil {
				tag, _ := strconv.Unquote(fl.Tag.Value)
				k, _, _ := strings.Cut(reflect.StructTag(tag).Get("json"), ",")
				if k == "-" {
					continue
				}
				if k != "" {
					key = k
				}
			}
			nested, form := nestedOf(fl.Type)
			if nested != "" && len(variants[nested]) > 0 && own[nested] {
				queue = append(queue, nested) // a union: reached for its variants
			}
			if nested != "" && (eligible(nested) || passable(nested)) {
				queue = append(queue, nested)
			} else {
				nested, form = "", ""
			}
			if rec.pass && nested == "" {
				continue
			}
			for _, n := range fl.Names {
				rec.fields = append(rec.fields, presenceField{goName: n.Name, key: key, nested: nested, form: form})
			}
		}
	}
	// A pass record that leads to no record is dropped, and the fields that
	// hold it no longer walk into it (until nothing changes).
	for changed := true; changed; {
		changed = false
		for name, r := range seen {
			if r.pass && len(r.fields) == 0 {
				delete(seen, name)
				changed = true
			}
		}
		for _, r := range seen {
			kept := r.fields[:0]
			for _, f := range r.fields {
				if _, ok := seen[f.nested]; f.nested != "" && !ok {
					changed = true
					if r.pass {
						continue
					}
					f.nested, f.form = "", ""
				}
				kept = append(kept, f)
			}
			r.fields = kept
		}
	}
	recs := make([]*presenceRecord, 0, len(seen))
	for _, r := range seen {
		recs = append(recs, r)
	}
	sort.Slice(recs, func(i, j int) bool { return recs[i].name < recs[j].name })
	return recs, nil
}

// addPresenceFields inserts the JSON field into each record of src.
func addPresenceFields(src []byte, recs []*presenceRecord) ([]byte, error) {
	byOffset := append([]*presenceRecord(nil), recs...)
	sort.Slice(byOffset, func(i, j int) bool { return byOffset[i].rbrace < byOffset[j].rbrace })
	var out bytes.Buffer
	last := 0
	for _, r := range byOffset {
		if r.pass {
			continue
		}
		out.Write(src[last:r.rbrace])
		fmt.Fprintf(&out, "\n\n\t// JSON says, for each field above, whether the answer had its key, as\n\t// null or with a value (see Field); zero in a value no answer filled.\n\tJSON %sPresence `json:\"-\"`\n", r.name)
		last = r.rbrace
	}
	out.Write(src[last:])
	return format.Source(out.Bytes())
}

// renderPresence writes presence.gen.go: Field, decodeAnswer, and each
// record's Presence type, fillPresence and MarshalJSON.
func renderPresence(pkgName string, recs []*presenceRecord) ([]byte, error) {
	var b bytes.Buffer
	w := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	w("// Code generated by internal/cmd/gensdk. DO NOT EDIT.\n\npackage %s\n\n", pkgName)
	w("import (\n\t\"encoding/json\"\n\t\"net/http\"\n\n\t\"github.com/medusa-sdk/medusa-go/v2/internal/sdkrt\"\n)\n\n")
	w("// Field says how one key of an answer came: Came (null or not), Null,\n// Valid (a value other than null). Each record an SDK method returns has\n// one per field in its JSON field: order.JSON.FulfillmentStatus.Came()\n// tells a status the server left out from an empty one.\ntype Field = sdkrt.Field\n\n")
	w("// presenceFiller is a record whose presence an answer fills.\ntype presenceFiller interface{ fillPresence([]byte) }\n\n")
	w("// decodeAnswer decodes an answer into out and fills the presence of the\n// records it holds.\nfunc decodeAnswer(resp *http.Response, err error, out any) error {\n\tif p, ok := out.(presenceFiller); ok {\n\t\treturn sdkrt.DecodeFill(resp, err, out, p.fillPresence)\n\t}\n\treturn sdkrt.Decode(resp, err, out)\n}\n\n")
	w("var _ = json.Marshal\n\n")
	w("// fillBranch fills, after a union's As method decoded one of its\n// variants into v, the presence of the records v holds.\nfunc fillBranch(v any, data []byte) {\n\tif p, ok := v.(presenceFiller); ok {\n\t\tp.fillPresence(data)\n\t}\n}\n\n")
	w("// The package's filler, for tests that judge presence against answers\n// (sdkrt.FillPresence).\nfunc init() {\n\tsdkrt.RegisterFill(func(v any, data []byte) bool {\n\t\tp, ok := v.(presenceFiller)\n\t\tif ok {\n\t\t\tp.fillPresence(data)\n\t\t}\n\t\treturn ok\n\t})\n}\n\n")
	for _, r := range recs {
		if r.pass {
			w("// %s has JSON methods of its own and no presence; the walk goes\n// through it to the records its fields hold.\n", r.name)
		} else {
			w("// %sPresence says, for each field of %s, whether the answer had its\n// key (see Field).\ntype %sPresence struct {\n", r.name, r.name, r.name)
			for _, f := range r.fields {
				w("\t%s Field\n", f.goName)
			}
			w("\n\tdecoded bool\n}\n\n")
		}
		w("func (t *%s) fillPresence(data []byte) {\n\tvar s sdkrt.Scanner\n\ts.Reset(data)\n\tt.presence(&s)\n}\n\n", r.name)
		w("func (t *%s) presence(s *sdkrt.Scanner) {\n\tif !s.Object() {\n\t\treturn\n\t}\n", r.name)
		if !r.pass {
			w("\tt.JSON.decoded = true\n")
		}
		w("\tfor s.NextKey() {\n\t\tswitch string(s.Key()) {\n")
		each := func(list, nilCheck string) {
			w("\t\t\tif s.Array() {\n\t\t\t\tfor i := 0; s.NextElem(); i++ {\n\t\t\t\t\tif i < len(%s)%s {\n\t\t\t\t\t\t%s[i].presence(s)\n\t\t\t\t\t} else {\n\t\t\t\t\t\ts.Skip()\n\t\t\t\t\t}\n\t\t\t\t}\n\t\t\t}\n", list, nilCheck, list)
		}
		for _, f := range r.fields {
			w("\t\tcase %q:\n", f.key)
			if !r.pass {
				w("\t\t\tt.JSON.%s = s.Field()\n", f.goName)
			}
			switch f.form {
			case "value":
				w("\t\t\tt.%s.presence(s)\n", f.goName)
			case "ptr":
				w("\t\t\tif t.%s != nil {\n\t\t\t\tt.%s.presence(s)\n\t\t\t} else {\n\t\t\t\ts.Skip()\n\t\t\t}\n", f.goName, f.goName)
			case "list":
				each("t."+f.goName, "")
			case "ptrlist":
				w("\t\t\tif t.%s == nil {\n\t\t\t\ts.Skip()\n\t\t\t} else if l := *t.%s; s.Array() {\n\t\t\t\tfor i := 0; s.NextElem(); i++ {\n\t\t\t\t\tif i < len(l) {\n\t\t\t\t\t\tl[i].presence(s)\n\t\t\t\t\t} else {\n\t\t\t\t\t\ts.Skip()\n\t\t\t\t\t}\n\t\t\t\t}\n\t\t\t}\n", f.goName, f.goName)
			case "listptr":
				each("t."+f.goName, " && t."+f.goName+"[i] != nil")
			default:
				w("\t\t\ts.Skip()\n")
			}
		}
		w("\t\tdefault:\n\t\t\ts.Skip()\n\t\t}\n\t}\n}\n\n")
		if r.pass {
			continue
		}
		w("// MarshalJSON encodes t as encoding/json does, except that, when t was\n// decoded from an answer, a key the answer did not have is left out and\n// one it had as null is written null while its field holds the zero value.\n")
		w("func (t %s) MarshalJSON() ([]byte, error) {\n\ttype plain %s\n\tdata, err := json.Marshal(plain(t))\n\tif err != nil || !t.JSON.decoded {\n\t\treturn data, err\n\t}\n\tvar drop, null map[string]bool\n", r.name, r.name)
		for _, f := range r.fields {
			w("\tif sdkrt.IsZero(t.%s) {\n\t\tsdkrt.Mark(&drop, &null, t.JSON.%s, %q)\n\t}\n", f.goName, f.goName, f.key)
		}
		w("\treturn sdkrt.Omit(data, drop, null), nil\n}\n\n")
	}
	return format.Source(b.Bytes())
}

// receiverName is the type a method is declared on ("" for a function).
func receiverName(fd *ast.FuncDecl) string {
	if fd.Recv == nil || len(fd.Recv.List) != 1 {
		return ""
	}
	t := fd.Recv.List[0].Type
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	if id, ok := t.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}
