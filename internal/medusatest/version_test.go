package medusatest

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestOlderThan(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"2.18.0", "2.21.0", true},
		{"2.21.2", "2.21.0", false},
		{"2.21.0", "2.21.0", false},
		{"2.9.0", "2.18.0", true},
		{"2.20.9", "2.21", true},
		{"3.0.0", "2.21.0", false},
	} {
		assert.Equal(t, c.want, ReleaseBefore(c.a, c.b), "%s < %s", c.a, c.b)
	}
}

// Since answers for the server's release and logs the counted line only on
// an older one.
func TestSince(t *testing.T) {
	s := &Server{MedusaVersion: "2.18.0"}
	assert.False(t, s.Since(t, "2.21.0", "a 2.21 route"))
	assert.True(t, s.Since(t, "2.18.0", "a 2.18 route"))
	s.MedusaVersion = "2.21.2"
	assert.True(t, s.Since(t, "2.21.0", "a 2.21 route"))
}

func TestTargetRelease(t *testing.T) {
	assert.Regexp(t, `^\d+\.\d+\.\d+$`, TargetRelease(t), "openapi/lock.json names the target")
}
