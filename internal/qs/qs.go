// Package qs encodes Go values into query strings the way Medusa's server
// reads them: Medusa parses query strings with the `qs` library's bracket
// syntax, so nested values are sent as
//
//	created_at[$gt]=2024-01-02T15:04:05Z     (object member)
//	id[0]=a&id[1]=b                          (array element)
//	$and[0][title]=shirt                     (array of objects)
//
// which is also what Medusa's JS SDK (qs.stringify with its defaults) sends.
// The generated clients in gen/ call this package for every query parameter.
//
// Encoding never panics: a value that cannot be represented is reported by
// Values.Err.
package qs

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"
)

// ArrayIndexLimit is the highest array index Medusa's qs parser keeps as an
// array index (its arrayLimit, 20 by default); a larger index turns the array
// into an object. Arrays of scalars longer than this are sent as repeated
// name[]=value pairs instead, which qs also reads as an array.
const ArrayIndexLimit = 20

// maxDepth bounds recursion through self-referencing values.
const maxDepth = 32

// Values is an ordered list of query pairs.
type Values struct {
	pairs [][2]string
	err   error
}

// Add encodes value under name. Nil values, nil pointers and empty arrays or
// objects add nothing.
func (v *Values) Add(name string, value any) {
	if v.err != nil {
		return
	}
	if err := v.add(name, reflect.ValueOf(value), 0); err != nil {
		v.err = fmt.Errorf("query parameter %q: %w", name, err)
	}
}

// Set replaces every pair under name (exactly name, not its children).
func (v *Values) Set(name, value string) {
	kept := v.pairs[:0]
	for _, p := range v.pairs {
		if p[0] != name {
			kept = append(kept, p)
		}
	}
	v.pairs = append(kept, [2]string{name, value})
}

// Err reports the first value that could not be encoded.
func (v *Values) Err() error { return v.err }

// Pairs returns the encoded pairs in order.
func (v *Values) Pairs() [][2]string { return v.pairs }

// Len is the number of pairs.
func (v *Values) Len() int { return len(v.pairs) }

// Encode returns the percent-encoded query string, pairs in insertion order.
func (v *Values) Encode() string {
	var b strings.Builder
	for i, p := range v.pairs {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(p[0]))
		b.WriteByte('=')
		b.WriteString(url.QueryEscape(p[1]))
	}
	return b.String()
}

var (
	timeType          = reflect.TypeFor[time.Time]()
	jsonMarshalerType = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
)

func (v *Values) put(name, value string) { v.pairs = append(v.pairs, [2]string{name, value}) }

func (v *Values) add(name string, rv reflect.Value, depth int) error {
	if depth > maxDepth {
		return fmt.Errorf("value nested deeper than %d levels", maxDepth)
	}
	for rv.IsValid() && (rv.Kind() == reflect.Pointer || rv.Kind() == reflect.Interface) {
		if rv.IsNil() {
			return nil
		}
		rv = rv.Elem()
	}
	if !rv.IsValid() {
		return nil
	}
	t := rv.Type()
	switch {
	case t == timeType:
		v.put(name, rv.Interface().(time.Time).Format(time.RFC3339Nano))
		return nil
	case t.Implements(jsonMarshalerType) || (rv.CanAddr() && reflect.PointerTo(t).Implements(jsonMarshalerType)):
		// Union types, json.RawMessage, dates and objects with additional
		// properties marshal themselves; walk what they produce.
		m, ok := rv.Interface().(json.Marshaler)
		if !ok {
			m = rv.Addr().Interface().(json.Marshaler)
		}
		b, err := m.MarshalJSON()
		if err != nil {
			return err
		}
		return v.addJSON(name, b, depth)
	case t.Implements(textMarshalerType):
		b, err := rv.Interface().(encoding.TextMarshaler).MarshalText()
		if err != nil {
			return err
		}
		v.put(name, string(b))
		return nil
	}
	switch rv.Kind() {
	case reflect.String:
		v.put(name, rv.String())
	case reflect.Bool:
		v.put(name, strconv.FormatBool(rv.Bool()))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.put(name, strconv.FormatInt(rv.Int(), 10))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		v.put(name, strconv.FormatUint(rv.Uint(), 10))
	case reflect.Float32, reflect.Float64:
		v.put(name, strconv.FormatFloat(rv.Float(), 'f', -1, t.Bits()))
	case reflect.Slice, reflect.Array:
		if rv.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8 {
			v.put(name, string(rv.Bytes()))
			return nil
		}
		n := rv.Len()
		scalar := isScalar(t.Elem())
		for i := 0; i < n; i++ {
			key := name + "[" + strconv.Itoa(i) + "]"
			if scalar && n > ArrayIndexLimit+1 {
				key = name + "[]"
			}
			if err := v.add(key, rv.Index(i), depth+1); err != nil {
				return err
			}
		}
	case reflect.Map:
		keys := rv.MapKeys()
		strs := make([]string, len(keys))
		for i, k := range keys {
			s, err := mapKey(k)
			if err != nil {
				return err
			}
			strs[i] = s
		}
		idx := make([]int, len(keys))
		for i := range idx {
			idx[i] = i
		}
		sort.Slice(idx, func(a, b int) bool { return strs[idx[a]] < strs[idx[b]] })
		for _, i := range idx {
			if err := v.add(name+"["+strs[i]+"]", rv.MapIndex(keys[i]), depth+1); err != nil {
				return err
			}
		}
	case reflect.Struct:
		return v.addStruct(name, rv, depth)
	default:
		return fmt.Errorf("cannot encode a %s in a query string", t)
	}
	return nil
}

