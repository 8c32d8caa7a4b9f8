package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// End-to-end tests of smcheck diff on JSON reports of real example files.

// diffReports writes two JSON reports of a batch that changes between them:
//
//	gaps.yaml   typical-gaps; then with P4.5 broken on fb-lansstyrelsen and
//	            P5.7 fixed, a line inserted at the top, channels swapped
//	ok.yaml     compliant; then moved to sub/ok.yaml (same agency)
//	gone.yaml   compliant, renamed "Borttagen kommun"; then removed
//	added.yaml  compliant, renamed "Ny kommun", only in the new report
//	inv.yaml    compliant, renamed "Ogiltig kommun"; then with a bad platform
func diffReports(t *testing.T) (dir, old, new string) {
	t.Helper()
	dir = t.TempDir()
	gaps := readFixture(t, "fixtures/examples/typical-gaps.yaml")
	ok := readFixture(t, "fixtures/examples/compliant.yaml")
	rename := func(name string) string {
		return mustReplace(t, ok, "  name: Exempelby kommun\n", "  name: "+name+"\n")
	}
	writeFile(t, filepath.Join(dir, "old", "gaps.yaml"), gaps)
	writeFile(t, filepath.Join(dir, "old", "ok.yaml"), ok)
	writeFile(t, filepath.Join(dir, "old", "gone.yaml"), rename("Borttagen kommun"))
	writeFile(t, filepath.Join(dir, "old", "inv.yaml"), rename("Ogiltig kommun"))

	changed := mustReplace(t, gaps, "    mfa_enabled: true\n", "    mfa_enabled: false\n")
	changed = mustReplace(t, changed, "  capture_before_removal: false\n", "  capture_before_removal: true\n")
	changed = swapChannels(t, "# edited\n"+changed)
	writeFile(t, filepath.Join(dir, "new", "gaps.yaml"), changed)
	writeFile(t, filepath.Join(dir, "new", "sub", "ok.yaml"), ok)
	writeFile(t, filepath.Join(dir, "new", "added.yaml"), rename("Ny kommun"))
	writeFile(t, filepath.Join(dir, "new", "inv.yaml"), mustReplace(t, rename("Ogiltig kommun"), "    platform: facebook\n", "    platform: facebok\n"))

	old, new = filepath.Join(dir, "old.json"), filepath.Join(dir, "new.json")
	if r := smcheck(t, "", "check", "-q", "-f", "json="+old, filepath.Join(dir, "old")); r.code != 1 {
		t.Fatalf("old report: exit %d\n%s", r.code, r.stderr)
	}
	if r := smcheck(t, "", "check", "-q", "-f", "json="+new, filepath.Join(dir, "new")); r.code != 2 {
		t.Fatalf("new report: exit %d\n%s", r.code, r.stderr)
	}
	return dir, old, new
}

