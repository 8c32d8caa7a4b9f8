package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"
	"sync"

	"github.com/smcheck/smcheck/checks"
	"github.com/smcheck/smcheck/checks/catalog"
	"github.com/smcheck/smcheck/checks/input"
)

// The html format is one self-contained page (inline CSS, SVG and a little
// JS; no external assets) that can be mailed as an attachment: run metadata,
// a heatmap agency × point, a bar chart per point, a sortable agency list
// and a drill-down per agency with every failed and waived finding, input
// problems and unused waivers. The overview needs every file, so the page is
// written at End; per file only the summary and the non-pass findings are
// kept. html/template escapes everything that comes from input files.

//go:embed html.tmpl
var htmlSource string

// htmlTemplate is parsed on first use, not at start-up: parsing it took a
// millisecond of every run, HTML report or not.
var htmlTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("html").Parse(htmlSource))
})

func init() {
	Register("html", func(w io.Writer, o Options) Writer { return &htmlWriter{w: w} })
}

type htmlWriter struct {
	w        io.Writer
	meta     *Meta
	lang     string
	failOn   string
	agencies []*htmlAgency
	sum      [10]PointScore
}

// htmlAgency is what the page keeps of one file.
type htmlAgency struct {
	ID       string
	File     string
	Agency   string
	Outcome  string
	Verdict  string // Outcome in the language
	EvalDate string
	Invalid  bool
	// NotEvaluated: unreadable, or stopped at IN-01 to IN-03.
	NotEvaluated bool
	// Settings names the thresholds not at their default (SettingsLine).
	Settings string
	// InvalidText is "invalid (N input errors)".
	InvalidText string
	Cells       []htmlCell
	Overall     string
	OverallSort string
	Counts      Counts
	Failed      []htmlFinding
	Waived      []htmlFinding
	NotApp      []htmlCount
	Issues      []htmlIssue
	Unused      []htmlUnused
}

type htmlCell struct {
	Point int
	Class string // pass, fail, warn, na
	Mark  string
	Text  string
	Title string
}

type htmlFinding struct {
	ID, Severity, SevClass, Target, Title, Message, Location, Remediation, References string
	Waiver                                                                            *catalog.Waiver
}

type htmlCount struct{ Point, N int }

type htmlIssue struct {
	Code, Level, Location, Path, Message, Hint string
}

type htmlUnused struct {
	Requirement, Target, Expires, Location string
}

type htmlPoint struct {
	Number  int
	Title   string
	Class   string
	Text    string
	Failing int
	// Bar geometry of the SVG chart.
	X, Y, H, LabelX, TextY int
}

type htmlPage struct {
	L        map[string]string
	Lang     string
	Meta     *Meta
	AsOf     string
	Summary  *Summary
	Outcome  string
	Points   []htmlPoint
	Agencies []*htmlAgency
	Overall  string
	Chart    htmlChart
}

type htmlChart struct {
	Width, Height, Base int
	Grid                []htmlGrid
}

type htmlGrid struct {
	Y     int
	Label string
}

var htmlMarks = map[string]string{"pass": "✓", "warn": "!", "fail": "✗", "na": "–"}

func (h *htmlWriter) Start(m *Meta) error {
	h.meta = m
	h.lang, h.failOn = "en", "error"
	if m != nil {
		if m.Lang != "" {
			h.lang = m.Lang
		}
		if m.FailOn != "" {
			h.failOn = m.FailOn
		}
	}
	return nil
}

func (h *htmlWriter) t(key string) string { return htmlLabel(h.lang, key) }

func (h *htmlWriter) outcomeText(o string) string { return h.t("outcome_" + o) }

