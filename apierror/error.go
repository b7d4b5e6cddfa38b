// Package apierror holds the one error type of the Medusa Go SDK: an HTTP
// error answered by a Medusa server.
//
// Every package of the SDK (the root package medusa, which aliases it as
// medusa.Error, authn, and the wrappers around the generated clients) returns
// a *Error for a non-2xx answer, so callers match it the same way everywhere:
//
//	var apiErr *apierror.Error
//	if errors.As(err, &apiErr) && apiErr.Type == apierror.TypeUnauthorized {
//		// wrong email or password
//	}
//
// or, for the common cases, with the helpers IsStatus, IsUnauthorized and
// IsNotFound.
//
// A Medusa error body is JSON: {"type":"...","message":"..."}, sometimes with
// a "code". The authentication middleware answers {"message":"Unauthorized"}
// with no type (Type is still TypeUnauthorized: every 401 gets it), and
// unknown routes get an HTML page from Express. New and FromResponse accept
// any of these, and any other bytes, without panicking.
package apierror

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
)

// Medusa error types (the "type" field of an error body, MedusaError.Types).
const (
	TypeUnauthorized    = "unauthorized"
	TypeNotAllowed      = "not_allowed"
	TypeNotFound        = "not_found"
	TypeInvalidData     = "invalid_data"
	TypeInvalidArgument = "invalid_argument"
	TypeDuplicateError  = "duplicate_error"
	TypeConflict        = "conflict"
	TypeUnexpectedState = "unexpected_state"
	TypeDatabaseError   = "database_error"
)

// MaxBody is the number of body bytes an Error keeps. Longer bodies are cut.
const MaxBody = 64 << 10

// maxSnippet is the length, in bytes, of the body excerpt Error() shows when
// the body is not a Medusa JSON error.
const maxSnippet = 200

// Error is an HTTP error answered by a Medusa server.
//
// It never holds request headers, so it never carries an Authorization
// header, an API key or a cookie. Header is the response's header without
// Set-Cookie. Built by FromResponse (as every call of the SDK builds it),
// it has every secret its request sent masked wherever the server echoed
// it: in Message, Type, Code, Body, Header and Path (see FromResponse).
type Error struct {
	// StatusCode is the HTTP status, e.g. 401.
	StatusCode int
	// Type is Medusa's error type, e.g. "unauthorized", "not_found",
	// "invalid_data". A 401 always has TypeUnauthorized, even when the body
	// had no type (the auth middleware's {"message":"Unauthorized"}). Other
	// statuses without a type in the body (HTML pages, empty bodies) leave
	// it empty.
	Type string
	// Code is Medusa's optional error code, e.g. "invalid_request_error".
	Code string
	// Message is Medusa's message, e.g. "Invalid email or password". When
	// the body is not a Medusa JSON error, it is a short plain-text excerpt
	// of the body (HTML tags removed), or empty.
	Message string
	// Method and Path locate the request, e.g. "POST" and
	// "/auth/user/emailpass". Path never includes the query string, which
	// may carry OAuth codes or tokens.
	Method string
	Path   string
	// Header is the response header, without Set-Cookie. It may be nil.
	Header http.Header
	// Body is the raw response body, at most MaxBody bytes.
	Body []byte
}

// Error describes the failure in one line: method, path, status, Medusa type
// and message. It never includes credentials: the fields hold the request's
// secrets masked (FromResponse), and strings that look like a JWT or a
// secret API key are masked here too.
func (e *Error) Error() string {
	if e == nil {
		return "medusa: <nil error>"
	}
	var b strings.Builder
	b.WriteString("medusa: ")
	if e.Method != "" || e.Path != "" {
		if e.Method != "" {
			b.WriteString(e.Method)
			b.WriteByte(' ')
		}
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(strconv.Itoa(e.StatusCode))
	if e.Type != "" {
		b.WriteByte(' ')
		b.WriteString(e.Type)
	} else if t := http.StatusText(e.StatusCode); t != "" && e.Message == "" {
		b.WriteByte(' ')
		b.WriteString(t)
	}
	if e.Code != "" {
		b.WriteString(" (")
		b.WriteString(e.Code)
		b.WriteByte(')')
	}
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(strconv.Quote(clip(e.Message, 2*maxSnippet)))
	}
	return Redact(b.String())
}

// As returns the *Error in err's chain, if there is one.
func As(err error) (*Error, bool) {
	var e *Error
	if errors.As(err, &e) && e != nil {
		return e, true
	}
	return nil, false
}

// IsStatus reports whether err is, or wraps, an *Error with the given HTTP
// status.
func IsStatus(err error, status int) bool {
	e, ok := As(err)
	return ok && e.StatusCode == status
}

// IsType reports whether err is, or wraps, an *Error with the given Medusa
// error type (see the Type constants).
func IsType(err error, typ string) bool {
	e, ok := As(err)
	return ok && e.Type == typ
}

// IsUnauthorized reports whether err is, or wraps, a 401 *Error.
func IsUnauthorized(err error) bool { return IsStatus(err, http.StatusUnauthorized) }

// IsNotFound reports whether err is, or wraps, a 404 *Error.
func IsNotFound(err error) bool { return IsStatus(err, http.StatusNotFound) }
