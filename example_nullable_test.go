package medusa_test

import (
	"encoding/json"
	"fmt"

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
