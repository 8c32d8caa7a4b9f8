package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// These tests build the real binary and run it on the real fixture files.

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "smcheck-e2e")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "smcheck")
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		panic("building smcheck: " + err.Error())
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

const root = "../.."

type runResult struct {
	stdout, stderr string
	code           int
}

func smcheck(t *testing.T, stdin string, args ...string) runResult {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "NO_COLOR=1", "LANG=C")
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("running smcheck: %v", err)
	}
	return runResult{out.String(), errb.String(), code}
}

// jsonReport is the part of the json format the tests read.
type jsonReport struct {
	Files []struct {
		File     string `json:"file"`
		Outcome  string `json:"outcome"`
		EvalDate string `json:"eval_date"`
		Issues   []struct {
			Code  string `json:"code"`
			Level string `json:"level"`
			Path  string `json:"path"`
			Line  int    `json:"line"`
		} `json:"input_issues"`
		Findings []struct {
			Requirement string `json:"requirement"`
			Severity    string `json:"severity"`
			Status      string `json:"status"`
			Target      string `json:"target"`
			Line        int    `json:"line"`
		} `json:"findings"`
	} `json:"files"`
}

func checkJSON(t *testing.T, args ...string) (jsonReport, runResult) {
	t.Helper()
	r := smcheck(t, "", append([]string{"check", "-f", "json"}, args...)...)
	var rep jsonReport
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("json output: %v\nstdout: %.500s\nstderr: %s", err, r.stdout, r.stderr)
	}
	return rep, r
}

// pairs lists requirement@target of findings with one of the statuses.
func pairs(rep jsonReport, statuses ...string) []string {
	out := []string{}
	for _, f := range rep.Files {
		for _, x := range f.Findings {
			for _, s := range statuses {
				if x.Status == s {
					out = append(out, x.Requirement+"@"+x.Target)
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

// header reads a "# key: a b c" line of a fixture.
func header(t *testing.T, path, key string) ([]string, bool) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, path))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "# "+key+":"); ok {
			fields := strings.Fields(v)
			sort.Strings(fields)
			if fields == nil {
				fields = []string{}
			}
			return fields, true
		}
	}
	return nil, false
}

