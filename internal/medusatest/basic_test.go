package medusatest_test

import "encoding/base64"

func basic(key string) string { return base64.StdEncoding.EncodeToString([]byte(key + ":")) }
