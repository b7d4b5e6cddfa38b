package bench

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The static server refuses what a broken auth path would send: no or
// another publishable key (400), no or another credential (401), on every
// /store route the benchmarks call.
func TestStaticRequiresTheLoginCredential(t *testing.T) {
	st, err := NewStatic(recorded(t))
	require.NoError(t, err)
	srv := httptest.NewServer(st)
	defer srv.Close()
	status := func(path, pk, auth, cookie string) int {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+path, nil)
		if pk != "" {
			req.Header.Set("x-publishable-api-key", pk)
		}
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		if cookie != "" {
			req.Header.Set("Cookie", cookie)
		}
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		return resp.StatusCode
	}
	bearer := "Bearer " + st.Token()
	for _, path := range []string{"/store/products?limit=50", "/store/products/prod_1", "/store/regions", "/store/customers/me"} {
		assert.Equal(t, 200, status(path, PublishableKey, bearer, ""), path)
		assert.Equal(t, 200, status(path, PublishableKey, "", SessionCookie+"="+sessionValue), path)
		assert.Equal(t, 401, status(path, PublishableKey, "", ""), path)
		assert.Equal(t, 401, status(path, PublishableKey, "Bearer "+FakeJWT("cus_other", time.Now().Add(time.Hour)), ""), path)
		assert.Equal(t, 401, status(path, PublishableKey, "", SessionCookie+"=s%3Aforged"), path)
		assert.Equal(t, 400, status(path, "", bearer, ""), path)
		assert.Equal(t, 400, status(path, "pk_other", bearer, ""), path)
	}
}

func TestListSizes(t *testing.T) {
	rs, err := Load(Dir())
	require.NoError(t, err)
	st, err := NewStatic(rs)
	require.NoError(t, err)
	for _, n := range ListSizes {
		var l struct {
			Products []struct {
				ID string `json:"id"`
			} `json:"products"`
			Count, Limit int
		}
		require.NoError(t, json.Unmarshal(st.files[fmt.Sprintf("products-list-%d.json", n)], &l), n)
		assert.Len(t, l.Products, n)
		assert.Equal(t, n, l.Count)
		assert.Equal(t, n, l.Limit)
		assert.NotEmpty(t, l.Products[n-1].ID)
	}
	_, err = ListOf([]byte(`{"products":[]}`), 3)
	assert.Error(t, err, "nothing to repeat")
}