func TestTypicalGapsExample(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(root, "fixtures/examples/typical-gaps.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	// The example's header lists "#   error   P1.2  yt-lansstyrelsen …".
	re := regexp.MustCompile(`(?m)^#\s+(error|warning)\s+(\S+)\s+(\S+)`)
	var want []string
	for _, m := range re.FindAllStringSubmatch(string(data), -1) {
		want = append(want, m[2]+"@"+m[3])
	}
	sort.Strings(want)
	if len(want) != 19 {
		t.Fatalf("parsed %d expected findings from the header, want 19", len(want))
	}
	rep, r := checkJSON(t, "fixtures/examples/typical-gaps.yaml")
	if r.code != 1 {
		t.Errorf("exit code %d, want 1", r.code)
	}
	if diff := cmp.Diff(want, pairs(rep, "fail")); diff != "" {
		t.Errorf("failed findings (-want +got):\n%s", diff)
	}
	if len(rep.Files[0].Issues) != 0 {
		t.Errorf("unexpected input issues: %+v", rep.Files[0].Issues)
	}
}

func TestCompliantExample(t *testing.T) {
	rep, r := checkJSON(t, "fixtures/examples/compliant.yaml")
	if r.code != 0 {
		t.Errorf("exit code %d, want 0; stderr %s", r.code, r.stderr)
	}
	if got := pairs(rep, "fail", "waived"); len(got) != 0 {
		t.Errorf("failures in the compliant example: %v", got)
	}
	// The not_applicable results its header lists.
	want := []string{}
	for _, c := range []string{"fb-kommun", "ig-kommun", "li-kommun", "yt-kommun"} {
		want = append(want, "P6.7@"+c)
	}
	for _, id := range []string{"P9.1", "P9.2", "P9.3", "P9.4", "P9.5", "P9.6"} {
		want = append(want, id+"@yt-kommun")
	}
	for _, c := range []string{"li-kommun", "yt-kommun"} {
		want = append(want, "P8.3@"+c, "P5.4@"+c)
	}
	for _, c := range []string{"ig-kommun", "li-kommun", "yt-kommun"} {
		want = append(want, "P8.5@"+c)
	}
	sort.Strings(want)
	if diff := cmp.Diff(want, pairs(rep, "not_applicable")); diff != "" {
		t.Errorf("not_applicable results (-want +got):\n%s", diff)
	}
}

// TestPointFixtures: each fixtures/points file fails exactly what its
// "# expect-fail:" header names, and waives what "# expect-waived:" names.
func TestPointFixtures(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(root, "fixtures/points/*.yaml"))
	if len(files) < 11 {
		t.Fatalf("found %d point fixtures, want 11", len(files))
	}
	for _, f := range files {
		rel, _ := filepath.Rel(root, f)
		t.Run(filepath.Base(f), func(t *testing.T) {
			want, ok := header(t, rel, "expect-fail")
			if !ok {
				t.Fatal("no # expect-fail: header")
			}
			rep, r := checkJSON(t, rel)
			if diff := cmp.Diff(want, pairs(rep, "fail")); diff != "" {
				t.Errorf("failed findings (-want +got):\n%s", diff)
			}
			if waived, ok := header(t, rel, "expect-waived"); ok {
				if diff := cmp.Diff(waived, pairs(rep, "waived")); diff != "" {
					t.Errorf("waived findings (-want +got):\n%s", diff)
				}
			}
			if len(rep.Files[0].Issues) != 0 {
				t.Errorf("unexpected input issues: %+v", rep.Files[0].Issues)
			}
			if r.code != 1 {
				t.Errorf("exit code %d, want 1", r.code)
			}
		})
	}
}

