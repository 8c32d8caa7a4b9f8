package diff

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// f is a finding "P4.5@fb:fail" (point from the requirement, severity
// error; "P3.7@fb:fail:warning" for a warning).
func f(spec string) Finding {
	id, rest, _ := strings.Cut(spec, "@")
	parts := strings.Split(rest, ":")
	x := Finding{Requirement: id, Target: parts[0], Status: parts[1], Severity: "error", Title: id + " title", Message: id + " message"}
	if len(parts) > 2 {
		x.Severity = parts[2]
	}
	point := strings.TrimPrefix(strings.Split(id, ".")[0], "P")
	for _, c := range point {
		x.Point = x.Point*10 + int(c-'0')
	}
	if strings.HasPrefix(id, "W") {
		x.Point = 0
	}
	return x
}

func file(path, org, name, outcome string, specs ...string) File {
	fl := File{File: path, OrgNumber: org, Agency: name, Outcome: outcome}
	for _, s := range specs {
		fl.Findings = append(fl.Findings, f(s))
	}
	return fl
}

func rep(files ...File) *Report {
	v := Version
	return &Report{ReportVersion: &v, Files: files}
}

// changes lists "P<n> old→new change" for the changed cells of an agency.
func changes(a Agency) []string {
	out := []string{}
	for _, p := range a.Points {
		if p.Change != Unchanged {
			out = append(out, "P"+itoa(p.Point)+" "+p.Old.Text+" → "+p.New.Text+" "+p.Change)
		}
	}
	return out
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func findings(fs []FindingChange) []string {
	out := []string{}
	for _, x := range fs {
		out = append(out, x.Requirement+"@"+x.Target+" "+x.Other)
	}
	return out
}

func TestCompareCells(t *testing.T) {
	for _, tc := range []struct {
		name        string
		old, new    []string
		cells       []string
		overall     string
		newF, fixed []string
		regression  bool
	}{
		{
			name: "nothing changed",
			old:  []string{"P4.5@fb:fail", "P4.5@ig:pass"}, new: []string{"P4.5@ig:pass", "P4.5@fb:fail"},
			cells: []string{}, overall: Unchanged, newF: []string{}, fixed: []string{},
		},
		{
			name: "a pass fails",
			old:  []string{"P4.5@fb:pass", "P4.5@ig:pass"}, new: []string{"P4.5@fb:fail", "P4.5@ig:pass"},
			cells: []string{"P4 100% ok → 50% FAIL worse"}, overall: Worse,
			newF: []string{"P4.5@fb pass"}, fixed: []string{}, regression: true,
		},
		{
			name: "a failure is fixed",
			old:  []string{"P4.5@fb:fail", "P4.5@ig:pass"}, new: []string{"P4.5@fb:pass", "P4.5@ig:pass"},
			cells: []string{"P4 50% FAIL → 100% ok better"}, overall: Better,
			newF: []string{}, fixed: []string{"P4.5@fb pass"},
		},
		{
			name: "a warning is fixed",
			old:  []string{"P3.7@fb:fail:warning", "P3.6@fb:pass"}, new: []string{"P3.7@fb:pass:warning", "P3.6@fb:pass"},
			cells: []string{"P3 50% warn → 100% ok better"}, overall: Better,
			newF: []string{}, fixed: []string{"P3.7@fb pass"},
		},
		{
			name: "an error turns into a warning: verdict first",
			old:  []string{"P3.6@fb:fail", "P3.7@fb:pass:warning"}, new: []string{"P3.6@fb:pass", "P3.7@fb:fail:warning"},
			cells: []string{"P3 50% FAIL → 50% warn better"}, overall: Unchanged,
			newF: []string{"P3.7@fb pass"}, fixed: []string{"P3.6@fb pass"}, regression: true,
		},
		{
			name: "same verdict, lower percent",
			old:  []string{"P4.5@fb:fail", "P4.5@ig:pass", "P4.5@li:pass"}, new: []string{"P4.5@fb:fail", "P4.5@ig:fail", "P4.5@li:pass"},
			cells: []string{"P4 66% FAIL → 33% FAIL worse"}, overall: Worse,
			newF: []string{"P4.5@ig pass"}, fixed: []string{}, regression: true,
		},
		{
			name: "a waiver and a closed channel are not failures",
			old:  []string{"P6.2@fb:fail", "P6.7@x:fail"}, new: []string{"P6.2@fb:waived", "P6.7@x:not_applicable"},
			cells: []string{"P6 0% FAIL → 100% ok* better"}, overall: Better,
			newF: []string{}, fixed: []string{"P6.2@fb waived", "P6.7@x not_applicable"},
		},
		{
			name: "an expired waiver and a new channel",
			old:  []string{"P6.2@fb:waived"}, new: []string{"P6.2@fb:fail", "P6.2@tt:fail"},
			cells: []string{"P6 100% ok* → 0% FAIL worse"}, overall: Worse,
			newF: []string{"P6.2@fb waived", "P6.2@tt absent"}, fixed: []string{}, regression: true,
		},
		{
			name: "a channel removed with its failure",
			old:  []string{"P4.5@fb:fail", "P4.5@ig:pass"}, new: []string{"P4.5@ig:pass"},
			cells: []string{"P4 50% FAIL → 100% ok better"}, overall: Better,
			newF: []string{}, fixed: []string{"P4.5@fb absent"},
		},
		{
			name: "nothing applied, then a pass: unchanged",
			old:  []string{"P9.1@fb:not_applicable"}, new: []string{"P9.1@fb:pass"},
			cells: []string{}, overall: Unchanged, newF: []string{}, fixed: []string{},
		},
		{
			name: "W checks are not scored but listed",
			old:  []string{"W.2@waivers[0]:pass", "P1.1@fb:pass"}, new: []string{"W.2@waivers[0]:fail", "P1.1@fb:pass"},
			cells: []string{}, overall: Unchanged, newF: []string{"W.2@waivers[0] pass"}, fixed: []string{}, regression: true,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := Compare(rep(file("a.yaml", "1", "A", "fail", tc.old...)), rep(file("a.yaml", "1", "A", "fail", tc.new...)))
			if len(res.Agencies) != 1 {
				t.Fatalf("%d agencies", len(res.Agencies))
			}
			a := res.Agencies[0]
			if diff := cmp.Diff(tc.cells, changes(a)); diff != "" {
				t.Errorf("cells (-want +got):\n%s", diff)
			}
			if a.Overall.Change != tc.overall {
				t.Errorf("overall %v → %v: %s, want %s", a.Overall.Old, a.Overall.New, a.Overall.Change, tc.overall)
			}
			if diff := cmp.Diff(tc.newF, findings(a.NewFailures)); diff != "" {
				t.Errorf("new failures (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.fixed, findings(a.Fixed)); diff != "" {
				t.Errorf("fixed (-want +got):\n%s", diff)
			}
			if res.Summary.Regression != tc.regression {
				t.Errorf("regression %v, want %v", res.Summary.Regression, tc.regression)
			}
			if a.Changed() == (len(tc.cells) == 0 && len(tc.newF) == 0 && len(tc.fixed) == 0 && tc.overall == Unchanged) {
				t.Errorf("Changed() = %v", a.Changed())
			}
		})
	}
}

func TestCompareMatching(t *testing.T) {
	ok := []string{"P1.1@fb:pass"}
	for _, tc := range []struct {
		name           string
		old, new       []File
		pairs          []string // old→new by
		added, removed []string
		validity       []string
		regression     bool
	}{
		{
			name:  "moved file, same agency",
			old:   []File{file("a.yaml", "1", "A", "pass", ok...)},
			new:   []File{file("sub/b.yaml", "1", "A", "pass", ok...)},
			pairs: []string{"a.yaml→sub/b.yaml agency"}, added: []string{}, removed: []string{}, validity: []string{""},
		},
		{
			name:  "renamed agency, same file",
			old:   []File{file("a.yaml", "1", "A", "pass", ok...)},
			new:   []File{file("a.yaml", "1", "A renamed", "pass", ok...)},
			pairs: []string{"a.yaml→a.yaml file"}, added: []string{}, removed: []string{}, validity: []string{""},
		},
		{
			name:  "another agency of the same org number is not a rename",
			old:   []File{file("a.yaml", "1", "Kultur", "pass", ok...)},
			new:   []File{file("b.yaml", "1", "Social", "fail", "P1.1@fb:fail")},
			pairs: []string{}, added: []string{"b.yaml"}, removed: []string{"a.yaml"}, validity: []string{},
			regression: true, // an added agency that fails
		},
		{
			name:  "a report without org_number pairs by name",
			old:   []File{file("a.yaml", "", "A", "pass", ok...)},
			new:   []File{file("b.yaml", "1", "A", "pass", ok...)},
			pairs: []string{"a.yaml→b.yaml name"}, added: []string{}, removed: []string{}, validity: []string{""},
		},
		{
			name:  "two files of one agency pair by path",
			old:   []File{file("x/a.yaml", "1", "A", "pass", ok...), file("y/a.yaml", "1", "A", "pass", ok...)},
			new:   []File{file("x/a.yaml", "1", "A", "pass", ok...), file("y/a.yaml", "1", "A", "pass", ok...)},
			pairs: []string{"x/a.yaml→x/a.yaml file", "y/a.yaml→y/a.yaml file"},
			added: []string{}, removed: []string{}, validity: []string{"", ""},
		},
		{
			name: "validity changes",
			old: []File{file("a.yaml", "1", "A", "pass", ok...), file("b.yaml", "2", "B", "invalid"),
				file("c.yaml", "3", "C", "invalid")},
			new: []File{file("a.yaml", "1", "A", "invalid"), file("b.yaml", "2", "B", "pass", ok...),
				file("c.yaml", "3", "C", "invalid")},
			pairs: []string{"a.yaml→a.yaml agency", "b.yaml→b.yaml agency", "c.yaml→c.yaml agency"},
			added: []string{}, removed: []string{},
			validity: []string{BecameInvalid, BecameValid, StillInvalid}, regression: true,
		},
		{
			name:  "a removed agency is not a regression",
			old:   []File{file("a.yaml", "1", "A", "fail", "P1.1@fb:fail")},
			new:   []File{},
			pairs: []string{}, added: []string{}, removed: []string{"a.yaml"}, validity: []string{},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := Compare(rep(tc.old...), rep(tc.new...))
			pairs, validity := []string{}, []string{}
			for _, a := range res.Agencies {
				pairs = append(pairs, a.Old.File+"→"+a.New.File+" "+a.MatchedBy)
				validity = append(validity, a.Validity)
				if a.Validity != "" && len(a.Points) != 0 {
					t.Errorf("%s: cells compared although %s", a.New.File, a.Validity)
				}
			}
			refs := func(rs []Ref) []string {
				out := []string{}
				for _, r := range rs {
					out = append(out, r.File)
				}
				return out
			}
			for what, d := range map[string]string{
				"pairs":    cmp.Diff(tc.pairs, pairs),
				"added":    cmp.Diff(tc.added, refs(res.Added)),
				"removed":  cmp.Diff(tc.removed, refs(res.Removed)),
				"validity": cmp.Diff(tc.validity, validity),
			} {
				if d != "" {
					t.Errorf("%s (-want +got):\n%s", what, d)
				}
			}
			if res.Summary.Regression != tc.regression {
				t.Errorf("regression %v, want %v", res.Summary.Regression, tc.regression)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ name, doc, want string }{
		{"empty", ``, "not an smcheck JSON report"},
		{"not JSON", "{\n\"report_version\": \"1\",\n x}", "line 3"},
		{"SARIF", `{"version": "2.1.0", "runs": []}`, `no "report_version"`},
		{"a baseline", `{"baseline_version": "1", "findings": []}`, `no "report_version"`},
		{"version 2", `{"report_version": "2", "files": []}`, `report_version "2" is not supported: this smcheck reads "1"`},
		{"no files", `{"report_version": "1"}`, `no "files" list`},
		{"files not a list", `{"report_version": "1", "files": {}}`, "files is a JSON object"},
		{"no file name", `{"report_version": "1", "files": [{"outcome": "pass"}]}`, `files[0]: "file" is missing`},
		{"bad outcome", `{"report_version": "1", "files": [{"file": "a.yaml", "outcome": "ok"}]}`, `outcome "ok"`},
		{"bad status", `{"report_version": "1", "files": [{"file": "a.yaml", "outcome": "pass", "findings": [{"requirement": "P1.1", "point": 1, "severity": "error", "status": "ok"}]}]}`,
			`files[0].findings[0] (a.yaml): status "ok"`},
		{"bad point", `{"report_version": "1", "files": [{"file": "a.yaml", "outcome": "pass", "findings": [{"requirement": "P1.1", "point": 11, "severity": "error", "status": "pass"}]}]}`,
			"point 11"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.doc))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Parse: %v, want an error containing %q", err, tc.want)
			}
		})
	}
	// Fields diff does not know are ignored (docs/json-report.md asks readers to).
	if _, err := Parse([]byte(`{"report_version": "1", "new_field": 1, "files": [{"file": "a.yaml", "outcome": "pass", "x": 2}]}`)); err != nil {
		t.Errorf("unknown fields: %v", err)
	}
}

