package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// End-to-end tests of smcheck baseline and check --baseline on the real
// example files and variants of them.

// baselineFile is the part of a baseline file the tests read.
type baselineFile struct {
	Version  string `json:"baseline_version"`
	Findings []struct {
		File, Agency, Requirement, Target, Severity, Path, Message, Fingerprint string
		OrgNumber                                                               string `json:"org_number"`
	} `json:"findings"`
}

// baselineReport is the part of a JSON report with a baseline that the tests read.
type baselineReport struct {
	Files []struct {
		File     string `json:"file"`
		Outcome  string `json:"outcome"`
		Findings []struct {
			Requirement, Status, Target, Baseline, Fingerprint string
		} `json:"findings"`
	} `json:"files"`
	Baseline *struct {
		File       string `json:"file"`
		New        int    `json:"new"`
		Unchanged  int    `json:"unchanged"`
		NotChecked int    `json:"not_checked"`
		Fixed      []struct {
			Requirement, Target string
		} `json:"fixed"`
	} `json:"baseline"`
	Summary struct {
		Outcome string `json:"outcome"`
	} `json:"summary"`
}

// states lists requirement@target:baseline of the failed findings.
func (r baselineReport) states() []string {
	out := []string{}
	for _, f := range r.Files {
		for _, x := range f.Findings {
			if x.Status == "fail" {
				out = append(out, x.Requirement+"@"+x.Target+":"+x.Baseline)
			}
		}
	}
	sort.Strings(out)
	return out
}

func (r baselineReport) fixed() []string {
	out := []string{}
	if r.Baseline != nil {
		for _, x := range r.Baseline.Fixed {
			out = append(out, x.Requirement+"@"+x.Target)
		}
	}
	return out
}

func checkBaselineJSON(t *testing.T, args ...string) (baselineReport, runResult) {
	t.Helper()
	r := smcheck(t, "", append([]string{"check", "-f", "json"}, args...)...)
	var rep baselineReport
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("json output: %v\nstdout: %.500s\nstderr: %s", err, r.stdout, r.stderr)
	}
	return rep, r
}

