package sdkrt_test

import (
	"encoding/json"
	"reflect"
	"testing"

	gojson "github.com/goccy/go-json"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2/gen/store"
	"github.com/medusa-sdk/medusa-go/v2/internal/recorded"
	"github.com/medusa-sdk/medusa-go/v2/internal/sdkrt"
)

// TestDifferentialRecorded decodes every recorded Medusa answer with
// encoding/json and with the SDK's decoder (and with the fast decoder on its
// own, so that a silent fallback cannot hide a difference) into its
// generated type, and requires the same value and the same re-encoding.
func TestDifferentialRecorded(t *testing.T) {
	rs, err := recorded.Load(recorded.Dir())
	require.NoError(t, err)
	require.NotEmpty(t, rs)
	for _, r := range rs {
		t.Run(r.File, func(t *testing.T) {
			want := r.New()
			require.NoError(t, json.Unmarshal(r.Body, want))

			got := r.New()
			require.NoError(t, sdkrt.Unmarshal(r.Body, got))
			requireSame(t, want, got)

			// The fast decoder on its own, so that a silent fallback cannot
			// hide a difference.
			require.NoError(t, sdkrt.SameAsStd(r.Body, reflect.TypeOf(want).Elem()))
			if sdkrt.Backend == "goccy/go-json" {
				fast := r.New()
				require.NoError(t, gojson.Unmarshal(r.Body, fast), "the fast decoder must take recorded answers itself")
				requireSame(t, want, fast)
			}
		})
	}
}

func requireSame(t *testing.T, want, got any) {
	t.Helper()
	if !reflect.DeepEqual(want, got) {
		wb, _ := json.Marshal(want)
		gb, _ := json.Marshal(got)
		require.JSONEq(t, string(wb), string(gb), "decoded values differ")
		t.Fatal("decoded values differ (reflect.DeepEqual) though they encode alike")
	}
	wb, err := json.Marshal(want)
	require.NoError(t, err)
	gb, err := json.Marshal(got)
	require.NoError(t, err)
	assert.Equal(t, string(wb), string(gb))
}

// differential is the fuzz body: the SDK's decoder must agree with
// encoding/json on any input, in value and in error.
func differential[T any](t *testing.T, data []byte) {
	var want, got T
	werr := json.Unmarshal(data, &want)
	gerr := sdkrt.Unmarshal(data, &got)
	if (werr == nil) != (gerr == nil) {
		t.Fatalf("encoding/json error %v, sdkrt error %v, input %q", werr, gerr, data)
	}
	if werr != nil {
		if werr.Error() != gerr.Error() {
			t.Fatalf("errors differ: encoding/json %q, sdkrt %q", werr, gerr)
		}
		return
	}
	if !reflect.DeepEqual(want, got) {
		wb, _ := json.Marshal(want)
		gb, _ := json.Marshal(got)
		t.Fatalf("values differ for input %q:\nencoding/json %s\nsdkrt         %s", data, wb, gb)
	}
}

func seed(f *testing.F, files ...string) {
	rs, err := recorded.Load(recorded.Dir())
	if err != nil {
		f.Fatal(err)
	}
	for _, r := range rs {
		for _, name := range files {
			if r.File == name {
				f.Add(r.Body)
			}
		}
	}
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
}

// fuzzSeeds are small inputs at the edges where decoders tend to differ.
var fuzzSeeds = []string{
	``, ` `, `null`, `{}`, `[]`, `"x"`, `{"products":null}`, `{"products":[{}]}`,
	`{"count":1e400}`, `{"count":-0}`, `{"count":1.0000000000000002}`, `{"count":"1"}`,
	`{"COUNT":3,"Count":4}`, `{"count":1,"count":2}`, `{"products":[{"id":"a\u00e9\ud83d\ude00"}]}`,
	`{"products":[{"id":"\ud800"}]}`, "{\"products\":[{\"id\":\"\xff\xfe\"}]}", `{"products":[{"title":"a\/b\"c\\"}]}`,
	`{"products":[{"metadata":{"a":[1,{"b":null}],"c":1.5e-7}}]}`, `{"products":[{"created_at":"2024-01-02T03:04:05.123Z"}]}`,
	`{"products":[{"created_at":"not a time"}]}`, `{"products":[{"variants":[{"calculated_price":{"calculated_amount":12.5}}]}]}`,
	`{"cart":{"id":"cart_1","items":[{"quantity":2,"unit_price":10}],"total":20}}`, `{"order":{"id":"order_1","items":null}}`,
	`{"products":[]} x`, `{"products":[],}`, `{"a":1}{"b":2}`, "{\"products\":[{\"id\":\"a\x00b\"}]}",
	`{"limit":9007199254740993}`, `{"products":[{"is_giftcard":"true"}]}`, `{"products":[{"is_giftcard":1}]}`,
}

func FuzzDecodeStoreProductList(f *testing.F) {
	seed(f, "products-list-50.json", "products-list-50-region.json")
	f.Fuzz(func(t *testing.T, data []byte) { differential[store.StoreProductListResponse](t, data) })
}

func FuzzDecodeStoreProduct(f *testing.F) {
	seed(f, "product.json")
	f.Fuzz(func(t *testing.T, data []byte) { differential[store.StoreProductResponse](t, data) })
}

func FuzzDecodeStoreCart(f *testing.F) {
	seed(f, "cart.json")
	f.Fuzz(func(t *testing.T, data []byte) { differential[store.StoreCartResponse](t, data) })
}

func FuzzDecodeStoreOrder(f *testing.F) {
	seed(f, "order.json", "cart-complete.json")
	f.Fuzz(func(t *testing.T, data []byte) {
		differential[store.StoreOrderResponse](t, data)
		differential[store.PostCartsIdComplete200JSONResponseBody](t, data)
	})
}

func FuzzDecodeAny(f *testing.F) {
	seed(f, "customer-me.json", "regions-list.json", "shipping-options.json")
	f.Fuzz(func(t *testing.T, data []byte) {
		differential[map[string]any](t, data)
		differential[any](t, data)
	})
}
