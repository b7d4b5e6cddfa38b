//go:build goexperiment.jsonv2

package bench

import jsonv2 "encoding/json/v2"

// With GOEXPERIMENT=jsonv2, encoding/json (the "std" codec) runs on the v2
// engine with v1 semantics; "jsonv2" is encoding/json/v2 with its own
// defaults (case-sensitive names, duplicate names and invalid UTF-8
// rejected), for comparison only: the SDK needs encoding/json's semantics.
func init() {
	codecs = append(codecs, codec{"jsonv2", func(data []byte, v any) error { return jsonv2.Unmarshal(data, v) }})
}
