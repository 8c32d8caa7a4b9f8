// Package diff compares two JSON reports (smcheck check -f json=…) for
// auditors: per agency and guideline point, what got better and what got
// worse, which failures are new and which are fixed, which agencies were
// added or removed and which files became invalid (smcheck diff;
// docs/diff.md).
//
// Scores are report.Scores of each report's findings, so the percentages are
// the ones `smcheck check -f matrix` shows.
package diff

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"

	"github.com/smcheck/smcheck/internal/jsonerr"

	"github.com/smcheck/smcheck/checks"
	"github.com/smcheck/smcheck/report"
)

// Report is the part of a JSON report (report_version 1) that diff reads.
// Unknown fields are ignored, as docs/json-report.md asks of readers.
type Report struct {
	// Path is the report file as given.
	Path          string  `json:"-"`
	ReportVersion *string `json:"report_version"`
	Tool          struct {
		Name         string `json:"name"`
		Version      string `json:"version"`
		PolicySHA256 string `json:"policy_sha256"`
	} `json:"tool"`
	AsOf   *string `json:"as_of"`
	FailOn string  `json:"fail_on"`
	Lang   string  `json:"lang"`
	Files  []File  `json:"files"`
}

// File is one agency file of a report.
type File struct {
	File      string `json:"file"`
	Agency    string `json:"agency"`
	OrgNumber string `json:"org_number"`
	EvalDate  string `json:"eval_date"`
	Outcome   string `json:"outcome"`
	Counts    struct {
		InputErrors int `json:"input_errors"`
	} `json:"counts"`
	Findings []Finding `json:"findings"`
}

// Finding is one requirement × target result of a report.
type Finding struct {
	Requirement string `json:"requirement"`
	Point       int    `json:"point"`
	Severity    string `json:"severity"`
	Status      string `json:"status"`
	Target      string `json:"target"`
	Title       string `json:"title"`
	Message     string `json:"message"`
	Path        string `json:"path"`
	Line        int    `json:"line"`
}

// Version is the report_version diff reads.
const Version = report.JSONReportVersion

// Load reads and checks a JSON report.
func Load(path string) (*Report, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("cannot read the report: %w", err)
	}
	r, err := Parse(data)
	if err != nil {
		return nil, err
	}
	r.Path = path
	return r, nil
}

// Parse decodes and checks a JSON report.
func Parse(data []byte) (*Report, error) {
	var r Report
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("not an smcheck JSON report: %s", jsonerr.Describe(data, err))
	}
	switch {
	case r.ReportVersion == nil:
		return nil, errors.New(`not an smcheck JSON report: no "report_version" (write one with smcheck check -f json=FILE)`)
	case *r.ReportVersion != Version:
		return nil, fmt.Errorf("report_version %q is not supported: this smcheck reads %q", *r.ReportVersion, Version)
	case r.Files == nil:
		return nil, errors.New(`not an smcheck JSON report: no "files" list`)
	}
	for i, f := range r.Files {
		if f.File == "" {
			return nil, fmt.Errorf("files[%d]: \"file\" is missing", i)
		}
		switch f.Outcome {
		case checks.OutcomePass, checks.OutcomeFail, checks.OutcomeInvalid:
		default:
			return nil, fmt.Errorf("files[%d] (%s): outcome %q is not pass, fail or invalid", i, f.File, f.Outcome)
		}
		for j, x := range f.Findings {
			var problem string
			switch {
			case x.Requirement == "":
				problem = "requirement is missing"
			case x.Point < 0 || x.Point > 10:
				problem = fmt.Sprintf("point %d is not 0–10", x.Point)
			case x.Status != checks.StatusPass && x.Status != checks.StatusFail &&
				x.Status != checks.StatusNotApplicable && x.Status != checks.StatusWaived:
				problem = fmt.Sprintf("status %q is not pass, fail, not_applicable or waived", x.Status)
			case x.Severity != "error" && x.Severity != "warning":
				problem = fmt.Sprintf("severity %q is not error or warning", x.Severity)
			}
			if problem != "" {
				return nil, fmt.Errorf("files[%d].findings[%d] (%s): %s", i, j, f.File, problem)
			}
		}
	}
	return &r, nil
}

