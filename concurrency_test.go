package medusa_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2"
)

// One client shared by 64 goroutines, each acting for its own customer with
// a per-call token: every request carries its own token and nothing else.
func TestSharedClientPerCallTokens(t *testing.T) {
	c := fake(t, func(w http.ResponseWriter, r *http.Request) {
		tok := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"customer":{"id":%q,"email":"%s@example.com"}}`, tok, tok)
	})
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i := range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tok := fmt.Sprintf("customer-%d", i)
			for range 20 {
				me, err := c.Store.GetCurrentCustomer(medusa.WithToken(context.Background(), tok), nil)
				if err != nil {
					errs <- err
					return
				}
				if me.Customer.Id != tok {
					errs <- fmt.Errorf("goroutine %d got %s's answer", i, me.Customer.Id)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	tok, err := c.Auth.Token(context.Background())
	require.NoError(t, err)
	assert.Empty(t, tok, "per-call tokens are never stored on the client")
}