func (h *htmlWriter) Add(r *checks.Result) error {
	lang := h.lang
	scores := Scores(r)
	counts := CountFile(r)
	a := &htmlAgency{
		ID: "a" + strconv.Itoa(len(h.agencies)+1), File: r.File, Agency: r.Agency,
		Outcome: r.Outcome(h.failOn), EvalDate: r.EvalDate, Invalid: r.HasInputErrors(), Counts: counts,
		NotEvaluated: r.HasInputErrors() && len(r.Findings) == 0,
		Settings:     SettingsLine(r, lang),
	}
	a.Verdict = h.outcomeText(a.Outcome)
	a.InvalidText = inputErrorsText(lang, counts.InputErrors)
	for _, p := range scores {
		class := p.Cell()
		if class == "n/a" {
			class = "na"
		}
		pct, ok := p.Percent()
		a.Cells = append(a.Cells, htmlCell{
			Point: p.Point, Class: class, Mark: htmlMarks[class], Text: pctText(pct, ok),
			Title: fmt.Sprintf("P%d: %d %s, %d %s, %d %s, %d %s", p.Point,
				p.Pass, h.t("passed"), p.Fail, h.t("failed"), p.Waived, h.t("waived"), p.NotApplicable, h.t("na")),
		})
		if p.NotApplicable > 0 {
			a.NotApp = append(a.NotApp, htmlCount{p.Point, p.NotApplicable})
		}
	}
	// An invalid file was evaluated with its erroneous values treated as
	// absent; its compliance is not shown as a figure.
	pct, ok := Overall(scores)
	ok = ok && !a.Invalid
	a.Overall = pctText(pct, ok)
	a.OverallSort = "-1"
	if ok {
		a.OverallSort = strconv.FormatFloat(pct, 'f', 2, 64)
	}
	if !a.Invalid {
		for i, p := range scores {
			s := &h.sum[i]
			s.Pass += p.Pass
			s.Fail += p.Fail
			s.Warn += p.Warn
			s.Waived += p.Waived
			s.NotApplicable += p.NotApplicable
		}
	}
	for _, f := range r.Findings {
		if f.Status != checks.StatusFail && f.Status != checks.StatusWaived {
			continue
		}
		hf := htmlFinding{
			ID: f.ID, Severity: h.t(f.Severity), SevClass: f.Severity, Target: f.Target, Title: Title(f, lang),
			Message: Message(f, lang), Location: Location(r.File, f.Line, f.Column),
			Remediation: Remediation(f, lang), References: strings.Join(f.References, "; "), Waiver: f.Waiver,
		}
		if f.Status == checks.StatusFail {
			a.Failed = append(a.Failed, hf)
		} else {
			a.Waived = append(a.Waived, hf)
		}
	}
	if r.Error != "" {
		a.Issues = append(a.Issues, htmlIssue{Level: h.t("error"), Location: r.File, Message: r.Error})
	}
	for _, i := range r.Issues {
		a.Issues = append(a.Issues, issueOf(h, r.File, i))
	}
	for _, u := range r.UnusedWaivers {
		a.Unused = append(a.Unused, htmlUnused{Requirement: u.Requirement, Target: u.Target, Expires: u.Expires,
			Location: Location(r.File, u.Line, u.Column)})
	}
	h.agencies = append(h.agencies, a)
	return nil
}

func issueOf(h *htmlWriter, file string, i input.Issue) htmlIssue {
	return htmlIssue{Code: i.Code, Level: h.t(i.Level), Location: Location(file, i.Line, i.Column),
		Path: i.Path, Message: i.MessageIn(h.lang), Hint: i.HintIn(h.lang)}
}

// Bar chart geometry: ten bars over a 0–100 % axis.
const (
	chartLeft   = 48
	chartStep   = 60
	chartBar    = 40
	chartTop    = 20
	chartHeight = 160
)

