package medusa

import "github.com/medusa-sdk/medusa-go/v2/internal/sdkrt"

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
