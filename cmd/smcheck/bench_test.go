package main

import (
	"os/exec"
	"testing"
	"time"
)

// BenchmarkColdStart runs the real binary, process start to exit, on one
// agency and for `smcheck version`, alternately, and reports both and their
// ratio (issue #6: a one-file check within 2× of version).
func BenchmarkColdStart(b *testing.B) {
	run := func(args ...string) time.Duration {
		cmd := exec.Command(binary, args...)
		cmd.Dir = root
		t0 := time.Now()
		err := cmd.Run()
		d := time.Since(t0)
		if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() > 1) {
			b.Fatalf("smcheck %v: %v", args, err)
		}
		return d
	}
	run("version") // warm the page cache
	var version, check time.Duration
	for b.Loop() {
		version += run("version")
		check += run("check", "fixtures/examples/compliant.yaml")
	}
	n := float64(b.N)
	b.ReportMetric(float64(version.Milliseconds())/n, "version-ms")
	b.ReportMetric(float64(check.Milliseconds())/n, "check-ms")
	b.ReportMetric(float64(check)/float64(version), "check-vs-version")
}
