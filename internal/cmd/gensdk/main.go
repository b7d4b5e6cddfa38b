// Command gensdk writes the (value, error) layer of a generated Medusa client:
// one method per operation that returns the decoded 2xx body or the SDK's
// error type, and an "All" iterator for every paginated list.
//
// It reads the spec that oapi-codegen read (for each operation's method, path
// and summary) and the Go file oapi-codegen wrote (for the Go names and types),
// so it follows the generator's choices instead of guessing them.
//
//	go run ./internal/cmd/gensdk -spec openapi/specs/store.fixed.json -gen gen/store/store.gen.go -out gen/store/sdk.gen.go \
//		-names openapi/names/store.json -update-names -release-lock openapi/lock.json
//
// Method names come from the names lock (-names) when it has the route, and
// from the naming rule (names.go) otherwise; -update-names writes the lock
// back with the new routes and with routes the spec lost marked removed.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"go/format"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/medusa-sdk/medusa-go/v2/internal/cmd/namelock"
	"github.com/medusa-sdk/medusa-go/v2/internal/cmd/speclock"
)

func main() {
	specPath := flag.String("spec", "", "the OpenAPI spec (JSON) oapi-codegen generated from")
	genPath := flag.String("gen", "", "the Go file oapi-codegen wrote")
	outPath := flag.String("out", "", "the file to write")
	namesPath := flag.String("names", "", "the names lock (route -> method); empty: name every route by the rule")
	update := flag.Bool("update-names", false, "write the names lock back: new routes added, routes the spec lost marked removed (and kept as deprecated methods)")
	releaseLock := flag.String("release-lock", "openapi/lock.json", "the spec lock naming the Medusa release (for -update-names)")
	flag.Parse()
	if *specPath == "" || *genPath == "" || *outPath == "" {
		log.Fatal("gensdk: -spec, -gen and -out are required")
	}
	if *update && *namesPath == "" {
		log.Fatal("gensdk: -update-names needs -names")
	}
	if err := run(*specPath, *genPath, *outPath, *namesPath, *update, *releaseLock); err != nil {
		log.Fatalf("gensdk: %v", err)
	}
}

func run(specPath, genPath, outPath, namesPath string, update bool, releaseLock string) error {
	ops, err := readSpec(specPath)
	if err != nil {
		return err
	}
	pkg, err := readGen(genPath)
	if err != nil {
		return err
	}
	lock := namelock.New()
	if namesPath != "" {
		if lock, err = namelock.Load(namesPath); err != nil {
			return err
		}
	}
	release := ""
	if update {
		if release, err = medusaRelease(releaseLock); err != nil {
			return err
		}
	}
	gone := assignNames(ops, lock, update, release)
	src, entries, sos, err := render(pkg, ops, gone)
	if err != nil {
		return err
	}
	if err := renameTypes(pkg.name, genPath, outPath, src, sos); err != nil {
		return err
	}
	if _, err := renameUnionMethods(genPath, filepath.Join(filepath.Dir(outPath), "former.gen.go")); err != nil {
		return err
	}
	if err := writeActions(pkg.name, specPath, genPath, filepath.Dir(outPath)); err != nil {
		return err
	}
	if !update {
		return nil
	}
	for k, e := range entries {
		lock.Routes[k] = e
	}
	return lock.Save(namesPath)
}

// medusaRelease reads the release the SDK targets ("medusa") of a spec lock
// (openapi/lock.json): the release new names are recorded under.
func medusaRelease(path string) (string, error) {
	return speclock.Target(path)
}

// operation is what the spec says of one operation.
type operation struct {
	ID, Method, Path, Summary string
	Deprecated                bool        // the spec marks the operation deprecated
	Name                      string      // the Go method name of the SDK layer
	Form                      []formField // a multipart/form-data body's fields (form.go)
	Multipart                 bool        // the body is multipart/form-data
	Stream                    bool        // the success answer is text/event-stream
	Former                    []string    // earlier names of Name, kept as deprecated methods (names lock)
	SDKMethod                 string      // the JS SDK's method for the route (x-medusa-sdk-method), as "admin.user.listRoles"
	Locked                    bool        // the names lock has the route
	LockedIn                  string      // its locked parameter types (namelock.Entry.In)
}

