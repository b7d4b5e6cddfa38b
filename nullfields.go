package medusa

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// WithNull sends JSON null for the named top-level fields of one call's JSON
// body, to clear them: Medusa's update validators take null for a field a
// record can lose, and null clears it. Use it for the fields whose generated
// type can only send a value or nothing (a *string, a *map), such as the
// admin customer update's CompanyName and Metadata:
//
//	c.Admin.UpdateCustomer(ctx, id, nil, admin.UpdateCustomerBody{},
//		medusa.WithNull("company_name", "metadata"))
//
// Fields typed medusa.Nullable say it themselves (medusa.Null[T]()). The
// names are the JSON names. The call fails before anything is sent when it
// has no JSON object body, when a name is empty or has a dot (only top-level
// fields), or when the body also sets the field to a value.
func WithNull(fields ...string) RequestOption {
	return func(_ context.Context, req *http.Request) error {
		if len(fields) == 0 {
			return errors.New("medusa: WithNull: no field named")
		}
		for _, f := range fields {
			if f == "" || strings.ContainsAny(f, ".\r\n") {
				return fmt.Errorf("medusa: WithNull: %q is not a top-level JSON field name", f)
			}
		}
		if req.Body == nil || req.Body == http.NoBody {
			return errors.New("medusa: WithNull: the call has no body")
		}
		if ct := req.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			return fmt.Errorf("medusa: WithNull: the body is %q, not JSON", ct)
		}
		raw, err := io.ReadAll(req.Body)
		_ = req.Body.Close()
		if err != nil {
			return fmt.Errorf("medusa: WithNull: reading the body: %w", err)
		}
		var body map[string]json.RawMessage
		if err := json.Unmarshal(raw, &body); err != nil || body == nil {
			return errors.New("medusa: WithNull: the body is not a JSON object")
		}
		for _, f := range fields {
			if v, set := body[f]; set && !bytes.Equal(bytes.TrimSpace(v), []byte("null")) {
				return fmt.Errorf("medusa: WithNull: the body also sets %q", f)
			}
			body[f] = json.RawMessage("null")
		}
		out, err := json.Marshal(body)
		if err != nil {
			return fmt.Errorf("medusa: WithNull: %w", err)
		}
		req.Body = io.NopCloser(bytes.NewReader(out))
		req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(out)), nil }
		req.ContentLength = int64(len(out))
		return nil
	}
}
