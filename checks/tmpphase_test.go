package checks

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/smcheck/smcheck/checks/input"
	"github.com/smcheck/smcheck/checks/validate"
)

func BenchmarkTmpPhases(b *testing.B) {
	c := newChecker(b)
	files, _ := filepath.Glob("/tmp/ag200/*.yaml")
	files = files[:50]
	var datas [][]byte
	for _, f := range files {
		d, _ := os.ReadFile(f)
		datas = append(datas, d)
	}
	ctx := context.Background()
	var tl, tv, tc, te, tf, tall time.Duration
	for b.Loop() {
		for i, d := range datas {
			t0 := time.Now()
			doc := input.Load(files[i], d)
			t1 := time.Now()
			out := c.Validator.Validate(doc, validate.Options{AsOf: "2026-11-01", Defaults: c.Engine.Defaults})
			out.Value["eval_date"] = out.EvalDate
			out.Value["config"] = out.Config
			t2 := time.Now()
			ast.InterfaceToValue(out.Value)
			t3 := time.Now()
			raw, _ := c.Engine.Eval(ctx, out.Value)
			t4 := time.Now()
			c.findings(doc, raw)
			t5 := time.Now()
			c.Check(ctx, files[i], d)
			t6 := time.Now()
			tl += t1.Sub(t0); tv += t2.Sub(t1); tc += t3.Sub(t2); te += t4.Sub(t3); tf += t5.Sub(t4); tall += t6.Sub(t5)
		}
	}
	n := float64(b.N * len(datas))
	b.ReportMetric(float64(tl.Microseconds())/n, "load-us")
	b.ReportMetric(float64(tv.Microseconds())/n, "validate-us")
	b.ReportMetric(float64(tc.Microseconds())/n, "toast-us")
	b.ReportMetric(float64(te.Microseconds())/n, "eval-us")
	b.ReportMetric(float64(tf.Microseconds())/n, "findings-us")
	b.ReportMetric(float64(tall.Microseconds())/n, "check-us")
}
