//go:build integration

package gentest

import (
	"context"
	"fmt"
	"net/http"
	"reflect"
	"sort"
	"strings"
	"time"
)

// The relations pass: Medusa sends a record's relations only when the query
// asks for them (fields=*relation), so the plain sweep never sees them. For
// every GET operation that takes `fields` and answered 200, the sweep asks
// again for every relation the answer's record type declares (the fields
// whose type is a generated struct), then for their relations one level
// down, and decodes those answers strictly too. A request Medusa refuses as
// a whole is retried one relation at a time, and the refused relations are
// listed in the report.

var timeType = reflect.TypeOf(time.Time{})

// structOf is the struct type behind t (through pointers and slices), or nil.
func structOf(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || t == timeType || t.PkgPath() == "" {
		return nil
	}
	return t
}

func jsonName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	if name == "-" {
		return ""
	}
	return name
}

// relationFields lists, for a record type, the JSON names of its fields that
// hold other generated records, with their record types.
func relationFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	if t == nil || t.Kind() != reflect.Struct {
		return out
	}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if st := structOf(f.Type); st != nil && jsonName(f) != "" {
			// A union wraps a json.RawMessage; it has no fields to ask for.
			if _, raw := st.FieldByName("union"); !raw {
				out[jsonName(f)] = st
			}
		}
	}
	return out
}

// relationPaths are the `*path` selectors for a record type: its relations,
// then each relation's relations.
func relationPaths(record reflect.Type) []string {
	var paths []string
	first := relationFields(record)
	for name, st := range first {
		paths = append(paths, name)
		for sub := range relationFields(st) {
			paths = append(paths, name+"."+sub)
		}
	}
	sort.Strings(paths)
	return paths
}

// answerRecord is the record type of an answer: the one property of the
// answer that is a generated struct or a list of them.
func answerRecord(answer reflect.Type) reflect.Type {
	var found reflect.Type
	for name, st := range relationFields(answer) {
		if name == "" {
			continue
		}
		if found != nil {
			return nil
		}
		found = st
	}
	return found
}

// withFields returns a copy of the params pointer p (or a new one) with its
// `fields` query parameter set, or false when the params have none.
func withFields(p reflect.Value, typ reflect.Type, fields string) (reflect.Value, bool) {
	if typ.Kind() != reflect.Pointer || typ.Elem().Kind() != reflect.Struct {
		return reflect.Value{}, false
	}
	c := reflect.New(typ.Elem())
	if !p.IsNil() {
		c.Elem().Set(p.Elem())
	}
	for i := 0; i < typ.Elem().NumField(); i++ {
		f := typ.Elem().Field(i)
		if jsonName(f) != "fields" && f.Tag.Get("form") != "fields" && !strings.HasPrefix(f.Tag.Get("json"), "fields") {
			continue
		}
		fv := c.Elem().Field(i)
		if fv.Kind() == reflect.Pointer && fv.Type().Elem().Kind() == reflect.String {
			v := reflect.New(fv.Type().Elem())
			v.Elem().SetString(fields)
			fv.Set(v)
			return c, true
		}
	}
	return reflect.Value{}, false
}

// relations runs the relations pass for one operation that answered 200 to
// args; m is its generated WithResponse method, answer its JSON200 type.
func (s *sweeper) relations(name string, m reflect.Value, args []reflect.Value, answer reflect.Type) {
	record := answerRecord(answer)
	paths := relationPaths(record)
	if len(paths) == 0 {
		return
	}
	pi := -1
	for i := 1; i < len(args); i++ {
		if args[i].Kind() == reflect.Pointer && args[i].Type().Elem().Kind() == reflect.Struct {
			pi = i
		}
	}
	if pi < 0 {
		return
	}
	call := func(sel []string) (int, []byte, bool) {
		fields := "*" + strings.Join(sel, ",*")
		p, ok := withFields(args[pi], args[pi].Type(), fields)
		if !ok {
			return 0, nil, false
		}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		a := append([]reflect.Value{reflect.ValueOf(ctx)}, args[1:]...)
		a[pi] = p
		out := m.Call(a)
		if out[0].IsNil() {
			return 0, nil, true
		}
		resp := out[0].Elem()
		return resp.FieldByName("HTTPResponse").Interface().(*http.Response).StatusCode, resp.FieldByName("Body").Bytes(), true
	}
	check := func(sel []string, body []byte) {
		label := fmt.Sprintf("%s with fields=*%s", name, strings.Join(sel, ",*"))
		s.report.relations = append(s.report.relations, label)
		s.judge(label, body, answer)
	}
	status, body, ok := call(paths)
	if !ok {
		return
	}
	if status == http.StatusOK {
		check(paths, body)
		return
	}
	for _, p := range paths {
		status, body, _ := call([]string{p})
		if status != http.StatusOK {
			s.report.refused = append(s.report.refused, fmt.Sprintf("%s: fields=*%s answered %d: %.160s", name, p, status, oneLine(body)))
			continue
		}
		check([]string{p}, body)
	}
}