// Changes of a cell or of an agency's overall compliance.
const (
	Better    = "better"
	Worse     = "worse"
	Unchanged = "unchanged"
)

// How two files were recognised as the same agency, in the order tried.
const (
	ByAgency = "agency" // same org_number and name
	ByFile   = "file"   // same path (the agency was renamed, or is invalid)
	ByName   = "name"   // same name, one report without org_number
)

// Result is the comparison of two reports.
type Result struct {
	Old, New *Report
	// PoliciesChanged: the reports were made with different policies, so
	// some changes may come from changed rules, not changed files.
	PoliciesChanged bool
	// Agencies are the files found in both reports, by new file path.
	Agencies []Agency
	// Added and Removed are files of only the new or only the old report,
	// by path.
	Added, Removed []Ref
	Summary        Summary
}

// Ref names a file of one report.
type Ref struct {
	File, Agency, OrgNumber, Outcome string
	InputErrors                      int
	// Overall is the file's compliance (nil when invalid or nothing applied).
	Overall *int
}

// Score is a cell: report.PointScore's counts, the matrix's text and the
// whole percent (nil when nothing applied).
type Score struct {
	Cell    string
	Text    string
	Percent *int
	report.PointScore
}

// PointChange is one agency × point cell in both reports.
type PointChange struct {
	Point    int
	Old, New Score
	// Delta is New.Percent - Old.Percent, nil unless both are set.
	Delta  *int
	Change string
}

// OverallChange is an agency's compliance over all points in both reports.
type OverallChange struct {
	Old, New *int
	Delta    *int
	Change   string
}

// FindingChange is a failure that is new or fixed.
type FindingChange struct {
	Requirement string
	Point       int
	Severity    string
	Target      string
	Title       string
	Message     string
	Path        string
	Line        int
	// Other is the same requirement and target's status in the other
	// report: for a new failure what it was, for a fixed one what it is
	// now; "absent" when the other report has no such result.
	Other string
}

// Absent is FindingChange.Other when the other report has no such result.
const Absent = "absent"

// Validity changes of an agency.
const (
	BecameInvalid = "became_invalid"
	BecameValid   = "became_valid"
	StillInvalid  = "invalid"
)

// Agency is a file found in both reports.
type Agency struct {
	Old, New  Ref
	MatchedBy string
	// Validity is "" (valid in both), BecameInvalid, BecameValid or
	// StillInvalid. Cells and findings are compared only when valid in both.
	Validity    string
	Overall     OverallChange
	Points      []PointChange // 1–10; empty unless valid in both
	NewFailures []FindingChange
	Fixed       []FindingChange
}

// Changed reports whether anything about the agency changed.
func (a *Agency) Changed() bool {
	if a.Validity != "" && a.Validity != StillInvalid {
		return true
	}
	if a.Overall.Change != Unchanged || len(a.NewFailures) > 0 || len(a.Fixed) > 0 {
		return true
	}
	for _, p := range a.Points {
		if p.Change != Unchanged {
			return true
		}
	}
	return false
}

// Summary counts the comparison.
type Summary struct {
	Compared, Added, Removed   int
	BecameInvalid, BecameValid int
	CellsBetter, CellsWorse    int
	NewFailures, Fixed         int
	AddedFailing               int
	Regression                 bool
}

