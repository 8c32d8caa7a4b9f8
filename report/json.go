package report

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"

	"github.com/smcheck/smcheck/checks"
	"github.com/smcheck/smcheck/checks/baseline"
)

// JSONReportVersion is the version of the "json" format. It is bumped on any
// breaking change (a field removed, renamed or retyped, or a change of
// meaning); new optional fields do not bump it. See docs/json-report.md.
const JSONReportVersion = "1"

// JSONReportSchema is the JSON Schema (draft 2020-12) of the "json" format.
//
//go:embed json-report.schema.json
var JSONReportSchema []byte

func init() {
	Register("json", func(w io.Writer, o Options) Writer { return &jsonWriter{w: w, o: o} })
}

// The structs below are the format: their field order is the output order.
// They are separate from checks.Result so that the format changes only on
// purpose.

type jsonTool struct {
	Name         string `json:"name"`
	Version      string `json:"version"`
	Commit       string `json:"commit"`
	OPAVersion   string `json:"opa_version"`
	PolicySHA256 string `json:"policy_sha256"`
}

type jsonFile struct {
	File           string     `json:"file"`
	SHA256         string     `json:"sha256"`
	Agency         string     `json:"agency"`
	OrgNumber      string     `json:"org_number"`
	EvalDate       string     `json:"eval_date"`
	EvalDateSource string     `json:"eval_date_source"`
	Outcome        string     `json:"outcome"`
	Error          string     `json:"error,omitempty"`
	Counts         jsonCounts `json:"counts"`
	// Config is every effective threshold with where it was set; absent when
	// the file could not be read.
	Config        map[string]jsonSetting `json:"config,omitempty"`
	InputIssues   []jsonIssue            `json:"input_issues"`
	Findings      []jsonFinding          `json:"findings"`
	UnusedWaivers []jsonUnusedWaiver     `json:"unused_waivers"`
}

type jsonSetting struct {
	Value  any    `json:"value"`
	Source string `json:"source"`
}

type jsonCounts struct {
	FailedErrors   int `json:"failed_errors"`
	FailedWarnings int `json:"failed_warnings"`
	Passed         int `json:"passed"`
	Waived         int `json:"waived"`
	NotApplicable  int `json:"not_applicable"`
	InputErrors    int `json:"input_errors"`
	InputWarnings  int `json:"input_warnings"`
}

