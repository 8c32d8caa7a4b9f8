package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/smcheck/smcheck/checks"
	"github.com/smcheck/smcheck/checks/baseline"
)

func init() { Register("table", newTable) }

// table is the default, human-readable format: per file, its input problems,
// a table of failed and waived requirements (with the fix for each), a line
// per point naming what passed, and a summary line for the run.
type table struct {
	w    io.Writer
	o    Options
	meta *Meta
	err  error
}

func newTable(w io.Writer, o Options) Writer { return &table{w: w, o: o} }

const (
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiGreen  = "\x1b[32m"
	ansiCyan   = "\x1b[36m"
	ansiBold   = "\x1b[1m"
	ansiReset  = "\x1b[0m"
)

func (t *table) paint(code, s string) string {
	if !t.o.Color {
		return s
	}
	return code + s + ansiReset
}

func (t *table) printf(format string, args ...any) {
	if t.err == nil {
		_, t.err = fmt.Fprintf(t.w, format, args...)
	}
}

func (t *table) tr(en, sv string) string { return Text(t.meta.Lang, en, sv) }

func (t *table) Start(m *Meta) error {
	t.meta = m
	return nil
}

func (t *table) Add(r *checks.Result) error {
	outcome := r.Outcome(t.meta.FailOn)
	head := r.File
	if r.Agency != "" {
		head += " — " + r.Agency
	}
	t.printf("%s  %s\n", t.paint(ansiBold, head), t.outcome(outcome))
	if r.EvalDate != "" && !t.o.Quiet {
		t.printf("%s %s (%s)\n", t.tr("evaluated as of", "utvärderat per"), r.EvalDate, t.dateSource(r.EvalDateSource))
		if line := SettingsLine(r, t.meta.Lang); line != "" {
			t.printf("%s\n", line)
		}
	}
	if r.Error != "" {
		t.printf("  %s %s: %s\n", t.paint(ansiRed, "error"), r.File, r.Error)
	}
	for _, i := range r.Issues {
		if t.o.Quiet && !i.IsError() {
			continue
		}
		color := ansiRed
		if !i.IsError() {
			color = ansiYellow
		}
		line := fmt.Sprintf("  %s %s %s: %s", t.paint(color, i.Code), Location(r.File, i.Line, i.Column), i.Path, i.MessageIn(t.meta.Lang))
		if hint := i.HintIn(t.meta.Lang); hint != "" {
			line += " — " + hint
		}
		t.printf("%s\n", line)
	}
	t.findings(r)
	if !t.o.Quiet {
		t.points(r)
		for _, w := range r.UnusedWaivers {
			t.printf("  %s %s %s → %s (%s %s)\n", t.paint(ansiCyan, "info"), t.tr("unused waiver", "oanvänt undantag"),
				w.Requirement, w.Target, Location(r.File, w.Line, w.Column), t.tr("matches no failing finding", "matchar inget underkänt krav"))
		}
	}
	t.printf("\n")
	return t.err
}

func (t *table) outcome(o string) string {
	switch o {
	case checks.OutcomeFail:
		return t.paint(ansiRed+ansiBold, t.tr("FAIL", "UNDERKÄND"))
	case checks.OutcomeInvalid:
		return t.paint(ansiRed+ansiBold, t.tr("INVALID INPUT", "OGILTIG INDATA"))
	}
	return t.paint(ansiGreen+ansiBold, t.tr("PASS", "GODKÄND"))
}

func (t *table) dateSource(s string) string {
	switch s {
	case "as-of":
		return "--as-of"
	case "evaluation_date":
		return t.tr("the file's evaluation_date", "filens evaluation_date")
	}
	return t.tr("today, Europe/Stockholm", "dagens datum, Europe/Stockholm")
}

// findings renders the failed and waived rows grouped by point.
func (t *table) findings(r *checks.Result) {
	var rows [][]string
	for _, f := range r.Findings {
		if f.Status != checks.StatusFail && f.Status != checks.StatusWaived {
			continue
		}
		// Quiet mode shows what fails the run: not waived findings, nor
		// failures in the baseline.
		if t.o.Quiet && (f.Status == checks.StatusWaived || f.Baseline == checks.BaselineUnchanged) {
			continue
		}
		text := Title(f, t.meta.Lang) + ": " + Message(f, t.meta.Lang)
		if f.Status == checks.StatusWaived && f.Waiver != nil {
			text += "\n" + t.tr("Waived: ", "Undantag: ") + fmt.Sprintf("%s (%s, %s %s)", f.Waiver.Justification, f.Waiver.ApprovedBy, t.tr("expires", "löper ut"), f.Waiver.Expires)
		} else {
			text += "\n" + t.tr("Fix: ", "Åtgärd: ") + Remediation(f, t.meta.Lang)
		}
		line := ""
		if f.Line > 0 {
			line = fmt.Sprintf("%d:%d", f.Line, f.Column)
		}
		rows = append(rows, []string{t.status(f), f.ID, f.Target, line, text})
	}
	if len(rows) == 0 {
		return
	}
	width := t.o.Width
	if width <= 0 {
		width = 100
	}
	// The finding column takes what the others leave: they are short, and
	// the text (message and fix) is what people read.
	fixed := 0
	for col := 0; col < 4; col++ {
		w := 0
		for _, row := range rows {
			for _, l := range strings.Split(row[col], "\n") {
				w = max(w, displayWidth(l))
			}
		}
		fixed += w + 3
	}
	textWidth := max(width-fixed-4, 30)
	tbl := tablewriter.NewTable(t.w,
		tablewriter.WithRowAutoWrap(tw.WrapNormal),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowMaxWidth(textWidth),
		tablewriter.WithHeader([]string{
			t.tr("STATUS", "STATUS"), t.tr("REQ", "KRAV"), t.tr("TARGET", "OBJEKT"),
			t.tr("LINE", "RAD"), t.tr("FINDING AND FIX", "RESULTAT OCH ÅTGÄRD"),
		}),
	)
	if err := tbl.Bulk(rows); err != nil && t.err == nil {
		t.err = fmt.Errorf("table: %w", err)
	}
	if err := tbl.Render(); err != nil && t.err == nil {
		t.err = fmt.Errorf("table: %w", err)
	}
}

