package qs_test

import (
	"encoding/json"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
	"github.com/medusa-sdk/medusa-go/v2/gen/store"
	"github.com/medusa-sdk/medusa-go/v2/internal/qs"
	"github.com/medusa-sdk/medusa-go/v2/internal/qstest"
)

func ptr[T any](v T) *T { return &v }

// medusaSees is what Medusa's qs parser builds from the request's query.
func medusaSees(t *testing.T, req *http.Request) string {
	t.Helper()
	parsed, err := qstest.Parse(req.URL.RawQuery)
	require.NoError(t, err)
	b, err := json.Marshal(parsed)
	require.NoError(t, err)
	return string(b)
}

func TestGeneratedQueryAsMedusaParsesIt(t *testing.T) {
	date := time.Date(2024, 1, 2, 15, 4, 5, 0, time.UTC).Format(time.RFC3339)
	cases := []struct {
		name  string
		build func() (*http.Request, error)
		want  string // JSON of what Medusa's qs parser returns
	}{
		{
			name: "fields and pagination",
			build: func() (*http.Request, error) {
				return admin.NewGetProductsRequest("http://h", &admin.GetProductsParams{
					Fields: ptr("+variants.*,-description,*categories"), Limit: ptr(20), Offset: ptr(40), Order: ptr("-created_at"),
				})
			},
			want: `{"fields":"+variants.*,-description,*categories","limit":"20","offset":"40","order":"-created_at"}`,
		},
		{
			name: "array of ids",
			build: func() (*http.Request, error) {
				return admin.NewGetProductsRequest("http://h", &admin.GetProductsParams{Id: &[]string{"prod_1", "prod_2"}})
			},
			want: `{"id":["prod_1","prod_2"]}`,
		},
		{
			name: "single-element array stays an array",
			build: func() (*http.Request, error) {
				return admin.NewGetProductsRequest("http://h", &admin.GetProductsParams{Id: &[]string{"prod_1"}})
			},
			want: `{"id":["prod_1"]}`,
		},
		{
			name: "enum array",
			build: func() (*http.Request, error) {
				return admin.NewGetProductsRequest("http://h", &admin.GetProductsParams{
					Status: &[]admin.GetProductsParamsStatus{"draft", "published"},
				})
			},
			want: `{"status":["draft","published"]}`,
		},
		{
			name: "nested date operator",
			build: func() (*http.Request, error) {
				return admin.NewGetProductsRequest("http://h", &admin.GetProductsParams{
					CreatedAt: &admin.OperatorMap{Gt: ptr(date), Lte: ptr("2024-02-01")},
				})
			},
			want: `{"created_at":{"$gt":"` + date + `","$lte":"2024-02-01"}}`,
		},
		{
			name: "operator with array operand",
			build: func() (*http.Request, error) {
				return admin.NewGetProductsRequest("http://h", &admin.GetProductsParams{
					UpdatedAt: &admin.OperatorMap{In: &[]string{"a", "b"}, Ne: ptr("c")},
				})
			},
			want: `{"updated_at":{"$in":["a","b"],"$ne":"c"}}`,
		},
		{
			name: "$contains takes one value (validator-queries)",
			build: func() (*http.Request, error) {
				return admin.NewGetProductsRequest("http://h", &admin.GetProductsParams{
					CreatedAt: &admin.OperatorMap{Contains: ptr("x")},
				})
			},
			want: `{"created_at":{"$contains":"x"}}`,
		},
		{
			name: "$and array of objects",
			build: func() (*http.Request, error) {
				return admin.NewGetProductsRequest("http://h", &admin.GetProductsParams{
					And: &[]map[string]interface{}{{"title": "shirt"}, {"handle": map[string]any{"$like": "sh%"}}},
				})
			},
			want: `{"$and":[{"title":"shirt"},{"handle":{"$like":"sh%"}}]}`,
		},
		{
			name: "$or with arrays inside objects",
			build: func() (*http.Request, error) {
				return store.NewGetProductsRequest("http://h", &store.GetProductsParams{
					Or: &[]map[string]interface{}{{"id": []string{"a", "b"}}, {"q": "hat"}},
				})
			},
			want: `{"$or":[{"id":["a","b"]},{"q":"hat"}]}`,
		},
		{
			name: "spaces, plus and unicode are escaped and come back intact",
			build: func() (*http.Request, error) {
				return store.NewGetProductsRequest("http://h", &store.GetProductsParams{Q: ptr("blue shirt+hat & ümlaut=1")})
			},
			want: `{"q":"blue shirt+hat \u0026 ümlaut=1"}`,
		},
		{
			name: "zero params send nothing optional",
			build: func() (*http.Request, error) {
				return admin.NewGetProductsRequest("http://h", &admin.GetProductsParams{})
			},
			want: `{}`,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req, err := c.build()
			require.NoError(t, err)
			assert.JSONEq(t, c.want, medusaSees(t, req), "raw query %q", req.URL.RawQuery)
		})
	}
}

