//go:build !unix

package emulator

import "time"

// cpuTime is not measured outside Unix; the benchmark then reports wall
// time only.
func cpuTime() time.Duration { return 0 }
