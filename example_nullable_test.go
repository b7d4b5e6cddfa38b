package medusa_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
)

// An update body leaves out what you do not set, sets what you Set and clears
// (JSON null) what you Null.
func ExampleNull() {
	body := admin.UpdateProductBody{
		Title:        medusa.Ptr("Shirt"),
		CollectionId: medusa.Null[string](),
	}
	b, _ := json.Marshal(body)
	fmt.Println(string(b))
	// Output: {"collection_id":null,"title":"Shirt"}
}

func ExampleSet() {
	body := admin.AdminUpdateProductCategory{ParentCategoryId: medusa.Set("pcat_123")}
	b, _ := json.Marshal(body)
	fmt.Println(string(b))
	// Output: {"parent_category_id":"pcat_123"}
}

// WithNull clears fields whose generated type can only send a value or
// nothing (here a *string and a *map): the call's body gets JSON null for them.
func ExampleWithNull() {
	edit := medusa.WithNull("company_name", "metadata")
	req, _ := http.NewRequest("POST", "http://localhost:9000/admin/customers/cus_123", strings.NewReader(`{"first_name":"Grace"}`))
	req.Header.Set("Content-Type", "application/json")
	// In a real call: c.Admin.UpdateCustomer(ctx, "cus_123", nil,
	//	admin.UpdateCustomerBody{FirstName: medusa.Ptr("Grace")}, edit)
	if err := edit(context.Background(), req); err != nil {
		fmt.Println(err)
		return
	}
	b, _ := io.ReadAll(req.Body)
	fmt.Println(string(b))
	// Output: {"company_name":null,"first_name":"Grace","metadata":null}
}
