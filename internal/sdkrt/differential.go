package sdkrt

import (
	"encoding/json"
	"fmt"
	"reflect"
)

// SameAsStd is the differential check of the fast decoder, for tests that
// hold real answers (the recorded ones in bench/, the real-server sweep in
// internal/gentest): it decodes data into two new values of typ, one with
// encoding/json and one with the fast decoder on its own (no fallback), and
// returns an error unless both succeed with deeply equal values or both
// fail. Without a fast decoder (-tags medusa_stdjson) it returns nil.
func SameAsStd(data []byte, typ reflect.Type) error {
	if fastUnmarshal == nil {
		return nil
	}
	want, got := reflect.New(typ), reflect.New(typ)
	werr := json.Unmarshal(data, want.Interface())
	gerr := safeFast(data, got.Interface())
	switch {
	case werr != nil && gerr != nil:
		return nil
	case werr != nil:
		return fmt.Errorf("sdkrt: %s accepts what encoding/json refuses (%v) as %s", Backend, werr, typ)
	case gerr != nil:
		return fmt.Errorf("sdkrt: %s refuses what encoding/json accepts as %s: %v", Backend, typ, gerr)
	}
	if reflect.DeepEqual(want.Interface(), got.Interface()) {
		return nil
	}
	wb, _ := json.Marshal(want.Interface())
	gb, _ := json.Marshal(got.Interface())
	i := 0
	for i < len(wb) && i < len(gb) && wb[i] == gb[i] {
		i++
	}
	lo := max(0, i-80)
	return fmt.Errorf("sdkrt: %s and encoding/json decode differently into %s; re-encoded, they part at byte %d: encoding/json %q, %s %q",
		typ, Backend, i, clip(wb[lo:], 200), Backend, clip(gb[lo:], 200))
}
