// Package report writes results in every output format. Each format is one
// file behind the Writer interface; adding a format touches no other format.
// Writers receive results one file at a time, in path order, so a batch of
// thousands never has to be held in memory by formats that can stream.
package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/smcheck/smcheck/checks"
	"github.com/smcheck/smcheck/checks/baseline"
	"github.com/smcheck/smcheck/checks/catalog"
)

// Meta describes the run; it is the same for every file.
type Meta struct {
	Tool         string
	Version      string
	Commit       string
	OPAVersion   string
	PolicySHA256 string
	// AsOf is the --as-of date, "" when each file's own date was used.
	AsOf   string
	FailOn string
	// Lang is "en" or "sv".
	Lang    string
	Catalog *catalog.Catalog
	// Baseline is the --baseline file the run is compared with, "" if none.
	// Failed findings then have Finding.Baseline set, and Summary.Baseline
	// says what was fixed.
	Baseline string
}

// Writer writes one format. Start is called once, Add once per file in path
// order, End once with the run's summary.
type Writer interface {
	Start(m *Meta) error
	Add(r *checks.Result) error
	End(s *Summary) error
}

// Options are the presentation switches common to all formats.
type Options struct {
	// Quiet shows only failures (table) and no progress.
	Quiet bool
	// Color enables ANSI colour (table on a terminal, NO_COLOR unset).
	Color bool
	// Width is the terminal width for wrapping (0: 100).
	Width int
	// Root is the directory that artifact paths are made relative to (SARIF).
	Root string
}

// Factory makes a writer of one format that writes to w.
type Factory func(w io.Writer, o Options) Writer

var registry = map[string]Factory{}

// Register adds a format; each format file registers itself in init.
func Register(name string, f Factory) { registry[name] = f }

// New returns a writer of the named format.
func New(name string, w io.Writer, o Options) (Writer, error) {
	f, ok := registry[name]
	if !ok {
		return nil, fmt.Errorf("unknown format %q (formats: %s)", name, strings.Join(Names(), ", "))
	}
	return f(w, o), nil
}

