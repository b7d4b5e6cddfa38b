package sdkrt

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestKeysWalksTheTopLevel(t *testing.T) {
	var got []string
	Keys([]byte(` { "a" : 1, "b\u0022q":"x,}y", "c":{"d":[1,{"e":"]"}]}, "n":null ,"t":true}`), func(k string, raw []byte) {
		got = append(got, k+"="+string(raw))
	})
	assert.Equal(t, []string{`a=1`, `b"q="x,}y"`, `c={"d":[1,{"e":"]"}]}`, `n=null`, `t=true`}, got)

	for _, notObject := range []string{``, `[]`, `"x"`, `null`, `{`, `{"a"`, `{"a":`, `{"a":"x`, `{"a":[1,2`} {
		n := 0
		Keys([]byte(notObject), func(string, []byte) { n++ })
		assert.LessOrEqual(t, n, 0, "%q", notObject)
	}
}

func TestFieldStates(t *testing.T) {
	var absent Field
	assert.False(t, absent.Came())
	assert.Equal(t, "absent", absent.String())
	fieldOf := func(raw string) Field {
		var s Scanner
		s.Reset([]byte(raw))
		return s.Field()
	}
	null := fieldOf("null")
	assert.True(t, null.Came())
	assert.True(t, null.Null())
	assert.False(t, null.Valid())
	v := fieldOf(`""`)
	assert.True(t, v.Valid(), "an empty string is a value")
	assert.Equal(t, "value", v.String())
}

func TestOmitDropsAndNulls(t *testing.T) {
	var drop, null map[string]bool
	Mark(&drop, &null, Field{}, "gone")
	Mark(&drop, &null, Field{fieldNull}, "cleared")
	Mark(&drop, &null, Field{fieldValue}, "kept")
	out := Omit([]byte(`{"gone":"","cleared":"0001-01-01T00:00:00Z","kept":0,"x\"y":1}`), drop, null)
	assert.JSONEq(t, `{"cleared":null,"kept":0,"x\"y":1}`, string(out))
	assert.Equal(t, `{"a":1}`, string(Omit([]byte(`{"a":1}`), nil, nil)))
}

func TestDecodeFillSeesTheBody(t *testing.T) {
	resp := &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(strings.NewReader(`{"a":1}`))}
	var out map[string]any
	var seen string
	require.NoError(t, DecodeFill(resp, nil, &out, func(b []byte) { seen = string(b) }))
	assert.Equal(t, `{"a":1}`, seen)
	assert.Equal(t, map[string]any{"a": float64(1)}, out)
}

// FuzzKeys: on any input the walkers end without panicking, and on a JSON
// object they see each of its keys once, as encoding/json does.
func FuzzKeys(f *testing.F) {
	for _, s := range []string{`{"a":1}`, `{"a":{"b":[1,"]"]},"c":"\\\""}`, `[1,2]`, `{"a":`, `{"\u00e9":1}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var keys []string
		Keys([]byte(s), func(k string, raw []byte) { keys = append(keys, k) })
		var m map[string]json.RawMessage
		if json.Unmarshal([]byte(s), &m) == nil && m != nil {
			seen := map[string]bool{}
			for _, k := range keys {
				seen[k] = true
			}
			for k := range m {
				assert.True(t, seen[k], "key %q of %q", k, s)
			}
		}
	})
}

// walk reads a value as the generated presence methods do: keys named "o"
// as records, "l" as lists of records, the rest skipped.
func walk(s *Scanner, depth int) {
	if depth > 50 || !s.Object() {
		return
	}
	for s.NextKey() {
		_ = s.Field()
		switch string(s.Key()) {
		case "o":
			walk(s, depth+1)
		case "l":
			if s.Array() {
				for s.NextElem() {
					walk(s, depth+1)
				}
			}
		default:
			s.Skip()
		}
	}
}

func TestScannerReadsEachRecordOnce(t *testing.T) {
	var s Scanner
	s.Reset([]byte(`{"a":1,"o":{"b":"}","o":null},"l":[{"c":[1]},7,{"o":{"d":2}}],"z":{"y":[]}}`))
	walk(&s, 0)
	assert.Equal(t, len(s.data), s.i, "the whole document was read")
}

// FuzzScanner: on any input the walk ends without panicking.
func FuzzScanner(f *testing.F) {
	for _, s := range []string{`{"o":{"o":{}},"l":[{"o":1}]}`, `{"l":[`, `{"o":{"a":"\"`, `[]`, `{"o":nul}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		var s Scanner
		s.Reset([]byte(in))
		walk(&s, 0)
		assert.LessOrEqual(t, s.i, len(in))
	})
}
