package medusa

// http.Client.CloseIdleConnections reaches the transport only through
// RoundTrippers that pass it on: every wrapper of the SDK does.

// CloseIdleConnections passes the call on.
func (t *authedTransport) CloseIdleConnections() { closeIdle(t.next) }

// CloseIdleConnections passes the call on.
func (t *headerTransport) CloseIdleConnections() { closeIdle(t.next) }
