package medusa

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/medusa-sdk/medusa-go/v2/internal/sdkrt"
	"github.com/medusa-sdk/medusa-go/v2/qs"
)

// Do calls any route of the Medusa server, typically a custom API route of
// your app, the way the generated methods call theirs (the JS SDK's
// client.fetch):
//
//	var out struct{ Message string `json:"message"` }
//	err := c.Do(ctx, "POST", "/store/hello", map[string]any{"tags": []string{"a"}}, body, &out)
//
// path is relative to the base URL ("/store/hello"); absolute URLs are
// refused. query is nil, a struct, a map with string keys, url.Values or
// *qs.Values, encoded by package qs exactly like the generated methods'
// params (bracket syntax: id[0]=a, created_at[$gt]=...). body is nil (no
// body), an io.Reader or json.RawMessage (sent as given), or any value
// encoded as JSON; the Content-Type is application/json unless an option
// sets another one. out is nil (the answer is discarded) or a pointer the
// JSON answer is decoded into.
//
// The request carries the client's credentials, publishable key (on /store
// routes), global headers and locale, and is retried and logged as the
// generated calls are. A non-2xx answer is a *Error; a 2xx answer that does
// not decode into out a *DecodeError.
func (c *Client) Do(ctx context.Context, method, path string, query, body, out any, opts ...RequestOption) error {
	req, err := c.NewRequest(ctx, method, path, query, body, opts...)
	if err != nil {
		return err
	}
	resp, err := c.http.Do(withMaxBody(req, c.maxBody))
	return sdkrt.Decode(resp, err, out)
}

// NewRequest builds the request Do sends, for a caller who wants the
// *http.Response itself (a file download, a stream): send it with
// c.HTTPClient().Do, which adds the credentials.
func (c *Client) NewRequest(ctx context.Context, method, path string, query, body any, opts ...RequestOption) (*http.Request, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	if method == "" || strings.ContainsAny(method, " \t\r\n") {
		return nil, fmt.Errorf("medusa: Do: bad method %q", method)
	}
	u, err := c.routeURL(path, query)
	if err != nil {
		return nil, err
	}
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case io.Reader:
		rd = b
	case json.RawMessage:
		rd = bytes.NewReader(b)
	default:
		buf, err := json.Marshal(body)
		if err != nil {
			return nil, fmt.Errorf("medusa: Do: encode body: %w", err)
		}
		rd = bytes.NewReader(buf)
	}
	req, err := http.NewRequestWithContext(ctx, strings.ToUpper(method), u, rd)
	if err != nil {
		return nil, fmt.Errorf("medusa: Do: %w", err)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/json")
	for _, opt := range opts {
		if opt == nil {
			return nil, errors.New("medusa: Do: nil RequestOption")
		}
		if err := opt(ctx, req); err != nil {
			return nil, err
		}
	}
	return req, nil
}

// routeURL joins the base URL, path and encoded query.
func (c *Client) routeURL(path string, query any) (string, error) {
	if !strings.HasPrefix(path, "/") || strings.HasPrefix(path, "//") {
		return "", fmt.Errorf("medusa: Do: path %q must start with a single '/' (a route of the Medusa server)", path)
	}
	p, err := url.Parse(path)
	if err != nil || p.Scheme != "" || p.Host != "" || p.Fragment != "" {
		return "", fmt.Errorf("medusa: Do: path %q is not a plain route path", path)
	}
	if err := checkSegments(p.EscapedPath()); err != nil {
		return "", err
	}
	q, err := qs.Build(query)
	if err != nil {
		return "", fmt.Errorf("medusa: Do: query: %w", err)
	}
	raw := p.RawQuery
	if enc := q.Encode(); enc != "" {
		if raw != "" {
			raw += "&"
		}
		raw += enc
	}
	u := c.Auth.BaseURL() + p.EscapedPath()
	if raw != "" {
		u += "?" + raw
	}
	return u, nil
}

// checkSegments refuses a path with an empty, "." or ".." segment (also
// percent-encoded): "/admin/products/"+id with an empty or dot id would
// name another route once a proxy or the server normalises the path.
func checkSegments(escaped string) error {
	if escaped == "/" {
		return nil
	}
	for _, seg := range strings.Split(escaped[1:], "/") {
		s, err := url.PathUnescape(seg)
		if err != nil {
			s = seg
		}
		switch s {
		case "", ".", "..":
			return fmt.Errorf("medusa: Do: path %q: segment %q: %w", escaped, seg, ErrBadPathParam)
		}
	}
	return nil
}
