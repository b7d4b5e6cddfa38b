//go:build !unix

package main

import "time"

// Without getrusage, CPU time and peak RSS are not measured (reported as 0).
func cpuTime() time.Duration { return 0 }

func peakRSSKB() int64 { return 0 }
