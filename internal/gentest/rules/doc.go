// Package rules holds no code. Its tests prove the spec rules' claims about
// the generated layer (gen/store, gen/admin) against the real test server,
// one file per family of rules in openapi/README.md: validator shapes and
// queries, model columns and relations, request bodies and upserted lists,
// answers, nullable fields, the order lifecycle, the routes the release
// adds (release-routes, RBAC). Each claim is called through the generated
// methods and read strictly; the root package's tests cover the SDK's own
// code (options, retries, errors, streams, uploads).
package rules
