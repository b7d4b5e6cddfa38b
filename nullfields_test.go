package medusa_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2"
)

func TestWithNull(t *testing.T) {
	req := func(ct, body string) *http.Request {
		r, err := http.NewRequest("POST", "http://x/admin/customers/c", bytes.NewBufferString(body))
		require.NoError(t, err)
		if ct != "" {
			r.Header.Set("Content-Type", ct)
		}
		return r
	}
	r := req("application/json", `{"first_name":"A","metadata":null}`)
	require.NoError(t, medusa.WithNull("company_name", "metadata")(context.Background(), r))
	got, err := io.ReadAll(r.Body)
	require.NoError(t, err)
	assert.JSONEq(t, `{"first_name":"A","company_name":null,"metadata":null}`, string(got))
	assert.Equal(t, int64(len(got)), r.ContentLength)
	again, err := r.GetBody()
	require.NoError(t, err)
	b, _ := io.ReadAll(again)
	assert.Equal(t, got, b, "a retry sends the same body")

	for name, c := range map[string]struct {
		r      *http.Request
		fields []string
		want   string
	}{
		"no field":       {req("application/json", `{}`), nil, "no field named"},
		"empty name":     {req("application/json", `{}`), []string{""}, "not a top-level"},
		"nested name":    {req("application/json", `{}`), []string{"a.b"}, "not a top-level"},
		"not an object":  {req("application/json", `[1]`), []string{"a"}, "not a JSON object"},
		"not JSON":       {req("text/plain", `{}`), []string{"a"}, "not JSON"},
		"set and nulled": {req("application/json", `{"a":"x"}`), []string{"a"}, `also sets "a"`},
		"no body":        {req("application/json", ``), []string{"a"}, "no body"},
		"JSON null body": {req("application/json", `null`), []string{"a"}, "not a JSON object"},
	} {
		t.Run(name, func(t *testing.T) {
			if name == "no body" {
				c.r.Body = http.NoBody
			}
			assert.ErrorContains(t, medusa.WithNull(c.fields...)(context.Background(), c.r), c.want)
		})
	}
}
