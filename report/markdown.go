package report

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/smcheck/smcheck/internal/mdtable"

	"github.com/smcheck/smcheck/checks"
)

func init() {
	Register("markdown", func(w io.Writer, o Options) Writer { return &markdownWriter{w: w, o: o} })
}

// markdownWriter writes GitHub-flavoured Markdown for $GITHUB_STEP_SUMMARY or
// a pull-request comment. It streams: the heading at Start, one section per
// file at Add (points table, failures, waived findings, unused waivers, input
// problems), and the run's summary line at End, at the bottom, since it is
// known only then.
type markdownWriter struct {
	w    io.Writer
	o    Options
	m    *Meta
	lang string
}

// pointTitle is a guideline point's title in the language. Point annotations
// read "P6 Arkivera — archiving": Swedish before the dash, English after.
func pointTitle(m *Meta, n int, lang string) string {
	if m.Catalog == nil {
		return ""
	}
	for _, p := range m.Catalog.Points {
		if p.Number != n {
			continue
		}
		t := strings.TrimPrefix(p.Title, fmt.Sprintf("P%d ", n))
		sv, en, ok := strings.Cut(t, " — ")
		if !ok {
			return t
		}
		if lang == "sv" {
			return sv
		}
		r, size := utf8.DecodeRuneInString(en)
		return string(unicode.ToUpper(r)) + en[size:]
	}
	return ""
}

// mdPercent is compliance rounded down, so that anything short of full
// compliance never shows as 100 %.
func mdPercent(pct float64, ok bool) string {
	if !ok {
		return "–"
	}
	return fmt.Sprintf("%d %%", int(math.Floor(pct+1e-9)))
}

func outcomeIcon(outcome string) string {
	switch outcome {
	case checks.OutcomePass:
		return "✅"
	case checks.OutcomeFail:
		return "❌"
	}
	return "⛔"
}

func (mw *markdownWriter) outcomeWord(outcome string) string {
	switch outcome {
	case checks.OutcomePass:
		return Text(mw.lang, "pass", "godkänd")
	case checks.OutcomeFail:
		return Text(mw.lang, "fail", "underkänd")
	}
	return Text(mw.lang, "invalid", "ogiltig")
}

func (mw *markdownWriter) t(en, sv string) string { return Text(mw.lang, en, sv) }

func (mw *markdownWriter) Start(m *Meta) error {
	mw.m, mw.lang = m, langOf(m)
	var b bytes.Buffer
	b.WriteString("# " + mw.t("smcheck report", "smcheck-rapport") + "\n\n")
	parts := []string{strings.TrimSpace(m.Tool + " " + m.Version)}
	if m.PolicySHA256 != "" {
		sha := m.PolicySHA256
		if len(sha) > 12 {
			sha = sha[:12]
		}
		parts = append(parts, mw.t("policies ", "policyer ")+mdtable.Code(sha))
	}
	if m.AsOf != "" {
		parts = append(parts, mw.t("as of ", "per ")+m.AsOf)
	}
	parts = append(parts, mw.t("fails on ", "underkänner vid ")+m.FailOn)
	b.WriteString(strings.Join(parts, " · ") + "\n")
	_, err := mw.w.Write(b.Bytes())
	return err
}

func (mw *markdownWriter) Add(r *checks.Result) error {
	var b bytes.Buffer
	outcome := r.Outcome(mw.m.FailOn)
	head := "\n## " + outcomeIcon(outcome) + " " + mdtable.Code(r.File)
	if r.Agency != "" {
		head += " — " + r.Agency
	}
	b.WriteString(head + "\n\n")
	scores := Scores(r)
	line := []string{"**" + mw.outcomeWord(outcome) + "**"}
	if r.EvalDate != "" {
		line = append(line, mw.t("evaluated as of ", "bedömd per ")+r.EvalDate)
	}
	if pct, ok := Overall(scores); ok {
		line = append(line, mw.t("compliance ", "efterlevnad ")+mdPercent(pct, ok))
	}
	b.WriteString(strings.Join(line, " · ") + "\n")
	if st := SettingsLine(r, mw.lang); st != "" {
		b.WriteString("\n" + mdtable.Cell(st) + "\n")
	}

	if r.Error != "" {
		b.WriteString("\n⛔ " + mw.t("The file could not be checked: ", "Filen kunde inte kontrolleras: ") + mdtable.Cell(r.Error) + "\n")
	}
	mw.inputProblems(&b, r)
	if len(r.Findings) > 0 {
		b.WriteString("\n")
		mdtable.Row(&b, mw.t("Point", "Punkt"), mw.t("Title", "Rubrik"), mw.t("Pass", "Godkänt"), mw.t("Fail", "Brist"),
			mw.t("Warn", "Varning"), mw.t("Waived", "Undantag"), mw.t("N/A", "Ej tillämpl."), mw.t("Compliance", "Efterlevnad"))
		b.WriteString("|---:|---|---:|---:|---:|---:|---:|---:|\n")
		for _, p := range scores {
			pct, ok := p.Percent()
			mdtable.Row(&b, fmt.Sprint(p.Point), mdtable.Cell(pointTitle(mw.m, p.Point, mw.lang)),
				fmt.Sprint(p.Pass), fmt.Sprint(p.Fail-p.Warn), fmt.Sprint(p.Warn),
				fmt.Sprint(p.Waived), fmt.Sprint(p.NotApplicable), mdPercent(pct, ok))
		}
	}
	mw.failures(&b, r)
	mw.waived(&b, r)
	mw.unused(&b, r)
	_, err := mw.w.Write(b.Bytes())
	return err
}

