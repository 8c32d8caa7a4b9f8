package baseline

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/smcheck/smcheck/checks"
	"github.com/smcheck/smcheck/checks/catalog"
	"github.com/smcheck/smcheck/checks/input"
)

func fp(s string) string { return checks.Fingerprint(s, "", "") }

func finding(id, target, status, severity string) checks.Finding {
	return checks.Finding{
		ID: id, Target: target, Status: status, Severity: severity, Path: "p",
		Fingerprint: checks.Fingerprint(id, target, ""),
		Messages:    []catalog.Message{{EN: id + " failed", SV: "på svenska"}, {EN: "second"}},
	}
}

func result(file, org, name string, fs ...checks.Finding) *checks.Result {
	return &checks.Result{File: file, OrgNumber: org, Agency: name, Findings: fs}
}

func TestBuilder(t *testing.T) {
	b := NewBuilder(Tool{Name: "smcheck", Version: "test", PolicySHA256: "abc"}, "2026-11-01")
	if err := b.Add(result("b.yaml", "1", "B",
		finding("P1.1", "fb", checks.StatusFail, "error"),
		finding("P1.2", "fb", checks.StatusPass, "error"),
		finding("P3.7", "fb", checks.StatusFail, "warning"),
		finding("P6.2", "fb", checks.StatusWaived, "error"),
	)); err != nil {
		t.Fatal(err)
	}
	if err := b.Add(result("a.yaml", "2", "A", finding("P7.1", "agency", checks.StatusFail, "error"))); err != nil {
		t.Fatal(err)
	}
	bad := result("c.yaml", "3", "C", finding("P7.1", "agency", checks.StatusFail, "error"))
	bad.Issues = []input.Issue{input.NewIssue("IN-06", "channels[0].platform", "bad", "")}
	if err := b.Add(bad); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("Add(invalid file) = %v, want ErrInvalidInput", err)
	}
	f := b.File()
	var got []string
	for _, e := range f.Findings {
		got = append(got, e.File+" "+e.Requirement+"@"+e.Target+" "+e.Severity)
	}
	want := []string{"a.yaml P7.1@agency error", "b.yaml P1.1@fb error", "b.yaml P3.7@fb warning"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
	if m := f.Findings[1].Message; m != "P1.1 failed; second" {
		t.Errorf("message %q, want the English messages joined", m)
	}

	var buf bytes.Buffer
	if err := Write(&buf, f); err != nil {
		t.Fatal(err)
	}
	back, err := Parse(buf.Bytes())
	if err != nil {
		t.Fatalf("Parse(Write(f)): %v\n%s", err, buf.String())
	}
	if diff := cmp.Diff(f, back); diff != "" {
		t.Errorf("round trip (-wrote +read):\n%s", diff)
	}
	if !strings.HasPrefix(buf.String(), "{\n  \"baseline_version\": \"1\",\n") || !strings.HasSuffix(buf.String(), "}\n") {
		t.Errorf("layout:\n%s", buf.String())
	}
	empty := NewBuilder(Tool{}, "").File()
	buf.Reset()
	if err := Write(&buf, empty); err != nil || !strings.Contains(buf.String(), `"findings": []`) || !strings.Contains(buf.String(), `"as_of": null`) {
		t.Errorf("empty baseline: %v\n%s", err, buf.String())
	}
}

