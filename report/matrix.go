package report

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/smcheck/smcheck/checks"
)

// The matrix format is the auditor's overview in a plain terminal: one row
// per agency (file), one column per guideline point 1–10 with the cell's
// verdict, the agency's overall compliance, and a footer with each point's
// compliance over all agencies. Column widths depend on every row, so the
// table is drawn at End; only each file's scores are kept, never findings.

func init() {
	Register("matrix", func(w io.Writer, o Options) Writer { return &matrixWriter{w: w, o: o} })
}

type matrixRow struct {
	file, agency string
	invalid      bool
	inputErrors  int
	scores       [10]PointScore
	notes        []string
}

type matrixWriter struct {
	w    io.Writer
	o    Options
	meta *Meta
	rows []matrixRow
	// sum pools every valid file's results per point, for the footer.
	sum [10]PointScore
}

func (m *matrixWriter) Start(meta *Meta) error {
	m.meta = meta
	return nil
}

func (m *matrixWriter) lang() string {
	if m.meta == nil {
		return "en"
	}
	return m.meta.Lang
}

func (m *matrixWriter) Add(r *checks.Result) error {
	lang := m.lang()
	row := matrixRow{file: r.File, agency: r.Agency, invalid: r.HasInputErrors(), scores: Scores(r)}
	row.inputErrors = CountFile(r).InputErrors
	if !row.invalid {
		for i, p := range row.scores {
			s := &m.sum[i]
			s.Pass += p.Pass
			s.Fail += p.Fail
			s.Warn += p.Warn
			s.Waived += p.Waived
			s.NotApplicable += p.NotApplicable
		}
	}
	// Notes below the table: input problems and unused waivers, which a
	// matrix cell cannot show. They are few per file.
	if r.Error != "" {
		row.notes = append(row.notes, r.File+": "+r.Error)
	}
	for _, i := range r.Issues {
		row.notes = append(row.notes, fmt.Sprintf("%s %s %s: %s", Location(r.File, i.Line, i.Column), i.Code, htmlLabel(lang, i.Level), i.MessageIn(lang)))
	}
	for _, u := range r.UnusedWaivers {
		row.notes = append(row.notes, fmt.Sprintf("%s %s: %s %s (%s %s)",
			Location(r.File, u.Line, u.Column), Text(lang, "unused waiver", "oanvänt undantag"),
			u.Requirement, u.Target, Text(lang, "expires", "upphör"), u.Expires))
	}
	m.rows = append(m.rows, row)
	return nil
}

// MatrixCell is a cell as the matrix shows it: FAIL, warn, ok or -, with a
// trailing * where something was waived.
func MatrixCell(p PointScore) string { return matrixCell(p) }

// matrixCell is a cell verdict in plain words that read without colour; a
// trailing * marks a point where something was waived.
func matrixCell(p PointScore) string {
	var s string
	switch p.Cell() {
	case "fail":
		s = "FAIL"
	case "warn":
		s = "warn"
	case "pass":
		s = "ok"
	default:
		s = "-"
	}
	if p.Waived > 0 {
		s += "*"
	}
	return s
}

// pctText is a compliance percentage for people: whole percent, rounded down
// so that 100% means fully compliant; "-" when nothing applied.
func pctText(pct float64, ok bool) string {
	n, ok := WholePercent(pct, ok)
	if !ok {
		return "-"
	}
	return strconv.Itoa(n) + "%"
}

// WholePercent is a compliance percentage as the matrix shows it: whole
// percent, rounded down so that 100 means fully compliant. ok is false when
// nothing applied.
func WholePercent(pct float64, ok bool) (int, bool) {
	if !ok {
		return 0, false
	}
	return int(math.Floor(pct + 1e-9)), true
}

// inputErrorsText is "invalid (N input errors)" in the language.
func inputErrorsText(lang string, n int) string {
	if lang == "sv" {
		return fmt.Sprintf("ogiltig (%d indatafel)", n)
	}
	if n == 1 {
		return "invalid (1 input error)"
	}
	return fmt.Sprintf("invalid (%d input errors)", n)
}

