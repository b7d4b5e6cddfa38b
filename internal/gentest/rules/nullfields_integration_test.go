//go:build integration

package rules_test

import (
	"encoding/json"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
	"github.com/medusa-sdk/medusa-go/v2/internal/medusatest"
)

// TestCustomerMetadataAndCompanyNameClearedInOneCall: the admin customer
// update types CompanyName as *string and Metadata as *map, which can send a
// value or nothing; the server's validator takes null for both and clears
// them. One typed call with medusa.WithNull clears both and changes another
// field in the same body.
func TestCustomerMetadataAndCompanyNameClearedInOneCall(t *testing.T) {
	srv := medusatest.Require(t)
	c := adminClient(t, srv)
	ctx := ctxT(t)
	email := srv.UniqueEmail("clear")
	made, err := c.Admin.CreateCustomer(ctx, nil, admin.CreateCustomerBody{
		Email: &email, CompanyName: medusa.Ptr("Acme"), FirstName: medusa.Ptr("Ada"),
		Metadata: &map[string]interface{}{"tier": "gold"},
	})
	require.NoError(t, err)
	id := made.Customer.Id
	require.Equal(t, "Acme", made.Customer.CompanyName)
	require.NotNil(t, made.Customer.Metadata)

	got, err := c.Admin.UpdateCustomer(ctx, id, nil, admin.UpdateCustomerBody{FirstName: medusa.Ptr("Grace")},
		medusa.WithNull("company_name", "metadata"))
	require.NoError(t, err)
	assert.Equal(t, "Grace", got.Customer.FirstName, "the body's other field is sent")
	assert.Empty(t, got.Customer.CompanyName)
	assert.Nil(t, got.Customer.Metadata)

	// The typed CompanyName reads "" for null too; the raw answer says null.
	resp, err := c.Admin.Raw().GetCustomersId(ctx, id, nil)
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	var answer struct {
		Customer map[string]json.RawMessage `json:"customer"`
	}
	require.NoError(t, json.Unmarshal(raw, &answer))
	assert.JSONEq(t, "null", string(answer.Customer["company_name"]), "cleared, not an empty string")
	assert.JSONEq(t, "null", string(answer.Customer["metadata"]))
	assert.JSONEq(t, `"Grace"`, string(answer.Customer["first_name"]))

	// A field both set and nulled is refused before anything is sent.
	_, err = c.Admin.UpdateCustomer(ctx, id, nil, admin.UpdateCustomerBody{CompanyName: medusa.Ptr("X")}, medusa.WithNull("company_name"))
	require.ErrorContains(t, err, `also sets "company_name"`)
}