func readSpec(path string) ([]*operation, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var spec struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(b, &spec); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var ops []*operation
	for p, methods := range spec.Paths {
		for m, raw := range methods {
			switch m {
			case "get", "post", "put", "patch", "delete", "head", "options":
			default:
				continue
			}
			var op struct {
				OperationID string `json:"operationId"`
				Summary     string `json:"summary"`
				Deprecated  bool   `json:"deprecated"`
				SDKMethod   string `json:"x-medusa-sdk-method"`
			}
			if err := json.Unmarshal(raw, &op); err != nil {
				return nil, fmt.Errorf("%s %s: %w", m, p, err)
			}
			if op.OperationID == "" {
				return nil, fmt.Errorf("%s %s has no operationId", m, p)
			}
			o := &operation{ID: goIdent(op.OperationID), Method: strings.ToUpper(m), Path: p, Summary: op.Summary, Deprecated: op.Deprecated, SDKMethod: op.SDKMethod}
			if err := readBodyKinds(doc, p, m, o); err != nil {
				return nil, err
			}
			ops = append(ops, o)
		}
	}
	sort.Slice(ops, func(i, j int) bool {
		if ops[i].Path != ops[j].Path {
			return ops[i].Path < ops[j].Path
		}
		return ops[i].Method < ops[j].Method
	})
	return ops, nil
}

// nameOps gives every operation its method name. Where two operations would
// get the same name: a POST to a singular sub-resource becomes Create instead
// of Update (POST .../shipping-method vs POST .../shipping-method/{action_id});
// then a deprecated operation yields to the others (POST
// /admin/products/import/{id}/confirm, deprecated, beside .../imports/...);
// then the operation with the shortest path keeps the name; the others keep
// their operationId.
func nameOps(ops []*operation) {
	for _, op := range ops {
		op.Name = methodName(op.Method, op.Path)
	}
	for _, group := range collisions(ops) {
		for _, op := range group {
			if strings.HasPrefix(op.Name, "Update") && !strings.HasSuffix(op.Path, "}") {
				op.Name = "Create" + strings.TrimPrefix(op.Name, "Update")
			}
		}
	}
	for _, group := range collisions(ops) {
		current := 0
		for _, op := range group {
			if !op.Deprecated {
				current++
			}
		}
		for _, op := range group {
			if op.Deprecated && current > 0 {
				op.Name = op.ID
			}
		}
	}
	for _, group := range collisions(ops) {
		shortest, n := 1<<30, 0
		for _, op := range group {
			if l := strings.Count(op.Path, "/"); l < shortest {
				shortest, n = l, 1
			} else if l == shortest {
				n++
			}
		}
		for _, op := range group {
			if n > 1 || strings.Count(op.Path, "/") > shortest {
				op.Name = op.ID
			}
		}
	}
	ids := map[string]*operation{}
	for _, op := range ops {
		ids[op.ID] = op
	}
	for _, op := range ops {
		if other, ok := ids[op.Name]; op.Name == "" || (ok && other != op) {
			op.Name = op.ID
		}
	}
}

// collisions returns the groups of operations that share a name.
func collisions(ops []*operation) [][]*operation {
	by := map[string][]*operation{}
	var names []string
	for _, op := range ops {
		if len(by[op.Name]) == 0 {
			names = append(names, op.Name)
		}
		by[op.Name] = append(by[op.Name], op)
	}
	var out [][]*operation
	for _, n := range names {
		if len(by[n]) > 1 {
			out = append(out, by[n])
		}
	}
	return out
}

