package main

import (
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// validateLineRE is one line of smcheck validate: FILE:LINE:COL: CODE PATH: …
// (LINE:COL absent for problems of the whole file).
var validateLineRE = regexp.MustCompile(`^(\S+?)(?::(\d+):(\d+))?: (IN-W?\d+) (\S+): (.+)$`)

// TestValidateAgreesWithCheck runs validate and check over every fixture:
// validate reports exactly the input problems check reports, at the same
// lines, and exits 2 exactly when check finds a file invalid.
func TestValidateAgreesWithCheck(t *testing.T) {
	dirs := []string{"fixtures/examples", "fixtures/points", "fixtures/invalid"}
	rep, r := checkJSON(t, dirs...)
	if r.code != 2 {
		t.Fatalf("check over the fixtures: exit %d, want 2 (fixtures/invalid)", r.code)
	}
	var want []string
	invalid := map[string]bool{}
	for _, f := range rep.Files {
		for _, i := range f.Issues {
			want = append(want, fmt.Sprintf("%s:%d %s %s", f.File, i.Line, i.Code, i.Path))
		}
		if f.Outcome == "invalid" {
			invalid[f.File] = true
		}
	}
	sort.Strings(want)

	v := smcheck(t, "", append([]string{"validate"}, dirs...)...)
	if v.code != 2 {
		t.Errorf("validate over the fixtures: exit %d, want 2", v.code)
	}
	lines := strings.Split(strings.TrimSuffix(v.stdout, "\n"), "\n")
	summary := lines[len(lines)-1]
	var got []string
	for _, l := range lines[:len(lines)-1] {
		m := validateLineRE.FindStringSubmatch(l)
		if m == nil {
			t.Errorf("validate line not FILE:LINE:COL: CODE PATH: MESSAGE: %q", l)
			continue
		}
		line := m[2]
		if line == "" {
			line = "0"
		}
		got = append(got, fmt.Sprintf("%s:%s %s %s", m[1], line, m[4], m[5]))
	}
	sort.Strings(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("validate's problems differ from check's (-check +validate):\n%s", diff)
	}
	wantSummary := fmt.Sprintf("%d valid, %d invalid of %d files", len(rep.Files)-len(invalid), len(invalid), len(rep.Files))
	if !strings.HasPrefix(summary, wantSummary) {
		t.Errorf("summary %q, want it to start with %q", summary, wantSummary)
	}

	// File by file, the exit code follows check's outcome.
	for _, f := range rep.Files {
		code := smcheck(t, "", "validate", "--quiet", f.File).code
		if want := map[bool]int{true: 2, false: 0}[invalid[f.File]]; code != want {
			t.Errorf("validate %s: exit %d, want %d (check's outcome %s)", f.File, code, want, f.Outcome)
		}
	}
}

func TestValidateCommand(t *testing.T) {
	tests := []struct {
		name   string
		stdin  string
		args   []string
		code   int
		stdout string // exact
		stderr string // contained
	}{
		{name: "valid", args: []string{"fixtures/examples"}, code: 0,
			stdout: "2 valid, 0 invalid of 2 files (0 input errors, 0 warnings)\n"},
		{name: "quiet and valid prints nothing", args: []string{"-q", "fixtures/examples/compliant.yaml"}, code: 0},
		{name: "paths from stdin", stdin: "fixtures/examples/compliant.yaml\n", args: []string{"-"}, code: 0,
			stdout: "1 valid, 0 invalid of 1 file (0 input errors, 0 warnings)\n"},
		{name: "error with hint", args: []string{"fixtures/invalid/in05-yes-boolean.yaml"}, code: 2,
			stdout: "fixtures/invalid/in05-yes-boolean.yaml:23:5: IN-05 channels[0].comments_enabled: expected true or false, got 'yes' (write true or false; yes is text in YAML 1.2, not a boolean)\n" +
				"0 valid, 1 invalid of 1 file (1 input error, 0 warnings)\n"},
		{name: "a warning passes", args: []string{"fixtures/invalid/inw1-unknown-key.yaml"}, code: 0,
			stdout: "fixtures/invalid/inw1-unknown-key.yaml:25:5: IN-W1 channels[0].coments_enabled: unknown key 'coments_enabled' is ignored (did you mean comments_enabled?) (rename it to comments_enabled)\n" +
				"1 valid, 0 invalid of 1 file (0 input errors, 1 warning)\n"},
		{name: "quiet hides warnings", args: []string{"--quiet", "fixtures/invalid/inw1-unknown-key.yaml"}, code: 0},
		{name: "as-of moves the future-date check", args: []string{"--as-of", "2026-12-02", "fixtures/invalid/inw2-future-date.yaml"}, code: 0,
			stdout: "fixtures/invalid/inw2-future-date.yaml:5:1: IN-W3 evaluation_date: evaluation_date 2026-11-01 differs from --as-of 2026-12-02; 2026-12-02 is used (drop --as-of to use the file's date, or update evaluation_date)\n" +
				"1 valid, 0 invalid of 1 file (0 input errors, 1 warning)\n"},
		{name: "excluded", args: []string{"--exclude", "typical-*", "fixtures/examples"}, code: 0,
			stdout: "1 valid, 0 invalid of 1 file (0 input errors, 0 warnings)\n"},
		{name: "missing file", args: []string{"fixtures/examples/compliant.yaml", "no-such.yaml"}, code: 2,
			stdout: "1 valid, 0 invalid of 1 file (0 input errors, 0 warnings)\n", stderr: "smcheck: no-such.yaml: no such file or directory"},
		{name: "no arguments", args: nil, code: 2, stderr: "validate: name at least one agency file"},
		{name: "bad date", args: []string{"--as-of", "2026-02-30", "fixtures/examples"}, code: 2, stderr: `--as-of "2026-02-30" is not a calendar date`},
		{name: "unknown flag", args: []string{"--strict", "fixtures/examples"}, code: 2, stderr: "flag provided but not defined"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := smcheck(t, tc.stdin, append([]string{"validate"}, tc.args...)...)
			if r.code != tc.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", r.code, tc.code, r.stdout, r.stderr)
			}
			if r.stdout != tc.stdout {
				t.Errorf("stdout:\n%s\nwant:\n%s", r.stdout, tc.stdout)
			}
			if !strings.Contains(r.stderr, tc.stderr) || (tc.stderr == "" && r.stderr != "") {
				t.Errorf("stderr %q, want %q", r.stderr, tc.stderr)
			}
		})
	}
}

// TestValidateIsSchemaOnly: validate does not evaluate requirements, so a
// file that fails requirements but is valid input passes.
func TestValidateIsSchemaOnly(t *testing.T) {
	path := filepath.ToSlash(filepath.Join("fixtures", "examples", "typical-gaps.yaml"))
	if r := smcheck(t, "", "check", "-q", path); r.code != 1 {
		t.Fatalf("check %s: exit %d, want 1", path, r.code)
	}
	if r := smcheck(t, "", "validate", path); r.code != 0 {
		t.Errorf("validate %s: exit %d, want 0\n%s%s", path, r.code, r.stdout, r.stderr)
	}
}
