// Package specfix rewrites a Medusa OpenAPI document by general rules before
// oapi-codegen sees it.
//
// Every rule matches on the shape of the document (a header name, a status
// code, how a query parameter's schema is built, a component schema's name),
// never on a list of operation ids, so that the next Medusa release goes
// through the same rules. openapi/README.md explains each rule and the server
// behaviour behind it.
//
// The document is handled as plain Go values: map[string]any for mappings,
// []any for sequences and string, int64, float64, bool or nil for scalars.
// Output is JSON with sorted keys, so the same input always gives the same
// bytes.
package specfix
