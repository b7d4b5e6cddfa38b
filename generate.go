package medusa

// Code generation (see openapi/README.md). `go generate ./...` or `make generate`:
//  1. specsync copies the specs named in openapi/lock.json into openapi/specs
//     and checks their sha256 (MEDUSA_OAS_DIR or MEDUSA_OAS_URL override the source);
//  2. specfix applies the general spec rules of internal/specfix;
//  3. oapi-codegen (pinned in tools/go.mod) writes gen/store and gen/admin.

//go:generate go run ./internal/cmd/specsync -lock openapi/lock.json -out openapi/specs
//go:generate go run ./internal/cmd/specfix -in openapi/specs/store.oas.yaml -out openapi/specs/store.fixed.json -validators openapi/validators.json -models openapi/models.json -routes openapi/routes.json -lock openapi/lock.json
//go:generate go run ./internal/cmd/specfix -in openapi/specs/admin.oas.yaml -out openapi/specs/admin.fixed.json -validators openapi/validators.json -models openapi/models.json -routes openapi/routes.json -lock openapi/lock.json
//go:generate env GOWORK=off go tool -modfile=tools/go.mod oapi-codegen -config openapi/store.cfg.yaml openapi/specs/store.fixed.json
//go:generate env GOWORK=off go tool -modfile=tools/go.mod oapi-codegen -config openapi/admin.cfg.yaml openapi/specs/admin.fixed.json

// The (value, error) layer over each generated client: gen/*/sdk.gen.go. Its
// method names come from the names lock openapi/names/<api>.json, which this
// step also updates (new routes added, removed routes marked).
//go:generate go run ./internal/cmd/gensdk -spec openapi/specs/store.fixed.json -gen gen/store/store.gen.go -out gen/store/sdk.gen.go -names openapi/names/store.json -update-names -release-lock openapi/lock.json
//go:generate go run ./internal/cmd/gensdk -spec openapi/specs/admin.fixed.json -gen gen/admin/admin.gen.go -out gen/admin/sdk.gen.go -names openapi/names/admin.json -update-names -release-lock openapi/lock.json
