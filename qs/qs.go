// Package qs encodes query strings exactly as the SDK's generated methods
// do, for your own calls (medusa.Client.Do, or a request you build): Medusa
// reads queries with the `qs` library's bracket syntax, so
//
//	q, err := qs.Encode(map[string]any{
//		"created_at": map[string]string{"$gt": "2024-01-02T15:04:05Z"},
//		"id":         []string{"a", "b"},
//	})
//	// created_at%5B%24gt%5D=2024-01-02T15%3A04%3A05Z&id%5B0%5D=a&id%5B1%5D=b
//
// which is also what Medusa's JS SDK sends. Struct fields are named by their
// json tags (the generated params types, or your own), maps are encoded in
// sorted key order, nil values and empty arrays add nothing.
package qs

import (
	"fmt"
	"net/url"
	"reflect"
	"sort"
	"strings"

	iqs "github.com/medusa-sdk/medusa-go/v2/internal/qs"
)

// Values is an ordered list of query pairs; its zero value is ready to use.
// Add encodes one parameter (any Go value), Encode returns the query string,
// Err the first value that could not be encoded. It is the type the generated
// methods use.
type Values = iqs.Values

// ArrayIndexLimit is the highest array index Medusa keeps as an index; longer
// arrays of scalars are sent as repeated name[]=value pairs.
const ArrayIndexLimit = iqs.ArrayIndexLimit

// Build encodes params into Values: a struct (each exported field is one
// parameter named by its json tag, or its form tag in the generated params
// types, whose header fields are skipped; a field tagged omitempty is left
// out when zero), a map with string keys (sorted by
// key), url.Values (sent as given), *Values or Values (copied), or nil.
func Build(params any) (*Values, error) {
	var q Values
	if params == nil {
		return &q, nil
	}
	switch p := params.(type) {
	case *Values:
		if p == nil {
			return &q, nil
		}
		return copyValues(p)
	case Values:
		return copyValues(&p)
	case url.Values:
		keys := make([]string, 0, len(p))
		for k := range p {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			for _, v := range p[k] {
				q.Add(k, v)
			}
		}
		return &q, q.Err()
	}
	rv := reflect.ValueOf(params)
	for rv.Kind() == reflect.Pointer || rv.Kind() == reflect.Interface {
		if rv.IsNil() {
			return &q, nil
		}
		rv = rv.Elem()
	}
	switch rv.Kind() {
	case reflect.Struct:
		addFields(&q, rv)
	case reflect.Map:
		if rv.Type().Key().Kind() != reflect.String {
			return nil, fmt.Errorf("qs: query map keys must be strings, not %s", rv.Type().Key())
		}
		keys := rv.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		for _, k := range keys {
			q.Add(k.String(), rv.MapIndex(k).Interface())
		}
	default:
		return nil, fmt.Errorf("qs: a query must be a struct, a map with string keys or url.Values, not %s", rv.Type())
	}
	if err := q.Err(); err != nil {
		return nil, fmt.Errorf("qs: %w", err)
	}
	return &q, nil
}

// Encode is Build followed by Values.Encode: the percent-encoded query
// string, without the leading '?'.
func Encode(params any) (string, error) {
	q, err := Build(params)
	if err != nil {
		return "", err
	}
	return q.Encode(), nil
}

func copyValues(p *Values) (*Values, error) {
	if err := p.Err(); err != nil {
		return nil, fmt.Errorf("qs: %w", err)
	}
	var q Values
	for _, pair := range p.Pairs() {
		q.Add(pair[0], pair[1])
	}
	return &q, nil
}

// addFields adds a struct's fields. In a struct whose fields carry form
// tags (the generated params types), the form tag names the parameter and a
// field without one (a header parameter such as x-medusa-locale) is skipped.
func addFields(q *Values, rv reflect.Value) {
	t := rv.Type()
	useForm := false
	for i := range t.NumField() {
		if _, ok := t.Field(i).Tag.Lookup("form"); ok {
			useForm = true
		}
	}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("json")
		if useForm {
			var ok bool
			if tag, ok = f.Tag.Lookup("form"); !ok && !f.Anonymous {
				continue
			}
		}
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		fv := rv.Field(i)
		if f.Anonymous && name == "" {
			inner := fv
			for inner.Kind() == reflect.Pointer && !inner.IsNil() {
				inner = inner.Elem()
			}
			if inner.Kind() == reflect.Struct {
				addFields(q, inner)
				continue
			}
		}
		if name == "" {
			name = f.Name
		}
		if strings.Contains(opts, "omitempty") && fv.IsZero() {
			continue
		}
		q.Add(name, fv.Interface())
	}
}
