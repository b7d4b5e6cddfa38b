package paging_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2/internal/paging"
)

func source(n int, calls *[]int) paging.Fetch[int] {
	return func(_ context.Context, offset, limit int) (paging.Page[int], error) {
		*calls = append(*calls, offset)
		var items []int
		for i := offset; i < min(offset+limit, n); i++ {
			items = append(items, i)
		}
		return paging.Page[int]{Items: items, Count: n}, nil
	}
}

func TestAllYieldsEveryItemOnce(t *testing.T) {
	for _, tc := range []struct{ n, offset, limit, wantCalls int }{
		{0, 0, 10, 1}, {10, 0, 10, 1}, {11, 0, 10, 2}, {25, 5, 10, 2}, {3, 0, 0, 1},
	} {
		var calls []int
		var got []int
		for v, err := range paging.All(context.Background(), tc.offset, tc.limit, source(tc.n, &calls)) {
			require.NoError(t, err)
			got = append(got, v)
		}
		want := []int{}
		for i := tc.offset; i < tc.n; i++ {
			want = append(want, i)
		}
		assert.ElementsMatch(t, want, got, "%+v", tc)
		assert.Len(t, calls, tc.wantCalls, "%+v", tc)
	}
}

func TestAllStopsEarly(t *testing.T) {
	var calls []int
	n := 0
	for range paging.All(context.Background(), 0, 10, source(100, &calls)) {
		n++
		if n == 15 {
			break
		}
	}
	assert.Equal(t, []int{0, 10}, calls, "no page after the loop stopped")
}

func TestAllYieldsErrorOnce(t *testing.T) {
	boom := errors.New("boom")
	fetch := func(_ context.Context, offset, _ int) (paging.Page[int], error) {
		if offset > 0 {
			return paging.Page[int]{}, boom
		}
		return paging.Page[int]{Items: []int{1, 2}, Count: 10}, nil
	}
	var errs []error
	var items int
	for _, err := range paging.All(context.Background(), 0, 2, fetch) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		items++
	}
	assert.Equal(t, 2, items)
	assert.Equal(t, []error{boom}, errs)
}

func TestAllEmptyPageEndsWalk(t *testing.T) {
	// A count that overstates the rows (rows deleted meanwhile) must not loop forever.
	calls := 0
	fetch := func(context.Context, int, int) (paging.Page[int], error) {
		calls++
		return paging.Page[int]{Count: 1000}, nil
	}
	for range paging.All(context.Background(), 0, 10, fetch) {
	}
	assert.Equal(t, 1, calls)
}

func TestAllCancelledContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var calls []int
	for _, err := range paging.All(ctx, 0, 10, source(5, &calls)) {
		assert.ErrorIs(t, err, context.Canceled)
	}
	assert.Empty(t, calls)
}