// Compare compares old with new.
func Compare(old, new *Report) *Result {
	res := &Result{Old: old, New: new, PoliciesChanged: old.Tool.PolicySHA256 != new.Tool.PolicySHA256}
	pairs, added, removed := match(old.Files, new.Files)
	for _, p := range pairs {
		a := compareFiles(&old.Files[p.old], &new.Files[p.new])
		a.MatchedBy = p.by
		res.Agencies = append(res.Agencies, a)
	}
	sort.SliceStable(res.Agencies, func(i, j int) bool {
		a, b := res.Agencies[i], res.Agencies[j]
		if a.New.File != b.New.File {
			return a.New.File < b.New.File
		}
		return a.Old.File < b.Old.File
	})
	for _, i := range added {
		res.Added = append(res.Added, refOf(&new.Files[i]))
	}
	for _, i := range removed {
		res.Removed = append(res.Removed, refOf(&old.Files[i]))
	}
	sortRefs(res.Added)
	sortRefs(res.Removed)
	s := &res.Summary
	s.Compared, s.Added, s.Removed = len(res.Agencies), len(res.Added), len(res.Removed)
	for _, a := range res.Agencies {
		switch a.Validity {
		case BecameInvalid:
			s.BecameInvalid++
		case BecameValid:
			s.BecameValid++
		}
		for _, p := range a.Points {
			switch p.Change {
			case Better:
				s.CellsBetter++
			case Worse:
				s.CellsWorse++
			}
		}
		s.NewFailures += len(a.NewFailures)
		s.Fixed += len(a.Fixed)
	}
	for _, r := range res.Added {
		if r.Outcome != checks.OutcomePass {
			s.AddedFailing++
		}
	}
	s.Regression = s.CellsWorse > 0 || s.NewFailures > 0 || s.BecameInvalid > 0 || s.AddedFailing > 0
	return res
}

func sortRefs(rs []Ref) {
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].File < rs[j].File })
}

type pair struct {
	old, new int
	by       string
}

// match pairs the files of two reports: first by org_number and name, then
// by path, then by name where one side has no org_number (a report of an
// earlier smcheck). A key pairs files only when exactly one unpaired file on
// each side has it, so that several files of one agency are paired by path,
// and never by guess. The org_number alone pairs nothing: the committees of
// a municipality are agencies of their own that share its org_number.
func match(old, new []File) (pairs []pair, added, removed []int) {
	oldDone := make([]bool, len(old))
	newDone := make([]bool, len(new))
	keys := []struct {
		by  string
		key func(f *File) string
		ok  func(o, n *File) bool
	}{
		{ByAgency, func(f *File) string {
			if f.OrgNumber == "" || f.Agency == "" {
				return ""
			}
			return f.OrgNumber + "\x00" + f.Agency
		}, nil},
		{ByFile, func(f *File) string { return f.File }, nil},
		{ByName, func(f *File) string { return f.Agency }, func(o, n *File) bool {
			return o.OrgNumber == "" || n.OrgNumber == ""
		}},
	}
	for _, k := range keys {
		oldBy := map[string][]int{}
		for i := range old {
			if key := k.key(&old[i]); !oldDone[i] && key != "" {
				oldBy[key] = append(oldBy[key], i)
			}
		}
		newBy := map[string][]int{}
		for i := range new {
			if key := k.key(&new[i]); !newDone[i] && key != "" {
				newBy[key] = append(newBy[key], i)
			}
		}
		for key, ns := range newBy {
			if olds := oldBy[key]; len(ns) == 1 && len(olds) == 1 && (k.ok == nil || k.ok(&old[olds[0]], &new[ns[0]])) {
				pairs = append(pairs, pair{olds[0], ns[0], k.by})
				oldDone[olds[0]], newDone[ns[0]] = true, true
			}
		}
	}
	for i, done := range newDone {
		if !done {
			added = append(added, i)
		}
	}
	for i, done := range oldDone {
		if !done {
			removed = append(removed, i)
		}
	}
	return pairs, added, removed
}

// scores are report.Scores of a report file's findings.
func scores(f *File) [10]report.PointScore {
	r := &checks.Result{Findings: make([]checks.Finding, 0, len(f.Findings))}
	for _, x := range f.Findings {
		r.Findings = append(r.Findings, checks.Finding{ID: x.Requirement, Point: x.Point, Severity: x.Severity, Status: x.Status})
	}
	return report.Scores(r)
}

func wholePercent(pct float64, ok bool) *int {
	n, ok := report.WholePercent(pct, ok)
	if !ok {
		return nil
	}
	return &n
}

