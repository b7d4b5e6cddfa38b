package medusa_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
)

// Time and memory limits: every call without a deadline of its own is
// bounded by WithTimeout (default one minute), and an answer larger than
// WithMaxBodySize (default 128 MiB) ends the call with a
// *medusa.BodyTooLargeError instead of filling the heap.
func ExampleWithMaxBodySize() {
	c, err := medusa.New("http://localhost:9000",
		medusa.WithSecretAPIKey("sk_..."),
		medusa.WithTimeout(2*time.Minute), // big exports of a slow shop
		medusa.WithMaxBodySize(512<<20))   // pages of thousands of products
	if err != nil {
		log.Fatal(err)
	}
	_, err = c.Admin.ListProducts(context.Background(), &admin.ListProductsParams{Limit: medusa.Ptr(5000)})
	var tooLarge *medusa.BodyTooLargeError
	var timeout *medusa.TimeoutError
	switch {
	case errors.As(err, &tooLarge):
		fmt.Println("answer larger than", tooLarge.Limit, "bytes: ask for smaller pages")
	case errors.As(err, &timeout):
		fmt.Println("no answer within", timeout.Timeout)
	case err != nil:
		log.Fatal(err)
	}
}