func readFixture(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, path))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func writeFile(t *testing.T, path, content string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func mustReplace(t *testing.T, src, old, new string) string {
	t.Helper()
	if !strings.Contains(src, old) {
		t.Fatalf("fixture changed: %q not found", old)
	}
	return strings.Replace(src, old, new, 1)
}

// swapChannels moves the first channel (fb-lansstyrelsen) behind the
// second (ig-lansstyrelsen) of typical-gaps.
func swapChannels(t *testing.T, src string) string {
	t.Helper()
	a := strings.Index(src, "  - id: fb-lansstyrelsen\n")
	b := strings.Index(src, "  - id: ig-lansstyrelsen\n")
	c := strings.Index(src, "  - id: x-lansstyrelsen\n")
	if a < 0 || b < a || c < b {
		t.Fatal("fixture changed: channel order")
	}
	return src[:a] + src[b:c] + src[a:b] + src[c:]
}

// gapsFailures are typical-gaps' 19 failures (its header).
func gapsFailures(t *testing.T, state string) []string {
	t.Helper()
	rep, _ := checkJSON(t, "fixtures/examples/typical-gaps.yaml")
	out := []string{}
	for _, p := range pairs(rep, "fail") {
		out = append(out, p+":"+state)
	}
	if len(out) != 19 {
		t.Fatalf("typical-gaps has %d failures, want 19", len(out))
	}
	return out
}

func TestBaselineWriteAndMatch(t *testing.T) {
	dir := t.TempDir()
	bl := filepath.Join(dir, "baseline.json")
	r := smcheck(t, "", "baseline", "-o", bl, "fixtures/examples/typical-gaps.yaml", "fixtures/examples/compliant.yaml")
	if r.code != 0 || r.stdout != "" {
		t.Fatalf("baseline: exit %d\nstdout %s\nstderr %s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stderr, "19 failed findings (17 errors, 2 warnings) in 2 files") {
		t.Errorf("baseline summary: %s", r.stderr)
	}
	data, err := os.ReadFile(bl)
	if err != nil {
		t.Fatal(err)
	}
	var f baselineFile
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	if f.Version != "1" || len(f.Findings) != 19 {
		t.Fatalf("baseline_version %q, %d findings; want 1 and 19", f.Version, len(f.Findings))
	}
	for _, e := range f.Findings {
		if e.OrgNumber != "202999-8156" || e.Agency != "Länsstyrelsen i Exempellän" || len(e.Fingerprint) != 32 || e.Message == "" {
			t.Errorf("entry %+v", e)
		}
	}
	if bytes.Contains(data, []byte(`"line"`)) {
		t.Error("the baseline records line numbers; it must stay the same when lines move")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
	// Deterministic, and the same on standard output.
	again := smcheck(t, "", "baseline", "-q", "fixtures/examples/typical-gaps.yaml", "fixtures/examples/compliant.yaml")
	if again.code != 0 || again.stdout != string(data) || again.stderr != "" {
		t.Errorf("baseline to stdout differs from the file (exit %d, stderr %q)", again.code, again.stderr)
	}

	t.Run("same files pass", func(t *testing.T) {
		rep, r := checkBaselineJSON(t, "--baseline", bl, "fixtures/examples/typical-gaps.yaml")
		if r.code != 0 {
			t.Errorf("exit %d, want 0: every failure is in the baseline\n%s", r.code, r.stderr)
		}
		if diff := cmp.Diff(gapsFailures(t, "unchanged"), rep.states()); diff != "" {
			t.Errorf("baseline states (-want +got):\n%s", diff)
		}
		if b := rep.Baseline; b == nil || b.New != 0 || b.Unchanged != 19 || len(b.Fixed) != 0 || b.File != bl {
			t.Errorf("baseline summary %+v", rep.Baseline)
		}
		if rep.Files[0].Outcome != "pass" || rep.Summary.Outcome != "pass" {
			t.Errorf("outcomes %s/%s, want pass", rep.Files[0].Outcome, rep.Summary.Outcome)
		}
		table := smcheck(t, "", "check", "--baseline", bl, "fixtures/examples/typical-gaps.yaml")
		if table.code != 0 || !strings.Contains(table.stdout, "(baseline)") || strings.Contains(table.stdout, "│ FAIL ") ||
			!strings.Contains(table.stdout, "baseline "+bl+": 0 new, 19 unchanged, 0 fixed") {
			t.Errorf("table: exit %d\n%s", table.code, table.stdout)
		}
		// --strict: the two baselined warnings do not fail either.
		if s := smcheck(t, "", "check", "-q", "--strict", "--baseline", bl, "fixtures/examples/typical-gaps.yaml"); s.code != 0 {
			t.Errorf("--strict with baselined warnings: exit %d", s.code)
		}
		// Without the baseline the file still fails.
		if s := smcheck(t, "", "check", "-q", "fixtures/examples/typical-gaps.yaml"); s.code != 1 {
			t.Errorf("without --baseline: exit %d, want 1", s.code)
		}
	})

	t.Run("moved lines, channels and file still match", func(t *testing.T) {
		src := "# A comment added at the top.\n\n# Another.\n\n" + readFixture(t, "fixtures/examples/typical-gaps.yaml")
		src = swapChannels(t, src)
		moved := writeFile(t, filepath.Join(t.TempDir(), "elsewhere", "renamed.yaml"), src)
		rep, r := checkBaselineJSON(t, "--baseline", bl, moved)
		if r.code != 0 {
			t.Errorf("exit %d, want 0\n%s", r.code, r.stderr)
		}
		if diff := cmp.Diff(gapsFailures(t, "unchanged"), rep.states()); diff != "" {
			t.Errorf("baseline states (-want +got):\n%s", diff)
		}
	})

	t.Run("a new failure fails and is the only one named", func(t *testing.T) {
		src := readFixture(t, "fixtures/examples/typical-gaps.yaml")
		// Break: fb-lansstyrelsen without MFA (P4.5). Fix: P5.7 (a warning).
		src = mustReplace(t, src, "    mfa_enabled: true\n", "    mfa_enabled: false\n")
		src = mustReplace(t, src, "  capture_before_removal: false\n", "  capture_before_removal: true\n")
		src = "# moved down by a line\n" + src
		changed := writeFile(t, filepath.Join(t.TempDir(), "typical-gaps.yaml"), src)
		rep, r := checkBaselineJSON(t, "--baseline", bl, changed)
		if r.code != 1 {
			t.Errorf("exit %d, want 1", r.code)
		}
		want := []string{}
		for _, s := range gapsFailures(t, "unchanged") {
			if !strings.HasPrefix(s, "P5.7@agency") {
				want = append(want, s)
			}
		}
		want = append(want, "P4.5@fb-lansstyrelsen:new")
		sort.Strings(want)
		if diff := cmp.Diff(want, rep.states()); diff != "" {
			t.Errorf("baseline states (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]string{"P5.7@agency"}, rep.fixed()); diff != "" {
			t.Errorf("fixed (-want +got):\n%s", diff)
		}
		table := smcheck(t, "", "check", "-q", "--baseline", bl, changed)
		if table.code != 1 {
			t.Errorf("table: exit %d", table.code)
		}
		rows := []string{}
		for _, l := range strings.Split(table.stdout, "\n") {
			if f := strings.Fields(strings.ReplaceAll(l, "│", " ")); len(f) > 2 && (f[0] == "FAIL" || f[0] == "fail" || f[0] == "warn") {
				rows = append(rows, f[0]+" "+f[1]+" "+f[2])
			}
		}
		if diff := cmp.Diff([]string{"FAIL P4.5 fb-lansstyrelsen"}, rows); diff != "" {
			t.Errorf("quiet table rows (-want +got): only the new failure is shown\n%s\n%s", diff, table.stdout)
		}
		for _, want := range []string{"Fixed since the baseline (1):", "P5.7  agency", "1 new, 18 unchanged, 1 fixed"} {
			if !strings.Contains(table.stdout, want) {
				t.Errorf("table lacks %q\n%s", want, table.stdout)
			}
		}
		// SARIF: baselineState on every result.
		sarif := filepath.Join(t.TempDir(), "r.sarif")
		smcheck(t, "", "check", "-q", "-f", "sarif="+sarif, "--baseline", bl, changed)
		data, err := os.ReadFile(sarif)
		if err != nil {
			t.Fatal(err)
		}
		if n := bytes.Count(data, []byte(`"baselineState": "unchanged"`)); n != 18 {
			t.Errorf("sarif: %d unchanged results, want 18", n)
		}
		if n := bytes.Count(data, []byte(`"baselineState": "new"`)); n != 1 {
			t.Errorf("sarif: %d new results, want 1", n)
		}
	})

	t.Run("agencies outside the run are not fixed", func(t *testing.T) {
		rep, r := checkBaselineJSON(t, "--baseline", bl, "fixtures/examples/compliant.yaml")
		if r.code != 0 || rep.Baseline == nil || len(rep.Baseline.Fixed) != 0 || rep.Baseline.NotChecked != 19 {
			t.Errorf("exit %d, baseline %+v", r.code, rep.Baseline)
		}
	})

	t.Run("input errors are never baselined", func(t *testing.T) {
		src := mustReplace(t, readFixture(t, "fixtures/examples/typical-gaps.yaml"), "    platform: facebook\n", "    platform: facebok\n")
		bad := writeFile(t, filepath.Join(t.TempDir(), "bad.yaml"), src)
		r := smcheck(t, "", "check", "-q", "--baseline", bl, bad)
		if r.code != 2 {
			t.Errorf("check --baseline on a file with input errors: exit %d, want 2", r.code)
		}
	})
}

func TestBaselineRefusesInvalidInput(t *testing.T) {
	dir := t.TempDir()
	bl := filepath.Join(dir, "baseline.json")
	r := smcheck(t, "", "baseline", "-o", bl, "fixtures/examples/typical-gaps.yaml", "fixtures/invalid/in06-bad-platform.yaml")
	if r.code != 2 || !strings.Contains(r.stderr, "in06-bad-platform.yaml:17:5: IN-06") ||
		!strings.Contains(r.stderr, "no baseline written: 1 of 2 files have input errors") {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	if _, err := os.Stat(bl); !os.IsNotExist(err) {
		t.Errorf("a baseline was written: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("files left behind: %v", entries)
	}
	if r := smcheck(t, "", "baseline", "-o", bl, "nope.yaml"); r.code != 2 || !strings.Contains(r.stderr, "no baseline written") {
		t.Errorf("missing file: exit %d, stderr %s", r.code, r.stderr)
	}
	if r := smcheck(t, "", "baseline"); r.code != 2 || !strings.Contains(r.stderr, "name at least one") {
		t.Errorf("no arguments: exit %d, stderr %s", r.code, r.stderr)
	}
	r = smcheck(t, "", "baseline", "--lang", "sv", "-o", bl, "fixtures/invalid/in06-bad-platform.yaml")
	if r.code != 2 || !strings.Contains(r.stderr, "ingen baslinje skriven: 1 av 1 filer har indatafel") || !strings.Contains(r.stderr, "IN-06 channels[0].platform") {
		t.Errorf("--lang sv: exit %d, stderr:\n%s", r.code, r.stderr)
	}
}

func TestCheckWithInvalidBaseline(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string { return writeFile(t, filepath.Join(dir, name), content) }
	fp := strings.Repeat("ab", 16)
	for _, tc := range []struct {
		name, path, stderr string
	}{
		{"missing", filepath.Join(dir, "nope.json"), "cannot read the baseline: no such file or directory"},
		{"not JSON", write("garbage.json", "baseline:\n  - x\n"), "not a baseline file: line 1: invalid character"},
		{"a JSON report", write("report.json", `{"report_version": "1", "files": []}`), `no "baseline_version"`},
		{"newer version", write("v2.json", `{"baseline_version": "2", "findings": []}`), `baseline_version "2" is not supported`},
		{"bad entry", write("entry.json", `{"baseline_version": "1", "findings": [{"requirement": "P1.1", "agency": "A", "fingerprint": "x"}]}`),
			"findings[0] (P1.1): fingerprint is missing or not 32 lower-case hexadecimal digits"},
		{"no agency", write("agency.json", `{"baseline_version": "1", "findings": [{"requirement": "P1.1", "fingerprint": "`+fp+`"}]}`),
			"org_number and agency are both missing"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "report.json")
			r := smcheck(t, "", "check", "-f", "json="+out, "--baseline", tc.path, "fixtures/examples/compliant.yaml")
			if r.code != 2 || !strings.HasPrefix(r.stderr, "smcheck: --baseline "+tc.path+": ") || !strings.Contains(r.stderr, tc.stderr) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", r.code, r.stderr, tc.stderr)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Error("a report was written although the baseline is invalid")
			}
		})
	}
}
