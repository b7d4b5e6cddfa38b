// Package paging walks Medusa's offset-paginated lists. Every Medusa list
// answers {<items>, count, offset, limit}; the generated "All" methods use
// this package to turn a list operation into an iterator over every item.
package paging

import (
	"context"
	"encoding/json"
	"errors"
	"hash/maphash"
	"iter"
	"reflect"
)

// DefaultLimit is the page size used when the caller's params set none
// (Medusa's own default is 50 for most lists, 20 for some).
const DefaultLimit = 50

// Page is one answer of a list operation.
type Page[T any] struct {
	Items []T
	// Count is the total number of items the list holds, as the server
	// counted it when answering this page.
	Count int
}

// Fetch requests one page starting at offset with at most limit items.
type Fetch[T any] func(ctx context.Context, offset, limit int) (Page[T], error)

// ErrOffsetIgnored is yielded when a page starts with the same item as an
// earlier page: the server ignores the offset, and walking on would yield
// the same items forever.
var ErrOffsetIgnored = errors.New("medusa: the server answered the same page for a new offset; stopped paging")

// All yields every item from offset on, page by page. It stops when the
// server's count is reached, when a page comes back empty or shorter than
// the limit asked for (a short page is the last one, whatever count says),
// and, with ErrOffsetIgnored, when a page starts with the same item as the
// one before or as any earlier page (a server that ignores offsets, or
// cycles through a few pages, would otherwise be walked forever). An error is yielded once, after which the iteration stops.
// Stopping the loop early fetches no further page. Items added or removed
// while walking may shift the pages (Medusa's lists are offset-based), so
// sort by a stable field when that matters.
func All[T any](ctx context.Context, offset, limit int, fetch Fetch[T]) iter.Seq2[T, error] {
	if limit <= 0 {
		limit = DefaultLimit
	}
	offset = max(offset, 0)
	return func(yield func(T, error) bool) {
		var zero T
		var prevFirst *T
		seen := map[uint64]bool{} // the first items of the pages so far
		seed := maphash.MakeSeed()
		for {
			if err := ctx.Err(); err != nil {
				yield(zero, err)
				return
			}
			page, err := fetch(ctx, offset, limit)
			if err != nil {
				yield(zero, err)
				return
			}
			if len(page.Items) == 0 {
				return
			}
			key, keyed := itemKey(seed, page.Items[0])
			if (prevFirst != nil && reflect.DeepEqual(*prevFirst, page.Items[0])) || (keyed && seen[key]) {
				yield(zero, ErrOffsetIgnored)
				return
			}
			if keyed {
				seen[key] = true
			}
			for _, it := range page.Items {
				if !yield(it, nil) {
					return
				}
			}
			offset += len(page.Items)
			if len(page.Items) < limit || offset >= page.Count {
				return
			}
			prevFirst = &page.Items[0]
		}
	}
}

// itemKey is a hash of it's JSON (pointers compare by what they point
// at), false when it does not encode.
func itemKey[T any](seed maphash.Seed, it T) (uint64, bool) {
	b, err := json.Marshal(it)
	if err != nil {
		return 0, false
	}
	return maphash.Bytes(seed, b), true
}

// Deref returns *p, or def when p is nil.
func Deref[T any](p *T, def T) T {
	if p == nil {
		return def
	}
	return *p
}
