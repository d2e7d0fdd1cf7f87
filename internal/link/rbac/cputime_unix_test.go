//go:build unix

package rbac

import (
	"syscall"
	"time"
)

// cpuTime is the processor time the test binary has used (user and system, every thread, the garbage
// collector's included): the benchmarks report it beside wall time, which a busy machine inflates.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
