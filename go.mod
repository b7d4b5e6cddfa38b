module github.com/medusa-sdk/medusa-go/v2

go 1.26

require github.com/stretchr/testify v1.12.1 // indirect