type jsonIssue struct {
	Code    string `json:"code"`
	Level   string `json:"level"`
	Path    string `json:"path"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
	Hint    string `json:"hint"`
}

type jsonFinding struct {
	Requirement string      `json:"requirement"`
	Point       int         `json:"point"`
	Severity    string      `json:"severity"`
	Status      string      `json:"status"`
	Target      string      `json:"target"`
	Title       string      `json:"title"`
	Message     string      `json:"message"`
	Remediation string      `json:"remediation"`
	References  []string    `json:"references"`
	Path        string      `json:"path"`
	File        string      `json:"file"`
	Line        int         `json:"line"`
	Column      int         `json:"column"`
	Fingerprint string      `json:"fingerprint"`
	Baseline    string      `json:"baseline,omitempty"`
	Waiver      *jsonWaiver `json:"waiver,omitempty"`
}

type jsonWaiver struct {
	Index         int    `json:"index"`
	Justification string `json:"justification"`
	ApprovedBy    string `json:"approved_by"`
	ApprovedDate  string `json:"approved_date"`
	Expires       string `json:"expires"`
}

type jsonUnusedWaiver struct {
	Index       int    `json:"index"`
	Requirement string `json:"requirement"`
	Target      string `json:"target"`
	Expires     string `json:"expires"`
	File        string `json:"file"`
	Line        int    `json:"line"`
	Column      int    `json:"column"`
}

// jsonBaseline is the comparison with a --baseline file. Fixed entries have
// the shape of the baseline file's entries (checks/baseline.Entry).
type jsonBaseline struct {
	File       string           `json:"file"`
	New        int              `json:"new"`
	Unchanged  int              `json:"unchanged"`
	Fixed      []baseline.Entry `json:"fixed"`
	NotChecked int              `json:"not_checked"`
}

type jsonSummary struct {
	Files    int        `json:"files"`
	Passed   int        `json:"passed_files"`
	Failed   int        `json:"failed_files"`
	Invalid  int        `json:"invalid_files"`
	Outcome  string     `json:"outcome"`
	Findings jsonCounts `json:"findings"`
}

// jsonWriter streams one document: the run's header at Start, one element of
// "files" per Add, and "summary" (after "files", since it is known only at
// the end) at End.
type jsonWriter struct {
	w io.Writer
	o Options
	m *Meta
	n int
}

// jsonIndent is the indentation of the document; file objects sit at depth 2.
const jsonIndent = "  "

// marshalJSON encodes v indented at the given prefix, without HTML escaping
// and without a trailing newline.
func marshalJSON(v any, prefix string) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, jsonIndent)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

func (j *jsonWriter) Start(m *Meta) error {
	j.m = m
	var asOf *string
	if m.AsOf != "" {
		asOf = &m.AsOf
	}
	fields := []struct {
		key string
		val any
	}{
		{"report_version", JSONReportVersion},
		{"tool", jsonTool{Name: m.Tool, Version: m.Version, Commit: m.Commit, OPAVersion: m.OPAVersion, PolicySHA256: m.PolicySHA256}},
		{"as_of", asOf},
		{"fail_on", m.FailOn},
		{"lang", langOf(m)},
	}
	var buf bytes.Buffer
	buf.WriteString("{\n")
	for _, f := range fields {
		b, err := marshalJSON(f.val, jsonIndent)
		if err != nil {
			return err
		}
		fmt.Fprintf(&buf, "%s%q: %s,\n", jsonIndent, f.key, b)
	}
	buf.WriteString(jsonIndent + `"files": [`)
	_, err := j.w.Write(buf.Bytes())
	return err
}

func (j *jsonWriter) Add(r *checks.Result) error {
	b, err := marshalJSON(jsonFileOf(r, j.m), jsonIndent+jsonIndent)
	if err != nil {
		return err
	}
	sep := ",\n"
	if j.n == 0 {
		sep = "\n"
	}
	j.n++
	_, err = fmt.Fprintf(j.w, "%s%s%s", sep, jsonIndent+jsonIndent, b)
	return err
}

func (j *jsonWriter) End(s *Summary) error {
	b, err := marshalJSON(jsonSummary{
		Files: s.Files, Passed: s.Passed, Failed: s.Failed, Invalid: s.Invalid,
		Outcome: runOutcome(s), Findings: jsonCountsOf(s.Findings),
	}, jsonIndent)
	if err != nil {
		return err
	}
	closing := "]"
	if j.n > 0 {
		closing = "\n" + jsonIndent + "]"
	}
	if bs := s.Baseline; bs != nil {
		fixed := bs.Fixed
		if fixed == nil {
			fixed = []baseline.Entry{}
		}
		bb, err := marshalJSON(jsonBaseline{File: bs.File, New: bs.New, Unchanged: bs.Unchanged, Fixed: fixed, NotChecked: bs.NotChecked}, jsonIndent)
		if err != nil {
			return err
		}
		closing += ",\n" + jsonIndent + `"baseline": ` + string(bb)
	}
	_, err = fmt.Fprintf(j.w, "%s,\n%s\"summary\": %s\n}\n", closing, jsonIndent, b)
	return err
}

// runOutcome is the summary's outcome; a run of no files passes.
func runOutcome(s *Summary) string {
	if s.Outcome == "" {
		return checks.OutcomePass
	}
	return s.Outcome
}

func langOf(m *Meta) string {
	if m.Lang == "" {
		return "en"
	}
	return m.Lang
}

// jsonCountsOf converts explicitly: a change to Counts fails to compile here
// instead of silently changing the documented format.
func jsonCountsOf(c Counts) jsonCounts { return jsonCounts(c) }

func jsonFileOf(r *checks.Result, m *Meta) jsonFile {
	lang := langOf(m)
	f := jsonFile{
		File: r.File, SHA256: r.SHA256, Agency: r.Agency, OrgNumber: r.OrgNumber,
		EvalDate: r.EvalDate, EvalDateSource: r.EvalDateSource,
		Outcome: r.Outcome(m.FailOn), Error: r.Error,
		Counts:        jsonCountsOf(CountFile(r)),
		InputIssues:   make([]jsonIssue, 0, len(r.Issues)),
		Findings:      make([]jsonFinding, 0, len(r.Findings)),
		UnusedWaivers: make([]jsonUnusedWaiver, 0, len(r.UnusedWaivers)),
	}
	if settings := Settings(r, false); len(settings) > 0 {
		f.Config = make(map[string]jsonSetting, len(settings))
		for _, st := range settings {
			f.Config[st.Key] = jsonSetting{Value: st.Value, Source: st.Source}
		}
	}
	for _, i := range r.Issues {
		f.InputIssues = append(f.InputIssues, jsonIssue{
			Code: i.Code, Level: i.Level, Path: i.Path, Line: i.Line, Column: i.Column,
			Message: i.MessageIn(lang), Hint: i.HintIn(lang),
		})
	}
	for _, x := range r.Findings {
		jf := jsonFinding{
			Requirement: x.ID, Point: x.Point, Severity: x.Severity, Status: x.Status,
			Target: x.Target, Title: Title(x, lang), Message: Message(x, lang),
			Remediation: Remediation(x, lang), References: x.References,
			Path: x.Path, File: r.File, Line: x.Line, Column: x.Column,
			Fingerprint: x.Fingerprint, Baseline: x.Baseline,
		}
		if jf.References == nil {
			jf.References = []string{}
		}
		if w := x.Waiver; w != nil {
			jf.Waiver = &jsonWaiver{
				Index: w.Index, Justification: w.Justification, ApprovedBy: w.ApprovedBy,
				ApprovedDate: w.ApprovedDate, Expires: w.Expires,
			}
		}
		f.Findings = append(f.Findings, jf)
	}
	for _, u := range r.UnusedWaivers {
		f.UnusedWaivers = append(f.UnusedWaivers, jsonUnusedWaiver{
			Index: u.Index, Requirement: u.Requirement, Target: u.Target, Expires: u.Expires,
			File: r.File, Line: u.Line, Column: u.Column,
		})
	}
	return f
}
