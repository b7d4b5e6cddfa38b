package bench

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	medusa "github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/gen/store"
)

// The three ways of making the same call that the per-call benchmark
// compares:
//
//	a  plain net/http + encoding/json (json.NewDecoder(resp.Body)) into the generated type
//	b  the raw generated client (ClientWithResponses: io.ReadAll + json.Unmarshal)
//	c  the full SDK (medusa.New: auth editor with a JWT, publishable key,
//	   retry transport with the default policy, error mapping, sdkrt.Decode)
//
// Each returns the decoded value, so that a test can check that all three
// read the same thing.
type call func(ctx context.Context) (any, error)

// target is one recorded answer and how each path asks for it.
type target struct {
	name, file string
	path       string // for a
	a          func(e *env) call
	b          func(e *env) call
	c          func(e *env) call
}

var (
	fifty  = 50
	region = regionID
)

const (
	regionID  = "reg_bench"
	productID = "prod_bench"
	cartID    = "cart_bench"
	orderID   = "order_bench"
)

var targets = []target{
	{
		name: "list50", file: "products-list-50.json", path: "/store/products?limit=50",
		a: func(e *env) call { return plain[store.StoreProductListResponse](e, "/store/products?limit=50") },
		b: func(e *env) call {
			return func(ctx context.Context) (any, error) {
				r, err := e.gen.GetProductsWithResponse(ctx, &store.GetProductsParams{Limit: &fifty}, e.genAuth)
				return json200(r, err, func() any { return r.JSON200 }, func() int { return r.StatusCode() })
			}
		},
		c: func(e *env) call {
			return func(ctx context.Context) (any, error) {
				return e.sdk.Store.ListProducts(ctx, &store.GetProductsParams{Limit: &fifty})
			}
		},
	},
	{
		name: "list50-region", file: "products-list-50-region.json", path: "/store/products?limit=50&region_id=" + regionID,
		a: func(e *env) call {
			return plain[store.StoreProductListResponse](e, "/store/products?limit=50&region_id="+regionID)
		},
		b: func(e *env) call {
			return func(ctx context.Context) (any, error) {
				r, err := e.gen.GetProductsWithResponse(ctx, &store.GetProductsParams{Limit: &fifty, RegionId: &region}, e.genAuth)
				return json200(r, err, func() any { return r.JSON200 }, func() int { return r.StatusCode() })
			}
		},
		c: func(e *env) call {
			return func(ctx context.Context) (any, error) {
				return e.sdk.Store.ListProducts(ctx, &store.GetProductsParams{Limit: &fifty, RegionId: &region})
			}
		},
	},
	{
		name: "product", file: "product.json", path: "/store/products/" + productID,
		a: func(e *env) call { return plain[store.StoreProductResponse](e, "/store/products/"+productID) },
		b: func(e *env) call {
			return func(ctx context.Context) (any, error) {
				r, err := e.gen.GetProductsIdWithResponse(ctx, productID, nil, e.genAuth)
				return json200(r, err, func() any { return r.JSON200 }, func() int { return r.StatusCode() })
			}
		},
		c: func(e *env) call {
			return func(ctx context.Context) (any, error) { return e.sdk.Store.GetProduct(ctx, productID, nil) }
		},
	},
	{
		name: "cart", file: "cart.json", path: "/store/carts/" + cartID,
		a: func(e *env) call { return plain[store.StoreCartResponse](e, "/store/carts/"+cartID) },
		b: func(e *env) call {
			return func(ctx context.Context) (any, error) {
				r, err := e.gen.GetCartsIdWithResponse(ctx, cartID, nil, e.genAuth)
				return json200(r, err, func() any { return r.JSON200 }, func() int { return r.StatusCode() })
			}
		},
		c: func(e *env) call {
			return func(ctx context.Context) (any, error) { return e.sdk.Store.GetCart(ctx, cartID, nil) }
		},
	},
	{
		name: "order", file: "order.json", path: "/store/orders/" + orderID,
		a: func(e *env) call { return plain[store.StoreOrderResponse](e, "/store/orders/"+orderID) },
		b: func(e *env) call {
			return func(ctx context.Context) (any, error) {
				r, err := e.gen.GetOrdersIdWithResponse(ctx, orderID, nil, e.genAuth)
				return json200(r, err, func() any { return r.JSON200 }, func() int { return r.StatusCode() })
			}
		},
		c: func(e *env) call {
			return func(ctx context.Context) (any, error) { return e.sdk.Store.GetOrder(ctx, orderID, nil) }
		},
	},
}