// TestInvalidFixtures: each bad input gives exactly the input issues its
// "# expect-input:" header names, at "# expect-line:", and exit 2 for errors.
func TestInvalidFixtures(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(root, "fixtures/invalid/*.yaml"))
	if len(files) < 40 {
		t.Fatalf("found %d invalid fixtures", len(files))
	}
	for _, f := range files {
		rel, _ := filepath.Rel(root, f)
		t.Run(filepath.Base(f), func(t *testing.T) {
			rep, r := checkJSON(t, rel)
			if len(rep.Files) != 1 {
				t.Fatalf("want one file in the report, got %d", len(rep.Files))
			}
			var got []string
			hasError := false
			for _, i := range rep.Files[0].Issues {
				got = append(got, i.Code+"@"+i.Path)
				hasError = hasError || i.Level == "error"
			}
			sort.Strings(got)
			if got == nil {
				got = []string{}
			}
			want, ok := header(t, rel, "expect-input")
			if !ok {
				// Files that cannot hold a comment (empty, not UTF-8) are IN-01.
				want = []string{"IN-01@$"}
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("input issues (-want +got):\n%s", diff)
			}
			if lines, ok := header(t, rel, "expect-line"); ok && len(lines) == 1 && len(rep.Files[0].Issues) > 0 {
				if got := rep.Files[0].Issues[0].Line; lines[0] != itoa(got) {
					t.Errorf("line %d, want %s", got, lines[0])
				}
			}
			switch {
			case hasError && r.code != 2:
				t.Errorf("exit code %d, want 2 for input errors", r.code)
			case hasError && rep.Files[0].Outcome != "invalid":
				t.Errorf("outcome %q, want invalid", rep.Files[0].Outcome)
			case !hasError && r.code == 2:
				t.Errorf("exit code 2 without input errors")
			}
		})
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// TestBatchGoesOnAfterBadFile: a bad file is reported, the others are
// checked, results come sorted by path, and the exit code is 2 at the end.
func TestBatchGoesOnAfterBadFile(t *testing.T) {
	dir := t.TempDir()
	copyFile(t, "fixtures/examples/compliant.yaml", filepath.Join(dir, "b-compliant.yaml"))
	copyFile(t, "fixtures/invalid/in01-not-yaml.yaml", filepath.Join(dir, "a-broken.yaml"))
	copyFile(t, "fixtures/examples/typical-gaps.yaml", filepath.Join(dir, "sub", "c-gaps.yml"))
	copyFile(t, "fixtures/examples/typical-gaps.yaml", filepath.Join(dir, ".hidden", "skip.yaml"))
	if err := os.Symlink(dir, filepath.Join(dir, "sub", "loop")); err != nil {
		t.Fatal(err)
	}
	rep, r := checkJSON(t, "--jobs", "2", dir)
	if r.code != 2 {
		t.Errorf("exit code %d, want 2", r.code)
	}
	var names, outcomes []string
	for _, f := range rep.Files {
		names = append(names, filepath.Base(f.File))
		outcomes = append(outcomes, f.Outcome)
	}
	if diff := cmp.Diff([]string{"a-broken.yaml", "b-compliant.yaml", "c-gaps.yml"}, names); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"invalid", "pass", "fail"}, outcomes); diff != "" {
		t.Errorf("outcomes (-want +got):\n%s", diff)
	}
	// Paths on standard input, and --exclude.
	r2 := smcheck(t, filepath.Join(dir, "b-compliant.yaml")+"\n"+filepath.Join(dir, "a-broken.yaml")+"\n", "check", "-q", "--exclude", "a-*", "-")
	if r2.code != 0 || strings.Contains(r2.stdout, "a-broken") {
		t.Errorf("stdin list with --exclude: exit %d\n%s", r2.code, r2.stdout)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, from))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestTableReport(t *testing.T) {
	r := smcheck(t, "", "check", "fixtures/examples/typical-gaps.yaml")
	for _, want := range []string{
		"typical-gaps.yaml — Länsstyrelsen i Exempellän", "FAIL", "evaluated as of 2026-11-01 (the file's evaluation_date)",
		"P6.2", "fb-lansstyrelsen", "Fix: Capture at least as often", "passed: ",
		"17 failed", "2 warnings", "in 1 agency",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("table output lacks %q", want)
		}
	}
	if r.code != 1 {
		t.Errorf("exit code %d", r.code)
	}
	sv := smcheck(t, "", "check", "--lang", "sv", "fixtures/examples/typical-gaps.yaml")
	for _, want := range []string{"Åtgärd: ", "UNDERKÄND", "Fånga minst så ofta"} {
		if !strings.Contains(sv.stdout, want) {
			t.Errorf("Swedish output lacks %q", want)
		}
	}
	q := smcheck(t, "", "check", "-q", "fixtures/examples/compliant.yaml")
	if q.code != 0 || strings.Contains(q.stdout, "passed:") {
		t.Errorf("quiet mode: exit %d\n%s", q.code, q.stdout)
	}
}

func TestFailOnAndStrict(t *testing.T) {
	// The compliant example with one warning-level gap: P3.7 on fb-kommun.
	data, _ := os.ReadFile(filepath.Join(root, "fixtures/examples/compliant.yaml"))
	src := strings.Replace(string(data), "    official_listing_url: https://www.exempelby.example/sociala-medier\n", "", 1)
	if src == string(data) {
		t.Fatal("fixture changed: official_listing_url line not found")
	}
	f := filepath.Join(t.TempDir(), "warn.yaml")
	if err := os.WriteFile(f, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		code int
	}{
		{nil, 0},
		{[]string{"--strict"}, 1},
		{[]string{"--fail-on", "warning"}, 1},
		{[]string{"--fail-on", "error"}, 0},
	} {
		r := smcheck(t, "", append(append([]string{"check", "-q"}, tc.args...), f)...)
		if r.code != tc.code {
			t.Errorf("%v: exit %d, want %d", tc.args, r.code, tc.code)
		}
	}
}

