package main

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// kitPackages are hand-written public packages under the gate besides the
// generated APIs the names lock covers: their exported declarations (each
// with its signature or type) may be added to, never removed or changed.
var kitPackages = []string{"medusatest"}

// exported returns the exported declarations of the non-test Go files of a
// package as "name: declaration" ("func Start(t testing.TB) *Server",
// "method (*Server) Region(t testing.TB) admin.AdminRegion", "field
// Server.URL string", ...). files maps a file name to its source.
func exported(files map[string][]byte) (map[string]string, error) {
	out := map[string]string{}
	fset := token.NewFileSet()
	text := func(n any) string {
		var b bytes.Buffer
		_ = printer.Fprint(&b, fset, n)
		return strings.Join(strings.Fields(b.String()), " ")
	}
	for name, src := range files {
		f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		if strings.HasSuffix(f.Name.Name, "_test") {
			continue
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if !d.Name.IsExported() {
					continue
				}
				key := d.Name.Name
				if d.Recv != nil {
					recv := text(d.Recv.List[0].Type)
					if !ast.IsExported(strings.TrimLeft(recv, "*")) {
						continue
					}
					key = strings.TrimLeft(recv, "*") + "." + key
				}
				out[key] = "func " + text(d.Type)
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					switch sp := spec.(type) {
					case *ast.TypeSpec:
						if !sp.Name.IsExported() {
							continue
						}
						if st, ok := sp.Type.(*ast.StructType); ok {
							out[sp.Name.Name] = "struct"
							for _, fl := range st.Fields.List {
								for _, n := range fl.Names {
									if n.IsExported() {
										out[sp.Name.Name+"."+n.Name] = "field " + text(fl.Type)
									}
								}
							}
							continue
						}
						out[sp.Name.Name] = "type " + text(sp.Type)
					case *ast.ValueSpec:
						for _, n := range sp.Names {
							if n.IsExported() {
								kind := "var"
								if d.Tok == token.CONST {
									kind = "const"
								}
								typ := ""
								if sp.Type != nil {
									typ = " " + text(sp.Type)
								}
								out[n.Name] = kind + typ
							}
						}
					}
				}
			}
		}
	}
	return out, nil
}

// kitFilesAt reads a package's Go files at a git ref ("" for the work tree).
func kitFilesAt(ref, dir string) (map[string][]byte, error) {
	files := map[string][]byte{}
	if ref == "" {
		matches, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, m := range matches {
			if strings.HasSuffix(m, "_test.go") {
				continue
			}
			b, err := os.ReadFile(m)
			if err != nil {
				return nil, err
			}
			files[filepath.Base(m)] = b
		}
		return files, nil
	}
	out, err := exec.Command("git", "ls-tree", "--name-only", ref, dir+"/").Output()
	if err != nil {
		return files, nil // the package is not in that release
	}
	for _, p := range strings.Fields(string(out)) {
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			continue
		}
		b, err := gitShow(ref, p)
		if err != nil {
			return nil, err
		}
		files[path.Base(p)] = b
	}
	return files, nil
}

// kitChanges compares the kit packages' exported API at ref with the work
// tree's: what went or changed is incompatible, what is new is added.
func kitChanges(ref string) (incompatible []string, added int, err error) {
	for _, pkg := range kitPackages {
		oldFiles, err := kitFilesAt(ref, pkg)
		if err != nil {
			return nil, 0, err
		}
		newFiles, err := kitFilesAt("", pkg)
		if err != nil {
			return nil, 0, err
		}
		before, err := exported(oldFiles)
		if err != nil {
			return nil, 0, fmt.Errorf("%s at %s: %w", pkg, ref, err)
		}
		now, err := exported(newFiles)
		if err != nil {
			return nil, 0, fmt.Errorf("%s: %w", pkg, err)
		}
		for name, decl := range before {
			switch cur, ok := now[name]; {
			case !ok:
				incompatible = append(incompatible, fmt.Sprintf("%s.%s: gone (was %s)", pkg, name, decl))
			case cur != decl:
				incompatible = append(incompatible, fmt.Sprintf("%s.%s: changed from %s to %s", pkg, name, decl, cur))
			}
		}
		for name := range now {
			if _, ok := before[name]; !ok {
				added++
			}
		}
	}
	sort.Strings(incompatible)
	return incompatible, added, nil
}
