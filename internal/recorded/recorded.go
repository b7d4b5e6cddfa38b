// Package recorded loads the real Medusa 2.18.0 answers recorded under
// testdata/recorded (make record): the decoder's differential tests and the
// benchmarks in bench/ serve and decode them.
package recorded

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"

	"github.com/medusa-sdk/medusa-go/v2/gen/store"
)

// Recorded describes one recorded answer.
type Recorded struct {
	File   string `json:"file"`
	Method string `json:"method"`
	Path   string `json:"path"`
	Type   string `json:"type"` // the gen/store type the answer decodes into
	Bytes  int    `json:"bytes"`
}

// Manifest is testdata/recorded/manifest.json.
type Manifest struct {
	MedusaVersion string     `json:"medusa_version"`
	RecordedAt    string     `json:"recorded_at"`
	Note          string     `json:"note"`
	Responses     []Recorded `json:"responses"`
}

// Types maps a manifest type name to a constructor of the generated type
// the answer decodes into: the result type of the SDK method that calls the
// route. Reached through the method (whose name the names lock keeps) rather
// than the type's own name, which depends on the spec's shape, so this
// compiles on every Medusa release gen-compat generates.
var Types = map[string]func() any{
	"StoreProductListResponse":               resultOf((*store.API).ListProducts),
	"StoreProductResponse":                   resultOf((*store.API).GetProduct),
	"GetRegions200JSONResponseBody":          resultOf((*store.API).ListRegions),
	"StoreShippingOptionListResponse":        resultOf((*store.API).ListShippingOptions),
	"StoreCartResponse":                      resultOf((*store.API).GetCart),
	"StoreCustomerResponse":                  resultOf((*store.API).GetCurrentCustomer),
	"StorePaymentCollectionResponse":         resultOf((*store.API).CreatePaymentCollection),
	"PostCartsIdComplete200JSONResponseBody": resultOf((*store.API).CompleteCart),
	"StoreOrderResponse":                     resultOf((*store.API).GetOrder),
}

// resultOf returns a constructor of what method answers: a method of
// *store.API returns (*T, error), and resultOf makes a new T.
func resultOf(method any) func() any {
	t := reflect.TypeOf(method)
	if t.Kind() != reflect.Func || t.NumOut() != 2 || t.Out(0).Kind() != reflect.Pointer {
		panic(fmt.Sprintf("recorded: %v is not a (*T, error) method", t))
	}
	elem := t.Out(0).Elem()
	return func() any { return reflect.New(elem).Interface() }
}

// Dir is testdata/recorded, found from this source file so that tests and
// programs run from any directory find it.
func Dir() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return filepath.Join("testdata", "recorded")
	}
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata", "recorded")
}

// Response is one recorded answer, loaded.
type Response struct {
	Recorded
	Body []byte
	New  func() any // a fresh value of the generated type
}

// Load reads the manifest and every recorded body in dir.
func Load(dir string) ([]Response, error) {
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("manifest: %w", err)
	}
	out := make([]Response, 0, len(m.Responses))
	for _, rec := range m.Responses {
		mk, ok := Types[rec.Type]
		if !ok {
			return nil, fmt.Errorf("manifest: %s: unknown type %q", rec.File, rec.Type)
		}
		body, err := os.ReadFile(filepath.Join(dir, filepath.Base(rec.File)))
		if err != nil {
			return nil, err
		}
		out = append(out, Response{Recorded: rec, Body: body, New: mk})
	}
	return out, nil
}
