// Package gentest checks the generated clients in gen/store and gen/admin:
// every operation is called with nil, zero-value and populated parameters
// against an httptest server. It uses only reflection and each package's
// Operations table, so it runs unchanged against code generated from another
// Medusa release (make gen-compat).
package gentest

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
	"github.com/medusa-sdk/medusa-go/v2/gen/store"
	"github.com/medusa-sdk/medusa-go/v2/internal/qstest"
)

type operation struct {
	ID, Method, Path string
	Query            []string
}

type api struct {
	name      string
	ops       []operation
	newClient func(server string, doer *http.Client) (any, error)
}

func apis() []api {
	var s, a []operation
	for _, o := range store.Operations {
		s = append(s, operation{o.ID, o.Method, o.Path, o.Query})
	}
	for _, o := range admin.Operations {
		a = append(a, operation{o.ID, o.Method, o.Path, o.Query})
	}
	return []api{
		{"store", s, func(server string, doer *http.Client) (any, error) {
			return store.NewClientWithResponses(server, store.WithHTTPClient(doer))
		}},
		{"admin", a, func(server string, doer *http.Client) (any, error) {
			return admin.NewClientWithResponses(server, admin.WithHTTPClient(doer))
		}},
	}
}

// recorder is an httptest handler that keeps the last request and answers
// with a fixed status and body.
type recorder struct {
	mu          sync.Mutex
	method      string
	escapedPath string
	rawQuery    string
	contentType string
	body        []byte
	status      int
	respBody    string
}

func (r *recorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	b, _ := io.ReadAll(req.Body)
	r.mu.Lock()
	r.method, r.escapedPath, r.rawQuery = req.Method, req.URL.EscapedPath(), req.URL.RawQuery
	r.contentType, r.body = req.Header.Get("Content-Type"), b
	status, body := r.status, r.respBody
	r.mu.Unlock()
	if body != "" {
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

func (r *recorder) reset(status int, body string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.method, r.escapedPath, r.rawQuery, r.contentType, r.body = "", "", "", "", nil
	r.status, r.respBody = status, body
}

type paramMode int

const (
	nilParams paramMode = iota
	zeroParams
	populatedParams
)

func (m paramMode) String() string { return [...]string{"nil", "zero", "populated"}[m] }

// pathValue is the value passed for the i-th path parameter; it needs
// escaping, so the test also checks path escaping.
func pathValue(i int) string { return fmt.Sprintf("v%d x/y", i) }

func expectedPath(tmpl string) string {
	var b strings.Builder
	i := 0
	for {
		open := strings.IndexByte(tmpl, '{')
		if open < 0 {
			b.WriteString(tmpl)
			break
		}
		end := strings.IndexByte(tmpl[open:], '}')
		if end < 0 {
			b.WriteString(tmpl)
			break
		}
		b.WriteString(tmpl[:open])
		b.WriteString(url.PathEscape(pathValue(i)))
		i++
		tmpl = tmpl[open+end+1:]
	}
	return b.String()
}

// callArgs builds the arguments of a <Op>WithResponse method.
func callArgs(t *testing.T, mt reflect.Type, mode paramMode) []reflect.Value {
	args := []reflect.Value{reflect.ValueOf(context.Background())}
	pathIdx := 0
	n := mt.NumIn()
	if mt.IsVariadic() {
		n--
	}
	for i := 1; i < n; i++ {
		at := mt.In(i)
		switch {
		case at.Kind() == reflect.String:
			args = append(args, reflect.ValueOf(pathValue(pathIdx)).Convert(at))
			pathIdx++
		case at.Kind() == reflect.Pointer && strings.HasSuffix(at.Elem().Name(), "Params"):
			switch mode {
			case nilParams:
				args = append(args, reflect.Zero(at))
			case zeroParams:
				args = append(args, reflect.New(at.Elem()))
			default:
				v := reflect.New(at.Elem())
				fill(v.Elem(), 0)
				args = append(args, v)
			}
		default: // request body
			v := reflect.New(at).Elem()
			if mode == populatedParams {
				fill(v, 0)
			} else {
				// the least body the client sends: required strings set
				// (an empty one is refused before sending, see required_test.go)
				fillRequired(v, 0)
			}
			args = append(args, v)
		}
	}
	return args
}

var fixedTime = time.Date(2024, 1, 2, 15, 4, 5, 0, time.UTC)

// fillRequired sets the required strings (json tag without omitempty) of v
// and of the non-pointer structs and elements it already holds.
func fillRequired(v reflect.Value, depth int) {
	if depth > 40 || !v.CanSet() {
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			tag, ok := f.Tag.Lookup("json")
			if ok && v.Field(i).Kind() == reflect.String && !strings.Contains(tag, "omitempty") && v.Field(i).Len() == 0 {
				v.Field(i).SetString("s")
				continue
			}
			fillRequired(v.Field(i), depth+1)
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			fillRequired(v.Index(i), depth+1)
		}
	case reflect.Pointer:
		if !v.IsNil() {
			fillRequired(v.Elem(), depth+1)
		}
	}
}

// fill gives every reachable field a value.
func fill(v reflect.Value, depth int) {
	if depth > 5 || !v.CanSet() {
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		fill(p.Elem(), depth+1)
		v.Set(p)
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			v.Set(reflect.ValueOf(fixedTime))
			return
		}
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), depth+1)
			}
		}
		fillRequired(v, depth) // what the depth limit left out but a body needs
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 { // json.RawMessage and friends
			return
		}
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := 0; i < 2; i++ {
			fill(s.Index(i), depth+1)
		}
		v.Set(s)
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String {
			return
		}
		m := reflect.MakeMap(v.Type())
		val := reflect.New(v.Type().Elem()).Elem()
		fill(val, depth+1)
		m.SetMapIndex(reflect.ValueOf("k").Convert(v.Type().Key()), val)
		v.Set(m)
	case reflect.Interface:
		if v.NumMethod() == 0 {
			v.Set(reflect.ValueOf("v"))
		}
	case reflect.String:
		v.SetString("s")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(2)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(2)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(1.5)
	}
}

