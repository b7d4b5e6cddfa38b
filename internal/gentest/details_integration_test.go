//go:build integration

package gentest

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"sync"
)

// detailsRead counts, by action, the details the sweep read through an
// accessor (in its log: which actions the seeded states reach).
var detailsRead = &actionCounts{n: map[string]int{}}

type actionCounts struct {
	mu sync.Mutex
	n  map[string]int
}

func (c *actionCounts) add(action string) {
	c.mu.Lock()
	c.n[action]++
	c.mu.Unlock()
}

func (c *actionCounts) summary() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var parts []string
	total := 0
	for a, n := range c.n {
		parts = append(parts, fmt.Sprintf("%s %d", a, n))
		total += n
	}
	sort.Strings(parts)
	return fmt.Sprintf("%d (%s)", total, strings.Join(parts, ", "))
}

// Order change action details (spec rule action-details): a record whose
// details the SDK types per action has an accessor <Action>Details returning
// the action's details type. The sweep reads every such record's details
// through its accessor, strictly: an error (a value of another type) is a
// type mismatch, a key the details type has no field for is an unknown field
// at "<path>.details(<ACTION>).<key>", and the details type's required fields
// and nulls are judged like any record's (walkFields, presence).

// actionWord is an action's value as the accessor names it: ITEM_ADD is ItemAdd.
func actionWord(v string) string {
	var b strings.Builder
	for _, w := range strings.Split(strings.ToLower(v), "_") {
		if w != "" {
			b.WriteString(strings.ToUpper(w[:1]) + w[1:])
		}
	}
	return b.String()
}

// detailsOf is the record t's accessor of action's details, if it has one.
func detailsOf(t reflect.Type, action string) (reflect.Method, bool) {
	if _, ok := t.FieldByName("Details"); !ok {
		return reflect.Method{}, false
	}
	m, ok := t.MethodByName(actionWord(action) + "Details")
	if !ok || m.Type.NumIn() != 1 || m.Type.NumOut() != 2 {
		return reflect.Method{}, false
	}
	return m, true
}

// actionDetails reads the details of the action object m (a record of type
// t) through its accessor: the typed value's type, and the problems found.
func actionDetails(path string, m map[string]any, t reflect.Type) (reflect.Type, []string) {
	action, _ := m["action"].(string)
	details, ok := m["details"].(map[string]any)
	if !ok || action == "" {
		return nil, nil
	}
	acc, ok := detailsOf(t, action)
	if !ok {
		return nil, nil
	}
	rec := reflect.New(t).Elem()
	af, df := rec.FieldByName("Action"), rec.FieldByName("Details")
	if af.Kind() != reflect.String || df.Type() != reflect.TypeOf(details) {
		return nil, nil
	}
	af.SetString(action)
	df.Set(reflect.ValueOf(details))
	out := acc.Func.Call([]reflect.Value{rec})
	detailsRead.add(action)
	var problems []string
	if err, _ := out[1].Interface().(error); err != nil {
		problems = append(problems, fmt.Sprintf("type mismatch: %s.details (%s): %v", path, action, err))
	}
	dt := out[0].Type()
	known := map[string]bool{}
	for i := 0; i < dt.NumField(); i++ {
		known[jsonName(dt.Field(i))] = true
	}
	for _, k := range sortedObjKeys(details) {
		if !known[k] && details[k] != nil {
			problems = append(problems, fmt.Sprintf("unknown field %s.details(%s).%s", path, action, k))
		}
	}
	return dt, problems
}

// detailsProblems lists the problems of every action's details in one
// answer (see actionDetails).
func detailsProblems(v any, t reflect.Type) []string {
	var out []string
	walkDetails("", v, t, func(p string) { out = append(out, p) })
	return out
}

func walkDetails(path string, v any, t reflect.Type, report func(string)) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		l, _ := v.([]any)
		for _, e := range l {
			walkDetails(path+"[]", e, t.Elem(), report)
		}
	case reflect.Map:
		m, _ := v.(map[string]any)
		if t.Key().Kind() != reflect.String {
			return
		}
		for _, k := range sortedObjKeys(m) {
			walkDetails(path+".{}", m[k], t.Elem(), report)
		}
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok || t == timeType {
			return
		}
		if _, raw := t.FieldByName("union"); raw {
			return
		}
		_, problems := actionDetails(path, m, t)
		for _, p := range problems {
			report(p)
		}
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			if name := jsonName(f); name != "" && m[name] != nil {
				walkDetails(strings.TrimPrefix(path+"."+name, "."), m[name], f.Type, report)
			}
		}
	}
}
