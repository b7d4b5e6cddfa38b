package medusatest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"testing"
)

// Response is a raw answer from the server.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// Decode unmarshals the body into out, failing the test on malformed JSON.
func (r Response) Decode(t testing.TB, out any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, out); err != nil {
		t.Fatalf("medusatest: decoding %d answer: %v: %.300s", r.Status, err, r.Body)
	}
}

// Do sends one request with a JSON body (when body is not nil) and the given
// headers, and returns the whole answer. Transport errors fail the test.
func (s *Server) Do(t testing.TB, method, path string, headers map[string]string, body any) Response {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatalf("medusatest: encoding body for %s %s: %v", method, path, err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(t.Context(), method, s.URL+path, rd)
	if err != nil {
		t.Fatalf("medusatest: %s %s: %v", method, path, err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := s.client.Do(req)
	if err != nil {
		t.Fatalf("medusatest: %s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("medusatest: reading %s %s: %v", method, path, err)
	}
	return Response{Status: resp.StatusCode, Header: resp.Header, Body: b}
}

// Admin sends a request as the admin user and requires a 2xx answer, which it
// decodes into out when out is not nil.
func (s *Server) Admin(t testing.TB, method, path string, body, out any) {
	t.Helper()
	r := s.Do(t, method, path, map[string]string{"Authorization": "Bearer " + s.AdminToken(t)}, body)
	if r.Status/100 != 2 {
		t.Fatalf("medusatest: %s %s: status %d: %.500s", method, path, r.Status, r.Body)
	}
	if out != nil {
		r.Decode(t, out)
	}
}