func (t *table) status(f checks.Finding) string {
	switch {
	case f.Status == checks.StatusWaived:
		return t.paint(ansiCyan, t.tr("waived", "undantag"))
	case f.Baseline == checks.BaselineUnchanged:
		// In the baseline: still a failure, but it does not fail the run.
		sev := t.tr("fail", "fel")
		if f.Severity != "error" {
			sev = t.tr("warn", "varning")
		}
		return t.paint(ansiCyan, sev) + "\n" + t.paint(ansiCyan, t.tr("(baseline)", "(baslinje)"))
	case f.Severity == "error":
		return t.paint(ansiRed, t.tr("FAIL", "FEL"))
	}
	return t.paint(ansiYellow, t.tr("warn", "varning"))
}

// points names, per guideline point, the requirements that passed and how
// many did not apply: passes are reported, not only failures.
func (t *table) points(r *checks.Result) {
	if len(r.Findings) == 0 {
		return
	}
	passed := map[int][]string{}
	na := map[int]int{}
	seen := map[string]bool{}
	for _, f := range r.Findings {
		switch f.Status {
		case checks.StatusPass:
			if !seen[f.ID] && !failedAnywhere(r, f.ID) {
				passed[f.Point] = append(passed[f.Point], f.ID)
			}
			seen[f.ID] = true
		case checks.StatusNotApplicable:
			na[f.Point]++
		}
	}
	titles := map[int]string{}
	if t.meta.Catalog != nil {
		for _, p := range t.meta.Catalog.Points {
			titles[p.Number] = p.Title
		}
	}
	scores := Scores(r)
	for _, s := range scores {
		pct, ok := s.Percent()
		pctText := "—"
		if ok {
			pctText = fmt.Sprintf("%.0f%%", pct)
		}
		line := fmt.Sprintf("  %-4s %-5s %s", fmt.Sprintf("P%d", s.Point), pctText, titles[s.Point])
		if ids := passed[s.Point]; len(ids) > 0 {
			line += "\n         " + t.tr("passed: ", "uppfyllda: ") + strings.Join(ids, " ")
		}
		if n := na[s.Point]; n > 0 {
			line += fmt.Sprintf("  (%d %s)", n, t.tr("not applicable", "ej tillämpliga"))
		}
		t.printf("%s\n", line)
	}
}

func failedAnywhere(r *checks.Result, id string) bool {
	for _, f := range r.Findings {
		if f.ID == id && f.Status != checks.StatusPass && f.Status != checks.StatusNotApplicable {
			return true
		}
	}
	return false
}

func (t *table) End(s *Summary) error {
	c := s.Findings
	agencies := t.tr("agencies", "myndigheter")
	if s.Files == 1 {
		agencies = t.tr("agency", "myndighet")
	}
	line := fmt.Sprintf("%d %s, %d %s, %d %s, %d %s %d %s",
		c.FailedErrors, t.tr("failed", "underkända"),
		c.Passed, t.tr("passed", "uppfyllda"),
		c.FailedWarnings, t.tr("warnings", "varningar"),
		c.Waived, t.tr("waived in", "undantagna i"),
		s.Files, agencies)
	if s.Invalid > 0 {
		errs := t.tr("input errors", "indatafel")
		if c.InputErrors == 1 {
			errs = t.tr("input error", "indatafel")
		}
		line += fmt.Sprintf("; %d %s (%d %s)", s.Invalid, t.tr("with invalid input", "med ogiltig indata"), c.InputErrors, errs)
	}
	if c.NotApplicable > 0 && !t.o.Quiet {
		line += fmt.Sprintf("; %d %s", c.NotApplicable, t.tr("not applicable", "ej tillämpliga"))
	}
	if b := s.Baseline; b != nil {
		t.fixed(b)
		line += fmt.Sprintf("; %s %s: %d %s, %d %s, %d %s", t.tr("baseline", "baslinje"), b.File,
			b.New, t.tr("new", "nya"), b.Unchanged, t.tr("unchanged", "oförändrade"), len(b.Fixed), t.tr("fixed", "åtgärdade"))
	}
	t.printf("%s\n", t.paint(ansiBold, line))
	return t.err
}

// fixed lists the baseline's findings that no longer fail.
func (t *table) fixed(b *baseline.Status) {
	if len(b.Fixed) == 0 {
		return
	}
	t.printf("%s\n", t.paint(ansiGreen, fmt.Sprintf("%s (%d):", t.tr("Fixed since the baseline", "Åtgärdat sedan baslinjen"), len(b.Fixed))))
	for _, e := range b.Fixed {
		head := e.File
		if e.Agency != "" {
			head += " — " + e.Agency
		}
		t.printf("  %-5s %s  %s\n", e.Requirement, e.Target, head)
	}
	t.printf("\n")
}

// displayWidth counts runes, ignoring ANSI colour codes.
func displayWidth(s string) int {
	n, esc := 0, false
	for _, r := range s {
		switch {
		case r == '\x1b':
			esc = true
		case esc:
			esc = r != 'm'
		default:
			n++
		}
	}
	return n
}
