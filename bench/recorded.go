// Package bench measures what a call through medusa-go costs beyond the
// network: per-call overhead against plain net/http + encoding/json, the
// decoder behind internal/sdkrt, concurrency, and (with compare.sh) the
// JS SDK. The answers it serves are real Medusa 2.18.0 responses recorded
// under testdata/recorded (make record). See BENCHMARKS.md.
//
// bench is its own module (bench/go.mod), so that the decoders it compares
// against never reach the go.mod of an SDK user.
package bench

import rec "github.com/medusa-sdk/medusa-go/v2/internal/recorded"

// The recorded answers live in internal/recorded, shared with the decoder's
// differential tests in the SDK module.
type (
	Recorded = rec.Recorded
	Manifest = rec.Manifest
	Response = rec.Response
)

// Dir is testdata/recorded.
func Dir() string { return rec.Dir() }

// Load reads the manifest and every recorded body in dir.
func Load(dir string) ([]Response, error) { return rec.Load(dir) }