func (h *htmlWriter) End(s *Summary) error {
	page := &htmlPage{L: htmlLabels(h.lang), Lang: h.lang, Meta: h.meta, Summary: s, Agencies: h.agencies}
	if page.Meta == nil {
		page.Meta = &Meta{}
	}
	page.AsOf = page.Meta.AsOf
	if page.AsOf == "" {
		page.AsOf = h.t("own_date")
	}
	if s != nil {
		page.Outcome = h.outcomeText(s.Outcome)
	}
	base := chartTop + chartHeight
	page.Chart = htmlChart{Width: chartLeft + 10*chartStep, Height: base + 40, Base: base}
	for _, g := range []int{0, 50, 100} {
		page.Chart.Grid = append(page.Chart.Grid, htmlGrid{Y: base - g*chartHeight/100, Label: strconv.Itoa(g) + "%"})
	}
	titles := pointTitles(page.Meta.Catalog, h.lang)
	for i, p := range h.sum {
		class := p.Cell()
		if class == "n/a" {
			class = "na"
		}
		pct, ok := p.Percent()
		bh := 0
		if ok {
			bh = int(pct*chartHeight/100 + 0.5)
		}
		hp := htmlPoint{
			Number: i + 1, Title: titles[i], Class: class, Text: pctText(pct, ok),
			X: chartLeft + i*chartStep + (chartStep-chartBar)/2, Y: base - bh, H: bh,
			LabelX: chartLeft + i*chartStep + chartStep/2, TextY: base - bh - 6,
		}
		for _, a := range h.agencies {
			if !a.Invalid && a.Cells[i].Class == "fail" {
				hp.Failing++
			}
		}
		page.Points = append(page.Points, hp)
	}
	page.Overall = pctText(Overall(h.sum))
	return htmlTemplate().Execute(h.w, page)
}

// pointTitles are the guideline points' titles in the language, from the
// catalogue's "P1 Svensk rubrik — English title" annotations.
func pointTitles(c *catalog.Catalog, lang string) [10]string {
	var out [10]string
	if c == nil {
		return out
	}
	for _, p := range c.Points {
		if p.Number < 1 || p.Number > 10 {
			continue
		}
		t := strings.TrimPrefix(p.Title, "P"+strconv.Itoa(p.Number)+" ")
		sv, en, found := strings.Cut(t, " — ")
		if !found {
			out[p.Number-1] = t
			continue
		}
		out[p.Number-1] = Text(lang, en, sv)
	}
	return out
}

func htmlLabel(lang, key string) string {
	l := htmlText[key]
	return Text(lang, l[0], l[1])
}

func htmlLabels(lang string) map[string]string {
	out := make(map[string]string, len(htmlText))
	for k := range htmlText {
		out[k] = htmlLabel(lang, k)
	}
	return out
}