// nameWidth is the widest the file and agency columns get: 40, or less so
// that the table fits Options.Width when one is set (the point columns need
// about 86 characters).
func (m *matrixWriter) nameWidth() int {
	if m.o.Width <= 0 {
		return 40
	}
	return max(16, min(40, (m.o.Width-86)/2))
}

func (m *matrixWriter) End(s *Summary) error {
	lang := m.lang()
	var b strings.Builder
	title := Text(lang, "Compliance matrix", "Efterlevnadsmatris")
	if m.meta != nil && m.meta.AsOf != "" {
		title += " " + Text(lang, "as of ", "per ") + m.meta.AsOf
	}
	b.WriteString(title + "\n")

	header := []any{Text(lang, "File", "Fil"), Text(lang, "Agency", "Myndighet")}
	for i := 1; i <= 10; i++ {
		header = append(header, "P"+strconv.Itoa(i))
	}
	header = append(header, Text(lang, "Overall", "Totalt"))

	align := tw.Alignment{tw.AlignLeft, tw.AlignLeft}
	for i := 0; i < 11; i++ {
		align = append(align, tw.AlignCenter)
	}
	align[12] = tw.AlignRight

	t := tablewriter.NewTable(&b,
		tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{Symbols: tw.NewSymbols(tw.StyleASCII)})),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignCenter),
		tablewriter.WithRowAlignmentConfig(tw.CellAlignment{PerColumn: align}),
		tablewriter.WithFooterAlignmentConfig(tw.CellAlignment{PerColumn: align}),
		tablewriter.WithRowAutoWrap(tw.WrapNormal),
		tablewriter.WithRowMaxWidth(m.nameWidth()),
		tablewriter.WithTrimSpace(tw.Off),
	)
	t.Header(header...)
	for _, r := range m.rows {
		cells := []any{r.file}
		if r.invalid {
			agency := inputErrorsText(lang, r.inputErrors)
			if r.agency != "" {
				agency = r.agency + "\n" + agency
			}
			cells = append(cells, agency)
			for i := 0; i < 11; i++ {
				cells = append(cells, "")
			}
		} else {
			cells = append(cells, r.agency)
			for _, p := range r.scores {
				cells = append(cells, matrixCell(p))
			}
			cells = append(cells, pctText(Overall(r.scores)))
		}
		if err := t.Append(cells...); err != nil {
			return err
		}
	}
	valid := 0
	for _, r := range m.rows {
		if !r.invalid {
			valid++
		}
	}
	footer := []any{Text(lang, "Compliance per point", "Efterlevnad per punkt"),
		fmt.Sprintf(Text(lang, "valid files: %d of %d", "giltiga filer: %d av %d"), valid, len(m.rows))}
	for _, p := range m.sum {
		footer = append(footer, pctText(p.Percent()))
	}
	footer = append(footer, pctText(Overall(m.sum)))
	t.Footer(footer...)
	if err := t.Render(); err != nil {
		return err
	}

	b.WriteString(Text(lang,
		"ok = passed, FAIL = an error failed, warn = only warnings failed, - = not applicable, * = includes waived results\n",
		"ok = uppfyllt, FAIL = fel, warn = endast varningar, - = ej tillämpligt, * = inkluderar undantag\n"))
	first := true
	for _, r := range m.rows {
		for _, n := range r.notes {
			if first {
				b.WriteString("\n" + Text(lang, "Notes:", "Anmärkningar:") + "\n")
				first = false
			}
			b.WriteString("  " + n + "\n")
		}
	}
	if s != nil {
		fmt.Fprintf(&b, "\n%s: %s (%s %d, %s %d, %s %d, %s %d)\n", Text(lang, "Result", "Resultat"),
			htmlLabel(lang, "outcome_"+s.Outcome),
			Text(lang, "files", "filer"), s.Files, Text(lang, "passed", "godkända"), s.Passed,
			Text(lang, "failed", "underkända"), s.Failed, Text(lang, "invalid", "ogiltiga"), s.Invalid)
	}
	_, err := io.WriteString(m.w, b.String())
	return err
}