func TestParseErrors(t *testing.T) {
	good := `"findings": [{"requirement": "P1.1", "target": "fb", "org_number": "1", "agency": "A", "fingerprint": "` + fp("x") + `"}]`
	for _, tc := range []struct {
		name, doc, want string
	}{
		{"empty", ``, "not a baseline file"},
		{"not JSON", "{\n\"baseline_version\": \"1\",\n oops}", "line 3"},
		{"a list", `[]`, "not a baseline file"},
		{"no version", `{` + good + `}`, `no "baseline_version"`},
		{"other version", `{"baseline_version": "2", ` + good + `}`, `baseline_version "2" is not supported`},
		{"version a number", `{"baseline_version": 1, ` + good + `}`, "baseline_version"},
		{"no findings", `{"baseline_version": "1"}`, `no "findings" list`},
		{"null findings", `{"baseline_version": "1", "findings": null}`, `no "findings" list`},
		{"findings not a list", `{"baseline_version": "1", "findings": {}}`, "findings"},
		{"bad fingerprint", `{"baseline_version": "1", "findings": [{"requirement": "P1.1", "agency": "A", "fingerprint": "xyz"}]}`, "findings[0] (P1.1): fingerprint"},
		{"no requirement", `{"baseline_version": "1", "findings": [{"agency": "A", "fingerprint": "` + fp("x") + `"}]}`, "requirement is missing"},
		{"no agency", `{"baseline_version": "1", "findings": [{"requirement": "P1.1", "fingerprint": "` + fp("x") + `"}]}`, "org_number and agency"},
		{"requirement a number", `{"baseline_version": "1", "findings": [{"requirement": 1}]}`, "findings.requirement is a JSON number"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.doc))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Parse: %v, want an error containing %q", err, tc.want)
			}
		})
	}
	f, err := Parse([]byte(`{"baseline_version": "1", "future_field": true, ` + good + `}`))
	if err != nil || len(f.Findings) != 1 {
		t.Errorf("unknown fields must be ignored: %v", err)
	}
}

func TestMatcher(t *testing.T) {
	entry := func(org, name, id, target string) Entry {
		return Entry{File: "old/" + name + ".yaml", OrgNumber: org, Agency: name, Requirement: id, Target: target,
			Fingerprint: checks.Fingerprint(id, target, "")}
	}
	f := &File{BaselineVersion: Version, Findings: []Entry{
		entry("1", "A", "P1.1", "fb"),
		entry("1", "A", "P3.7", "fb"),
		entry("1", "A", "P7.1", "agency"), // fixed below
		entry("1", "B", "P1.1", "fb"),     // same org number, other agency: not checked
		entry("2", "C", "P4.5", "ig"),     // agency of an invalid file: not checked
		entry("3", "D", "P1.1", "fb"),     // two files of one agency share entries
		entry("3", "D", "P1.1", "fb"),
	}}
	m := NewMatcher("baseline.json", f)
	a := result("moved/a.yaml", "1", "A",
		finding("P1.1", "fb", checks.StatusFail, "error"),
		finding("P3.7", "fb", checks.StatusFail, "warning"),
		finding("P4.5", "fb", checks.StatusFail, "error"), // new
		finding("P7.1", "agency", checks.StatusPass, "error"),
	)
	c := result("c.yaml", "2", "C", finding("P4.5", "ig", checks.StatusFail, "error"))
	c.Error = "cannot read"
	d1 := result("d1.yaml", "3", "D", finding("P1.1", "fb", checks.StatusFail, "error"))
	d2 := result("d2.yaml", "3", "D", finding("P1.1", "fb", checks.StatusFail, "error"))
	d3 := result("d3.yaml", "3", "D", finding("P1.1", "fb", checks.StatusFail, "error"))
	for _, r := range []*checks.Result{a, c, d1, d2, d3} {
		m.Mark(r)
	}
	states := func(r *checks.Result) []string {
		var s []string
		for _, f := range r.Findings {
			s = append(s, f.ID+":"+f.Baseline)
		}
		return s
	}
	if diff := cmp.Diff([]string{"P1.1:unchanged", "P3.7:unchanged", "P4.5:new", "P7.1:"}, states(a)); diff != "" {
		t.Errorf("a (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"P4.5:"}, states(c)); diff != "" {
		t.Errorf("an invalid file is left alone (-want +got):\n%s", diff)
	}
	if got := states(d1)[0] + " " + states(d2)[0] + " " + states(d3)[0]; got != "P1.1:unchanged P1.1:unchanged P1.1:new" {
		t.Errorf("two entries match two findings, the third is new: %s", got)
	}
	if a.Outcome("error") != checks.OutcomeFail || d1.Outcome("warning") != checks.OutcomePass {
		t.Errorf("outcomes: a %s (new error), d1 %s (only baselined)", a.Outcome("error"), d1.Outcome("warning"))
	}
	st := m.Status()
	if st.File != "baseline.json" || st.New != 2 || st.Unchanged != 4 || st.NotChecked != 2 {
		t.Errorf("status %+v", st)
	}
	if len(st.Fixed) != 1 || st.Fixed[0].Requirement != "P7.1" {
		t.Errorf("fixed %+v, want P7.1 only", st.Fixed)
	}
}