// Names lists the formats, sorted.
func Names() []string {
	names := make([]string, 0, len(registry))
	for n := range registry {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Summary counts a whole run. Writers get it at End; it is built by Tally.
type Summary struct {
	Files    int    `json:"files"`
	Passed   int    `json:"passed_files"`
	Failed   int    `json:"failed_files"`
	Invalid  int    `json:"invalid_files"`
	Findings Counts `json:"findings"`
	// Outcome of the run: pass, fail or invalid.
	Outcome string `json:"outcome"`
	// Baseline is the comparison with the --baseline file, nil without one.
	// The caller sets it before End.
	Baseline *baseline.Status `json:"-"`
}

// Counts of findings by status and severity.
type Counts struct {
	FailedErrors   int `json:"failed_errors"`
	FailedWarnings int `json:"failed_warnings"`
	Passed         int `json:"passed"`
	Waived         int `json:"waived"`
	NotApplicable  int `json:"not_applicable"`
	InputErrors    int `json:"input_errors"`
	InputWarnings  int `json:"input_warnings"`
}

// Tally adds one file to the summary.
func (s *Summary) Tally(r *checks.Result, failOn string) {
	s.Files++
	switch r.Outcome(failOn) {
	case checks.OutcomeInvalid:
		s.Invalid++
	case checks.OutcomeFail:
		s.Failed++
	default:
		s.Passed++
	}
	c := CountFile(r)
	s.Findings.FailedErrors += c.FailedErrors
	s.Findings.FailedWarnings += c.FailedWarnings
	s.Findings.Passed += c.Passed
	s.Findings.Waived += c.Waived
	s.Findings.NotApplicable += c.NotApplicable
	s.Findings.InputErrors += c.InputErrors
	s.Findings.InputWarnings += c.InputWarnings
	switch {
	case s.Invalid > 0:
		s.Outcome = checks.OutcomeInvalid
	case s.Failed > 0:
		s.Outcome = checks.OutcomeFail
	default:
		s.Outcome = checks.OutcomePass
	}
}

// CountFile counts one file's findings and input issues.
func CountFile(r *checks.Result) Counts {
	var c Counts
	for _, f := range r.Findings {
		switch f.Status {
		case checks.StatusFail:
			if f.Severity == "error" {
				c.FailedErrors++
			} else {
				c.FailedWarnings++
			}
		case checks.StatusPass:
			c.Passed++
		case checks.StatusWaived:
			c.Waived++
		case checks.StatusNotApplicable:
			c.NotApplicable++
		}
	}
	for _, i := range r.Issues {
		if i.IsError() {
			c.InputErrors++
		} else {
			c.InputWarnings++
		}
	}
	if r.Error != "" {
		c.InputErrors++
	}
	return c
}

// PointScore is one guideline point's result for one agency: the auditor's
// matrix cell.
type PointScore struct {
	Point         int
	Pass, Fail    int // requirement × target results
	Warn          int // failed warnings (included in Fail)
	Waived        int
	NotApplicable int
}

// Cell is the matrix cell's verdict: "fail" if an error-severity result
// failed, "warn" if only warnings failed, "pass" if something applied and
// nothing failed, "n/a" if nothing applied.
func (p PointScore) Cell() string {
	switch {
	case p.Fail > p.Warn:
		return "fail"
	case p.Warn > 0:
		return "warn"
	case p.Pass+p.Waived > 0:
		return "pass"
	}
	return "n/a"
}

// Percent is compliance: passed and waived results over applicable ones.
// ok is false when nothing applied.
func (p PointScore) Percent() (pct float64, ok bool) {
	total := p.Pass + p.Fail + p.Waived
	if total == 0 {
		return 0, false
	}
	return 100 * float64(p.Pass+p.Waived) / float64(total), true
}

// Scores returns the scores of points 1–10 (index 0 is point 1) of a file.
// W checks are not a guideline point and are not scored.
func Scores(r *checks.Result) [10]PointScore {
	var s [10]PointScore
	for i := range s {
		s[i].Point = i + 1
	}
	for _, f := range r.Findings {
		if f.Point < 1 || f.Point > 10 {
			continue
		}
		p := &s[f.Point-1]
		switch f.Status {
		case checks.StatusPass:
			p.Pass++
		case checks.StatusFail:
			p.Fail++
			if f.Severity != "error" {
				p.Warn++
			}
		case checks.StatusWaived:
			p.Waived++
		case checks.StatusNotApplicable:
			p.NotApplicable++
		}
	}
	return s
}

// Overall is a file's compliance over all points, like PointScore.Percent.
func Overall(scores [10]PointScore) (pct float64, ok bool) {
	var sum PointScore
	for _, p := range scores {
		sum.Pass += p.Pass
		sum.Fail += p.Fail
		sum.Waived += p.Waived
	}
	return sum.Percent()
}

// Text picks the language's text.
func Text(lang, en, sv string) string {
	if lang == "sv" && sv != "" {
		return sv
	}
	return en
}

// Message is a finding's messages in the language, joined.
func Message(f checks.Finding, lang string) string {
	parts := make([]string, 0, len(f.Messages))
	for _, m := range f.Messages {
		parts = append(parts, Text(lang, m.EN, m.SV))
	}
	return strings.Join(parts, "; ")
}

// Title is a finding's title in the language.
func Title(f checks.Finding, lang string) string { return Text(lang, f.Title, f.TitleSV) }

// Remediation is a finding's fix in the language.
func Remediation(f checks.Finding, lang string) string {
	return Text(lang, f.Remediation.EN, f.Remediation.SV)
}

// Location is file:line:column, or the file alone when there is no line.
func Location(file string, line, col int) string {
	switch {
	case line <= 0:
		return file
	case col <= 0:
		return fmt.Sprintf("%s:%d", file, line)
	}
	return fmt.Sprintf("%s:%d:%d", file, line, col)
}

// Setting is one effective threshold (requirements.md §4) and where its value
// came from: "default", "input" (the agency file's config:) or "runner"
// (--config).
type Setting struct {
	Key    string
	Value  any
	Source string
}

// Settings are the file's effective thresholds, sorted by key; with
// changedOnly, those not at their default. requirements.md §1: "The report
// lists effective values and marks those set in the input file."
func Settings(r *checks.Result, changedOnly bool) []Setting {
	out := make([]Setting, 0, len(r.Config))
	for k, v := range r.Config {
		src := r.ConfigSource[k]
		if changedOnly && src == "default" {
			continue
		}
		out = append(out, Setting{Key: k, Value: v, Source: src})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// SettingText is "key = value", a list's items joined by ", ".
func SettingText(s Setting) string {
	v := fmt.Sprint(s.Value)
	if list, ok := s.Value.([]any); ok {
		items := make([]string, len(list))
		for i, e := range list {
			items[i] = fmt.Sprint(e)
		}
		v = "[" + strings.Join(items, ", ") + "]"
	}
	return s.Key + " = " + v
}

// SettingsLine names the thresholds not at their default and where they
// were set, for the human formats; "" when all are defaults.
func SettingsLine(r *checks.Result, lang string) string {
	var input, runner []string
	for _, s := range Settings(r, true) {
		if s.Source == "runner" {
			runner = append(runner, SettingText(s))
		} else {
			input = append(input, SettingText(s))
		}
	}
	var parts []string
	if len(input) > 0 {
		parts = append(parts, Text(lang, "thresholds set in the file: ", "tröskelvärden satta i filen: ")+strings.Join(input, "; "))
	}
	if len(runner) > 0 {
		parts = append(parts, Text(lang, "thresholds set by --config: ", "tröskelvärden satta med --config: ")+strings.Join(runner, "; "))
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, "; ") + Text(lang, " (the others are defaults)", " (övriga är standardvärden)")
}
