package main

import (
	"testing"

	"github.com/smcheck/smcheck/checks"
)

// TestTuneForFiles: the checker learns the run's size and --jobs, from
// which it decides how to compile (checks.TestParts).
func TestTuneForFiles(t *testing.T) {
	t.Setenv("GOGC", "100") // leave this process's collector alone
	var opt checks.Options
	tuneForFiles(&opt, make([]string, 3), 1)
	if opt.Files != 3 || opt.Jobs != 1 {
		t.Errorf("Files %d, Jobs %d; want 3 and 1", opt.Files, opt.Jobs)
	}
}
