package paging_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2/internal/paging"
)

type item struct{ ID string }

// walk collects up to max items (a guard: a broken All would loop forever).
func walk(t *testing.T, fetch paging.Fetch[item], limit int) (got []item, calls int, err error) {
	t.Helper()
	counted := func(ctx context.Context, offset, limit int) (paging.Page[item], error) {
		calls++
		return fetch(ctx, offset, limit)
	}
	for it, e := range paging.All(context.Background(), 0, limit, counted) {
		if e != nil {
			return got, calls, e
		}
		got = append(got, it)
		require.Less(t, len(got), 10_000, "the walk does not end")
	}
	return got, calls, nil
}

func ids(prefix string, from, n int) []item {
	out := make([]item, n)
	for i := range out {
		out[i] = item{ID: prefix + string(rune('a'+(from+i)%26)) + string(rune('a'+(from+i)/26))}
	}
	return out
}

// A server whose count never ends, answering the same short page for every
// offset: the short page is the last one.
func TestAllStopsOnAShortPageWhateverCountSays(t *testing.T) {
	got, calls, err := walk(t, func(_ context.Context, _, _ int) (paging.Page[item], error) {
		return paging.Page[item]{Items: ids("p", 0, 3), Count: 1 << 30}, nil
	}, 10)
	require.NoError(t, err)
	assert.Len(t, got, 3)
	assert.Equal(t, 1, calls)
}

// A server that ignores the offset and answers the same full page forever:
// the second page is recognised and the walk ends with ErrOffsetIgnored
// instead of yielding the same items again.
func TestAllStopsWhenTheServerIgnoresTheOffset(t *testing.T) {
	got, calls, err := walk(t, func(_ context.Context, _, limit int) (paging.Page[item], error) {
		return paging.Page[item]{Items: ids("p", 0, limit), Count: 1 << 30}, nil
	}, 10)
	require.ErrorIs(t, err, paging.ErrOffsetIgnored)
	assert.Len(t, got, 10, "the first page once, never again")
	assert.Equal(t, 2, calls)
}

// A count that lies upwards over a server that honours offsets: the walk
// ends at the first empty page.
func TestAllStopsOnAnEmptyPage(t *testing.T) {
	got, calls, err := walk(t, func(_ context.Context, offset, limit int) (paging.Page[item], error) {
		if offset >= 20 {
			return paging.Page[item]{Count: 1 << 30}, nil
		}
		return paging.Page[item]{Items: ids("p", offset, limit), Count: 1 << 30}, nil
	}, 10)
	require.NoError(t, err)
	assert.Len(t, got, 20)
	assert.Equal(t, 3, calls)
}

// A server that ignores the offset but alternates between two full pages
// (a cache, a load balancer over two replicas): no page follows its twin,
// but a page's first item was the first of an earlier page, so the walk
// ends with ErrOffsetIgnored after each page was yielded once.
func TestAllStopsWhenPagesRepeatOutOfOrder(t *testing.T) {
	served := 0
	got, calls, err := walk(t, func(_ context.Context, _, limit int) (paging.Page[item], error) {
		served++
		return paging.Page[item]{Items: ids("p", (served%2)*limit, limit), Count: 1 << 30}, nil
	}, 10)
	require.ErrorIs(t, err, paging.ErrOffsetIgnored)
	assert.Len(t, got, 20, "both pages once, never again")
	assert.Equal(t, 3, calls)

	// Pages with equal content in distinct pointers are the same page.
	type ptrItem struct{ ID *string }
	n := 0
	for _, e := range paging.All(context.Background(), 0, 2, func(_ context.Context, _, _ int) (paging.Page[ptrItem], error) {
		a, b := "a", "b"
		return paging.Page[ptrItem]{Items: []ptrItem{{&a}, {&b}}, Count: 1 << 30}, nil
	}) {
		if e != nil {
			require.ErrorIs(t, e, paging.ErrOffsetIgnored)
			break
		}
		n++
		require.Less(t, n, 100)
	}
	assert.Equal(t, 2, n)
}
