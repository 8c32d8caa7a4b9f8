package report

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/smcheck/smcheck/checks"
)

func init() {
	Register("junit", func(w io.Writer, o Options) Writer { return &junitWriter{w: w, o: o} })
}

// JUnit XML as GitLab, Jenkins and the GitHub test reporters read it: one
// <testsuite> per file, one <testcase> per requirement × target, input
// problem and unused waiver. Passed results are empty test cases; failures
// (errors and warnings) are <failure>; input errors are <error>; results not
// applicable, waived results and unused waivers are <skipped>.

type junitSuites struct {
	XMLName  xml.Name `xml:"testsuites"`
	Name     string   `xml:"name,attr"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Errors   int      `xml:"errors,attr"`
	Skipped  int      `xml:"skipped,attr"`
}

type junitSuite struct {
	XMLName    xml.Name        `xml:"testsuite"`
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Properties []junitProperty `xml:"properties>property,omitempty"`
	Cases      []junitCase     `xml:"testcase"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Classname string        `xml:"classname,attr"`
	Name      string        `xml:"name,attr"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
	Skipped   *junitSkipped `xml:"skipped,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Body    string `xml:",cdata"`
}

type junitSkipped struct {
	Message string `xml:"message,attr"`
}

// junitWriter encodes each file's suite at Add. The root element's counts
// come first in the document but are known only at End, so the encoded
// suites are held until then (encoded XML, not results).
type junitWriter struct {
	w      io.Writer
	o      Options
	m      *Meta
	lang   string
	root   junitSuites
	suites bytes.Buffer
}

func (j *junitWriter) Start(m *Meta) error {
	j.m, j.lang = m, langOf(m)
	j.root = junitSuites{Name: m.Tool}
	if j.root.Name == "" {
		j.root.Name = "smcheck"
	}
	return nil
}

func (j *junitWriter) Add(r *checks.Result) error {
	s := junitSuiteOf(r, j.m, j.lang)
	b, err := xml.MarshalIndent(s, "  ", "  ")
	if err != nil {
		return err
	}
	j.suites.Write(b)
	j.suites.WriteByte('\n')
	j.root.Tests += s.Tests
	j.root.Failures += s.Failures
	j.root.Errors += s.Errors
	j.root.Skipped += s.Skipped
	return nil
}

func (j *junitWriter) End(*Summary) error {
	start, err := xml.Marshal(j.root)
	if err != nil {
		return err
	}
	// xml.Marshal writes <testsuites ...></testsuites>; put the suites between.
	end := []byte("</testsuites>")
	start = bytes.TrimSuffix(start, end)
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	buf.Write(start)
	buf.WriteByte('\n')
	buf.Write(j.suites.Bytes())
	buf.Write(end)
	buf.WriteByte('\n')
	_, err = j.w.Write(buf.Bytes())
	return err
}

func junitSuiteOf(r *checks.Result, m *Meta, lang string) junitSuite {
	s := junitSuite{Name: r.File}
	prop := func(name, value string) {
		if value != "" {
			s.Properties = append(s.Properties, junitProperty{Name: name, Value: value})
		}
	}
	prop("agency", r.Agency)
	prop("sha256", r.SHA256)
	prop("eval_date", r.EvalDate)
	prop("eval_date_source", r.EvalDateSource)
	prop("outcome", r.Outcome(m.FailOn))
	for _, st := range Settings(r, true) {
		prop("config."+st.Key, strings.TrimPrefix(SettingText(st), st.Key+" = ")+" ("+st.Source+")")
	}
	inputClass := r.File + ".input"
	if r.Error != "" {
		s.Cases = append(s.Cases, junitCase{
			Classname: inputClass, Name: "input error",
			Error: &junitProblem{Message: r.Error, Type: "error", Body: r.File + "\n" + r.Error},
		})
	}
	for _, i := range r.Issues {
		c := junitCase{Classname: inputClass, Name: "input " + i.Code + " " + i.Path}
		body := Location(r.File, i.Line, i.Column) + "\n" + i.Code + " " + inputTitle(i.Code, lang) + ": " + i.MessageIn(lang)
		if hint := i.HintIn(lang); hint != "" {
			body += "\n" + fixLabel(lang) + " " + hint
		}
		p := &junitProblem{Message: i.MessageIn(lang), Type: i.Code, Body: body}
		if i.IsError() {
			c.Error = p
		} else {
			p.Type = "warning"
			c.Failure = p
		}
		s.Cases = append(s.Cases, c)
	}
	for _, f := range r.Findings {
		class := r.File + ".W"
		if f.Point > 0 {
			class = fmt.Sprintf("%s.P%d", r.File, f.Point)
		}
		c := junitCase{Classname: class, Name: fmt.Sprintf("%s %s [%s]", f.ID, Title(f, lang), f.Target)}
		switch f.Status {
		case checks.StatusFail:
			if f.Baseline == checks.BaselineUnchanged {
				c.Skipped = &junitSkipped{Message: Text(lang, "in the baseline: ", "i baslinjen: ") + findingText(f, lang)}
				break
			}
			c.Failure = &junitProblem{Message: findingText(f, lang), Type: f.Severity, Body: junitBody(r.File, f, lang)}
		case checks.StatusNotApplicable:
			c.Skipped = &junitSkipped{Message: Text(lang, "not applicable: ", "ej tillämpligt: ") + Message(f, lang)}
		case checks.StatusWaived:
			c.Skipped = &junitSkipped{Message: waiverText(f, lang)}
		}
		s.Cases = append(s.Cases, c)
	}
	for _, u := range r.UnusedWaivers {
		s.Cases = append(s.Cases, junitCase{
			Classname: r.File + ".waivers",
			Name:      fmt.Sprintf("%s waivers[%d] %s [%s]", Text(lang, "unused waiver", "oanvänt undantag"), u.Index, u.Requirement, u.Target),
			Skipped: &junitSkipped{Message: fmt.Sprintf(Text(lang,
				"unused waiver: matches no failing finding (expires %s) at %s",
				"oanvänt undantag: matchar ingen brist (upphör %s) i %s"), u.Expires, Location(r.File, u.Line, u.Column))},
		})
	}
	for _, c := range s.Cases {
		s.Tests++
		switch {
		case c.Error != nil:
			s.Errors++
		case c.Failure != nil:
			s.Failures++
		case c.Skipped != nil:
			s.Skipped++
		}
	}
	return s
}

// waiverText describes a waived finding's waiver.
func waiverText(f checks.Finding, lang string) string {
	w := f.Waiver
	if w == nil {
		return Text(lang, "waived", "undantaget")
	}
	return fmt.Sprintf(Text(lang, "waived: %s (approved by %s, expires %s)", "undantaget: %s (godkänt av %s, upphör %s)"),
		w.Justification, w.ApprovedBy, w.Expires)
}

// junitBody is a failure's text: where, what, how to fix, references.
func junitBody(file string, f checks.Finding, lang string) string {
	var b strings.Builder
	b.WriteString(Location(file, f.Line, f.Column) + "\n")
	b.WriteString(f.ID + " " + Title(f, lang) + " [" + f.Target + "]: " + findingText(f, lang) + "\n")
	if rem := Remediation(f, lang); rem != "" {
		b.WriteString(fixLabel(lang) + " " + rem + "\n")
	}
	if len(f.References) > 0 {
		b.WriteString(Text(lang, "References: ", "Referenser: ") + strings.Join(f.References, ", ") + "\n")
	}
	return b.String()
}
