package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
	"github.com/medusa-sdk/medusa-go/v2/medusatest"
)

// syncScenario is the service's test, whichever server answers: a first
// sync creates the catalogue, a second changes nothing, a changed CSV (a
// price, a title, a new variant) updates just that. Handles and SKUs carry
// a suffix unique to the test (the recording's, replayed).
func syncScenario(t *testing.T, srv *medusatest.Server) {
	ctx := t.Context()
	tag := strings.ToLower(strings.ReplaceAll(srv.Name("cat"), " ", "-"))
	csv := func(teeTitle string, mPrice float64, withL bool) string {
		rows := []string{
			"handle,title,description,variant,sku,price_eur",
			fmt.Sprintf("tee-%s,%s,Organic cotton,S,TEE-S-%s,19.90", tag, teeTitle, tag),
			fmt.Sprintf("tee-%s,%s,Organic cotton,M,TEE-M-%s,%.2f", tag, teeTitle, tag, mPrice),
			fmt.Sprintf("mug-%s,Mug,\"Stoneware, 300 ml\",One size,MUG-%s,9.50", tag, tag),
		}
		if withL {
			rows = append(rows, fmt.Sprintf("tee-%s,%s,Organic cotton,L,TEE-L-%s,21.90", tag, teeTitle, tag))
		}
		return strings.Join(rows, "\n") + "\n"
	}
	sync := func(doc string) string {
		var out strings.Builder
		require.NoError(t, run(ctx, &out, strings.NewReader(doc), srv.URL, srv.AdminEmail, srv.AdminPassword, medusa.WithHTTPClient(srv.HTTPClient())))
		return strings.TrimSpace(out.String())
	}

	assert.Equal(t, "2 created, 0 updated, 0 unchanged (variants added: 0, prices set: 0)", sync(csv("T-shirt", 19.90, false)))
	assert.Equal(t, "0 created, 0 updated, 2 unchanged (variants added: 0, prices set: 0)", sync(csv("T-shirt", 19.90, false)), "idempotent")
	assert.Equal(t, "0 created, 1 updated, 1 unchanged (variants added: 1, prices set: 1)", sync(csv("Tee", 24.50, true)))
	assert.Equal(t, "0 created, 0 updated, 2 unchanged (variants added: 0, prices set: 0)", sync(csv("Tee", 24.50, true)), "idempotent again")

	got, err := srv.Admin.Admin.ListProducts(ctx, &admin.ListProductsParams{Handle: &[]string{"tee-" + tag}, Fields: medusa.Ptr(fields)})
	require.NoError(t, err)
	require.Len(t, got.Products, 1)
	tee := got.Products[0]
	assert.Equal(t, "Tee", tee.Title)
	prices := map[string]float64{}
	for _, v := range tee.Variants {
		prices[v.Sku], _ = euros(v)
	}
	assert.Equal(t, map[string]float64{"TEE-S-" + tag: 19.90, "TEE-M-" + tag: 24.50, "TEE-L-" + tag: 21.90}, prices)
}
