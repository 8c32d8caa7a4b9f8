package checks

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/smcheck/smcheck/checks/gen"
	"github.com/smcheck/smcheck/checks/input"
	"github.com/smcheck/smcheck/checks/validate"
)

func newChecker(b *testing.B) *Checker {
	b.Helper()
	debug.SetGCPercent(GCPercent) // as the command does
	c, err := New(context.Background(), Options{AsOf: "2026-11-01"})
	if err != nil {
		b.Fatal(err)
	}
	return c
}

func readFixture(b *testing.B, name string) []byte {
	b.Helper()
	data, err := os.ReadFile(filepath.Join("..", "fixtures", "examples", name))
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// BenchmarkEval is one prepared Rego evaluation of a validated agency: the
// floor that a batch's cost per agency is measured against.
func BenchmarkEval(b *testing.B) {
	c := newChecker(b)
	doc := input.Load("typical-gaps.yaml", readFixture(b, "typical-gaps.yaml"))
	out := c.Validator.Validate(doc, validate.Options{AsOf: "2026-11-01", Defaults: c.Engine.Defaults})
	out.Value["eval_date"] = out.EvalDate
	out.Value["config"] = out.Config
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Engine.Eval(ctx, out.Value); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheck is one whole file: parse, validate, evaluate, positions.
func BenchmarkCheck(b *testing.B) {
	c := newChecker(b)
	data := readFixture(b, "typical-gaps.yaml")
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if r := c.Check(ctx, "typical-gaps.yaml", data); len(r.Findings) == 0 {
			b.Fatal("no findings")
		}
	}
}

// genAgencies writes n generated agencies (checks/gen) into dir.
func genAgencies(b *testing.B, dir string, n int) []string {
	b.Helper()
	base := readFixture(b, "compliant.yaml")
	paths := make([]string, n)
	for i := range paths {
		data, err := gen.Agency(base, i)
		if err != nil {
			b.Fatal(err)
		}
		paths[i] = filepath.Join(dir, fmt.Sprintf("agency-%05d.yaml", i))
		if err := os.WriteFile(paths[i], data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return paths
}

// runBatch checks paths and fails the benchmark on any invalid agency.
func runBatch(b *testing.B, c *Checker, paths []string, jobs int) {
	invalid := 0
	c.Run(context.Background(), paths, jobs, func(r *Result) {
		if r.HasInputErrors() {
			invalid++
		}
	})
	if invalid > 0 {
		b.Fatalf("%d generated agencies are invalid", invalid)
	}
}

// BenchmarkBatch checks 200 generated agencies from disk with 1 and 2
// workers; ns/agency is the cost per agency.
func BenchmarkBatch(b *testing.B) {
	paths := genAgencies(b, b.TempDir(), 200)
	c := newChecker(b)
	for _, jobs := range []int{1, 2} {
		b.Run(fmt.Sprintf("jobs=%d", jobs), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				runBatch(b, c, paths, jobs)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(paths)), "ns/agency")
		})
	}
}

// BenchmarkRatios measures issue #6's ratios on one set of 200 generated
// agencies in one run: batch-vs-eval is the batch's cost per agency (read,
// parse, validate, evaluate, positions; 1 worker) over the cost of the prepared
// evaluation alone of the same agencies (≤ 1.5 means no per-file compiling or
// re-parsing of policies); speedup-2-jobs is the throughput of 2 workers over
// 1 (≥ 1.7 wanted on 2 cores).
func BenchmarkRatios(b *testing.B) {
	paths := genAgencies(b, b.TempDir(), 200)
	c := newChecker(b)
	ctx := context.Background()
	docs := make([]map[string]any, len(paths))
	for i, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		out := c.Validator.Validate(input.Load(p, data), validate.Options{AsOf: "2026-11-01", Defaults: c.Engine.Defaults})
		out.Value["eval_date"] = out.EvalDate
		out.Value["config"] = out.Config
		docs[i] = out.Value
	}
	var eval, one, two time.Duration
	for b.Loop() {
		t0 := time.Now()
		for _, d := range docs {
			if _, err := c.Engine.Eval(ctx, d); err != nil {
				b.Fatal(err)
			}
		}
		t1 := time.Now()
		runBatch(b, c, paths, 1)
		t2 := time.Now()
		runBatch(b, c, paths, 2)
		eval, one, two = eval+t1.Sub(t0), one+t2.Sub(t1), two+time.Since(t2)
	}
	n := float64(b.N * len(paths))
	b.ReportMetric(float64(eval.Nanoseconds())/n, "eval-ns/agency")
	b.ReportMetric(float64(one.Nanoseconds())/n, "batch-ns/agency")
	b.ReportMetric(float64(one)/float64(eval), "batch-vs-eval")
	b.ReportMetric(float64(one)/float64(two), "speedup-2-jobs")
}

// BenchmarkScale checks N = 1, 1 000 and 10 000 generated agencies with all
// workers and reports ns/agency and the peak resident memory of each run
// (VmHWM, reset before it): memory must not grow with N beyond the
// per-agency work in flight. Slow (10 000 agencies); make bench runs it.
func BenchmarkScale(b *testing.B) {
	dir := b.TempDir()
	all := genAgencies(b, dir, 10000)
	c := newChecker(b)
	for _, n := range []int{1, 1000, 10000} {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			paths := all[:n]
			runtime.GC()
			debug.FreeOSMemory()
			resetPeakRSS(b)
			b.ReportAllocs()
			for b.Loop() {
				runBatch(b, c, paths, 0)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/agency")
			b.ReportMetric(float64(peakRSS(b))/(1<<20), "peak-RSS-MiB")
		})
	}
}

// resetPeakRSS resets the process's VmHWM (Linux: clear_refs 5).
func resetPeakRSS(b *testing.B) {
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		b.Skipf("cannot reset peak RSS: %v", err)
	}
}

// peakRSS is VmHWM in bytes.
func peakRSS(b *testing.B) int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		b.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			if err != nil {
				b.Fatal(err)
			}
			return kb << 10
		}
	}
	b.Fatal("no VmHWM in /proc/self/status")
	return 0
}
