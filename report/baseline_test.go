package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/smcheck/smcheck/checks"
	"github.com/smcheck/smcheck/checks/baseline"
)

// baselineRun checks typical-gaps against a baseline of its own failures
// in which P6.2 is missing (so it is new) and that holds an extra P3.6 of
// fb-lansstyrelsen (so it is fixed), and writes format.
func baselineRun(t *testing.T, format string) ([]byte, *checks.Result) {
	t.Helper()
	orig := testResult(t, fixtureTypicalGaps)
	r := *orig
	r.Findings = append([]checks.Finding(nil), orig.Findings...)

	b := baseline.NewBuilder(baseline.Tool{Name: "smcheck", Version: "test"}, goldenAsOf)
	if err := b.Add(&r); err != nil {
		t.Fatal(err)
	}
	bl := b.File()
	kept := bl.Findings[:0]
	for _, e := range bl.Findings {
		if e.Requirement != "P6.2" {
			kept = append(kept, e)
		}
	}
	bl.Findings = append(kept, baseline.Entry{
		File: "old/typical-gaps.yaml", Agency: r.Agency, OrgNumber: r.OrgNumber,
		Requirement: "P3.6", Target: "fb-lansstyrelsen", Severity: "error", Path: "channels[0].account_owner",
		Message:     "channels[0].account_owner is private_person, not agency: the account is not registered to the agency",
		Fingerprint: checks.Fingerprint("P3.6", "fb-lansstyrelsen", "channels[id=fb-lansstyrelsen]"),
	})
	m := baseline.NewMatcher("baseline.json", bl)
	m.Mark(&r)

	meta := testMeta(t, "")
	meta.Baseline = "baseline.json"
	var buf bytes.Buffer
	w, err := New(format, &buf, Options{Root: "..", Width: 120})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Start(meta); err != nil {
		t.Fatal(err)
	}
	if err := w.Add(&r); err != nil {
		t.Fatal(err)
	}
	var s Summary
	s.Tally(&r, meta.FailOn)
	s.Baseline = m.Status()
	if err := w.End(&s); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), &r
}

func TestBaselineJSON(t *testing.T) {
	out, r := baselineRun(t, "json")
	validateJSON(t, compileSchema(t, "json-report.schema.json"), out)
	compareGolden(t, goldenPath("baseline", "typical-gaps", "json"), out)
	var doc struct {
		Files []struct {
			Outcome  string `json:"outcome"`
			Findings []struct {
				Requirement, Status, Baseline string
			} `json:"findings"`
		} `json:"files"`
		Baseline struct {
			File           string
			New, Unchanged int
			Fixed          []baseline.Entry
		} `json:"baseline"`
		Summary struct{ Outcome string } `json:"summary"`
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	fails := 0
	for _, f := range doc.Files[0].Findings {
		switch {
		case f.Status != checks.StatusFail && f.Baseline != "":
			t.Errorf("%s is %s but has baseline %q", f.Requirement, f.Status, f.Baseline)
		case f.Status == checks.StatusFail && f.Requirement == "P6.2" && f.Baseline != "new",
			f.Status == checks.StatusFail && f.Requirement != "P6.2" && f.Baseline != "unchanged":
			t.Errorf("%s: baseline %q", f.Requirement, f.Baseline)
		}
		if f.Status == checks.StatusFail {
			fails++
		}
	}
	if doc.Baseline.File != "baseline.json" || doc.Baseline.New != 1 || doc.Baseline.Unchanged != fails-1 ||
		len(doc.Baseline.Fixed) != 1 || doc.Baseline.Fixed[0].Requirement != "P3.6" {
		t.Errorf("baseline %+v", doc.Baseline)
	}
	if doc.Files[0].Outcome != "fail" || doc.Summary.Outcome != "fail" || r.Outcome("error") != "fail" {
		t.Errorf("outcome %s / %s: the new P6.2 error fails the run", doc.Files[0].Outcome, doc.Summary.Outcome)
	}
}

func TestBaselineTable(t *testing.T) {
	out, _ := baselineRun(t, "table")
	compareGolden(t, goldenPath("baseline", "typical-gaps", "txt"), out)
	s := string(out)
	for _, want := range []string{
		"(baseline)", "Fixed since the baseline (1):", "P3.6  fb-lansstyrelsen  old/typical-gaps.yaml",
		"baseline baseline.json: 1 new, 18 unchanged, 1 fixed",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("table lacks %q", want)
		}
	}
	// The new failure is the only FAIL row.
	if n := strings.Count(s, "│ FAIL "); n != 1 {
		t.Errorf("%d FAIL rows, want 1 (P6.2)", n)
	}
}

func TestBaselineSARIF(t *testing.T) {
	out, _ := baselineRun(t, "sarif")
	validateJSON(t, compileSchema(t, "testdata/sarif-2.1.0_schema.json"), out)
	log, err := sarif.FromBytes(out)
	if err != nil {
		t.Fatal(err)
	}
	states := map[string]int{}
	for _, res := range log.Runs[0].Results {
		if res.BaselineState == nil {
			t.Fatalf("result %s has no baselineState: SARIF wants it on all results once one has it", *res.RuleID)
		}
		states[*res.BaselineState]++
		if *res.RuleID == "P6.2" && *res.BaselineState != "new" {
			t.Errorf("P6.2 is %s, want new", *res.BaselineState)
		}
	}
	if states["unchanged"] != 18 || states["absent"] != 0 {
		t.Errorf("baseline states %v", states)
	}
	if log.Runs[0].Properties["baseline"] != "baseline.json" {
		t.Errorf("run properties %v", log.Runs[0].Properties)
	}
}

func TestBaselineOtherFormats(t *testing.T) {
	gh, _ := baselineRun(t, "github")
	if n := strings.Count(string(gh), "::error "); n != 1 {
		t.Errorf("github: %d errors, want 1 (the new P6.2)\n%s", n, gh)
	}
	if !strings.Contains(string(gh), "(baseline)") {
		t.Error("github: baselined findings are not marked")
	}
	ju, _ := baselineRun(t, "junit")
	if !strings.Contains(string(ju), "in the baseline: ") || strings.Count(string(ju), "<failure ") != 1 {
		t.Errorf("junit: want one failure (P6.2) and baselined findings skipped")
	}
	md, _ := baselineRun(t, "markdown")
	if !strings.Contains(string(md), "(baseline)") || !strings.Contains(string(md), "Baseline `baseline.json`: 1 new, 18 unchanged, 1 fixed") {
		t.Errorf("markdown lacks the baseline:\n%s", md)
	}
}
