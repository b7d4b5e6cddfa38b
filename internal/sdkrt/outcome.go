package sdkrt

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/medusa-sdk/medusa-go/v2/apierror"
)

// UnknownOutcomeError says a write reached the server, or may have, and its
// answer never arrived whole: the write may have been applied. It is not an
// *apierror.Error, which means the server answered and refused; here nothing
// says whether it did. Err is what ended the call (the transport error, a
// context error, or for a gateway's 502/503/504 the *apierror.Error it
// answered): errors.Is and errors.As reach it.
type UnknownOutcomeError struct {
	// Method and Route name the request, e.g. "POST" and
	// "/admin/sales-channels" (the path, never the query).
	Method, Route string
	// StatusCode is 0 when no answer came. A 2xx means the server answered
	// that it applied the write but its body was cut off; a 502, 503 or 504
	// came from a gateway in front of Medusa, which may have passed the
	// write on (Medusa itself never answers them).
	StatusCode int
	// Attempts is how many times the SDK sent the request (retries
	// included); 0 when the answer came from a gateway.
	Attempts int
	Err      error
}

func (e *UnknownOutcomeError) Error() string {
	var what string
	switch {
	case e.StatusCode >= 200 && e.StatusCode <= 299:
		what = fmt.Sprintf("the server answered %d, so the write was applied, but its answer was cut off", e.StatusCode)
	case e.StatusCode != 0:
		what = fmt.Sprintf("a gateway answered %d: the write may have been applied", e.StatusCode)
	default:
		what = "no answer: the write may have been applied"
	}
	msg := fmt.Sprintf("medusa: %s %s: %s (read the record back before sending it again)", e.Method, e.Route, what)
	if e.Attempts > 1 {
		msg += fmt.Sprintf(" after %d attempts", e.Attempts)
	}
	if e.Err != nil {
		msg += ": " + apierror.Redact(e.Err.Error())
	}
	return msg
}

func (e *UnknownOutcomeError) Unwrap() error { return e.Err }

// Timeout keeps net.Error's Timeout visible through the wrapper.
func (e *UnknownOutcomeError) Timeout() bool {
	var t interface{ Timeout() bool }
	return errors.As(e.Err, &t) && t.Timeout()
}

// IsRead reports whether method only reads: its request never changes
// anything on the server, so it has no outcome to be unknown.
func IsRead(method string) bool {
	switch method {
	case "", http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodTrace:
		return true
	}
	return false
}

// gatewayOutcome wraps the *apierror.Error of a write answered 502, 503 or
// 504: Medusa never answers these itself (its error handler maps its errors
// to 400, 401, 403, 404, 409, 422 and 500), so a gateway between the client
// and Medusa did, and it may have passed the write on before failing.
func gatewayOutcome(resp *http.Response, apiErr *apierror.Error) error {
	switch resp.StatusCode {
	case http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
	default:
		return apiErr
	}
	if resp.Request == nil || IsRead(resp.Request.Method) {
		return apiErr
	}
	return &UnknownOutcomeError{Method: apiErr.Method, Route: apiErr.Path, StatusCode: resp.StatusCode, Err: apiErr}
}
