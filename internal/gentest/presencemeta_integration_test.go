//go:build integration

package gentest

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"sync/atomic"

	"github.com/medusa-sdk/medusa-go/v2/internal/sdkrt"
)

// The presence metadata against the answers: the SDK's methods fill each
// answer record's JSON field (which keys came, as null or with a value) by
// one pass over the answer's bytes of their own (sdkrt.Scanner), not by
// encoding/json. The sweep fills it the same way (sdkrt.FillPresence) for
// every answer it decodes and checks, record by record and field by field,
// that it says what the answer's JSON, parsed by encoding/json, has: a field
// whose metadata disagrees fails the sweep.

var fieldType = reflect.TypeOf(sdkrt.Field{})

// presenceChecked counts the answers and the fields whose metadata the
// sweep compared.
var presenceChecked struct{ answers, fields atomic.Int64 }

// presenceAgreement fills the presence of body decoded as typ and lists every
// field whose metadata disagrees with the JSON; ok is false when typ has no
// presence (no generated package fills it).
func presenceAgreement(body []byte, typ reflect.Type) (problems []string, ok bool) {
	target := reflect.New(typ)
	if json.Unmarshal(body, target.Interface()) != nil || !sdkrt.FillPresence(target.Interface(), body) {
		return nil, false
	}
	var answer any
	if json.Unmarshal(body, &answer) != nil {
		return nil, false
	}
	presenceChecked.answers.Add(1)
	comparePresence("", target.Elem(), answer, func(p string) { problems = append(problems, p) })
	return problems, true
}

func comparePresence(path string, v reflect.Value, j any, report func(string)) {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return
		}
		v = v.Elem()
	}
	switch v.Kind() {
	case reflect.Slice, reflect.Array:
		l, _ := j.([]any)
		for i := 0; i < v.Len() && i < len(l); i++ {
			comparePresence(path+"[]", v.Index(i), l[i], report)
		}
	case reflect.Map:
		m, _ := j.(map[string]any)
		if v.Type().Key().Kind() != reflect.String {
			return
		}
		for _, k := range sortedObjKeys(m) {
			if e := v.MapIndex(reflect.ValueOf(k).Convert(v.Type().Key())); e.IsValid() {
				comparePresence(path+".{}", e, m[k], report)
			}
		}
	case reflect.Struct:
		m, ok := j.(map[string]any)
		t := v.Type()
		if !ok || t == timeType {
			return
		}
		if meta := v.FieldByName("JSON"); meta.IsValid() && meta.Kind() == reflect.Struct {
			mt := meta.Type()
			for i := 0; i < mt.NumField(); i++ {
				pf := mt.Field(i)
				if !pf.IsExported() || pf.Type != fieldType {
					continue
				}
				rf, ok := t.FieldByName(pf.Name)
				if !ok {
					report(fmt.Sprintf("%s: %s has presence for %s, which it does not declare", path, t.Name(), pf.Name))
					continue
				}
				key := jsonName(rf)
				val, has := m[key]
				got := meta.Field(i).Interface().(sdkrt.Field)
				presenceChecked.fields.Add(1)
				if got.Came() != has || got.Null() != (has && val == nil) || got.Valid() != (has && val != nil) {
					report(fmt.Sprintf("presence metadata of %s.%s (%s) says %s; the answer has %s",
						t.Name(), key, strings.TrimPrefix(path+"."+key, "."), got, jsonState(val, has)))
				}
			}
		}
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			if key := jsonName(f); key != "" && m[key] != nil {
				comparePresence(strings.TrimPrefix(path+"."+key, "."), v.Field(i), m[key], report)
			}
		}
	}
}

func jsonState(v any, has bool) string {
	switch {
	case !has:
		return "no key"
	case v == nil:
		return "null"
	}
	return "a value"
}
