package authn

import (
	"context"
	"errors"
	"sync"
)

// DefaultStorageKey is the key under which a TokenStore keeps the JWT unless
// Config.StorageKey says otherwise (the JS SDK's default key).
const DefaultStorageKey = "medusa_auth_token"

// TokenStore keeps JWTs between requests. Implementations must be safe for
// concurrent use. Get returns "" and a nil error when there is no token for
// key. The context is the one of the request or flow that needs the token,
// so a store backed by a network service can honour its deadline.
type TokenStore interface {
	Get(ctx context.Context, key string) (string, error)
	Set(ctx context.Context, key, token string) error
	Delete(ctx context.Context, key string) error
}

// MemoryStore keeps tokens in memory. The zero value is ready to use. It is
// the default store.
type MemoryStore struct {
	mu     sync.RWMutex
	tokens map[string]string
}

// NewMemoryStore returns an empty MemoryStore.
func NewMemoryStore() *MemoryStore { return &MemoryStore{} }

// Get returns the token stored under key, or "".
func (s *MemoryStore) Get(_ context.Context, key string) (string, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.tokens[key], nil
}

// Set stores token under key.
func (s *MemoryStore) Set(_ context.Context, key, token string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tokens == nil {
		s.tokens = make(map[string]string)
	}
	s.tokens[key] = token
	return nil
}

// Delete removes the token stored under key.
func (s *MemoryStore) Delete(_ context.Context, key string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.tokens, key)
	return nil
}

// NoStore keeps nothing: Set and Delete succeed and Get always returns "".
// Use it on a server that serves many users from one client and passes each
// user's token per call (WithToken); Login then only returns the token.
type NoStore struct{}

// Get always returns "".
func (NoStore) Get(context.Context, string) (string, error) { return "", nil }

// Set discards the token.
func (NoStore) Set(context.Context, string, string) error { return nil }

// Delete does nothing.
func (NoStore) Delete(context.Context, string) error { return nil }

// ErrStoreUnsupported is returned by a StoreFuncs whose function for the
// operation is nil.
var ErrStoreUnsupported = errors.New("authn: token store operation not supported")

// StoreFuncs adapts three functions to a TokenStore, for a store kept in
// Redis, a database, a secret manager, etc. A nil GetFunc means "no token";
// a nil SetFunc or DeleteFunc makes that operation fail with
// ErrStoreUnsupported. The functions must be safe for concurrent use.
type StoreFuncs struct {
	GetFunc    func(ctx context.Context, key string) (string, error)
	SetFunc    func(ctx context.Context, key, token string) error
	DeleteFunc func(ctx context.Context, key string) error
}

// Get calls GetFunc.
func (f StoreFuncs) Get(ctx context.Context, key string) (string, error) {
	if f.GetFunc == nil {
		return "", nil
	}
	return f.GetFunc(ctx, key)
}

// Set calls SetFunc.
func (f StoreFuncs) Set(ctx context.Context, key, token string) error {
	if f.SetFunc == nil {
		return ErrStoreUnsupported
	}
	return f.SetFunc(ctx, key, token)
}

// Delete calls DeleteFunc.
func (f StoreFuncs) Delete(ctx context.Context, key string) error {
	if f.DeleteFunc == nil {
		return ErrStoreUnsupported
	}
	return f.DeleteFunc(ctx, key)
}
