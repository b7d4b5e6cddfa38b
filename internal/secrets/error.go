package secrets

import (
	"errors"
	"strconv"
)

// Of returns the set of the given secrets (nil when all are empty).
func Of(values ...string) *Set {
	set := &Set{}
	for _, v := range values {
		set.add(v)
	}
	return set.done()
}

// WrapError returns err, or, when its message holds a secret of set, an
// error whose message has it masked and which unwraps to err (errors.Is and
// errors.As see the same chain; a net.Error's Timeout stays visible). It
// keeps the masked message, never the set.
func WrapError(err error, set *Set) error {
	if err == nil || set == nil {
		return err
	}
	msg := err.Error()
	if m := set.Mask(msg); m != msg {
		return &maskedError{msg: m, err: err}
	}
	return err
}

type maskedError struct {
	msg string
	err error
}

func (e *maskedError) Error() string { return e.msg }
func (e *maskedError) GoString() string {
	return "&secrets.maskedError{msg:" + strconv.Quote(e.msg) + "}"
}
func (e *maskedError) Unwrap() error { return e.err }

// Timeout keeps net.Error's Timeout visible through the wrapper.
func (e *maskedError) Timeout() bool {
	var t interface{ Timeout() bool }
	return errors.As(e.err, &t) && t.Timeout()
}
