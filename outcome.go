package medusa

import (
	"context"
	"errors"
	"fmt"

	"github.com/medusa-sdk/medusa-go/v2/internal/sdkrt"
)

// UnknownOutcomeError is the error of a write (POST, DELETE, ...) that
// reached Medusa, or may have, and whose answer never arrived whole: the
// connection broke after the request was sent, the call's time ran out
// while Medusa worked, the body of a 2xx answer was cut off (StatusCode
// says so: the write was applied), or a gateway in front of Medusa answered
// 502, 503 or 504. The write may have been applied: read the record back
// by a field you chose before sending it again (its handle, external_id or
// a metadata key; see ExampleUnknownOutcomeError).
//
// Match it with errors.As. It is not a *Error, which says the server
// answered and refused the write; it wraps what ended the call, so
// errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) and,
// for a gateway's answer, errors.As(err, &apiErr) still work.
//
// The SDK never sends a write again after such a failure unless it is safe
// to repeat (see RetryPolicy); a write that provably never reached the
// server (a refused connection) is sent again and gives no such error.
type UnknownOutcomeError = sdkrt.UnknownOutcomeError

// createOnceAttempts bounds the creates CreateOnce sends.
const createOnceAttempts = 3

// CreateOnce creates a record whose body carries a key Medusa keeps unique
// (a product's, collection's or category's handle, a promotion's code, a
// variant's SKU), so that a lost answer leaves exactly one record and its
// caller with it:
//
//   - create runs; its result, or an error other than an
//     *UnknownOutcomeError, is returned as it is;
//   - after an unknown outcome, find reads the record back by that key:
//     found, it is returned (the create was applied);
//   - not found, create runs again (at most three creates in all): Medusa
//     creates the record, or, when the first create landed after all (it
//     was still at work), refuses the duplicate key (400, "... already
//     exists"), and find returns the first record.
//
// find reports whether the record exists. The key must be one the server
// refuses twice: with a key it does not hold unique (a metadata key, a
// sales channel's name), a create still at work in Medusa when find looks
// would be doubled. Read such a record back yourself and decide
// (ExampleUnknownOutcomeError). TestFaultCreateOnceByHandle proves it on
// the real server.
func CreateOnce[T any](ctx context.Context, create func(context.Context) (T, error), find func(context.Context) (T, bool, error)) (T, error) {
	var zero T
	v, err := create(ctx)
	for n := 1; ; n++ {
		var uo *UnknownOutcomeError
		var refused *Error
		unknown := errors.As(err, &uo)
		switch {
		case err == nil:
			return v, nil
		case unknown:
		case n > 1 && errors.As(err, &refused) && refused.StatusCode >= 400 && refused.StatusCode < 500:
			// A repeat refused: the first create may hold the key.
		default:
			return zero, err
		}
		found, ok, ferr := find(ctx)
		switch {
		case ferr != nil:
			return zero, errors.Join(err, fmt.Errorf("medusa: CreateOnce: reading the record back: %w", ferr))
		case ok:
			return found, nil
		case !unknown, n >= createOnceAttempts, ctx.Err() != nil:
			return zero, err
		}
		v, err = create(ctx)
	}
}
