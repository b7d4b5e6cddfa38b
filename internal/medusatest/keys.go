package medusatest

import (
	"fmt"
	"testing"
)

// APIKey is a publishable or secret API key created for a test.
type APIKey struct {
	ID    string `json:"id"`
	Token string `json:"token"`
	Type  string `json:"type"`
	Title string `json:"title"`
}

// CreateAPIKey creates a key of type "publishable" or "secret".
func (s *Server) CreateAPIKey(t testing.TB, typ string) APIKey {
	t.Helper()
	var out struct {
		APIKey APIKey `json:"api_key"`
	}
	s.Admin(t, "POST", "/admin/api-keys", map[string]string{"title": s.UniqueName("medusa-go " + typ), "type": typ}, &out)
	if out.APIKey.Token == "" {
		t.Fatalf("medusatest: new %s key has no token", typ)
	}
	return out.APIKey
}

// SecretKey creates a new secret API key (its token is only shown once, here).
func (s *Server) SecretKey(t testing.TB) APIKey {
	t.Helper()
	return s.CreateAPIKey(t, "secret")
}

// RevokeAPIKey revokes a key; it stops working at once.
func (s *Server) RevokeAPIKey(t testing.TB, id string) {
	t.Helper()
	s.Admin(t, "POST", "/admin/api-keys/"+id+"/revoke", nil, nil)
}

// DefaultSalesChannel returns the ID of the sales channel Medusa creates on
// first boot ("Default Sales Channel"), or of the oldest one.
func (s *Server) DefaultSalesChannel(t testing.TB) string {
	t.Helper()
	return s.memo(t, "default-sales-channel", func() string {
		var out struct {
			SalesChannels []struct {
				ID string `json:"id"`
			} `json:"sales_channels"`
		}
		s.Admin(t, "GET", "/admin/sales-channels?limit=1&order=created_at", nil, &out)
		if len(out.SalesChannels) == 0 {
			t.Fatalf("medusatest: the server has no sales channel")
		}
		return out.SalesChannels[0].ID
	})
}

// LinkSalesChannels makes a publishable key serve the given sales channels.
func (s *Server) LinkSalesChannels(t testing.TB, keyID string, channelIDs ...string) {
	t.Helper()
	s.Admin(t, "POST", fmt.Sprintf("/admin/api-keys/%s/sales-channels", keyID), map[string]any{"add": channelIDs}, nil)
}

// NewPublishableKey creates a publishable key linked to the default sales channel.
func (s *Server) NewPublishableKey(t testing.TB) APIKey {
	t.Helper()
	k := s.CreateAPIKey(t, "publishable")
	s.LinkSalesChannels(t, k.ID, s.DefaultSalesChannel(t))
	return k
}

// PublishableKey is one publishable key, linked to the default sales channel,
// shared by the tests of one test binary.
func (s *Server) PublishableKey(t testing.TB) string {
	t.Helper()
	return s.memo(t, "publishable-key", func() string { return s.NewPublishableKey(t).Token })
}
