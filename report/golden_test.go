package report

// Shared golden-file machinery for the format tests. Every format test calls
// goldenRun(t, format, ext, opts): it checks the golden cases below with the
// real checker, writes them with the format's writer (Start, Add per file in
// path order, End) and compares the bytes with
// testdata/golden/<format>/<case>.<ext>. `go test ./report -update` rewrites
// the golden files; that is all that is needed when the policies change.

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/smcheck/smcheck/checks"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// The fixture files of the golden cases, as paths relative to the package.
const (
	fixtureTypicalGaps = "../fixtures/examples/typical-gaps.yaml"
	fixtureCompliant   = "../fixtures/examples/compliant.yaml"
	fixtureBadPlatform = "../fixtures/invalid/in06-bad-platform.yaml"
	fixtureYesBoolean  = "../fixtures/invalid/in05-yes-boolean.yaml"
	// fixtureWaived is typical-gaps with a valid waiver and an unused one.
	fixtureWaived = "testdata/waived.yaml"
)

// goldenAsOf is the --as-of date of every golden run.
const goldenAsOf = "2026-11-01"

// goldenCase is one run: Files are checked in one run, in path order.
type goldenCase struct {
	Name  string
	Lang  string // "" is en
	Files []string
}

// goldenCases are the runs every format has a golden file for.
var goldenCases = []goldenCase{
	{Name: "typical-gaps", Files: []string{fixtureTypicalGaps}},
	{Name: "compliant", Files: []string{fixtureCompliant}},
	{Name: "batch", Files: []string{fixtureTypicalGaps, fixtureCompliant, fixtureBadPlatform}},
	{Name: "waived", Files: []string{fixtureWaived}},
	{Name: "typical-gaps-sv", Lang: "sv", Files: []string{fixtureTypicalGaps}},
	// Input issues in Swedish.
	{Name: "invalid-sv", Lang: "sv", Files: []string{fixtureBadPlatform, fixtureYesBoolean}},
}

var (
	checkerOnce sync.Once
	checker     *checks.Checker
	checkerErr  error

	resultsMu sync.Mutex
	results   = map[string]*checks.Result{}
)

// testChecker is the real checker with the embedded policies, built once.
func testChecker(t testing.TB) *checks.Checker {
	t.Helper()
	checkerOnce.Do(func() {
		checker, checkerErr = checks.New(context.Background(), checks.Options{AsOf: goldenAsOf})
	})
	if checkerErr != nil {
		t.Fatalf("checks.New: %v", checkerErr)
	}
	return checker
}

// testResult checks a file once and caches the result. Writers must not
// modify results.
func testResult(t testing.TB, path string) *checks.Result {
	t.Helper()
	c := testChecker(t)
	resultsMu.Lock()
	defer resultsMu.Unlock()
	if r, ok := results[path]; ok {
		return r
	}
	r := c.CheckFile(context.Background(), path)
	if r.Error != "" {
		t.Fatalf("%s: %s", path, r.Error)
	}
	results[path] = r
	return r
}

// testMeta is the run description of the golden runs.
func testMeta(t testing.TB, lang string) *Meta {
	t.Helper()
	if lang == "" {
		lang = "en"
	}
	c := testChecker(t)
	return &Meta{
		Tool: "smcheck", Version: "test", OPAVersion: "test",
		AsOf: goldenAsOf, FailOn: "error",
		// A fixed hash: goldens test the format, not the policies.
		PolicySHA256: "0000000000000000000000000000000000000000000000000000000000000000",
		Lang:         lang, Catalog: c.Catalog(),
	}
}

// runWriter writes results with a format: Start, Add each, End with the
// tallied summary.
func runWriter(t testing.TB, format string, o Options, m *Meta, rs []*checks.Result) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := New(format, &buf, o)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Start(m); err != nil {
		t.Fatalf("%s Start: %v", format, err)
	}
	var s Summary
	for _, r := range rs {
		if err := w.Add(r); err != nil {
			t.Fatalf("%s Add(%s): %v", format, r.File, err)
		}
		s.Tally(r, m.FailOn)
	}
	if err := w.End(&s); err != nil {
		t.Fatalf("%s End: %v", format, err)
	}
	return buf.Bytes()
}

// caseResults are a case's results in path order.
func caseResults(t testing.TB, c goldenCase) []*checks.Result {
	t.Helper()
	files := append([]string(nil), c.Files...)
	sort.Strings(files)
	rs := make([]*checks.Result, 0, len(files))
	for _, f := range files {
		rs = append(rs, testResult(t, f))
	}
	return rs
}

// caseOutput is a format's output for a golden case.
func caseOutput(t testing.TB, format string, o Options, c goldenCase) []byte {
	t.Helper()
	return runWriter(t, format, o, testMeta(t, c.Lang), caseResults(t, c))
}

// goldenPath is testdata/golden/<format>/<case>.<ext>.
func goldenPath(format, name, ext string) string {
	return filepath.Join("testdata", "golden", format, name+"."+ext)
}

// goldenRun compares a format's output for every golden case with its golden
// file (or rewrites it with -update), and checks the output is the same when
// written twice. check, if not nil, is run on each output as well (schema
// validation, parsing back, …).
func goldenRun(t *testing.T, format, ext string, o Options, check func(t *testing.T, c goldenCase, out []byte)) {
	t.Helper()
	for _, c := range goldenCases {
		t.Run(c.Name, func(t *testing.T) {
			got := caseOutput(t, format, o, c)
			if again := caseOutput(t, format, o, c); !bytes.Equal(got, again) {
				t.Errorf("%s output is not deterministic:\n%s", format, cmp.Diff(string(got), string(again)))
			}
			compareGolden(t, goldenPath(format, c.Name, ext), got)
			if check != nil {
				check(t, c, got)
			}
		})
	}
}

// compareGolden compares got with a golden file byte for byte, or rewrites
// the file when -update is given.
func compareGolden(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report -update to create it)", err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s differs (-want +got; go test ./report -update rewrites it):\n%s", path, cmp.Diff(string(want), string(got)))
	}
}
