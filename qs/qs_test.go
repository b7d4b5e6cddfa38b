package qs_test

import (
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2/gen/store"
	"github.com/medusa-sdk/medusa-go/v2/qs"
)

func ptr[T any](v T) *T { return &v }

// A generated params type encodes exactly as the generated request does,
// header parameters left out.
func TestEncodeMatchesGeneratedRequest(t *testing.T) {
	p := &store.ListProductsParams{
		Limit:         ptr(5),
		Fields:        ptr("*variants"),
		XMedusaLocale: ptr("fr-FR"),
	}
	req, err := store.NewGetProductsRequest("http://x", p)
	require.NoError(t, err)
	got, err := qs.Encode(p)
	require.NoError(t, err)
	assert.Equal(t, req.URL.RawQuery, got)
	assert.NotContains(t, got, "locale")
}

func TestEncodeShapes(t *testing.T) {
	at := time.Date(2024, 1, 2, 15, 4, 5, 0, time.UTC)
	got, err := qs.Encode(map[string]any{
		"created_at": map[string]any{"$gt": at},
		"id":         []string{"a", "b"},
		"q":          "x y",
		"none":       nil,
	})
	require.NoError(t, err)
	assert.Equal(t, "created_at%5B%24gt%5D=2024-01-02T15%3A04%3A05Z&id%5B0%5D=a&id%5B1%5D=b&q=x+y", got)

	type filter struct {
		Title string   `json:"title,omitempty"`
		Tags  []string `json:"tag_id"`
		Skip  string   `json:"-"`
	}
	got, err = qs.Encode(filter{Tags: []string{"t"}, Skip: "no"})
	require.NoError(t, err)
	assert.Equal(t, "tag_id%5B0%5D=t", got)

	got, err = qs.Encode(url.Values{"b": {"2"}, "a": {"1", "3"}})
	require.NoError(t, err)
	assert.Equal(t, "a=1&a=3&b=2", got)

	var v qs.Values
	v.Add("order", "-created_at")
	got, err = qs.Encode(&v)
	require.NoError(t, err)
	assert.Equal(t, "order=-created_at", got)

	got, err = qs.Encode(nil)
	require.NoError(t, err)
	assert.Empty(t, got)
}

func TestEncodeRefusesWhatIsNotAQuery(t *testing.T) {
	for name, v := range map[string]any{
		"slice":   []string{"a"},
		"string":  "a=b",
		"int map": map[int]string{1: "a"},
		"chan":    map[string]any{"c": make(chan int)},
	} {
		_, err := qs.Encode(v)
		assert.Error(t, err, name)
	}
}
