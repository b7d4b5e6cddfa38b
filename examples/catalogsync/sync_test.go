package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2/medusatest"
)

// TestSyncReplay is the service's test with no Medusa, Node.js or
// PostgreSQL: answered from testdata/medusatest/TestSyncReplay.json, which
// `go test -run '^TestSyncReplay$' -medusatest.record ./examples/catalogsync`
// records against the real server.
func TestSyncReplay(t *testing.T) {
	syncScenario(t, medusatest.Replay(t))
}

func TestReadCatalogueRefusesBadRows(t *testing.T) {
	for doc, want := range map[string]string{
		"handle,title\n": "the header is",
		"handle,title,description,variant,sku,price_eur\nh,T,,S,,1\n":              "line 2: handle, variant and sku are required",
		"handle,title,description,variant,sku,price_eur\nh,T,,S,A,x\n":             `line 2: price_eur "x" is not a price`,
		"handle,title,description,variant,sku,price_eur\nh,T,,S,A,1\nh,T,,M,A,2\n": "line 3: SKU A is listed twice",
	} {
		_, err := ReadCatalogue(strings.NewReader(doc))
		require.Error(t, err, doc)
		assert.Contains(t, err.Error(), want)
	}
	items, err := ReadCatalogue(strings.NewReader("handle,title,description,variant,sku,price_eur\nh,T,d,S,A,1.5\ng,U,,X,C,2\nh,T2,,M,B,2\n"))
	require.NoError(t, err)
	require.Len(t, items, 2)
	assert.Equal(t, Item{Handle: "h", Title: "T", Description: "d", Variants: []Variant{{"A", "S", 1.5}, {"B", "M", 2}}}, items[0])
}
