// Package required checks, before a request body is sent, that no required
// string is empty. oapi-codegen types a required string as a plain string, so
// a field the caller forgot goes out as "" — and Medusa 2.18.0 then stores a
// nameless record (a sales channel, a tag, an invite without e-mail) or, for
// some routes (POST /admin/regions), answers 500. The generated clients call
// Check on every JSON body; the error names the field, never its value.
package required

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
)

// ErrEmpty is wrapped by every error Check returns.
var ErrEmpty = errors.New("required field is empty")

// Check walks v (structs, pointers, slices and arrays of them) and returns an
// error naming the first required string field that is "". A field is
// required when its json tag has no omitempty, which is how the generator
// marks required properties.
func Check(v any) error {
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer && !rv.IsNil() {
		rv = rv.Elem()
	}
	if !rv.IsValid() {
		return nil
	}
	return walk(rv, rv.Type().Name(), "", 0)
}

func walk(v reflect.Value, root, path string, depth int) error {
	if depth > 32 || !v.IsValid() {
		return nil
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return walk(v.Elem(), root, path, depth+1)
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return nil // raw JSON or bytes
		}
		for i := 0; i < v.Len(); i++ {
			if err := walk(v.Index(i), root, fmt.Sprintf("%s[%d]", path, i), depth+1); err != nil {
				return err
			}
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			tag, ok := f.Tag.Lookup("json")
			name, opts, _ := strings.Cut(tag, ",")
			if !ok || name == "-" {
				continue
			}
			here := name
			if path != "" {
				here = path + "." + name
			}
			fv := v.Field(i)
			if fv.Kind() == reflect.String {
				if fv.Len() == 0 && !hasOpt(opts, "omitempty") {
					return fmt.Errorf("medusa: %s: %w (%s)", root, ErrEmpty, here)
				}
				continue
			}
			if err := walk(fv, root, here, depth+1); err != nil {
				return err
			}
		}
	}
	return nil
}

func hasOpt(opts, want string) bool {
	for _, o := range strings.Split(opts, ",") {
		if o == want {
			return true
		}
	}
	return false
}
