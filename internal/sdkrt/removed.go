package sdkrt

import (
	"errors"
	"fmt"
)

// ErrRemovedRoute is matched (errors.Is) by the error of a method whose
// route Medusa removed: the SDK keeps such a method, deprecated, so that
// code written for an older release still compiles, and it fails without
// sending a request.
var ErrRemovedRoute = errors.New("route removed from Medusa")

// Removed returns the error of a removed route's method.
func Removed(method, route, release string) error {
	return fmt.Errorf("medusa: %s (%s) was removed in Medusa %s: %w", method, route, release, ErrRemovedRoute)
}
