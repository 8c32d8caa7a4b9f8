package checks

import (
	"context"
	"runtime"
	"sync"
)

// Run checks paths with jobs workers (0: GOMAXPROCS) sharing one Checker,
// and calls emit once per path, in the order of paths, whatever the order in
// which workers finish. At most a few files per worker are in flight, so
// memory does not grow with the number of paths.
func (c *Checker) Run(ctx context.Context, paths []string, jobs int, emit func(*Result)) {
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	type done struct {
		i int
		r *Result
	}
	window := jobs * 4
	tokens := make(chan struct{}, window)
	work := make(chan int)
	results := make(chan done, window)
	var wg sync.WaitGroup
	for w := 0; w < jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				results <- done{i, c.CheckFile(ctx, paths[i])}
			}
		}()
	}
	go func() {
		for i := range paths {
			tokens <- struct{}{}
			work <- i
		}
		close(work)
		wg.Wait()
		close(results)
	}()
	pending := map[int]*Result{}
	next := 0
	for d := range results {
		pending[d.i] = d.r
		for r, ok := pending[next]; ok; r, ok = pending[next] {
			delete(pending, next)
			emit(r)
			next++
			<-tokens
		}
	}
}