func render(pkg *genPackage, ops []*operation, gone []*removedRoute) ([]byte, map[string]*namelock.Entry, []*sdkOp, error) {
	var sos []*sdkOp
	entries := map[string]*namelock.Entry{}
	var b bytes.Buffer
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("// API calls every %s operation and returns its decoded answer, or an\n", pkg.title())
	w("// *apierror.Error when the server answers with a non-2xx status. Transport\n")
	w("// errors (refused connections, cancelled contexts) are returned unchanged.\n")
	w("// The raw generated client stays reachable through Raw.\n")
	w("type API struct {\n\traw ClientInterface\n}\n\n")
	w("// NewAPI wraps a generated client.\nfunc NewAPI(raw ClientInterface) *API { return &API{raw: raw} }\n\n")
	w("// Raw returns the generated client, for callers that want the full *http.Response.\n")
	w("func (a *API) Raw() ClientInterface { return a.raw }\n\n")

	taken := map[string]bool{}
	for t := range pkg.types {
		taken[t] = true
	}
	done, streams, files := 0, 0, 0
	var renamed []*formerNames
	opNames := map[string]bool{}
	for _, op := range ops {
		opNames[op.Name] = true
		for _, f := range op.Former {
			opNames[f] = true
		}
	}
	for _, op := range ops {
		m, ok := pkg.methods[op.ID]
		if op.Multipart {
			m, ok = pkg.bodied[op.ID]
		}
		if !ok {
			return nil, nil, nil, fmt.Errorf("operation %s (%s %s) has no generated method %sWithResponse", op.ID, op.Method, op.Path, op.ID)
		}
		done++
		so := pkg.sdkTypes(op, m, taken)
		sos = append(sos, so)
		_, rawArgs := so.signature()
		form := ""
		if op.Multipart {
			form = op.Name + "Form"
			if taken[form] {
				return nil, nil, nil, fmt.Errorf("%s %s: the form type name %s is taken", op.Method, op.Path, form)
			}
			taken[form] = true
			so.params = append(so.params, param{"form", form})
		}
		entry := &namelock.Entry{Method: op.Name, Operation: op.ID, Former: op.Former}
		var former *formerNames
		if len(op.Former) > 0 {
			params, args := so.signature()
			if op.Multipart {
				params += ", form " + form
				args += ", form"
			}
			former = &formerNames{entry: entry, params: params, args: args}
			renamed = append(renamed, former)
		}
		entries[namelock.Key(op.Method, op.Path)] = entry
		for _, al := range so.aliases {
			if entry.Aliases == nil {
				entry.Aliases = map[string]string{}
			}
			entry.Aliases[al.Name] = al.Target
		}
		var in []string
		for _, prm := range so.params {
			in = append(in, prm.typ)
		}
		entry.In = strings.Join(in, ", ")
		gained := gainedBody(op, so)
		if gained != nil {
			if op.Multipart || op.Stream || len(op.Former) > 0 {
				return nil, nil, nil, fmt.Errorf("%s %s gained a body after the names lock: not supported on a multipart, streamed or renamed method", op.Method, op.Path)
			}
			entry.With, entry.WithIn, entry.In = op.Name+"With", entry.In, op.LockedIn
			if taken[entry.With] || opNames[entry.With] {
				return nil, nil, nil, fmt.Errorf("%s %s gained a body: the name %s is taken", op.Method, op.Path, entry.With)
			}
		}
		if so.result != "" {
			entry.Out = "*" + so.result
		}
		if op.Stream {
			entry.Out = "iter.Seq2[Event, error]"
			streams++
		}
		if op.Multipart {
			files++
		}
		for _, al := range so.aliases {
			w("// %s\ntype %s = %s\n\n", al.Doc, al.Name, al.Target)
		}
		doc := strings.TrimSpace(op.Summary)
		if doc == "" {
			doc = "calls " + op.ID
		} else {
			doc = lowerFirst(doc) + "."
		}
		if op.Multipart {
			renderFormType(w, op, form)
		}
		w("// %s %s\n//\n// %s %s (operation %s).\n", op.Name, doc, op.Method, op.Path, op.ID)
		switch {
		case op.Multipart && op.Stream:
			return nil, nil, nil, fmt.Errorf("%s %s: a multipart body with a streamed answer is not supported", op.Method, op.Path)
		case op.Multipart:
			w("// The body is sent as multipart/form-data (%s).\n", form)
			renderForm(w, pkg.name, op, so, rawArgs)
			continue
		case op.Stream:
			w("// It yields the server-sent events as they arrive, until the server ends\n")
			w("// the stream, the loop breaks or ctx is done (no error then).\n")
			renderStream(w, op, so)
			continue
		}
		params, args := so.signature()
		name := op.Name
		if gained != nil {
			renderGained(w, so, gained, entry.With)
			name = entry.With
		}
		if so.result == "" {
			w("func (a *API) %s(ctx context.Context%s, opts ...RequestEditorFn) error {\n", name, params)
			w("\tresp, err := a.raw.%s(ctx%s, opts...)\n\treturn sdkrt.Decode(resp, err, nil)\n}\n\n", op.ID, args)
			continue
		}
		w("func (a *API) %s(ctx context.Context%s, opts ...RequestEditorFn) (*%s, error) {\n", name, params, so.result)
		w("\tresp, err := a.raw.%s(ctx%s, opts...)\n\tout := new(%s)\n", op.ID, args, so.result)
		w("\tif err := decodeAnswer(resp, err, out); err != nil {\n\t\treturn nil, err\n\t}\n\treturn out, nil\n}\n\n")
		if l := pkg.listShape(m, pkg.successType(op.ID), pkg.inline[pkg.successType(op.ID)]); l != nil {
			if gained != nil {
				return nil, nil, nil, fmt.Errorf("%s %s gained a body after the names lock: not supported on a list method", op.Method, op.Path)
			}
			l.params = so.paramsType()
			renderAll(w, so, l)
			entry.All = true
			if former != nil {
				former.item = l.item
			}
		}
	}
	if done == 0 {
		return nil, nil, nil, fmt.Errorf("no operations")
	}
	renderFormer(w, renamed)
	renderRemoved(w, pkg, taken, gone)
	for _, t := range []struct {
		name string
		n    int
		doc  string
	}{
		{"File", files, "// File is a file to upload in a multipart form: its name (with an extension),\n// its content type (\"\" guesses it from the name's extension, else\n// application/octet-stream) and its content, read once to its end. It is\n// the root package's medusa.File.\n"},
		{"Event", streams, "// Event is one server-sent event of a stream method: its name (\"message\"\n// when the server sends none), its data and the stream's last id. It is\n// the root package's medusa.Event.\n"},
	} {
		if t.n == 0 {
			continue
		}
		if pkg.types[t.name] {
			return nil, nil, nil, fmt.Errorf("the package already declares a type %s", t.name)
		}
		w("%stype %s = sdkrt.%[2]s\n\n", t.doc, t.name)
	}
	// The imports: iter, net/http and paging only when used.
	var head bytes.Buffer
	fmt.Fprintf(&head, "// Code generated by internal/cmd/gensdk from %s. DO NOT EDIT.\n\npackage %s\n\nimport (\n\t\"context\"\n", pkg.name+".gen.go", pkg.name)
	paged := bytes.Contains(b.Bytes(), []byte("paging."))
	if paged || streams > 0 {
		head.WriteString("\t\"iter\"\n")
	}
	if streams > 0 {
		head.WriteString("\t\"net/http\"\n")
	}
	head.WriteString("\n")
	if paged {
		head.WriteString("\t\"github.com/medusa-sdk/medusa-go/v2/internal/paging\"\n")
	}
	head.WriteString("\t\"github.com/medusa-sdk/medusa-go/v2/internal/sdkrt\"\n)\n\n")
	// (a spec whose methods all decode through decodeAnswer calls sdkrt
	// nowhere else here)
	head.WriteString("var _ = sdkrt.Decode\n\n")
	head.Write(b.Bytes())
	src, err := format.Source(head.Bytes())
	if err != nil {
		return head.Bytes(), nil, nil, fmt.Errorf("formatting: %w", err)
	}
	return src, entries, sos, nil
}

