package required

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type inner struct {
	Code  string  `json:"code"`
	Label *string `json:"label,omitempty"`
}

type body struct {
	Name     string          `json:"name"`
	Note     string          `json:"note,omitempty"`
	Kind     kind            `json:"kind"`
	Inner    *inner          `json:"inner,omitempty"`
	Items    []inner         `json:"items"`
	Raw      json.RawMessage `json:"raw,omitempty"`
	Free     map[string]any  `json:"free,omitempty"`
	hidden   string
	Untagged string
}

type kind string

func TestCheck(t *testing.T) {
	ok := body{Name: "n", Kind: "k", Items: []inner{{Code: "c"}}, Inner: &inner{Code: "x"}}
	require.NoError(t, Check(ok))
	require.NoError(t, Check(&ok))
	require.NoError(t, Check(nil))
	require.NoError(t, Check((*body)(nil)))

	cases := map[string]func(b *body){
		"name":          func(b *body) { b.Name = "" },
		"kind":          func(b *body) { b.Kind = "" },
		"inner.code":    func(b *body) { b.Inner.Code = "" },
		"items[0].code": func(b *body) { b.Items[0].Code = "" },
	}
	for field, breakIt := range cases {
		b := ok
		b.Inner = &inner{Code: "x"}
		b.Items = []inner{{Code: "c"}}
		breakIt(&b)
		err := Check(b)
		require.Error(t, err, field)
		assert.True(t, errors.Is(err, ErrEmpty))
		assert.Contains(t, err.Error(), "("+field+")")
		assert.Contains(t, err.Error(), "medusa: body:")
	}
	// optional and untagged strings may be empty; the value is never printed
	b := ok
	b.Note, b.Untagged = "", ""
	require.NoError(t, Check(b))
}
