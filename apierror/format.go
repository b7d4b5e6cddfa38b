package apierror

import (
	"fmt"
	"strconv"
	"strings"
)

// GoString is what %#v prints: the fields, Body as a string, every value
// passed through Redact (an Error built by hand, not by New, may hold
// anything).
func (e *Error) GoString() string {
	if e == nil {
		return "(*apierror.Error)(nil)"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "&apierror.Error{StatusCode:%d, Type:%s, Code:%s, Message:%s, Method:%s, Path:%s, Header:%#v, Body:[]byte(%s)}",
		e.StatusCode, strconv.Quote(e.Type), strconv.Quote(e.Code), strconv.Quote(e.Message),
		strconv.Quote(e.Method), strconv.Quote(e.Path), cleanHeader(e.Header, nil), strconv.Quote(string(e.Body)))
	return Redact(b.String())
}