func refOf(f *File) Ref {
	r := Ref{File: f.File, Agency: f.Agency, OrgNumber: f.OrgNumber, Outcome: f.Outcome, InputErrors: f.Counts.InputErrors}
	if f.Outcome != checks.OutcomeInvalid {
		r.Overall = wholePercent(report.Overall(scores(f)))
	}
	return r
}

func scoreOf(p report.PointScore) Score {
	pct := wholePercent(p.Percent())
	text := report.MatrixCell(p)
	if pct != nil {
		text = fmt.Sprintf("%d%% %s", *pct, text)
	}
	return Score{Cell: p.Cell(), Text: text, Percent: pct, PointScore: p}
}

// rank orders cell verdicts: a cell with failed errors is worst; "n/a"
// ranks with "pass", since nothing fails in it.
func rank(cell string) int {
	switch cell {
	case "fail":
		return 0
	case "warn":
		return 1
	}
	return 2
}

// change classifies a cell: by verdict first (fail < warn < pass), then by
// the whole percent shown.
func change(oldCell, newCell string, oldPct, newPct *int) (string, *int) {
	var delta *int
	if oldPct != nil && newPct != nil {
		d := *newPct - *oldPct
		delta = &d
	}
	switch ro, rn := rank(oldCell), rank(newCell); {
	case rn > ro:
		return Better, delta
	case rn < ro:
		return Worse, delta
	case delta != nil && *delta > 0:
		return Better, delta
	case delta != nil && *delta < 0:
		return Worse, delta
	}
	return Unchanged, delta
}

func compareFiles(o, n *File) Agency {
	a := Agency{Old: refOf(o), New: refOf(n)}
	oldValid, newValid := o.Outcome != checks.OutcomeInvalid, n.Outcome != checks.OutcomeInvalid
	switch {
	case oldValid && !newValid:
		a.Validity = BecameInvalid
	case !oldValid && newValid:
		a.Validity = BecameValid
	case !oldValid && !newValid:
		a.Validity = StillInvalid
	}
	a.Overall = OverallChange{Old: a.Old.Overall, New: a.New.Overall, Change: Unchanged}
	if a.Validity != "" {
		return a
	}
	olds, news := scores(o), scores(n)
	for i := range olds {
		pc := PointChange{Point: i + 1, Old: scoreOf(olds[i]), New: scoreOf(news[i])}
		pc.Change, pc.Delta = change(pc.Old.Cell, pc.New.Cell, pc.Old.Percent, pc.New.Percent)
		a.Points = append(a.Points, pc)
	}
	oc, delta := change("", "", a.Old.Overall, a.New.Overall)
	a.Overall.Change, a.Overall.Delta = oc, delta
	a.NewFailures = failuresOnlyIn(n, o)
	a.Fixed = failuresOnlyIn(o, n)
	return a
}

// findingKey identifies a result within a file: there is one result per
// requirement and target.
func findingKey(x *Finding) string { return x.Requirement + "\x00" + x.Target }

// failuresOnlyIn lists the failures of f whose requirement and target do
// not fail in other, in f's order (requirement, then target).
func failuresOnlyIn(f, other *File) []FindingChange {
	status := map[string]string{}
	for i := range other.Findings {
		x := &other.Findings[i]
		if s, ok := status[findingKey(x)]; !ok || s != checks.StatusFail {
			status[findingKey(x)] = x.Status
		}
	}
	out := []FindingChange{}
	for i := range f.Findings {
		x := &f.Findings[i]
		if x.Status != checks.StatusFail {
			continue
		}
		st, ok := status[findingKey(x)]
		if st == checks.StatusFail {
			continue
		}
		if !ok {
			st = Absent
		}
		out = append(out, FindingChange{
			Requirement: x.Requirement, Point: x.Point, Severity: x.Severity, Target: x.Target,
			Title: x.Title, Message: x.Message, Path: x.Path, Line: x.Line, Other: st,
		})
	}
	return out
}