// htmlText is every heading and label of the page: English, Swedish.
var htmlText = map[string][2]string{
	"title":           {"Compliance report", "Efterlevnadsrapport"},
	"subtitle":        {"Social media use by public agencies", "Myndigheters användning av sociala medier"},
	"run":             {"Run", "Körning"},
	"tool":            {"Tool", "Verktyg"},
	"commit":          {"Commit", "Commit"},
	"opa":             {"OPA version", "OPA-version"},
	"policy":          {"Policy SHA-256", "Policyns SHA-256"},
	"asof":            {"As-of date", "Bedömningsdatum"},
	"own_date":        {"each file's own evaluation date", "varje fils eget bedömningsdatum"},
	"failon":          {"Fails on", "Underkänner vid"},
	"files":           {"Files", "Filer"},
	"outcome":         {"Outcome", "Resultat"},
	"nav":             {"Contents", "Innehåll"},
	"nav_overview":    {"Overview", "Översikt"},
	"nav_points":      {"Points", "Punkter"},
	"nav_details":     {"Details", "Detaljer"},
	"overview":        {"Overview: compliance per agency and point", "Översikt: efterlevnad per myndighet och punkt"},
	"points":          {"Compliance per point over all agencies", "Efterlevnad per punkt för alla myndigheter"},
	"points_note":     {"Passed and waived results over applicable ones, pooled over all valid files. ✗ n: agencies with a failed error in the point.", "Uppfyllda och undantagna resultat av de tillämpliga, sammantaget för alla giltiga filer. ✗ n: myndigheter med fel i punkten."},
	"agencies":        {"Agencies", "Myndigheter"},
	"details":         {"Findings per agency", "Resultat per myndighet"},
	"filter":          {"Filter", "Filtrera"},
	"sort_hint":       {"Click a column heading to sort.", "Klicka på en kolumnrubrik för att sortera."},
	"file":            {"File", "Fil"},
	"agency":          {"Agency", "Myndighet"},
	"overall":         {"Overall", "Totalt"},
	"all":             {"All valid files", "Alla giltiga filer"},
	"eval_date":       {"Evaluation date", "Bedömningsdatum"},
	"failed_errors":   {"Failed errors", "Fel"},
	"n_errors":        {"failed errors", "fel"},
	"n_warnings":      {"failed warnings", "varningar"},
	"col_errors":      {"Errors", "Fel"},
	"col_warnings":    {"Warnings", "Varningar"},
	"col_na":          {"N/A", "Ej till."},
	"col_unused":      {"Unused waivers", "Oanvända undantag"},
	"failed_warnings": {"Failed warnings", "Varningar"},
	"waived":          {"waived", "undantagna"},
	"Waived":          {"Waived", "Undantag"},
	"input_errors":    {"Input errors", "Indatafel"},
	"unused_waivers":  {"Unused waivers", "Oanvända undantag"},
	"passed":          {"passed", "uppfyllda"},
	"failed":          {"failed", "underkända"},
	"na":              {"not applicable", "ej tillämpliga"},
	"NA":              {"Not applicable", "Ej tillämpliga"},
	"legend":          {"✓ passed · ! only warnings failed · ✗ an error failed · – not applicable. Hover a cell for counts.", "✓ uppfyllt · ! endast varningar · ✗ fel · – ej tillämpligt. Håll pekaren över en cell för antal."},
	"failed_reqs":     {"Failed requirements", "Underkända krav"},
	"waived_reqs":     {"Waived requirements", "Undantagna krav"},
	"none_failed":     {"No failed requirements.", "Inga underkända krav."},
	"na_counts":       {"Not applicable results per point", "Ej tillämpliga resultat per punkt"},
	"input_problems":  {"Input problems", "Indataproblem"},
	"requirement":     {"Requirement", "Krav"},
	"severity":        {"Severity", "Allvarlighet"},
	"target":          {"Target", "Gäller"},
	"finding":         {"Finding", "Resultat"},
	"location":        {"Location", "Plats"},
	"remediation":     {"Remediation", "Åtgärd"},
	"references":      {"References", "Referenser"},
	"justification":   {"Justification", "Motivering"},
	"approved_by":     {"Approved by", "Godkänt av"},
	"approved_date":   {"Approved", "Godkänt"},
	"expires":         {"Expires", "Upphör"},
	"code":            {"Code", "Kod"},
	"level":           {"Level", "Nivå"},
	"path":            {"Path", "Sökväg"},
	"message":         {"Message", "Meddelande"},
	"hint":            {"Hint", "Tips"},
	"point":           {"Point", "Punkt"},
	"count":           {"Count", "Antal"},
	"error":           {"error", "fel"},
	"warning":         {"warning", "varning"},
	"outcome_pass":    {"pass", "godkänd"},
	"outcome_fail":    {"fail", "underkänd"},
	"outcome_invalid": {"invalid", "ogiltig"},
	"unused_note":     {"These waivers matched no failing finding.", "Dessa undantag motsvarar inget underkänt resultat."},
	"partial":         {"The file has input errors; the findings below were evaluated treating the erroneous values as absent.", "Filen har indatafel; resultaten nedan bedömdes som om de felaktiga värdena saknades."},
	"not_evaluated":   {"The file could not be evaluated: no requirement was checked.", "Filen kunde inte bedömas: inga krav kontrollerades."},
	"generated":       {"Generated by", "Skapad med"},
	"no_files":        {"No files were checked.", "Inga filer kontrollerades."},
}
