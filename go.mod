module github.com/medusa-sdk/medusa-go/v2

go 1.26.0

require github.com/stretchr/testify v1.12.1

require (
	github.com/goccy/go-json v0.12.0
	github.com/oapi-codegen/nullable v1.2.0
	github.com/oapi-codegen/runtime v1.9.0
	golang.org/x/net v0.62.0
)

require (
	github.com/apapsch/go-jsonmerge/v2 v2.0.0 // indirect
	github.com/google/uuid v1.6.0 // indirect
	go.yaml.in/yaml/v3 v3.0.5 // indirect
)
