package sdkrt

import (
	"encoding/json"
	"reflect"
)

// Unmarshal decodes data into out (a non-nil pointer) exactly as
// encoding/json.Unmarshal does: same value, and on failure encoding/json's
// own error. out should be a fresh value (Decode's always is): after a
// fallback it is zeroed before encoding/json fills it.
//
// Where a faster decoder is built in (Backend; see fast_*.go), it decodes
// first. Whenever it fails or panics, out is zeroed and encoding/json
// decodes again, so errors are always encoding/json's, and a decoder bug
// that makes it refuse good input costs time, not correctness. The
// differential tests (here and in bench/) check that the fast decoder on
// its own reads every recorded Medusa answer as encoding/json does; the
// fuzz tests check Unmarshal against encoding/json on arbitrary input.
func Unmarshal(data []byte, out any) error {
	if fastUnmarshal != nil {
		if err := safeFast(data, out); err == nil {
			return nil
		}
		// Start again from a clean value: the fast decoder may have
		// filled part of it.
		if rv := reflect.ValueOf(out); rv.Kind() == reflect.Pointer && !rv.IsNil() {
			rv.Elem().SetZero()
		}
	}
	return json.Unmarshal(data, out)
}

// safeFast runs the fast decoder, turning a panic into an error.
func safeFast(data []byte, out any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errFastPanicked
		}
	}()
	return fastUnmarshal(data, out)
}

type fastPanicError struct{}

func (fastPanicError) Error() string { return "fast decoder panicked" }

var errFastPanicked error = fastPanicError{}

// StdUnmarshal is encoding/json.Unmarshal, the reference decoder: pass it to
// DecodeWith to measure or test the stock path.
func StdUnmarshal(data []byte, out any) error { return json.Unmarshal(data, out) }
