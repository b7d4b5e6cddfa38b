package authn

import (
	"context"
	"fmt"
	"log/slog"
	"time"
)

// flight is one refresh in progress; every request that finds the same
// near-expiry token waits for it instead of starting its own.
type flight struct {
	done  chan struct{}
	token string
	err   error
}

// refreshCooldown is how long a token whose refresh failed is used as it is
// before refresh-ahead tries again, so that a failing refresh endpoint is
// not called by every request.
const refreshCooldown = 10 * time.Second

// currentToken returns the stored token, refreshed first when RefreshBefore
// says it is about to expire. A token that is still valid is used as it is
// when the refresh fails or cannot finish in time for this request.
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
	if left > a.window(ctx, claims) || claims.Expired(now) {
		// Fresh enough, or already expired: an expired token cannot be
		// refreshed (Medusa answers 401), so let the server say so.
		return tok, nil
	}
	if a.coolingDown(tok, now) {
		return tok, nil
	}
	// Wait for the refresh no longer than the token stays valid, and
	// leave this request at least half of its own time.
	wait := min(a.refreshTO, left)
	if d, ok := ctx.Deadline(); ok {
		wait = min(wait, time.Until(d)/2)
	}
	fresh, err := a.refreshShared(ctx, tok, wait)
	if err != nil {
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		a.logRefreshFailure(ctx, left, err)
		return tok, nil
	}
	return fresh, nil
}

// window is the refresh-ahead window for a token: RefreshBefore, or half
// the token's lifetime when RefreshBefore is not shorter than it (every
// fresh token would otherwise be refreshed on every request). The first
// time that happens it says so, on Config.Logger or else slog's default
// logger.
func (a *Auth) window(ctx context.Context, c *Claims) time.Duration {
	if c.IssuedAt.IsZero() {
		return a.refreshBefore
	}
	life := c.ExpiresAt.Sub(c.IssuedAt)
	if life <= 0 || life > a.refreshBefore {
		return a.refreshBefore
	}
	a.windowWarn.Do(func() {
		log := a.log
		if log == nil {
			log = slog.Default()
		}
		log.LogAttrs(ctx, slog.LevelWarn, "medusa: RefreshBefore is not shorter than the token's lifetime; refreshing when half the lifetime is left instead",
			slog.Duration("refresh_before", a.refreshBefore), slog.Duration("token_lifetime", life))
	})
	return life / 2
}

func (a *Auth) logRefreshFailure(ctx context.Context, left time.Duration, err error) {
	if a.log == nil {
		return
	}
	a.log.LogAttrs(ctx, slog.LevelWarn, "medusa: refresh ahead of expiry failed; using the current token",
		slog.Duration("expires_in", left), slog.String("error", err.Error()))
}

// coolingDown reports whether tok's last refresh failed less than
// refreshCooldown ago.
func (a *Auth) coolingDown(tok string, now time.Time) bool {
	a.flightMu.Lock()
	defer a.flightMu.Unlock()
	return a.failedOld == tok && now.Sub(a.failedAt) < refreshCooldown
}

// refreshShared refreshes old, or waits for the refresh of old already in
// progress, or returns the token that replaced old when its refresh has
// already finished (exactly one refresh per token, however late a request
// read it). The refresh itself runs detached from ctx's cancellation (other
// requests may be waiting for it), bounded by RefreshTimeout; ctx and wait
// (if positive) only bound this caller's wait.
func (a *Auth) refreshShared(ctx context.Context, old string, wait time.Duration) (string, error) {
	a.flightMu.Lock()
	if old == a.refreshedOld {
		a.flightMu.Unlock()
		return a.afterRefresh(ctx)
	}
	f, ok := a.flights[old]
	if !ok {
		f = &flight{done: make(chan struct{})}
		a.flights[old] = f
		go a.runRefresh(context.WithoutCancel(ctx), old, f)
	}
	a.flightMu.Unlock()
	var timeout <-chan time.Time
	if wait > 0 {
		t := time.NewTimer(wait)
		defer t.Stop()
		timeout = t.C
	}
	select {
	case <-f.done:
		return f.token, f.err
	case <-ctx.Done():
		return "", ctx.Err()
	case <-timeout:
		return "", fmt.Errorf("authn: refresh did not finish within %s", wait)
	}
}

// afterRefresh returns the stored token once old was refreshed: the fresh
// one, or what replaced it since (a logout, a new login).
func (a *Auth) afterRefresh(ctx context.Context) (string, error) {
	cur, err := a.store.Get(ctx, a.key)
	if err != nil {
		return "", fmt.Errorf("authn: read token: %w", err)
	}
	return cur, nil
}

func (a *Auth) runRefresh(ctx context.Context, old string, f *flight) {
	ctx, cancel := context.WithTimeout(ctx, a.refreshTO)
	defer cancel()
	defer func() {
		a.flightMu.Lock()
		delete(a.flights, old)
		if f.err == nil {
			a.refreshedOld = old
		} else {
			a.failedOld, a.failedAt = old, a.now()
		}
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