func TestDiffTable(t *testing.T) {
	dir, old, new := diffReports(t)
	r := smcheck(t, "", "diff", old, new)
	if r.code != 0 {
		t.Fatalf("exit %d, want 0 without --fail-on-regression\n%s", r.code, r.stderr)
	}
	out := r.stdout
	p := func(s string) string { return filepath.Join(dir, s) }
	for _, want := range []string{
		"old  " + old + ": 4 files",
		"New failures (1):",
		"FAIL P4.5  fb-lansstyrelsen  " + p("new/gaps.yaml") + ":", "Account protected by MFA", "(was passed)",
		"Fixed (1):", "warn P5.7  agency  " + p("old/gaps.yaml") + ":", "(now passed)",
		"Agencies added (1):\n  " + p("new/added.yaml") + " — Ny kommun: pass, 100% compliant",
		"Agencies removed (1):\n  " + p("old/gone.yaml") + " — Borttagen kommun: pass, 100% compliant",
		"Became invalid (1):\n  " + p("new/inv.yaml") + " (" + p("old/inv.yaml") + ") — Ogiltig kommun: invalid (1 input error)",
		"3 agencies compared, 1 added, 1 removed, 1 became invalid, 0 became valid; cells: 1 better, 1 worse; failures: 1 new, 1 fixed. Regression: yes",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("diff lacks %q\n%s", want, out)
		}
	}
	if !regexp.MustCompile(`\| P4 +\| \d+% FAIL +\| \d+% FAIL +\| -\d+ worse`).MatchString(out) ||
		!regexp.MustCompile(`\| P5 +\| \d+% warn +\| 100% ok +\| \+\d+ better`).MatchString(out) {
		t.Errorf("changed cells P4 (worse) and P5 (better) missing\n%s", out)
	}
	if strings.Contains(out, "sub/ok.yaml") {
		t.Errorf("the moved, unchanged agency is listed\n%s", out)
	}
	if r := smcheck(t, "", "diff", "--fail-on-regression", old, new); r.code != 1 {
		t.Errorf("--fail-on-regression: exit %d, want 1", r.code)
	}
	// The report compared with itself.
	same := smcheck(t, "", "diff", "--fail-on-regression", new, new)
	if same.code != 0 || !strings.Contains(same.stdout, "No changes.") || !strings.Contains(same.stdout, "Regression: no") {
		t.Errorf("diff of a report with itself: exit %d\n%s", same.code, same.stdout)
	}
}

