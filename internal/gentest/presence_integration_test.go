//go:build integration

package gentest

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// Presence and null: decoding an answer cannot tell a key the server left
// out, or sent as null, from its zero value. A field the type declares
// required (not a pointer, no omitempty: how oapi-codegen marks a required
// property) that a real answer lacks reads as "" or 0 and is believed; a
// JSON null decoded into a type that cannot hold it (a string, a number, a
// bool, a time.Time, a struct) reads the same. The sweep walks each answer's
// JSON beside its Go type and reports both, like an unknown field.
//
// A finding is keyed by its class and the field of the generated record that
// holds it ("missing AdminOrder.fulfillment_status", "null AdminProduct.deleted_at"):
// that is what a spec rule fixes, whichever route sent it. The message keeps
// the JSON path of the answer.

// presenceFinding is one missing required field or one null the type cannot hold.
type presenceFinding struct {
	key  string // "missing <Type>.<json>" or "null <Type>.<json>"
	path string // JSON path in the answer
}

func (f presenceFinding) String() string {
	class, field, _ := strings.Cut(f.key, " ")
	if class == "missing" {
		return fmt.Sprintf("missing required field %s (%s)", f.path, field)
	}
	return fmt.Sprintf("null in non-nullable field %s (%s)", f.path, field)
}

// presenceFindings lists, for one answer, every required field the JSON
// lacks and every null the Go field cannot hold, each key once per path.
func presenceFindings(body []byte, typ reflect.Type) []presenceFinding {
	var v any
	if json.Unmarshal(body, &v) != nil {
		return nil
	}
	var out []presenceFinding
	seen := map[string]bool{}
	walkPresence("", v, typ, func(f presenceFinding) {
		if k := f.key + " " + f.path; !seen[k] {
			seen[k] = true
			out = append(out, f)
		}
	})
	sort.Slice(out, func(i, j int) bool {
		if out[i].path != out[j].path {
			return out[i].path < out[j].path
		}
		return out[i].key < out[j].key
	})
	return out
}

// canHoldNull tells whether a Go value of kind k can tell JSON null apart:
// pointers, interfaces, maps (nullable.Nullable is a map) and slices decode
// null as nil.
func canHoldNull(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Slice:
		return true
	}
	// A type with its own decoder (a union over json.RawMessage) keeps the raw null.
	if t.Kind() == reflect.Struct {
		if _, raw := t.FieldByName("union"); raw {
			return true
		}
	}
	return false
}

// required tells whether a field is declared always present: not a pointer,
// no omitempty.
func requiredField(f reflect.StructField) bool {
	_, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
	for _, o := range strings.Split(opts, ",") {
		if o == "omitempty" || o == "omitzero" {
			return false
		}
	}
	return f.Type.Kind() != reflect.Pointer
}

func walkPresence(path string, v any, t reflect.Type, report func(presenceFinding)) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		l, _ := v.([]any)
		for _, e := range l {
			walkPresence(path+"[]", e, t.Elem(), report)
		}
	case reflect.Map:
		m, _ := v.(map[string]any)
		if t.Key().Kind() != reflect.String {
			return // nullable.Nullable[T] (map[bool]T): judged by its holder
		}
		for _, k := range sortedObjKeys(m) {
			walkPresence(path+".{}", m[k], t.Elem(), report)
		}
	case reflect.Struct:
		if t == timeType {
			return
		}
		if _, raw := t.FieldByName("union"); raw {
			return
		}
		m, ok := v.(map[string]any)
		if !ok {
			return
		}
		walkFields(path, m, t, t, report)
	}
}

// walkFields judges the fields of struct t (and of its embedded structs,
// which share the JSON object) against the object m; owner names the record.
func walkFields(path string, m map[string]any, t, owner reflect.Type, report func(presenceFinding)) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Anonymous && f.Type.Kind() == reflect.Struct {
			walkFields(path, m, f.Type, owner, report)
			continue
		}
		if !f.IsExported() {
			continue
		}
		name := jsonName(f)
		if name == "" {
			continue
		}
		field := recordName(owner, path) + "." + name
		val, has := m[name]
		switch {
		case !has:
			if requiredField(f) {
				report(presenceFinding{"missing " + field, path + "." + name})
			}
		case val == nil:
			if !canHoldNull(f.Type) {
				report(presenceFinding{"null " + field, path + "." + name})
			}
		default:
			walkPresence(path+"."+name, val, f.Type, report)
		}
	}
	if t == owner {
		// An order change action's details, judged as their typed record.
		if dt, _ := actionDetails(path, m, t); dt != nil {
			details, _ := m["details"].(map[string]any)
			walkFields(path+".details", details, dt, dt, report)
		}
	}
}

func sortedObjKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// recordName names the generated record a field belongs to; an unnamed
// struct is named by its path in the answer.
func recordName(t reflect.Type, path string) string {
	if t.Name() != "" {
		return t.Name()
	}
	return "(" + path + ")"
}

// presenceFile lists the presence findings known and not yet fixed by a
// rule, one key a line ("missing AdminOrder.fulfillment_status"); with
// SWEEP_STRICT=1 any other unexplained one fails the sweep. SWEEP_UPDATE_GAPS
// writes it like the unknown-field gaps (=1 adds, =prune rewrites).
const presenceFile = "testdata/sweep-presence.txt"

func loadPresence() map[string]bool {
	known := map[string]bool{}
	b, err := os.ReadFile(presenceFile)
	if err != nil {
		return known
	}
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			known[l] = true
		}
	}
	return known
}

func (r *sweepReport) presenceSeen(key string) {
	if r.presenceRun == nil {
		r.presenceRun = map[string]int{}
	}
	r.presenceRun[key]++
}

// presenceClasses counts this run's unexplained presence fields per class.
func (r *sweepReport) presenceClasses() string {
	n := map[string]int{}
	occ := map[string]int{}
	for k, c := range r.presenceRun {
		class, _, _ := strings.Cut(k, " ")
		n[class]++
		occ[class] += c
	}
	return fmt.Sprintf("missing: %d fields / %d occurrences, null: %d fields / %d occurrences",
		n["missing"], occ["missing"], n["null"], occ["null"])
}

func (r *sweepReport) writePresence(b *strings.Builder) {
	fmt.Fprintf(b, "presence: %s\n\n", r.presenceClasses())
	keys := make([]string, 0, len(r.presenceRun))
	for k := range r.presenceRun {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Fprintf(b, "## Presence findings by field (%d)\n\n", len(keys))
	for _, k := range keys {
		fmt.Fprintf(b, "- %s (%d)\n", k, r.presenceRun[k])
	}
	fmt.Fprintf(b, "\n## Presence findings (%d)\n\n", len(r.presence))
	for _, p := range r.presence {
		fmt.Fprintf(b, "- %s\n", p)
	}
	b.WriteString("\n")
}

// updatePresence writes presenceFile under SWEEP_UPDATE_GAPS and logs known
// keys this run did not see.
func (r *sweepReport) updatePresence(t *testing.T) {
	if mode := os.Getenv("SWEEP_UPDATE_GAPS"); mode != "" {
		keep := map[string]bool{}
		for k := range r.presenceRun {
			keep[k] = true
		}
		if mode != "prune" {
			for k := range r.presenceKnown {
				keep[k] = true
			}
		}
		list := make([]string, 0, len(keep))
		for k := range keep {
			list = append(list, k)
		}
		sort.Strings(list)
		head := "# Required fields real answers lack (missing) and JSON nulls into Go types that cannot hold them (null),\n" +
			"# by the generated record and its JSON field, that no rule fixes and openapi/README.md does not explain.\n" +
			"# Written by the sweep (SWEEP_UPDATE_GAPS=1 adds, =prune rewrites); with SWEEP_STRICT=1 any other fails it.\n"
		if err := os.WriteFile(presenceFile, []byte(head+strings.Join(list, "\n")+"\n"), 0o644); err != nil {
			t.Errorf("writing %s: %v", presenceFile, err)
		}
	}
	var gone []string
	for k := range r.presenceKnown {
		if r.presenceRun[k] == 0 {
			gone = append(gone, k)
		}
	}
	sort.Strings(gone)
	for _, k := range gone {
		t.Logf("known presence finding not seen this run (fixed? check, then run with SWEEP_UPDATE_GAPS=prune): %s", k)
	}
}

// explainedPresence is the presence allow-list: findings that are not the
// types' fault, each with its reason (openapi/README.md repeats them).
func explainedPresence(f presenceFinding) string {
	for _, e := range presenceAllowList {
		if e.match(f.path, f.key) {
			return e.why
		}
	}
	return ""
}

var presenceAllowList = []allowed{
	{"workflow engine internals: an execution's transaction state and step context, keyed by step names that differ per workflow",
		func(path, _ string) bool {
			return strings.HasPrefix(path, ".workflow_execution") &&
				(strings.Contains(path, ".execution.") || strings.Contains(path, ".context."))
		}},
}
