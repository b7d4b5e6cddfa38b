package sdkrt

import (
	"errors"
	"net/url"

	"github.com/medusa-sdk/medusa-go/v2/apierror"
)

// SanitizeError returns err with the URL of a *url.Error stripped of secret
// query values (an invite's ?token=, an OAuth code) and of user info, and
// its message passed through apierror.Redact. errors.Is and errors.As see
// the same chain as before: context.DeadlineExceeded, *url.Error, net
// errors. A nil err stays nil.
func SanitizeError(err error) error {
	if err == nil {
		return nil
	}
	if ue, ok := err.(*url.Error); ok {
		if red := apierror.RedactURL(ue.URL); red != ue.URL || apierror.Redact(ue.Err.Error()) != ue.Err.Error() {
			return &url.Error{Op: ue.Op, URL: red, Err: redactedError{ue.Err}}
		}
		return err
	}
	if msg := err.Error(); apierror.Redact(msg) != msg {
		return redactedError{err}
	}
	return err
}

// redactedError wraps an error whose message may hold a secret.
type redactedError struct{ err error }

func (e redactedError) Error() string { return apierror.Redact(e.err.Error()) }
func (e redactedError) Unwrap() error { return e.err }

// Timeout keeps net.Error's Timeout visible through the wrapper.
func (e redactedError) Timeout() bool {
	var t interface{ Timeout() bool }
	return errors.As(e.err, &t) && t.Timeout()
}
