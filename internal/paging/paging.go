// Package paging walks Medusa's offset-paginated lists. Every Medusa list
// answers {<items>, count, offset, limit}; the generated "All" methods use
// this package to turn a list operation into an iterator over every item.
package paging

import (
	"context"
	"iter"
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

// All yields every item from offset on, page by page, until the server's
// count is reached or a page comes back empty. An error is yielded once,
// after which the iteration stops. Stopping the loop early fetches no further
// page. Items added or removed while walking may shift the pages (Medusa's
// lists are offset-based), so sort by a stable field when that matters.
func All[T any](ctx context.Context, offset, limit int, fetch Fetch[T]) iter.Seq2[T, error] {
	if limit <= 0 {
		limit = DefaultLimit
	}
	offset = max(offset, 0)
	return func(yield func(T, error) bool) {
		for {
			if err := ctx.Err(); err != nil {
				var zero T
				yield(zero, err)
				return
			}
			page, err := fetch(ctx, offset, limit)
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for _, it := range page.Items {
				if !yield(it, nil) {
					return
				}
			}
			offset += len(page.Items)
			if len(page.Items) == 0 || offset >= page.Count {
				return
			}
		}
	}
}

// Deref returns *p, or def when p is nil.
func Deref[T any](p *T, def T) T {
	if p == nil {
		return def
	}
	return *p
}
