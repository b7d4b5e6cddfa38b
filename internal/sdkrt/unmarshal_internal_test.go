package sdkrt

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type item struct {
	ID    string         `json:"id"`
	Tags  []string       `json:"tags"`
	Extra map[string]any `json:"extra"`
}

func withFast(t *testing.T, f func([]byte, any) error) {
	old := fastUnmarshal
	fastUnmarshal = f
	t.Cleanup(func() { fastUnmarshal = old })
}

func TestUnmarshalFallsBackOnPanic(t *testing.T) {
	withFast(t, func([]byte, any) error { panic("boom") })
	var got item
	require.NoError(t, Unmarshal([]byte(`{"id":"a","tags":["x"]}`), &got))
	assert.Equal(t, item{ID: "a", Tags: []string{"x"}}, got)
}

func TestUnmarshalFallbackStartsClean(t *testing.T) {
	withFast(t, func(_ []byte, v any) error {
		it := v.(*item)
		it.ID, it.Tags, it.Extra = "half", []string{"written"}, map[string]any{"k": 1}
		return errors.New("fast decoder gave up")
	})
	var got item
	require.NoError(t, Unmarshal([]byte(`{"tags":["x"]}`), &got))
	assert.Equal(t, item{Tags: []string{"x"}}, got, "nothing of the failed attempt is left")
}

func TestUnmarshalErrorsAreEncodingJSONs(t *testing.T) {
	for _, in := range []string{``, `{`, `{"id":1}`, `{"id":"a"} x`, `[1,2]`, "{\"id\":\"\xff\"", `nul`} {
		var want, got item
		werr := json.Unmarshal([]byte(in), &want)
		gerr := Unmarshal([]byte(in), &got)
		require.Error(t, werr, in)
		require.Error(t, gerr, in)
		assert.Equal(t, werr.Error(), gerr.Error(), in)
		assert.IsType(t, werr, gerr, in)
	}
	var nilPtr *item
	assert.Error(t, Unmarshal([]byte(`{}`), nilPtr))
	assert.Error(t, Unmarshal([]byte(`{}`), item{}))
	assert.Error(t, Unmarshal([]byte(`{}`), nil))
}

func TestSameAsStd(t *testing.T) {
	typ := reflect.TypeOf(item{})
	if fastUnmarshal != nil {
		assert.NoError(t, SameAsStd([]byte(`{"id":"a","extra":{"n":1.5}}`), typ))
		assert.NoError(t, SameAsStd([]byte(`{"id":`), typ), "both refuse")
	}
	withFast(t, func(_ []byte, v any) error { v.(*item).ID = "other"; return nil })
	err := SameAsStd([]byte(`{"id":"a"}`), typ)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "decode differently")
	assert.Error(t, SameAsStd([]byte(`{"id":`), typ), "fast accepts what std refuses")
	withFast(t, func([]byte, any) error { return errors.New("no") })
	assert.Error(t, SameAsStd([]byte(`{"id":"a"}`), typ))
	withFast(t, func([]byte, any) error { panic("boom") })
	assert.Error(t, SameAsStd([]byte(`{"id":"a"}`), typ))
}
