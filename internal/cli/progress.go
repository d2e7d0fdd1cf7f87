package cli

import (
	"fmt"
	"sync"
	"time"

	"github.com/seam-sec/seam/internal/engine"
)

// progressDelay is how long a scan runs before progress appears: short scans stay silent.
const progressDelay = 700 * time.Millisecond

// startProgress shows extraction progress on stderr when stderr is a terminal, --quiet is off and the scan
// runs longer than progressDelay. It returns a function that stops it and clears the line.
func startProgress(env *Env, g *globalFlags, opt *engine.Options) func() {
	if g.quiet || !isTerminal(env.Stderr) {
		return func() {}
	}
	var (
		mu          sync.Mutex
		done, total int
		shown       bool
	)
	opt.Progress = func(d, t int) {
		mu.Lock()
		done, total = d, t
		mu.Unlock()
	}
	start := time.Now()
	stop := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		tick := time.NewTicker(150 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				if shown {
					fmt.Fprint(env.Stderr, "\r\x1b[K")
				}
				return
			case <-tick.C:
				if time.Since(start) < progressDelay {
					continue
				}
				mu.Lock()
				d, t := done, total
				mu.Unlock()
				shown = true
				fmt.Fprintf(env.Stderr, "\r\x1b[Kseam: extracted %d/%d files (%s)", d, t, time.Since(start).Round(100*time.Millisecond))
			}
		}
	}()
	return func() {
		close(stop)
		<-finished
	}
}
