package qstest

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The expectations follow qs.parse's documented behaviour with its defaults.
func TestParseLikeQs(t *testing.T) {
	cases := map[string]string{
		"":                                 `{}`,
		"a=b":                              `{"a":"b"}`,
		"a=1&a=2":                          `{"a":["1","2"]}`,
		"a[]=1&a[]=2":                      `{"a":["1","2"]}`,
		"a[1]=y&a[0]=x":                    `{"a":["x","y"]}`,
		"a[0]=x&a[21]=y":                   `{"a":{"0":"x","21":"y"}}`,
		"a[b]=c&a[d][e]=f":                 `{"a":{"b":"c","d":{"e":"f"}}}`,
		"%24and%5B0%5D%5Btitle%5D=x+y":     `{"$and":[{"title":"x y"}]}`,
		"a[b][c][d][e][f][g][h]=i":         `{"a":{"b":{"c":{"d":{"e":{"f":{"[g][h]":"i"}}}}}}}`,
		"created_at%5B%24gt%5D=2024-01-02": `{"created_at":{"$gt":"2024-01-02"}}`,
	}
	for raw, want := range cases {
		got, err := Parse(raw)
		require.NoError(t, err, raw)
		b, _ := json.Marshal(got)
		assert.JSONEq(t, want, string(b), raw)
	}
	_, err := Parse("a=%zz")
	assert.Error(t, err)
}
