package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const unionGen = `package store

import "encoding/json"

type CompleteCartResult struct {
	union json.RawMessage
}

type CompleteCartOrder struct{}

type Price struct {
	union json.RawMessage
}

// AsPostCartsIdCompleteOrder reads the value as a CompleteCartOrder.
func (t CompleteCartResult) AsPostCartsIdCompleteOrder() (CompleteCartOrder, error) {
	var v CompleteCartOrder
	err := json.Unmarshal(t.union, &v)
	return v, err
}

// FromPostCartsIdCompleteOrder sets the value to v.
func (t *CompleteCartResult) FromPostCartsIdCompleteOrder(v CompleteCartOrder) error {
	b, err := json.Marshal(v)
	t.union = b
	return err
}

func (t *CompleteCartResult) MergePostCartsIdCompleteOrder(v CompleteCartOrder) error { return nil }

func (t CompleteCartResult) ValueByDiscriminator() (interface{}, error) {
	return t.AsPostCartsIdCompleteOrder()
}

func (t CompleteCartResult) MarshalJSON() ([]byte, error) { return t.union, nil }

func (t Price) AsPriceNumber0() (float64, error)      { return 0, nil }
func (t *Price) FromPriceNumber0(v float64) error   { return nil }
func (t Price) AsPriceNumber1() (float64, error)      { return 0, nil }
func (t *Price) FromPriceNumber1(v float64) error   { return nil }
func (t Price) MarshalJSON() ([]byte, error)          { return t.union, nil }
`

func TestRenameUnionMethods(t *testing.T) {
	dir := t.TempDir()
	gen, former := filepath.Join(dir, "store.gen.go"), filepath.Join(dir, "former.gen.go")
	require.NoError(t, os.WriteFile(gen, []byte(unionGen), 0o644))
	require.NoError(t, os.WriteFile(former, []byte("package store\n"), 0o644))
	n, err := renameUnionMethods(gen, former)
	require.NoError(t, err)
	assert.Equal(t, 3, n, "As, From and Merge of the one variant whose name is not its type's")
	out, _ := os.ReadFile(gen)
	src := string(out)
	assert.Contains(t, src, "// AsCompleteCartOrder reads the value as a CompleteCartOrder.\nfunc (t CompleteCartResult) AsCompleteCartOrder() (CompleteCartOrder, error) {")
	assert.Contains(t, src, "func (t *CompleteCartResult) FromCompleteCartOrder(v CompleteCartOrder) error {")
	assert.Contains(t, src, "MergeCompleteCartOrder(v CompleteCartOrder)")
	assert.Contains(t, src, "return t.AsCompleteCartOrder()", "the union's own calls follow")
	assert.Contains(t, src, "AsPriceNumber0", "two variants of one kind would clash: left alone")
	f, _ := os.ReadFile(former)
	assert.Contains(t, string(f), "// Deprecated: use AsCompleteCartOrder; AsPostCartsIdCompleteOrder calls it.\nfunc (t CompleteCartResult) AsPostCartsIdCompleteOrder() (CompleteCartOrder, error) {\n\treturn t.AsCompleteCartOrder()\n}")
	assert.Contains(t, string(f), "func (t *CompleteCartResult) FromPostCartsIdCompleteOrder(v CompleteCartOrder) error {\n\treturn t.FromCompleteCartOrder(v)\n}")

	again, err := renameUnionMethods(gen, former)
	require.NoError(t, err)
	assert.Zero(t, again, "a second run renames nothing")
}
