package checks

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/smcheck/smcheck/checks/gen"
	"github.com/smcheck/smcheck/checks/input"
	"github.com/smcheck/smcheck/checks/validate"
)

func newChecker(b *testing.B) *Checker {
	b.Helper()
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

// BenchmarkBatch checks N generated agencies from disk with 1 and 2 workers;
// ns/agency is the cost per agency.
func BenchmarkBatch(b *testing.B) {
	base := readFixture(b, "compliant.yaml")
	dir := b.TempDir()
	const n = 200
	paths := make([]string, n)
	for i := range paths {
		data, err := gen.Agency(base, i)
		if err != nil {
			b.Fatal(err)
		}
		paths[i] = filepath.Join(dir, fmt.Sprintf("agency-%04d.yaml", i))
		if err := os.WriteFile(paths[i], data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	c := newChecker(b)
	for _, jobs := range []int{1, 2} {
		b.Run(fmt.Sprintf("jobs=%d", jobs), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
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
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/agency")
		})
	}
}
