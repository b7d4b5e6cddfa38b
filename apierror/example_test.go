package apierror_test

import (
	"errors"
	"fmt"

	"github.com/medusa-sdk/medusa-go/v2/apierror"
)

func ExampleError() {
	// What a failed login returns (here built by hand from Medusa's answer).
	var err error = apierror.New(401, nil, []byte(`{"type":"unauthorized","message":"Invalid email or password"}`))

	var apiErr *apierror.Error
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Type, apiErr.Message)
	}
	fmt.Println(apierror.IsUnauthorized(err))
	fmt.Println(err)
	// Output:
	// 401 unauthorized Invalid email or password
	// true
	// medusa: 401 unauthorized: "Invalid email or password"
}