func TestAsOfAndConfig(t *testing.T) {
	rep, _ := checkJSON(t, "--as-of", "2026-11-02", "fixtures/examples/compliant.yaml")
	if f := rep.Files[0]; f.EvalDate != "2026-11-02" || len(f.Issues) != 1 || f.Issues[0].Code != "IN-W3" {
		t.Errorf("--as-of against evaluation_date: date %s, issues %+v", f.EvalDate, f.Issues)
	}
	cfg := filepath.Join(t.TempDir(), "strict.yaml")
	if err := os.WriteFile(cfg, []byte("purpose_min_length: 400\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, r := checkJSON(t, "--config", cfg, "fixtures/examples/compliant.yaml")
	if r.code != 1 || len(pairs(rep, "fail")) != 4 {
		t.Errorf("--config purpose_min_length 400: exit %d, failures %v", r.code, pairs(rep, "fail"))
	}
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(bad, []byte("purpose_min_length: 0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = smcheck(t, "", "check", "--config", bad, "fixtures/examples/compliant.yaml")
	if r.code != 2 || !strings.Contains(r.stderr, "IN-07") {
		t.Errorf("bad --config: exit %d, stderr %s", r.code, r.stderr)
	}
	r = smcheck(t, "", "rules", "--config", cfg)
	if !strings.Contains(r.stdout, "purpose_min_length") || !strings.Contains(r.stdout, "--config") {
		t.Errorf("rules --config:\n%s", r.stdout)
	}
}

func TestReportFilesAndDeterminism(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "report.json")
	sarif := filepath.Join(dir, "results.sarif")
	r := smcheck(t, "", "check", "-q", "-f", "table", "-f", "json="+out, "-f", "sarif="+sarif, "fixtures/examples/typical-gaps.yaml")
	if r.code != 1 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	first, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !json.Valid(first) {
		t.Fatal("report.json is not JSON")
	}
	if data, err := os.ReadFile(sarif); err != nil || !bytes.Contains(data, []byte(`"ruleId": "P6.2"`)) {
		t.Errorf("results.sarif: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("temporary files left behind: %v", entries)
	}
	smcheck(t, "", "check", "-f", "json="+out, "fixtures/examples/typical-gaps.yaml")
	second, _ := os.ReadFile(out)
	if !bytes.Equal(first, second) {
		t.Error("two runs over the same input gave different JSON reports")
	}
}

func TestUsageAndInputErrors(t *testing.T) {
	empty := t.TempDir()
	for _, tc := range []struct {
		name   string
		args   []string
		stderr string
	}{
		{"no arguments", []string{"check"}, "name at least one"},
		{"missing file", []string{"check", "nope.yaml"}, "nope.yaml: no such file"},
		{"directory without YAML", []string{"check", empty}, "holds no *.yaml"},
		{"bad as-of", []string{"check", "--as-of", "2026-13-01", "fixtures/examples/compliant.yaml"}, "not a calendar date"},
		{"unknown format", []string{"check", "-f", "pdf", "fixtures/examples/compliant.yaml"}, "unknown format"},
		{"unknown flag", []string{"check", "--nope", "fixtures/examples/compliant.yaml"}, "flag provided but not defined"},
		{"unknown requirement", []string{"explain", "P99.1"}, "not a requirement ID"},
		{"unknown command", []string{"chekc", "fixtures/examples/compliant.yaml"}, `unknown command "chekc"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := smcheck(t, "", tc.args...)
			if r.code != 2 || !strings.Contains(r.stderr, tc.stderr) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", r.code, r.stderr, tc.stderr)
			}
		})
	}
	r := smcheck(t, "", "check", "fixtures/invalid/in06-bad-platform.yaml")
	if r.code != 2 || !strings.Contains(r.stdout, "in06-bad-platform.yaml:17:5 channels[0].platform") || !strings.Contains(r.stdout, "did you mean facebook?") {
		t.Errorf("input error report: exit %d\n%s", r.code, r.stdout)
	}
}

func TestInfoCommands(t *testing.T) {
	r := smcheck(t, "", "version")
	if r.code != 0 || !regexp.MustCompile(`(?m)^opa v?\d+\.\d+`).MatchString(r.stdout) || !regexp.MustCompile(`policies sha256:[0-9a-f]{64}`).MatchString(r.stdout) {
		t.Errorf("version:\n%s", r.stdout)
	}
	r = smcheck(t, "", "rules")
	for _, id := range []string{"P1.1", "P6.2", "P10.6", "W.3"} {
		if !strings.Contains(r.stdout, id) {
			t.Errorf("rules lacks %s", id)
		}
	}
	r = smcheck(t, "", "explain", "p6.2")
	// The Rego shown includes the checks run once per archive profile
	// (_p6_2_by), where the conditions are.
	for _, want := range []string{"P6.2 Captured often enough", "Severity:   error", "Fix:", "Åtgärd:", "AL 6 §", "results contains r if",
		"_p6_2_by[p.i] contains", "capture_frequency_days"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("explain P6.2 lacks %q", want)
		}
	}
	r = smcheck(t, "", "schema")
	var schema map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &schema); err != nil || schema["$id"] == nil {
		t.Errorf("schema is not a JSON Schema: %v", err)
	}
}

// TestReportsInFilesOnly: with every report in a file, input errors and a
// summary line still reach the terminal; a report may go to /dev/stdout or
// through a symbolic link without replacing either.
func TestReportsInFilesOnly(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "r.json")
	r := smcheck(t, "", "check", "-f", "json="+out, "fixtures/invalid/in05-yes-boolean.yaml", "fixtures/examples/compliant.yaml")
	if r.code != 2 || r.stdout != "" {
		t.Errorf("exit %d, stdout %q; want 2 and nothing", r.code, r.stdout)
	}
	for _, want := range []string{"in05-yes-boolean.yaml:23:5: IN-05 channels[0].comments_enabled", "2 files: 1 passed, 0 failed, 1 with invalid input; report in " + out} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if r := smcheck(t, "", "check", "-q", "-f", "json="+out, "fixtures/examples/compliant.yaml"); r.stderr != "" {
		t.Errorf("--quiet printed %q", r.stderr)
	}

	r = smcheck(t, "", "check", "-f", "json=/dev/stdout", "fixtures/examples/compliant.yaml")
	if r.code != 0 || !json.Valid([]byte(r.stdout)) {
		t.Errorf("-f json=/dev/stdout: exit %d, stdout %.200q, stderr %s", r.code, r.stdout, r.stderr)
	}
	if fi, err := os.Lstat("/dev/stdout"); err != nil || fi.Mode().IsRegular() {
		t.Fatalf("/dev/stdout was replaced by a regular file")
	}

	real := filepath.Join(dir, "real.json")
	link := filepath.Join(dir, "link.json")
	if err := os.WriteFile(real, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("real.json", link); err != nil {
		t.Fatal(err)
	}
	smcheck(t, "", "check", "-f", "json="+link, "fixtures/examples/compliant.yaml")
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Error("the link to the report was replaced by a file")
	}
	if data, _ := os.ReadFile(real); !json.Valid(data) || len(data) == 0 {
		t.Error("the linked report was not written")
	}

	// Usage errors in -f leave no report file and no temporary file.
	empty := t.TempDir()
	same := filepath.Join(empty, "x.json")
	for _, args := range [][]string{
		{"-f", "json=" + same, "-f", "sarif=" + filepath.Join(empty, ".", "x.json")},
		{"-f", "json=" + same, "-f", "pdf=" + filepath.Join(empty, "y")},
	} {
		r := smcheck(t, "", append(append([]string{"check"}, args...), "fixtures/examples/compliant.yaml")...)
		if entries, _ := os.ReadDir(empty); r.code != 2 || len(entries) > 0 {
			t.Errorf("%v: exit %d, left %v; stderr %s", args, r.code, entries, r.stderr)
		}
	}
	if r := smcheck(t, "", "check", "-f", "json="+same, "-f", "sarif="+same, "fixtures/examples/compliant.yaml"); !strings.Contains(r.stderr, "give each report its own file") {
		t.Errorf("two reports to one file: %q", r.stderr)
	}

	if r := smcheck(t, "", "check", "-"); r.code != 2 || !strings.Contains(r.stderr, "no files to check") {
		t.Errorf("nothing on stdin: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestFlagsAfterPaths: flags may follow the paths, as in Conftest and
// Trivy; after "--" everything is a path.
func TestFlagsAfterPaths(t *testing.T) {
	r := smcheck(t, "", "check", "fixtures/examples/compliant.yaml", "-f", "json", "--as-of=2026-11-01")
	if r.code != 0 || !json.Valid([]byte(r.stdout)) {
		t.Errorf("check FILE -f json: exit %d, stderr %s", r.code, r.stderr)
	}
	r = smcheck(t, "", "check", "fixtures/examples/typical-gaps.yaml", "--strict", "-q")
	if r.code != 1 || strings.Contains(r.stderr, "no such file") {
		t.Errorf("check FILE --strict -q: exit %d, stderr %s", r.code, r.stderr)
	}
	r = smcheck(t, "", "validate", "fixtures/invalid/in05-yes-boolean.yaml", "--lang", "sv")
	if r.code != 2 || !strings.Contains(r.stdout, "värdet ska vara true eller false") {
		t.Errorf("validate FILE --lang sv: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = smcheck(t, "", "check", "--", "--strict")
	if r.code != 2 || !strings.Contains(r.stderr, "--strict: no such file") {
		t.Errorf("after --, a flag is a path: exit %d, stderr %s", r.code, r.stderr)
	}
}

// TestHelpAndVersionFlags: `smcheck help` is --help, and --version works.
func TestHelpAndVersionFlags(t *testing.T) {
	if r := smcheck(t, "", "help"); r.code != 0 || !strings.Contains(r.stdout, "COMMANDS:") {
		t.Errorf("smcheck help: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := smcheck(t, "", "--version"); r.code != 0 || !strings.HasPrefix(r.stdout, "smcheck version ") {
		t.Errorf("smcheck --version: exit %d, %q", r.code, r.stdout)
	}
}

// TestReportsShowThresholds: requirements.md §1, "the report lists effective
// values and marks those set in the input file": JSON lists every threshold
// with its source, the human formats name those not at their default.
func TestReportsShowThresholds(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile(filepath.Join(root, "fixtures/examples/compliant.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	agency := filepath.Join(dir, "agency.yaml")
	if err := os.WriteFile(agency, append(data, []byte("config:\n  min_administrators: 3\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "audit.yaml")
	if err := os.WriteFile(cfg, []byte("purpose_min_length: 25\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"check", "--as-of", "2026-11-01", "--config", cfg}
	r := smcheck(t, "", append(args, "-f", "json", agency)...)
	var rep struct {
		Files []struct {
			Config map[string]struct {
				Value  any    `json:"value"`
				Source string `json:"source"`
			} `json:"config"`
		} `json:"files"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || len(rep.Files) != 1 {
		t.Fatalf("json: %v\n%s", err, r.stderr)
	}
	c := rep.Files[0].Config
	if len(c) < 20 || c["min_administrators"].Source != "input" || c["min_administrators"].Value != 3.0 ||
		c["purpose_min_length"].Source != "runner" || c["archive_grace_factor"].Source != "default" {
		t.Errorf("config in the JSON report: %+v", c)
	}
	for format, want := range map[string]string{
		"table":    "thresholds set in the file: min_administrators = 3; thresholds set by --config: purpose_min_length = 25 (the others are defaults)",
		"markdown": "thresholds set in the file: min_administrators = 3",
		"junit":    `<property name="config.min_administrators" value="3 (input)">`,
	} {
		if r := smcheck(t, "", append(args, "-f", format, agency)...); !strings.Contains(r.stdout, want) {
			t.Errorf("-f %s lacks %q", format, want)
		}
	}
	html := filepath.Join(dir, "r.html")
	smcheck(t, "", append(args, "-f", "html="+html, agency)...)
	if page, _ := os.ReadFile(html); !strings.Contains(string(page), "thresholds set in the file: min_administrators = 3") {
		t.Error("the HTML report does not name the threshold set in the file")
	}
}

// TestMissingPathInReport: an argument that names nothing is a file that
// could not be checked in the report, so the report's outcome agrees with
// exit code 2.
func TestMissingPathInReport(t *testing.T) {
	r := smcheck(t, "", "check", "-f", "json", "fixtures/examples/compliant.yaml", "nope.yaml")
	var rep struct {
		Summary struct {
			Outcome string `json:"outcome"`
			Invalid int    `json:"invalid_files"`
		} `json:"summary"`
		Files []struct {
			File, Outcome, Error string
		} `json:"files"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("json: %v\n%s", err, r.stderr)
	}
	if r.code != 2 || rep.Summary.Outcome != "invalid" || rep.Summary.Invalid != 1 || len(rep.Files) != 2 ||
		rep.Files[1].File != "nope.yaml" || rep.Files[1].Outcome != "invalid" || rep.Files[1].Error != "no such file or directory" {
		t.Errorf("exit %d, report %+v", r.code, rep)
	}
	if !strings.Contains(r.stderr, "nope.yaml: no such file or directory") {
		t.Errorf("stderr %q", r.stderr)
	}
}

// TestReportToRedirectedStdout: -f json=/dev/stdout with stdout appended to
// a log keeps what the log held; a link to another report's file is that
// file; a run whose arguments name nothing still writes its report.
func TestReportToRedirectedStdout(t *testing.T) {
	dir := t.TempDir()
	log := filepath.Join(dir, "log")
	if err := os.WriteFile(log, []byte("OLD\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(log, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(binary, "check", "-f", "json=/dev/stdout", "fixtures/examples/compliant.yaml")
	cmd.Dir, cmd.Stdout = root, f
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	data, _ := os.ReadFile(log)
	if !bytes.HasPrefix(data, []byte("OLD\n{")) || !json.Valid(data[4:]) {
		t.Errorf("the log holds %.80q…", data)
	}

	out := filepath.Join(dir, "out.json")
	if err := os.Symlink("out.json", filepath.Join(dir, "link.json")); err != nil {
		t.Fatal(err)
	}
	r := smcheck(t, "", "check", "-f", "json="+out, "-f", "sarif="+filepath.Join(dir, "link.json"), "fixtures/examples/compliant.yaml")
	if r.code != 2 || !strings.Contains(r.stderr, "give each report its own file") {
		t.Errorf("two reports to one file through a link: exit %d, %s", r.code, r.stderr)
	}

	empty := filepath.Join(dir, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, []byte(`{"stale": true}`), 0o644); err != nil {
		t.Fatal(err)
	}
	r = smcheck(t, "", "check", "-f", "json="+out, empty)
	var rep struct {
		Summary struct{ Outcome string } `json:"summary"`
	}
	data, _ = os.ReadFile(out)
	if err := json.Unmarshal(data, &rep); r.code != 2 || err != nil || rep.Summary.Outcome != "invalid" {
		t.Errorf("a run of an empty folder: exit %d, report %s", r.code, data)
	}
}

// TestHelpAnywhere: --help after a path, and help CMD, show the command's
// help.
func TestHelpAnywhere(t *testing.T) {
	for _, args := range [][]string{{"check", "fixtures/examples/compliant.yaml", "--help"}, {"help", "check"}, {"explain", "P6.2", "-h"}} {
		if r := smcheck(t, "", args...); r.code != 0 || !strings.Contains(r.stdout, "USAGE:") {
			t.Errorf("%v: exit %d\n%s%s", args, r.code, r.stdout, r.stderr)
		}
	}
	if r := smcheck(t, "", "help", "nosuch"); r.code != 2 || !strings.Contains(r.stderr, `unknown command "nosuch"`) {
		t.Errorf("help nosuch: exit %d, %s", r.code, r.stderr)
	}
}
