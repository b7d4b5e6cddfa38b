package medusa_test

import (
	"context"
	"io"
	"net/http"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2"
)

// An id that is empty, "." or ".." would reach another route once a proxy
// normalises the path (DELETE .../variants/.. is DELETE the product): the
// call fails before anything is sent.
func TestDotSegmentIDsAreRefusedBeforeSending(t *testing.T) {
	var sent atomic.Int32
	c := fake(t, func(w http.ResponseWriter, _ *http.Request) { sent.Add(1) })
	ctx := context.Background()
	for _, id := range []string{"", ".", ".."} {
		_, err := c.Admin.DeleteProductVariant(ctx, "prod_1", id, nil)
		require.ErrorIs(t, err, medusa.ErrBadPathParam, "%q", id)
		_, err = c.Admin.DeleteProductVariant(ctx, id, "variant_1", nil)
		require.ErrorIs(t, err, medusa.ErrBadPathParam, "%q", id)
		// UpdateProduct's raw form: POST /admin/products/{id}.
		_, err = c.Admin.Raw().PostProductsIdWithBody(ctx, id, nil, "application/json", strings.NewReader(`{}`))
		require.ErrorIs(t, err, medusa.ErrBadPathParam, "%q", id)
		_, err = c.Store.GetProduct(ctx, id, nil)
		require.ErrorIs(t, err, medusa.ErrBadPathParam, "%q", id)
	}
	assert.Zero(t, sent.Load(), "requests reached the server")
}

// Every generated operation with a path parameter, Store and Admin: each of
// its path parameters in turn set to "", "." and ".." is an error wrapping
// ErrBadPathParam, and no request reaches the server. The raw clients are
// swept by reflection: the API layer calls them, and their ...WithBody
// forms take any body (a zero JSON body could be refused for a required
// field before the path is looked at). A string argument is a path
// parameter, except the content type right before the io.Reader body.
func TestEveryPathParameterRefusesDotSegments(t *testing.T) {
	var sent atomic.Int32
	c := fake(t, func(w http.ResponseWriter, _ *http.Request) { sent.Add(1) })
	ctx := context.Background()
	ctxType := reflect.TypeFor[context.Context]()
	readerType := reflect.TypeFor[io.Reader]()
	ops, params := 0, 0
	for _, raw := range []any{c.Store.Raw(), c.Admin.Raw()} {
		v := reflect.ValueOf(raw)
		methods := map[string]bool{}
		for i := range v.NumMethod() {
			methods[v.Type().Method(i).Name] = true
		}
		for i := range v.NumMethod() {
			m := v.Type().Method(i)
			if methods[m.Name+"WithBody"] {
				continue // its WithBody form is swept
			}
			ft := v.Method(i).Type()
			if ft.NumIn() == 0 || ft.In(0) != ctxType {
				continue
			}
			var paths []int
			last := ft.NumIn()
			if ft.IsVariadic() {
				last--
			}
			for a := 1; a < last; a++ {
				if ft.In(a).Kind() == reflect.String && (a+1 >= last || ft.In(a+1) != readerType) {
					paths = append(paths, a)
				}
			}
			if len(paths) == 0 {
				continue
			}
			ops++
			for _, bad := range paths {
				params++
				for _, id := range []string{"", ".", ".."} {
					args := make([]reflect.Value, last)
					args[0] = reflect.ValueOf(ctx)
					for a := 1; a < last; a++ {
						switch {
						case a == bad:
							args[a] = reflect.ValueOf(id).Convert(ft.In(a))
						case ft.In(a).Kind() == reflect.String:
							args[a] = reflect.ValueOf("x_1").Convert(ft.In(a))
						case ft.In(a) == readerType:
							args[a] = reflect.ValueOf(io.Reader(strings.NewReader(`{}`)))
						default:
							args[a] = reflect.Zero(ft.In(a))
						}
					}
					out := v.Method(i).Call(args)
					err, _ := out[len(out)-1].Interface().(error)
					require.ErrorIs(t, err, medusa.ErrBadPathParam, "%s with argument %d = %q", m.Name, bad, id)
				}
			}
		}
	}
	t.Logf("%d operations, %d path parameters, each refused empty, . and ..", ops, params)
	assert.Greater(t, ops, 250, "the sweep found the operations")
	assert.Zero(t, sent.Load(), "requests reached the server")
}

// The SDK's own routes with ids and c.Do refuse them too: a workflow or
// transaction id, and a Do path with an empty, "." or ".." segment (the
// result of "/admin/products/"+id with an empty or dot id).
func TestHandwrittenPathsRefuseDotSegments(t *testing.T) {
	var sent atomic.Int32
	c := fake(t, func(w http.ResponseWriter, _ *http.Request) { sent.Add(1) })
	ctx := context.Background()
	for _, id := range []string{"", ".", ".."} {
		for _, err := range c.SubscribeWorkflow(ctx, id) {
			require.ErrorIs(t, err, medusa.ErrBadPathParam, "%q", id)
		}
		for _, err := range c.SubscribeWorkflowTransaction(ctx, "wf", id) {
			require.ErrorIs(t, err, medusa.ErrBadPathParam, "%q", id)
		}
	}
	for _, p := range []string{
		"/admin/products/", "/admin/products/prod_1/variants/..", "/admin/products/prod_1/variants/.",
		"/admin/products//variants", "/admin/products/../users", "/admin/products/%2e%2e", "/admin/products/.%2E/x",
		"/store/x/./y",
	} {
		err := c.Do(ctx, http.MethodDelete, p, nil, nil, nil)
		require.ErrorIs(t, err, medusa.ErrBadPathParam, "%q", p)
		_, err = c.NewRequest(ctx, http.MethodDelete, p, nil, nil)
		require.ErrorIs(t, err, medusa.ErrBadPathParam, "%q", p)
	}
	// A dot inside a segment is an id like any other.
	require.NoError(t, c.Do(ctx, http.MethodGet, "/store/files/a..b.csv", nil, nil, nil))
	assert.Equal(t, int32(1), sent.Load(), "only the valid path was sent")
}