func isScalar(t reflect.Type) bool {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == timeType {
		return true
	}
	switch t.Kind() {
	case reflect.String, reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return !t.Implements(jsonMarshalerType)
	}
	return false
}

func mapKey(k reflect.Value) (string, error) {
	if k.Kind() == reflect.Interface {
		k = k.Elem()
	}
	switch k.Kind() {
	case reflect.String:
		return k.String(), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(k.Int(), 10), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return strconv.FormatUint(k.Uint(), 10), nil
	}
	return "", fmt.Errorf("map key of kind %s cannot be a query key", k.Kind())
}

func (v *Values) addStruct(name string, rv reflect.Value, depth int) error {
	t := rv.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		fname, opts, _ := strings.Cut(tag, ",")
		fv := rv.Field(i)
		if f.Anonymous && fname == "" {
			inner := fv
			for inner.Kind() == reflect.Pointer {
				if inner.IsNil() {
					break
				}
				inner = inner.Elem()
			}
			if inner.Kind() == reflect.Struct {
				if err := v.addStruct(name, inner, depth+1); err != nil {
					return err
				}
				continue
			}
		}
		if fname == "" {
			fname = f.Name
		}
		if strings.Contains(opts, "omitempty") && fv.IsZero() {
			continue
		}
		if err := v.add(name+"["+fname+"]", fv, depth+1); err != nil {
			return err
		}
	}
	return nil
}

// addJSON walks a JSON document; null adds nothing.
func (v *Values) addJSON(name string, data []byte, depth int) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var x any
	if err := dec.Decode(&x); err != nil {
		return err
	}
	return v.addGeneric(name, x, depth)
}

func (v *Values) addGeneric(name string, x any, depth int) error {
	if depth > maxDepth {
		return fmt.Errorf("value nested deeper than %d levels", maxDepth)
	}
	switch t := x.(type) {
	case nil:
	case string:
		v.put(name, t)
	case json.Number:
		v.put(name, t.String())
	case bool:
		v.put(name, strconv.FormatBool(t))
	case []any:
		scalar := true
		for _, e := range t {
			switch e.(type) {
			case []any, map[string]any:
				scalar = false
			}
		}
		for i, e := range t {
			key := name + "[" + strconv.Itoa(i) + "]"
			if scalar && len(t) > ArrayIndexLimit+1 {
				key = name + "[]"
			}
			if err := v.addGeneric(key, e, depth+1); err != nil {
				return err
			}
		}
	case map[string]any:
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if err := v.addGeneric(name+"["+k+"]", t[k], depth+1); err != nil {
				return err
			}
		}
	default:
		return fmt.Errorf("unexpected JSON value %T", x)
	}
	return nil
}

// Scalar formats a path or header parameter value.
func Scalar(value any) (string, error) {
	var q Values
	q.Add("v", value)
	if q.err != nil {
		return "", q.err
	}
	switch len(q.pairs) {
	case 0:
		return "", nil
	case 1:
		if q.pairs[0][0] == "v" {
			return q.pairs[0][1], nil
		}
	}
	// Arrays become comma-separated (OpenAPI "simple" style).
	parts := make([]string, 0, len(q.pairs))
	for _, p := range q.pairs {
		parts = append(parts, p[1])
	}
	return strings.Join(parts, ","), nil
}

// BuildURL joins server (which may carry a path prefix) and an operation path
// whose parameters are already escaped, and appends the query.
func BuildURL(server, path string, q *Values) (string, error) {
	if q != nil && q.err != nil {
		return "", q.err
	}
	base, err := url.Parse(server)
	if err != nil {
		return "", fmt.Errorf("server URL %q: %w", server, err)
	}
	if base.Scheme == "" || base.Host == "" {
		return "", fmt.Errorf("server URL %q must be absolute, like http://localhost:9000", server)
	}
	u := strings.TrimSuffix(base.Scheme+"://"+base.Host+base.EscapedPath(), "/") + path
	if q != nil && len(q.pairs) > 0 {
		u += "?" + q.Encode()
	}
	return u, nil
}

// ErrBadPathParam is wrapped by PathParam's error for a value that would not
// name one resource: empty, "." or "..". Sent as they are, they change the
// route ("/admin/products/prod_1/variants/.." is "/admin/products/prod_1"
// once a proxy or the server normalises it; "/admin/products/" is another
// route than "/admin/products/{id}"), so they are refused before anything
// is sent.
var ErrBadPathParam = errors.New("not a valid path parameter (empty, \".\" or \"..\")")

// PathParam formats and escapes one path segment. An empty value, "." and
// ".." are refused with an error wrapping ErrBadPathParam.
func PathParam(name string, value any) (string, error) {
	s, err := Scalar(value)
	if err != nil {
		return "", fmt.Errorf("path parameter %q: %w", name, err)
	}
	switch s {
	case "", ".", "..":
		return "", fmt.Errorf("path parameter %q = %q: %w", name, s, ErrBadPathParam)
	}
	return url.PathEscape(s), nil
}