func TestEncoderTable(t *testing.T) {
	long := make([]string, 25)
	wantLong := make([]any, 25)
	for i := range long {
		long[i] = "v" + strconv.Itoa(i)
		wantLong[i] = long[i]
	}
	longJSON, _ := json.Marshal(map[string]any{"id": wantLong})
	type inner struct {
		A string  `json:"a"`
		B *int    `json:"b,omitempty"`
		C float64 `json:"c,omitempty"`
	}
	cases := []struct {
		name  string
		value any
		want  string
	}{
		{"string", "x", `{"p":"x"}`},
		{"nil", nil, `{}`},
		{"nil pointer", (*string)(nil), `{}`},
		{"empty slice", []string{}, `{}`},
		{"int", 3, `{"p":"3"}`},
		{"float keeps precision", 1234567.89, `{"p":"1234567.89"}`},
		{"whole float has no exponent", 1e21, `{"p":"1000000000000000000000"}`},
		{"bool", false, `{"p":"false"}`},
		{"time", time.Date(2024, 1, 2, 3, 4, 5, 600, time.UTC), `{"p":"2024-01-02T03:04:05.0000006Z"}`},
		{"struct with omitempty", inner{A: "a"}, `{"p":{"a":"a"}}`},
		{"map sorted", map[string]int{"b": 2, "a": 1}, `{"p":{"a":"1","b":"2"}}`},
		{"array of arrays", [][]string{{"a"}, {"b", "c"}}, `{"p":[["a"],["b","c"]]}`},
		{"raw JSON", json.RawMessage(`{"x":[1,"y",null,true]}`), `{"p":{"x":["1","y","true"]}}`},
		{"interface slice", []any{"a", map[string]any{"k": 1.5}}, `{"p":["a",{"k":"1.5"}]}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var v qs.Values
			v.Add("p", c.value)
			require.NoError(t, v.Err())
			parsed, err := qstest.Parse(v.Encode())
			require.NoError(t, err)
			got, _ := json.Marshal(parsed)
			assert.JSONEq(t, c.want, string(got), "raw %q", v.Encode())
		})
	}
	t.Run("arrays longer than qs's arrayLimit stay arrays", func(t *testing.T) {
		var v qs.Values
		v.Add("id", long)
		parsed, err := qstest.Parse(v.Encode())
		require.NoError(t, err)
		got, _ := json.Marshal(parsed)
		assert.JSONEq(t, string(longJSON), string(got))
	})
	t.Run("unsupported values are errors, not panics", func(t *testing.T) {
		var v qs.Values
		v.Add("ch", make(chan int))
		assert.Error(t, v.Err())
		var w qs.Values
		w.Add("bad", json.RawMessage(`{`))
		assert.Error(t, w.Err())
		var x qs.Values
		x.Add("fn", map[float64]string{1: "a"})
		assert.Error(t, x.Err())
	})
}

func TestPathParamsAreEscaped(t *testing.T) {
	req, err := admin.NewGetProductsIdRequest("http://h/base/", "prod/1 ?#", nil)
	require.NoError(t, err)
	assert.Equal(t, "/base/admin/products/prod%2F1%20%3F%23", req.URL.EscapedPath())
	_, err = admin.NewGetProductsIdRequest("not a url", "x", nil)
	assert.Error(t, err)
}
