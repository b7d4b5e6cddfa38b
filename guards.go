package medusa

import (
	"github.com/medusa-sdk/medusa-go/v2/internal/paging"
	"github.com/medusa-sdk/medusa-go/v2/internal/qs"
)

// ErrBadPathParam is wrapped by the error of a call whose path parameter is
// empty, "." or "..": such an id would name another resource once a proxy
// or the server normalises the path, so nothing is sent.
var ErrBadPathParam = qs.ErrBadPathParam

// ErrOffsetIgnored ends an ...All iteration when the server answers a new
// offset with a page it answered before, the last one or an earlier one (it
// ignores the offset or cycles through pages, and the walk would yield the
// same items forever).
var ErrOffsetIgnored = paging.ErrOffsetIgnored