func (mw *markdownWriter) failures(b *bytes.Buffer, r *checks.Result) {
	n := 0
	for _, f := range r.Findings {
		if f.Status != checks.StatusFail {
			continue
		}
		if n == 0 {
			b.WriteString("\n### " + mw.t("Failures", "Brister") + "\n\n")
			mdtable.Row(b, "", mw.t("Requirement", "Krav"), mw.t("Target", "Mål"), mw.t("Message", "Meddelande"),
				mw.t("Location", "Plats"), mw.t("Fix", "Åtgärd"))
			b.WriteString("|---|---|---|---|---|---|\n")
		}
		n++
		icon := "⚠️"
		if f.Severity == "error" {
			icon = "❌"
		}
		req := f.ID + " " + Title(f, mw.lang)
		if f.Baseline == checks.BaselineUnchanged {
			req += " " + mw.t("(baseline)", "(baslinje)")
		}
		mdtable.Row(b, icon, mdtable.Cell(req), mdtable.Code(f.Target), mdtable.Cell(findingText(f, mw.lang)),
			mdtable.Code(Location(r.File, f.Line, f.Column)), mdtable.Cell(Remediation(f, mw.lang)))
	}
	if n == 0 && len(r.Findings) > 0 {
		b.WriteString("\n✅ " + mw.t("No failures.", "Inga brister.") + "\n")
	}
}

func (mw *markdownWriter) waived(b *bytes.Buffer, r *checks.Result) {
	n := 0
	for _, f := range r.Findings {
		if f.Status != checks.StatusWaived || f.Waiver == nil {
			continue
		}
		if n == 0 {
			b.WriteString("\n### " + mw.t("Waived", "Undantagna") + "\n\n")
			mdtable.Row(b, mw.t("Requirement", "Krav"), mw.t("Target", "Mål"), mw.t("Justification", "Motivering"),
				mw.t("Approved by", "Godkänt av"), mw.t("Expires", "Upphör"), mw.t("Location", "Plats"))
			b.WriteString("|---|---|---|---|---|---|\n")
		}
		n++
		w := f.Waiver
		mdtable.Row(b, mdtable.Cell(f.ID+" "+Title(f, mw.lang)), mdtable.Code(f.Target), mdtable.Cell(w.Justification),
			mdtable.Cell(w.ApprovedBy+" ("+w.ApprovedDate+")"), w.Expires, mdtable.Code(Location(r.File, f.Line, f.Column)))
	}
}

func (mw *markdownWriter) unused(b *bytes.Buffer, r *checks.Result) {
	if len(r.UnusedWaivers) == 0 {
		return
	}
	b.WriteString("\n### " + mw.t("Unused waivers", "Oanvända undantag") + "\n\n")
	mdtable.Row(b, mw.t("Waiver", "Undantag"), mw.t("Requirement", "Krav"), mw.t("Target", "Mål"),
		mw.t("Expires", "Upphör"), mw.t("Location", "Plats"))
	b.WriteString("|---|---|---|---|---|\n")
	for _, u := range r.UnusedWaivers {
		mdtable.Row(b, mdtable.Code(fmt.Sprintf("waivers[%d]", u.Index)), mdtable.Cell(u.Requirement), mdtable.Code(u.Target),
			u.Expires, mdtable.Code(Location(r.File, u.Line, u.Column)))
	}
}

func (mw *markdownWriter) inputProblems(b *bytes.Buffer, r *checks.Result) {
	if len(r.Issues) == 0 {
		return
	}
	b.WriteString("\n### " + mw.t("Input problems", "Indataproblem") + "\n\n")
	mdtable.Row(b, "", mw.t("Code", "Kod"), mw.t("Path", "Sökväg"), mw.t("Message", "Meddelande"), mw.t("Location", "Plats"))
	b.WriteString("|---|---|---|---|---|\n")
	for _, i := range r.Issues {
		icon := "⚠️"
		if i.IsError() {
			icon = "⛔"
		}
		mdtable.Row(b, icon, mdtable.Cell(i.Code+" "+inputTitle(i.Code, mw.lang)), mdtable.Code(i.Path), mdtable.Cell(issueText(i, mw.lang)),
			mdtable.Code(Location(r.File, i.Line, i.Column)))
	}
}

func (mw *markdownWriter) End(s *Summary) error {
	outcome := runOutcome(s)
	c := s.Findings
	var b bytes.Buffer
	b.WriteString("\n## " + mw.t("Summary", "Sammanfattning") + "\n\n")
	fmt.Fprintf(&b, mw.t(
		"%s **%s** — %d files: %d passed, %d failed, %d invalid · findings: %d errors and %d warnings failed, %d passed, %d waived, %d not applicable · input: %d errors, %d warnings\n",
		"%s **%s** — %d filer: %d godkända, %d underkända, %d ogiltiga · resultat: %d fel och %d varningar, %d godkända, %d undantagna, %d ej tillämpliga · indata: %d fel, %d varningar\n"),
		outcomeIcon(outcome), mw.outcomeWord(outcome), s.Files, s.Passed, s.Failed, s.Invalid,
		c.FailedErrors, c.FailedWarnings, c.Passed, c.Waived, c.NotApplicable, c.InputErrors, c.InputWarnings)
	if bs := s.Baseline; bs != nil {
		fmt.Fprintf(&b, mw.t("\nBaseline %s: %d new, %d unchanged, %d fixed\n", "\nBaslinje %s: %d nya, %d oförändrade, %d åtgärdade\n"),
			mdtable.Code(bs.File), bs.New, bs.Unchanged, len(bs.Fixed))
		for _, e := range bs.Fixed {
			fmt.Fprintf(&b, "- ✅ %s %s %s\n", mdtable.Cell(e.Requirement), mdtable.Code(e.Target), mdtable.Code(e.File))
		}
	}
	_, err := mw.w.Write(b.Bytes())
	return err
}