// TestDiffMatchesMatrix: the compliance percentages are the matrix's.
func TestDiffMatchesMatrix(t *testing.T) {
	dir, old, new := diffReports(t)
	r := smcheck(t, "", "diff", "-f", "json", old, new)
	var d struct {
		Agencies []struct {
			New struct {
				File    string `json:"file"`
				Overall *int   `json:"overall"`
			} `json:"new"`
		} `json:"agencies"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &d); err != nil {
		t.Fatal(err)
	}
	m := smcheck(t, "", "check", "-f", "matrix", filepath.Join(dir, "new", "gaps.yaml"))
	row := regexp.MustCompile(`gaps\.yaml.*\|\s+(\d+)% \|`).FindStringSubmatch(m.stdout)
	if row == nil {
		t.Fatalf("no overall percentage in the matrix:\n%s", m.stdout)
	}
	for _, a := range d.Agencies {
		if strings.HasSuffix(a.New.File, "gaps.yaml") {
			if a.New.Overall == nil || itoa(*a.New.Overall) != row[1] {
				t.Errorf("diff says %v%%, the matrix %s%%", a.New.Overall, row[1])
			}
			return
		}
	}
	t.Error("gaps.yaml not compared")
}

func TestDiffMarkdownAndJSON(t *testing.T) {
	dir, old, new := diffReports(t)
	md := smcheck(t, "", "diff", "--format", "markdown", old, new)
	for _, want := range []string{
		"## Compliance diff", "### Changed cells", "| P4 |", "⬇️", "### New failures (1)",
		"| ❌ | P4.5 Account protected by MFA | `fb-lansstyrelsen` | Länsstyrelsen i Exempellän |",
		"### Fixed (1)", "| ⚠️ | P5.7 ", "### Files", "| added | `" + filepath.Join(dir, "new/added.yaml") + "` | Ny kommun |",
		"| removed | `" + filepath.Join(dir, "old/gone.yaml") + "` | Borttagen kommun |",
		"| became invalid | `" + filepath.Join(dir, "new/inv.yaml") + "` | Ogiltig kommun | invalid (1 input error) |",
	} {
		if !strings.Contains(md.stdout, want) {
			t.Errorf("markdown lacks %q\n%s", want, md.stdout)
		}
	}

	out := filepath.Join(dir, "diff.json")
	r := smcheck(t, "", "diff", "-f", "json", "-o", out, old, new)
	if r.code != 0 || r.stdout != "" {
		t.Fatalf("-o: exit %d, stdout %q", r.code, r.stdout)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	schemaData, err := os.ReadFile(filepath.Join(root, "report/diff/diff.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	sdoc, _ := jsonschema.UnmarshalJSON(bytes.NewReader(schemaData))
	c := jsonschema.NewCompiler()
	if err := c.AddResource("diff.schema.json", sdoc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile("diff.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(inst); err != nil {
		t.Errorf("diff json does not validate: %v", err)
	}
	var d struct {
		Summary struct {
			Compared    int  `json:"agencies_compared"`
			NewFailures int  `json:"new_failures"`
			Fixed       int  `json:"fixed"`
			Regression  bool `json:"regression"`
		} `json:"summary"`
		Agencies []struct {
			MatchedBy   string `json:"matched_by"`
			Validity    string `json:"validity"`
			NewFailures []struct {
				Requirement, Target, Was string
			} `json:"new_failures"`
		} `json:"agencies"`
	}
	if err := json.Unmarshal(data, &d); err != nil {
		t.Fatal(err)
	}
	if d.Summary.Compared != 3 || d.Summary.NewFailures != 1 || d.Summary.Fixed != 1 || !d.Summary.Regression {
		t.Errorf("summary %+v", d.Summary)
	}
	var got []string
	for _, a := range d.Agencies {
		got = append(got, a.MatchedBy+"/"+a.Validity)
		for _, x := range a.NewFailures {
			if x.Requirement+"@"+x.Target+" "+x.Was != "P4.5@fb-lansstyrelsen pass" {
				t.Errorf("new failure %+v", x)
			}
		}
	}
	if strings.Join(got, " ") != "agency/valid agency/became_invalid agency/valid" {
		t.Errorf("agencies (gaps, inv, sub/ok): %v", got)
	}
	// Byte-identical when run again.
	again := smcheck(t, "", "diff", "-f", "json", old, new)
	if again.stdout != string(data) {
		t.Error("two runs gave different output")
	}
}

func TestDiffInvalidInput(t *testing.T) {
	dir := t.TempDir()
	_, old, _ := diffReports(t)
	data, err := os.ReadFile(old)
	if err != nil {
		t.Fatal(err)
	}
	v2 := writeFile(t, filepath.Join(dir, "v2.json"), strings.Replace(string(data), `"report_version": "1"`, `"report_version": "2"`, 1))
	garbage := writeFile(t, filepath.Join(dir, "garbage.json"), "{\n  \"report_version\": \"1\",\n  files\n}\n")
	sarif := filepath.Join(dir, "r.sarif")
	smcheck(t, "", "check", "-q", "-f", "sarif="+sarif, "fixtures/examples/compliant.yaml")
	for _, tc := range []struct {
		name   string
		args   []string
		stderr string
	}{
		{"one report", []string{"diff", old}, "name two JSON reports"},
		{"three reports", []string{"diff", old, old, old}, "name two JSON reports"},
		{"missing", []string{"diff", old, filepath.Join(dir, "nope.json")}, "nope.json: cannot read the report: no such file or directory"},
		{"not JSON", []string{"diff", garbage, old}, "garbage.json: not an smcheck JSON report: line 3: invalid character"},
		{"newer version", []string{"diff", old, v2}, `v2.json: report_version "2" is not supported: this smcheck reads "1"`},
		{"SARIF", []string{"diff", sarif, old}, `r.sarif: not an smcheck JSON report: no "report_version"`},
		{"bad format", []string{"diff", "-f", "html", old, old}, `diff --format "html": use table, markdown, json`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := smcheck(t, "", tc.args...)
			if r.code != 2 || !strings.Contains(r.stderr, tc.stderr) || r.stdout != "" {
				t.Errorf("exit %d, stderr %q, stdout %.100q; want 2 and %q", r.code, r.stderr, r.stdout, tc.stderr)
			}
		})
	}
}