func renderAll(w func(string, ...any), op *sdkOp, l *listShape) {
	params, args := op.signature()
	w("// %sAll walks every page of %s and yields each item once; it fetches a\n", op.Name, op.Name)
	w("// page only when the loop asks for more, and never changes params.\n")
	w("func (a *API) %sAll(ctx context.Context%s, opts ...RequestEditorFn) iter.Seq2[%s, error] {\n", op.Name, params, l.item)
	w("\tvar q %s\n\tif params != nil {\n\t\tq = *params\n\t}\n", l.params)
	w("\treturn paging.All(ctx, int(paging.Deref(q.Offset, 0)), int(paging.Deref(q.Limit, 0)),\n")
	w("\t\tfunc(ctx context.Context, offset, limit int) (paging.Page[%s], error) {\n", l.item)
	w("\t\t\tparams := q\n\t\t\to, l := %s(offset), %s(limit)\n\t\t\tparams.Offset, params.Limit = &o, &l\n", l.offsetType, l.limitType)
	args = strings.Replace(args, ", params", ", &params", 1)
	w("\t\t\tpage, err := a.%s(ctx%s, opts...)\n", op.Name, args)
	w("\t\t\tif err != nil {\n\t\t\t\treturn paging.Page[%s]{}, err\n\t\t\t}\n", l.item)
	count := "int(page.Count)"
	if l.countPtr {
		count = "int(paging.Deref(page.Count, 0))"
	}
	w("\t\t\treturn paging.Page[%s]{Items: page.%s, Count: %s}, nil\n\t\t})\n}\n\n", l.item, l.field, count)
}

// goIdent is the Go name oapi-codegen gives an operationId: separators
// dropped, the letter after each one and the first letter upper-cased.
func goIdent(id string) string {
	var b strings.Builder
	up := true
	for _, r := range id {
		if r == '_' || r == '-' || r == '.' || r == ' ' || r == '/' {
			up = true
			continue
		}
		if up {
			b.WriteString(strings.ToUpper(string(r)))
			up = false
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func lowerFirst(s string) string {
	if s == "" || (len(s) > 1 && strings.ToUpper(s[:2]) == s[:2]) {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
