//go:build !unix

package medusatest

import (
	"context"
	"errors"
	"syscall"
	"time"
)

var errUnsupported = errors.New("medusatest: starting a server needs a Unix system (Linux, macOS); elsewhere give MEDUSATEST_URL or replay recordings")

func lockFile(context.Context, string) (func(), error) { return nil, errUnsupported }
func holdFile(string) (func(), error)                  { return nil, errUnsupported }
func lockedByOther(string) bool                        { return false }
func alive(int) bool                                   { return false }
func detached() *syscall.SysProcAttr                   { return nil }
func stopGroup(int, time.Duration)                     {}
