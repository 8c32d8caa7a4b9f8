package main

import (
	"runtime"
	"testing"

	"github.com/smcheck/smcheck/checks"
)

// TestTuneForFiles: a run of a few files compiles and evaluates the policies
// in parts on every core (or --jobs of them); a larger batch in one.
func TestTuneForFiles(t *testing.T) {
	t.Setenv("GOGC", "100") // leave this process's collector alone
	procs := runtime.GOMAXPROCS(0)
	for _, tt := range []struct{ files, jobs, want int }{
		{1, 0, procs},
		{fewFiles, 0, procs},
		{1, 1, 1},
		{1, procs + 4, procs},
		{fewFiles + 1, 0, 0},
		{500, 1, 0},
	} {
		var opt checks.Options
		tuneForFiles(&opt, make([]string, tt.files), tt.jobs)
		if opt.Parts != tt.want {
			t.Errorf("%d files, --jobs %d: %d parts, want %d", tt.files, tt.jobs, opt.Parts, tt.want)
		}
	}
}