// opMethod is the raw <Op>WithResponse method, or <Op>WithBodyWithResponse
// for an operation with only an untyped body (multipart forms).
func opMethod(cv reflect.Value, id string) reflect.Value {
	if m := cv.MethodByName(id + "WithResponse"); m.IsValid() {
		return m
	}
	return cv.MethodByName(id + "WithBodyWithResponse")
}

func TestEveryOperation(t *testing.T) {
	rec := &recorder{}
	srv := httptest.NewServer(rec)
	defer srv.Close()
	for _, a := range apis() {
		t.Run(a.name, func(t *testing.T) {
			require.NotEmpty(t, a.ops)
			client, err := a.newClient(srv.URL+"/prefix", srv.Client())
			require.NoError(t, err)
			cv := reflect.ValueOf(client)
			for _, op := range a.ops {
				m := opMethod(cv, op.ID)
				if !assert.True(t, m.IsValid(), "%s: no %sWithResponse method", op.ID, op.ID) {
					continue
				}
				for _, mode := range []paramMode{nilParams, zeroParams, populatedParams} {
					rec.reset(http.StatusNoContent, "")
					var out []reflect.Value
					func() {
						defer func() {
							if p := recover(); p != nil {
								t.Errorf("%s (%s params): panic: %v", op.ID, mode, p)
							}
						}()
						out = m.Call(callArgs(t, m.Type(), mode))
					}()
					if out == nil {
						continue
					}
					if errV := out[1]; !errV.IsNil() {
						t.Errorf("%s (%s params): %v", op.ID, mode, errV.Interface())
						continue
					}
					rec.mu.Lock()
					gotMethod, gotPath, gotQuery := rec.method, rec.escapedPath, rec.rawQuery
					rec.mu.Unlock()
					assert.Equal(t, op.Method, gotMethod, "%s (%s params): method", op.ID, mode)
					assert.Equal(t, "/prefix"+expectedPath(op.Path), gotPath, "%s (%s params): path", op.ID, mode)
					parsed, err := qstest.Parse(gotQuery)
					if !assert.NoError(t, err, "%s (%s params): query %q", op.ID, mode, gotQuery) {
						continue
					}
					if mode == nilParams {
						assert.Empty(t, parsed, "%s: nil params must send no query", op.ID)
					}
					if mode == populatedParams {
						for _, q := range op.Query {
							assert.Contains(t, parsed, q, "%s: populated query parameter %q not sent (query %q)", op.ID, q, gotQuery)
						}
					}
				}
			}
		})
	}
}

// TestEveryOperationDecodes401 answers every operation with the JSON body the
// server really sends on 401 and checks that it lands in JSON401.
func TestEveryOperationDecodes401(t *testing.T) {
	rec := &recorder{}
	srv := httptest.NewServer(rec)
	defer srv.Close()
	for _, a := range apis() {
		client, err := a.newClient(srv.URL, srv.Client())
		require.NoError(t, err)
		cv := reflect.ValueOf(client)
		for _, op := range a.ops {
			m := cv.MethodByName(op.ID + "WithResponse")
			if !m.IsValid() {
				continue
			}
			rec.reset(http.StatusUnauthorized, `{"type":"unauthorized","message":"Unauthorized"}`)
			out := m.Call(callArgs(t, m.Type(), zeroParams))
			if !out[1].IsNil() {
				t.Errorf("%s %s: %v", a.name, op.ID, out[1].Interface())
				continue
			}
			resp := out[0].Elem()
			f := resp.FieldByName("JSON401")
			if !assert.True(t, f.IsValid(), "%s %s: response type has no JSON401", a.name, op.ID) {
				continue
			}
			if assert.False(t, f.IsNil(), "%s %s: 401 body not decoded", a.name, op.ID) {
				msg := f.Elem().FieldByName("Message")
				if assert.True(t, msg.IsValid(), "%s %s: 401 type has no Message", a.name, op.ID) {
					for msg.Kind() == reflect.Pointer && !msg.IsNil() {
						msg = msg.Elem()
					}
					assert.Equal(t, "Unauthorized", fmt.Sprint(msg.Interface()), "%s %s", a.name, op.ID)
				}
			}
		}
	}
}

// TestBodiesAreJSON checks that typed request bodies are sent as JSON.
func TestBodiesAreJSON(t *testing.T) {
	rec := &recorder{}
	srv := httptest.NewServer(rec)
	defer srv.Close()
	for _, a := range apis() {
		client, err := a.newClient(srv.URL, srv.Client())
		require.NoError(t, err)
		cv := reflect.ValueOf(client)
		for _, op := range a.ops {
			if _, ok := cv.Type().MethodByName(op.ID + "WithBodyWithResponse"); !ok {
				continue
			}
			m := cv.MethodByName(op.ID + "WithResponse")
			if !m.IsValid() {
				continue // a multipart body: no typed method (multipart_test.go)
			}
			rec.reset(http.StatusNoContent, "")
			out := m.Call(callArgs(t, m.Type(), populatedParams))
			if !assert.True(t, out[1].IsNil(), "%s %s: %v", a.name, op.ID, out[1].Interface()) {
				continue
			}
			rec.mu.Lock()
			ct, body := rec.contentType, rec.body
			rec.mu.Unlock()
			assert.Equal(t, "application/json", ct, "%s %s", a.name, op.ID)
			assert.NotEmpty(t, body, "%s %s", a.name, op.ID)
		}
	}
}