func TestWriteFormats(t *testing.T) {
	old := rep(file("a.yaml", "1", "A", "fail", "P4.5@fb:pass", "P4.5@ig:pass", "P5.7@agency:fail:warning"),
		file("gone.yaml", "2", "Gone", "pass", "P1.1@fb:pass"))
	new := rep(file("a.yaml", "1", "A", "fail", "P4.5@fb:fail", "P4.5@ig:pass", "P5.7@agency:pass:warning"),
		file("new.yaml", "3", "New | Pipe", "invalid"))
	old.Path, new.Path = "old.json", "new.json"
	new.Tool.PolicySHA256 = "other"
	res := Compare(old, new)

	var table bytes.Buffer
	if err := Write(&table, res, "table"); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"old  old.json: 2 files", "The policies differ",
		"| a.yaml | A      | P4      | 100% ok | 50% FAIL | -50 worse   |",
		"| P5      | 0% warn | 100% ok  | +100 better |", "| overall | 66%     | 66%      | unchanged   |",
		"New failures (1):", "FAIL P4.5  fb  a.yaml  P4.5 title: P4.5 message (was passed)",
		"Fixed (1):", "warn P5.7  agency  a.yaml  P5.7 title: P5.7 message (now passed)",
		"Agencies added (1):\n  new.yaml — New | Pipe: invalid (0 input errors)",
		"Agencies removed (1):\n  gone.yaml — Gone: pass, 100% compliant",
		"1 agency compared, 1 added, 1 removed, 0 became invalid, 0 became valid; cells: 1 better, 1 worse; failures: 1 new, 1 fixed. Regression: yes",
	} {
		if !strings.Contains(table.String(), want) {
			t.Errorf("table lacks %q\n%s", want, table.String())
		}
	}

	var md bytes.Buffer
	if err := Write(&md, res, "markdown"); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"## Compliance diff", "| `a.yaml` | A | P4 | 100% ok | 50% FAIL | ⬇️ -50 worse |",
		"| ❌ | P4.5 P4.5 title | `fb` | A | `a.yaml` | P4.5 message | passed |",
		"| added | `new.yaml` | New \\| Pipe | invalid (0 input errors) |",
	} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("markdown lacks %q\n%s", want, md.String())
		}
	}

	var js bytes.Buffer
	if err := Write(&js, res, "json"); err != nil {
		t.Fatal(err)
	}
	validateSchema(t, js.Bytes())
	var doc map[string]any
	if err := json.Unmarshal(js.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc["diff_version"] != "1" || doc["policies_changed"] != true {
		t.Errorf("json head: %v %v", doc["diff_version"], doc["policies_changed"])
	}

	// Swedish labels follow the new report's language.
	new.Lang = "sv"
	var sv bytes.Buffer
	if err := Write(&sv, Compare(old, new), "table"); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Jämförelse av efterlevnad", "Nya brister (1):", "Försämring: ja", "(var uppfyllt)"} {
		if !strings.Contains(sv.String(), want) {
			t.Errorf("Swedish table lacks %q\n%s", want, sv.String())
		}
	}

	// No change at all.
	var same bytes.Buffer
	if err := Write(&same, Compare(old, old), "table"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(same.String(), "No changes.") || !strings.Contains(same.String(), "Regression: no") {
		t.Errorf("diff of a report with itself:\n%s", same.String())
	}
	if err := Write(&same, res, "html"); err == nil {
		t.Error("unknown format accepted")
	}
}

func validateSchema(t *testing.T, out []byte) {
	t.Helper()
	data, err := os.ReadFile("diff.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("diff.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("diff.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Validate(inst); err != nil {
		t.Errorf("diff json does not validate against diff.schema.json: %v", err)
	}
}

// TestWriteMovedFile: an agency whose file moved shows its old path below
// the new one; in Markdown each path is its own code span.
func TestWriteMovedFile(t *testing.T) {
	res := Compare(rep(file("old/a.yaml", "1", "A", "pass", "P4.5@fb:pass")), rep(file("new/a.yaml", "1", "A", "fail", "P4.5@fb:fail")))
	var md, table bytes.Buffer
	if err := Write(&md, res, "markdown"); err != nil {
		t.Fatal(err)
	}
	if want := "| `new/a.yaml`<br>(was `old/a.yaml`) | A | P4 |"; !strings.Contains(md.String(), want) {
		t.Errorf("markdown lacks %q\n%s", want, md.String())
	}
	if err := Write(&table, res, "table"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(table.String(), "(was old/a.yaml)") {
		t.Errorf("table lacks the old path\n%s", table.String())
	}
}