func json200(r any, err error, body func() any, status func() int) (any, error) {
	if err != nil {
		return nil, err
	}
	if status() != 200 {
		return nil, fmt.Errorf("status %d", status())
	}
	v := body()
	if v == nil {
		return nil, errors.New("no JSON200")
	}
	return v, nil
}

// plain is what a Go programmer writes without an SDK.
func plain[T any](e *env, path string) call {
	url := e.srv.URL + path
	return func(ctx context.Context) (any, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return nil, err
		}
		req.Header.Set("x-publishable-api-key", PublishableKey)
		req.Header.Set("Authorization", "Bearer "+e.static.Token())
		resp, err := e.plainHTTP.Do(req)
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return nil, fmt.Errorf("status %d", resp.StatusCode)
		}
		out := new(T)
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			return nil, err
		}
		_, _ = io.Copy(io.Discard, resp.Body) // let the connection be reused
		return out, nil
	}
}

// env is one static server and a client of each kind, each with its own
// connection pool.
type env struct {
	srv       *httptest.Server
	static    *Static
	plainHTTP *http.Client
	gen       *store.ClientWithResponses
	genAuth   store.RequestEditorFn
	sdk       *medusa.Client
}

func transport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = 128 // the concurrency benchmark runs 64 goroutines
	return t
}

var (
	loadOnce sync.Once
	loaded   []Response
	loadErr  error
)

func recorded(tb testing.TB) []Response {
	tb.Helper()
	loadOnce.Do(func() { loaded, loadErr = Load(Dir()) })
	if loadErr != nil {
		tb.Fatal(loadErr)
	}
	return loaded
}

// newEnv starts a static server; session makes the SDK client log in with a
// session cookie (medusa.WithSession) instead of keeping a JWT.
func newEnv(tb testing.TB, session bool) *env {
	tb.Helper()
	st, err := NewStatic(recorded(tb))
	if err != nil {
		tb.Fatal(err)
	}
	srv := httptest.NewServer(st)
	tb.Cleanup(srv.Close)
	e := &env{srv: srv, static: st, plainHTTP: &http.Client{Transport: transport()}}
	tok := st.Token()
	e.genAuth = func(_ context.Context, req *http.Request) error {
		req.Header.Set("x-publishable-api-key", PublishableKey)
		req.Header.Set("Authorization", "Bearer "+tok)
		return nil
	}
	e.gen, err = store.NewClientWithResponses(srv.URL, store.WithHTTPClient(&http.Client{Transport: transport()}))
	if err != nil {
		tb.Fatal(err)
	}
	opts := []medusa.Option{medusa.WithPublishableKey(PublishableKey), medusa.WithHTTPClient(&http.Client{Transport: transport()})}
	if session {
		opts = append(opts, medusa.WithSession())
	}
	e.sdk, err = medusa.New(srv.URL, opts...)
	if err != nil {
		tb.Fatal(err)
	}
	ctx := context.Background()
	if _, err := e.sdk.Auth.Login(ctx, "customer", "emailpass", medusa.EmailPass{Email: "bench@example.com", Password: "bench"}); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		for _, c := range []*http.Client{e.plainHTTP, e.sdk.HTTPClient()} {
			c.CloseIdleConnections()
		}
	})
	return e
}
