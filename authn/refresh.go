package authn

import (
	"context"
	"fmt"
	"log/slog"
)

// flight is one refresh in progress; every request that finds the same
// near-expiry token waits for it instead of starting its own.
type flight struct {
	done  chan struct{}
	token string
	err   error
}

// currentToken returns the stored token, refreshed first when RefreshBefore
// says it is about to expire.
func (a *Auth) currentToken(ctx context.Context) (string, error) {
	tok, err := a.store.Get(ctx, a.key)
	if err != nil {
		return "", fmt.Errorf("authn: read token: %w", err)
	}
	if tok == "" || a.refreshBefore <= 0 {
		return tok, nil
	}
	claims, err := ParseClaims(tok)
	if err != nil || claims.ExpiresAt.IsZero() {
		return tok, nil // not ours to judge; the server will answer
	}
	now := a.now()
	left := claims.ExpiresIn(now)
	if left > a.refreshBefore || claims.Expired(now) {
		// Fresh enough, or already expired: an expired token cannot be
		// refreshed (Medusa answers 401), so let the server say so.
		return tok, nil
	}
	fresh, err := a.refreshShared(ctx, tok)
	if err != nil {
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		if a.log != nil {
			a.log.LogAttrs(ctx, slog.LevelWarn, "medusa: refresh ahead of expiry failed; using the current token",
				slog.Duration("expires_in", left), slog.String("error", err.Error()))
		}
		return tok, nil
	}
	return fresh, nil
}

// refreshShared refreshes old, or waits for the refresh of old already in
// progress. The refresh itself runs detached from ctx's cancellation (other
// requests may be waiting for it), bounded by RefreshTimeout; ctx only
// bounds this caller's wait.
func (a *Auth) refreshShared(ctx context.Context, old string) (string, error) {
	a.flightMu.Lock()
	f, ok := a.flights[old]
	if !ok {
		f = &flight{done: make(chan struct{})}
		a.flights[old] = f
		go a.runRefresh(context.WithoutCancel(ctx), old, f)
	}
	a.flightMu.Unlock()
	select {
	case <-f.done:
		return f.token, f.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func (a *Auth) runRefresh(ctx context.Context, old string, f *flight) {
	ctx, cancel := context.WithTimeout(ctx, a.refreshTO)
	defer cancel()
	defer func() {
		a.flightMu.Lock()
		delete(a.flights, old)
		a.flightMu.Unlock()
		close(f.done)
	}()
	fresh, err := a.refreshToken(ctx, old)
	if err != nil {
		f.err = err
		return
	}
	// Store it unless the token changed meanwhile (logout, new login):
	// then the new state wins and this request uses it.
	a.storeMu.Lock()
	defer a.storeMu.Unlock()
	cur, err := a.store.Get(ctx, a.key)
	if err != nil {
		f.err = fmt.Errorf("authn: read token: %w", err)
		return
	}
	if cur != old {
		f.token = cur
		return
	}
	if err := a.store.Set(ctx, a.key, fresh); err != nil {
		f.err = fmt.Errorf("authn: store refreshed token: %w", err)
		return
	}
	f.token = fresh
}
