package medusa

import "github.com/medusa-sdk/medusa-go/v2/internal/required"

// ErrRequiredEmpty is returned, before anything is sent, when a request body
// has a required string left "" (errors.Is(err, medusa.ErrRequiredEmpty)).
// The generated types make required strings plain strings, so a forgotten
// field would otherwise go out as "": Medusa then stores a nameless record or,
// on some routes, answers 500. The error names the body type and the field.
var ErrRequiredEmpty = required.ErrEmpty
