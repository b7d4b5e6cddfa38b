package sdkrt

import "sync"

// The generated packages' presence fillers, for tests that judge the
// presence metadata against an answer's JSON (the strict sweep): each
// generated package registers, once, a func that fills a value of one of its
// answer records from the answer's bytes and says whether it knew the type.
var fillers struct {
	sync.RWMutex
	l []func(v any, data []byte) bool
}

// RegisterFill adds a generated package's filler (called from its init).
func RegisterFill(fill func(v any, data []byte) bool) {
	fillers.Lock()
	fillers.l = append(fillers.l, fill)
	fillers.Unlock()
}

// FillPresence fills the presence metadata of v, a pointer to an answer
// record decoded from data, as the SDK's methods do after decoding; false
// when no generated package knows v's type.
func FillPresence(v any, data []byte) bool {
	fillers.RLock()
	defer fillers.RUnlock()
	for _, f := range fillers.l {
		if f(v, data) {
			return true
		}
	}
	return false
}
