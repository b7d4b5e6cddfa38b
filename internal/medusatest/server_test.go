package medusatest

import (
	"net"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// With no server, loading fails (and Require turns that into a test
// failure, never a skip): `make integration` cannot pass without Medusa.
func TestLoadFailsWithoutServer(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close()) // nothing listens there now

	t.Setenv("MEDUSA_STATE_DIR", t.TempDir())
	t.Setenv("MEDUSA_URL", "http://"+addr)
	_, err = load()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "/health")

	t.Setenv("MEDUSA_URL", "")
	_, err = load()
	require.Error(t, err, "no server.json and no MEDUSA_URL")
	assert.Contains(t, err.Error(), "server.json")
}
