package medusa

import (
	"context"
	"log/slog"
	"net/http"
	"time"
)

// logTransport logs one debug record per HTTP attempt: method, path, status
// and duration. It logs no header, no query string and no body, so no token,
// API key or cookie can reach the log.
type logTransport struct {
	next   http.RoundTripper
	logger *slog.Logger
}

func (t *logTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	if !t.logger.Enabled(ctx, slog.LevelDebug) {
		return t.next.RoundTrip(req)
	}
	start := time.Now()
	resp, err := t.next.RoundTrip(req)
	attrs := []slog.Attr{
		slog.String("method", req.Method),
		slog.String("path", req.URL.Path),
		slog.Duration("duration", time.Since(start)),
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", errorClass(ctx, err)))
	} else {
		attrs = append(attrs, slog.Int("status", resp.StatusCode))
	}
	t.logger.LogAttrs(ctx, slog.LevelDebug, "medusa: http", attrs...)
	return resp, err
}

// errorClass names a transport error without its text, which may hold a URL.
func errorClass(ctx context.Context, err error) string {
	if ctx.Err() != nil {
		return ctx.Err().Error()
	}
	return "transport error"
}
