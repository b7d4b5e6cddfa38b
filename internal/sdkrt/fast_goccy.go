//go:build !medusa_stdjson

package sdkrt

import gojson "github.com/goccy/go-json"

// Backend names the decoder Unmarshal tries first.
const Backend = "goccy/go-json"

// fastUnmarshal is github.com/goccy/go-json, pure Go (no assembly), so it
// builds and runs on every GOARCH the SDK supports, amd64 and arm64
// included. Build with -tags medusa_stdjson to use encoding/json alone.
var fastUnmarshal = gojson.Unmarshal
