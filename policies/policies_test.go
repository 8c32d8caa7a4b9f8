package policies_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/cover"
	"github.com/open-policy-agent/opa/v1/format"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/tester"

	"github.com/smcheck/smcheck/checks/engine"
	"github.com/smcheck/smcheck/policies"
)

// minCoverage is the Rego test coverage make test insists on (issue #4).
const minCoverage = 95.0

// TestRego runs every *_test.rego of the bundle through OPA's tester, so no
// opa binary is needed, and fails below minCoverage.
func TestRego(t *testing.T) {
	ctx := context.Background()
	b, err := engine.LoadBundle(policies.FS, true)
	if err != nil {
		t.Fatal(err)
	}
	store := inmem.NewFromObject(b.Data)
	cov := cover.New()
	txn, err := store.NewTransaction(ctx, storage.TransactionParams{})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Abort(ctx, txn)
	ch, err := tester.NewRunner().
		SetCompiler(ast.NewCompiler().WithEnablePrintStatements(false).WithStrict(true)). // as opa check --strict
		SetStore(store).
		SetModules(b.Modules).
		SetCoverageQueryTracer(cov).
		SetDefaultRegoVersion(ast.RegoV1).
		RunTests(ctx, txn)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for r := range ch {
		n++
		name := r.Package + "." + r.Name
		switch {
		case r.Error != nil:
			t.Errorf("%s: error: %v", name, r.Error)
		case r.Fail:
			t.Errorf("%s: FAIL (%s)", name, r.Location)
		case r.Skip:
			t.Errorf("%s: skipped; remove todo_ prefixes before landing", name)
		}
	}
	if n == 0 {
		t.Fatal("no Rego tests ran")
	}
	t.Logf("%d Rego tests", n)
	report := cov.Report(b.Modules)
	var files []string
	for f, fr := range report.Files {
		if strings.HasSuffix(f, "_test.rego") {
			continue
		}
		files = append(files, fmt.Sprintf("%6.2f%% %s", fr.Coverage, f))
		if testing.Verbose() {
			for _, r := range fr.NotCovered {
				t.Logf("not covered: %s:%d-%d", f, r.Start.Row, r.End.Row)
			}
		}
	}
	sort.Strings(files)
	cvg := coverageOf(report)
	t.Logf("Rego coverage %.2f%%:\n%s", cvg, strings.Join(files, "\n"))
	if cvg < minCoverage {
		t.Errorf("Rego coverage of policies/ is %.2f%%, below %.0f%% (go test -v -run TestRego ./policies lists what is not covered)", cvg, minCoverage)
	}
}

// coverageOf is the line coverage of the non-test files.
func coverageOf(r cover.Report) float64 {
	covered, total := 0, 0
	for f, fr := range r.Files {
		if strings.HasSuffix(f, "_test.rego") {
			continue
		}
		c, nc := lines(fr.Covered), lines(fr.NotCovered)
		covered += c
		total += c + nc
	}
	if total == 0 {
		return 0
	}
	return 100 * float64(covered) / float64(total)
}

// TestRegoFormatted keeps policies opa fmt clean (make fmt rewrites them).
func TestRegoFormatted(t *testing.T) {
	b, err := engine.LoadBundle(policies.FS, true)
	if err != nil {
		t.Fatal(err)
	}
	for name, src := range b.Sources {
		out, err := format.SourceWithOpts(name, []byte(src), format.Opts{RegoVersion: ast.RegoV1})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if string(out) != src {
			t.Errorf("%s is not opa fmt formatted: run make fmt", name)
		}
	}
}

func lines(rs []cover.Range) int {
	n := 0
	for _, r := range rs {
		n += r.End.Row - r.Start.Row + 1
	}
	return n
}

// TestNoForbiddenBuiltins: built-in policies depend only on the input, the
// evaluation date passed in and the configuration (issue #4's Rego style).
func TestNoForbiddenBuiltins(t *testing.T) {
	b, err := engine.LoadBundle(policies.FS, false)
	if err != nil {
		t.Fatal(err)
	}
	forbidden := map[string]bool{"print": true, "http.send": true, "opa.runtime": true, "time.now_ns": true}
	check := func(name string, op ast.Ref, row int) {
		if s := op.String(); forbidden[s] || strings.HasPrefix(s, "net.") {
			t.Errorf("%s:%d uses %s", name, row, s)
		}
	}
	for name, m := range b.Modules {
		ast.WalkExprs(m, func(e *ast.Expr) bool {
			if e.IsCall() {
				check(name, e.Operator(), e.Location.Row)
			}
			return false
		})
		ast.WalkTerms(m, func(term *ast.Term) bool {
			if call, ok := term.Value.(ast.Call); ok {
				if op, isRef := call[0].Value.(ast.Ref); isRef {
					check(name, op, term.Location.Row)
				}
			}
			return false
		})
	}
}
