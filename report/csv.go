package report

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/smcheck/smcheck/checks"
	"github.com/smcheck/smcheck/checks/catalog"
)

// The csv formats are for spreadsheets and scripts: RFC 4180 (encoding/csv
// with CRLF record ends), UTF-8 without a byte order mark, one header row. Column names are English in
// every language; the text columns (title, message, remediation) follow
// Meta.Lang. Rows are written and flushed per file.
//
// "csv" has one row per finding, per input issue (status input_error or
// input_warning, the IN code in requirement) and per unused waiver (status
// unused_waiver). "csv-summary" has one row per file.
//
// Text that came from an input file and begins with = + - @ or a tab could
// be run as a formula by a spreadsheet; such cells get a leading apostrophe.

func init() {
	Register("csv", func(w io.Writer, o Options) Writer { return &csvWriter{w: newCSV(w)} })
	Register("csv-summary", func(w io.Writer, o Options) Writer { return &csvWriter{w: newCSV(w), summary: true} })
}

func newCSV(w io.Writer) *csv.Writer {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	return cw
}

var csvFindingHeader = []string{
	"file", "agency", "requirement", "point", "severity", "status", "target", "title", "message",
	"remediation", "references", "path", "line", "column", "waiver_justification", "waiver_expires",
	"waiver_approved_by",
}

var csvSummaryHeader = []string{
	"file", "agency", "outcome", "eval_date",
	"p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9", "p10", "overall",
	"failed_errors", "failed_warnings", "waived", "input_errors", "input_warnings", "unused_waivers",
}

// Statuses of rows that are not compliance findings.
const (
	csvInputError   = "input_error"
	csvInputWarning = "input_warning"
	csvUnusedWaiver = "unused_waiver"
)

type csvWriter struct {
	w       *csv.Writer
	summary bool
	lang    string
	failOn  string
}

func (c *csvWriter) Start(m *Meta) error {
	c.lang, c.failOn = "en", "error"
	if m != nil {
		c.lang = m.Lang
		if m.FailOn != "" {
			c.failOn = m.FailOn
		}
	}
	if c.summary {
		return c.write(csvSummaryHeader)
	}
	return c.write(csvFindingHeader)
}

func (c *csvWriter) write(rec []string) error {
	return c.w.Write(rec)
}

func (c *csvWriter) Add(r *checks.Result) error {
	var err error
	if c.summary {
		err = c.addSummary(r)
	} else {
		err = c.addFindings(r)
	}
	if err != nil {
		return err
	}
	c.w.Flush()
	return c.w.Error()
}

func (c *csvWriter) End(*Summary) error {
	c.w.Flush()
	return c.w.Error()
}

func (c *csvWriter) addFindings(r *checks.Result) error {
	file, agency := csvSafe(r.File), csvSafe(r.Agency)
	if r.Error != "" {
		rec := []string{file, agency, "", "", "error", csvInputError, "", "", csvSafe(r.Error), "", "", "", "", "", "", "", ""}
		if err := c.write(rec); err != nil {
			return err
		}
	}
	for _, i := range r.Issues {
		status := csvInputWarning
		if i.IsError() {
			status = csvInputError
		}
		rec := []string{file, agency, i.Code, "", i.Level, status, "", "", csvSafe(i.MessageIn(c.lang)), csvSafe(i.HintIn(c.lang)), "",
			i.Path, csvInt(i.Line), csvInt(i.Column), "", "", ""}
		if err := c.write(rec); err != nil {
			return err
		}
	}
	for _, f := range r.Findings {
		var just, expires, approver string
		if f.Waiver != nil {
			just, expires, approver = csvSafe(f.Waiver.Justification), f.Waiver.Expires, csvSafe(f.Waiver.ApprovedBy)
		}
		rec := []string{file, agency, f.ID, strconv.Itoa(f.Point), f.Severity, f.Status, f.Target,
			csvSafe(Title(f, c.lang)), csvSafe(Message(f, c.lang)), csvSafe(Remediation(f, c.lang)),
			csvSafe(strings.Join(f.References, "; ")), f.Path, csvInt(f.Line), csvInt(f.Column),
			just, expires, approver}
		if err := c.write(rec); err != nil {
			return err
		}
	}
	for _, u := range r.UnusedWaivers {
		point := ""
		if p, _ := catalog.Order(u.Requirement); p >= 1 && p <= 10 {
			point = strconv.Itoa(p)
		}
		msg := Text(c.lang, "the waiver matched no failing finding", "undantaget motsvarar inget underkänt resultat")
		rec := []string{file, agency, csvSafe(u.Requirement), point, "", csvUnusedWaiver, csvSafe(u.Target), "", msg, "", "",
			"waivers[" + strconv.Itoa(u.Index) + "]", csvInt(u.Line), csvInt(u.Column), "", csvSafe(u.Expires), ""}
		if err := c.write(rec); err != nil {
			return err
		}
	}
	return nil
}

func (c *csvWriter) addSummary(r *checks.Result) error {
	scores := Scores(r)
	counts := CountFile(r)
	rec := []string{csvSafe(r.File), csvSafe(r.Agency), r.Outcome(c.failOn), r.EvalDate}
	for _, p := range scores {
		rec = append(rec, csvPct(p.Percent()))
	}
	rec = append(rec, csvPct(Overall(scores)),
		strconv.Itoa(counts.FailedErrors), strconv.Itoa(counts.FailedWarnings), strconv.Itoa(counts.Waived),
		strconv.Itoa(counts.InputErrors), strconv.Itoa(counts.InputWarnings), strconv.Itoa(len(r.UnusedWaivers)))
	return c.write(rec)
}

// csvPct is a compliance percentage with one decimal, rounded down so that
// 100.0 means fully compliant; empty when nothing applied.
func csvPct(pct float64, ok bool) string {
	if !ok {
		return ""
	}
	return strconv.FormatFloat(float64(int(pct*10+1e-9))/10, 'f', 1, 64)
}

func csvInt(n int) string {
	if n <= 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// csvSafe keeps a spreadsheet from reading text as a formula.
func csvSafe(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
