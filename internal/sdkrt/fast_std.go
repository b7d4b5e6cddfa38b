//go:build medusa_stdjson

package sdkrt

// Backend names the decoder Unmarshal tries first.
const Backend = "encoding/json"

// With -tags medusa_stdjson, Unmarshal is encoding/json.Unmarshal.
var fastUnmarshal func([]byte, any) error
