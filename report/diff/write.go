package diff

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/smcheck/smcheck/internal/mdtable"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/smcheck/smcheck/report"
)

// Formats are the output formats of Write.
var Formats = []string{"table", "markdown", "json"}

// Write writes res in format (table, markdown or json). Labels are in the
// new report's language; titles and messages are the reports' own.
func Write(w io.Writer, res *Result, format string) error {
	var b bytes.Buffer
	var err error
	switch format {
	case "table":
		err = writeTable(&b, res)
	case "markdown":
		writeMarkdown(&b, res)
	case "json":
		err = writeJSON(&b, res)
	default:
		return fmt.Errorf("unknown format %q (formats: %s)", format, strings.Join(Formats, ", "))
	}
	if err != nil {
		return err
	}
	_, err = w.Write(b.Bytes())
	return err
}

// --- labels ---

type labels struct{ lang string }

func (l labels) t(en, sv string) string { return report.Text(l.lang, en, sv) }

func (l labels) change(c string) string {
	switch c {
	case Better:
		return l.t("better", "bättre")
	case Worse:
		return l.t("worse", "sämre")
	}
	return l.t("unchanged", "oförändrad")
}

func (l labels) status(s string) string {
	switch s {
	case "pass":
		return l.t("passed", "uppfyllt")
	case "fail":
		return l.t("failed", "underkänt")
	case "waived":
		return l.t("waived", "undantaget")
	case "not_applicable":
		return l.t("not applicable", "ej tillämpligt")
	case Absent:
		return l.t("absent", "saknas")
	}
	return s
}

func (l labels) outcome(o string) string {
	switch o {
	case "pass":
		return l.t("pass", "godkänd")
	case "fail":
		return l.t("fail", "underkänd")
	case "invalid":
		return l.t("invalid", "ogiltig")
	}
	return o
}

func (l labels) severity(s string) string {
	if s == "error" {
		return l.t("FAIL", "FEL")
	}
	return l.t("warn", "varning")
}

// signed is a change of whole percent: "+13", "-8"; "" for none.
func signed(d *int) string {
	if d == nil || *d == 0 {
		return ""
	}
	if *d > 0 {
		return "+" + strconv.Itoa(*d)
	}
	return strconv.Itoa(*d)
}

func pct(p *int) string {
	if p == nil {
		return "-"
	}
	return strconv.Itoa(*p) + "%"
}

// name is "file — agency", with the old path when the file moved.
func name(old, new Ref) string {
	s := new.File
	if old.File != "" && old.File != new.File {
		s += " (" + old.File + ")"
	}
	if new.Agency != "" {
		s += " — " + new.Agency
	}
	return s
}

func refName(r Ref) string { return name(Ref{}, r) }

func langOf(res *Result) string {
	if res.New.Lang == "sv" {
		return "sv"
	}
	return "en"
}

func (l labels) side(r *Report) string {
	asOf := l.t("each file's own date", "varje fils eget datum")
	if r.AsOf != nil {
		asOf = *r.AsOf
	}
	s := fmt.Sprintf("%s: %s, %s %s", r.Path, l.count(len(r.Files), "file", "files", "fil", "filer"), l.t("as of", "per"), asOf)
	if tool := strings.TrimSpace(r.Tool.Name + " " + r.Tool.Version); tool != "" {
		s += ", " + tool
	}
	return s
}

// count is "1 file" or "2 files" in the language.
func (l labels) count(n int, en1, en, sv1, sv string) string {
	if n == 1 {
		return "1 " + l.t(en1, sv1)
	}
	return strconv.Itoa(n) + " " + l.t(en, sv)
}

func (l labels) summary(s Summary) string {
	reg := l.t("no", "nej")
	if s.Regression {
		reg = l.t("yes", "ja")
	}
	return fmt.Sprintf(l.t(
		"%s compared, %d added, %d removed, %d became invalid, %d became valid; cells: %d better, %d worse; failures: %d new, %d fixed. Regression: %s",
		"%s jämförda, %d tillkomna, %d borttagna, %d blev ogiltiga, %d blev giltiga; celler: %d bättre, %d sämre; brister: %d nya, %d åtgärdade. Försämring: %s"),
		l.count(s.Compared, "agency", "agencies", "myndighet", "myndigheter"), s.Added, s.Removed, s.BecameInvalid, s.BecameValid, s.CellsBetter, s.CellsWorse, s.NewFailures, s.Fixed, reg)
}

// cellRow is one row of the table of changed cells.
type cellRow struct {
	file, agency, point, old, new, change string
	was                                   string // the file's old path, when it moved
	delta                                 *int
}

// fileText is the row's file, with its old path below when it moved.
func (r cellRow) fileText(l labels) string {
	if r.was == "" {
		return r.file
	}
	return r.file + "\n(" + l.t("was ", "förut ") + r.was + ")"
}

// fileMarkdown is fileText for a Markdown cell: each path a code span.
func (r cellRow) fileMarkdown(l labels) string {
	if r.was == "" {
		return mdtable.Code(r.file)
	}
	return mdtable.Code(r.file) + "<br>(" + l.t("was ", "förut ") + mdtable.Code(r.was) + ")"
}

// changedCells lists, per agency with a change, its changed points and its
// overall compliance.
func changedCells(res *Result, l labels) []cellRow {
	var rows []cellRow
	for i := range res.Agencies {
		a := &res.Agencies[i]
		if a.Validity != "" {
			continue
		}
		first := true
		add := func(point, old, new, ch string, delta *int) {
			r := cellRow{point: point, old: old, new: new, change: ch, delta: delta}
			if first {
				r.file = a.New.File
				if a.Old.File != a.New.File {
					r.was = a.Old.File
				}
				r.agency = a.New.Agency
				first = false
			}
			rows = append(rows, r)
		}
		changed := false
		for _, p := range a.Points {
			if p.Change != Unchanged {
				changed = true
			}
		}
		if !changed && a.Overall.Change == Unchanged {
			continue
		}
		for _, p := range a.Points {
			if p.Change == Unchanged {
				continue
			}
			add("P"+strconv.Itoa(p.Point), p.Old.Text, p.New.Text, p.Change, p.Delta)
		}
		add(l.t("overall", "totalt"), pct(a.Overall.Old), pct(a.Overall.New), a.Overall.Change, a.Overall.Delta)
	}
	return rows
}

// --- table ---

func writeTable(b *bytes.Buffer, res *Result) error {
	l := labels{langOf(res)}
	fmt.Fprintf(b, "%s\n", l.t("Compliance diff", "Jämförelse av efterlevnad"))
	fmt.Fprintf(b, "  %s  %s\n  %s  %s\n", l.t("old", "före"), l.side(res.Old), l.t("new", "efter"), l.side(res.New))
	if res.PoliciesChanged {
		fmt.Fprintf(b, "  %s\n", l.t("The policies differ (policy_sha256): some changes may come from changed rules, not from changed files.",
			"Reglerna skiljer sig åt (policy_sha256): en del förändringar kan bero på ändrade regler, inte på ändrade filer."))
	}
	rows := changedCells(res, l)
	if len(rows) > 0 {
		fmt.Fprintf(b, "\n%s\n", l.t("Changed cells (agency × guideline point):", "Ändrade celler (myndighet × punkt):"))
		t := tablewriter.NewTable(b,
			tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{Symbols: tw.NewSymbols(tw.StyleASCII)})),
			tablewriter.WithHeaderAutoFormat(tw.Off),
			tablewriter.WithHeaderAlignment(tw.AlignLeft),
			tablewriter.WithRowAutoWrap(tw.WrapNormal),
			tablewriter.WithRowMaxWidth(40),
			tablewriter.WithTrimSpace(tw.Off),
		)
		t.Header(l.t("File", "Fil"), l.t("Agency", "Myndighet"), l.t("Point", "Punkt"),
			l.t("Old", "Före"), l.t("New", "Efter"), l.t("Change", "Förändring"))
		for _, r := range rows {
			if err := t.Append(r.fileText(l), r.agency, r.point, r.old, r.new, strings.TrimSpace(signed(r.delta)+" "+l.change(r.change))); err != nil {
				return err
			}
		}
		if err := t.Render(); err != nil {
			return err
		}
	}
	findings := func(title string, get func(*Agency) []FindingChange, other string, old bool) {
		n := 0
		for i := range res.Agencies {
			n += len(get(&res.Agencies[i]))
		}
		if n == 0 {
			return
		}
		fmt.Fprintf(b, "\n%s (%d):\n", title, n)
		for i := range res.Agencies {
			a := &res.Agencies[i]
			fs := get(a)
			if len(fs) == 0 {
				continue
			}
			fmt.Fprintf(b, "  %s\n", name(a.Old, a.New))
			file := a.New.File
			if old {
				file = a.Old.File
			}
			for _, f := range fs {
				text := f.Title
				if f.Message != "" {
					text += ": " + f.Message
				}
				fmt.Fprintf(b, "    %-4s %-5s %s  %s  %s (%s %s)\n", l.severity(f.Severity), f.Requirement, f.Target,
					report.Location(file, f.Line, 0), text, other, l.status(f.Other))
			}
		}
	}
	findings(l.t("New failures", "Nya brister"), func(a *Agency) []FindingChange { return a.NewFailures }, l.t("was", "var"), false)
	findings(l.t("Fixed", "Åtgärdade"), func(a *Agency) []FindingChange { return a.Fixed }, l.t("now", "nu"), true)
	refs := func(title string, rs []Ref) {
		if len(rs) == 0 {
			return
		}
		fmt.Fprintf(b, "\n%s (%d):\n", title, len(rs))
		for _, r := range rs {
			fmt.Fprintf(b, "  %s: %s\n", refName(r), l.refState(r))
		}
	}
	refs(l.t("Agencies added", "Tillkomna myndigheter"), res.Added)
	refs(l.t("Agencies removed", "Borttagna myndigheter"), res.Removed)
	validity := func(title, v string, old bool) {
		var rs []string
		for i := range res.Agencies {
			a := &res.Agencies[i]
			if a.Validity != v {
				continue
			}
			r := a.New
			if old {
				r = a.Old
			}
			rs = append(rs, fmt.Sprintf("  %s: %s\n", name(a.Old, a.New), l.refState(r)))
		}
		if len(rs) > 0 {
			fmt.Fprintf(b, "\n%s (%d):\n%s", title, len(rs), strings.Join(rs, ""))
		}
	}
	validity(l.t("Became invalid", "Blev ogiltiga"), BecameInvalid, false)
	validity(l.t("Became valid", "Blev giltiga"), BecameValid, false)
	if !anyChange(res) {
		fmt.Fprintf(b, "\n%s\n", l.t("No changes.", "Inga förändringar."))
	}
	fmt.Fprintf(b, "\n%s\n", l.summary(res.Summary))
	return nil
}

func anyChange(res *Result) bool {
	if len(res.Added) > 0 || len(res.Removed) > 0 {
		return true
	}
	for i := range res.Agencies {
		if res.Agencies[i].Changed() {
			return true
		}
	}
	return false
}

// refState is a file's outcome and compliance, or its input errors.
func (l labels) refState(r Ref) string {
	if r.Outcome == "invalid" {
		if l.lang == "sv" {
			return fmt.Sprintf("ogiltig (%d indatafel)", r.InputErrors)
		}
		if r.InputErrors == 1 {
			return "invalid (1 input error)"
		}
		return fmt.Sprintf("invalid (%d input errors)", r.InputErrors)
	}
	return fmt.Sprintf("%s, %s %s", l.outcome(r.Outcome), pct(r.Overall), l.t("compliant", "efterlevnad"))
}

// --- markdown ---

func mdChange(c string, delta *int, l labels) string {
	icon := ""
	switch c {
	case Better:
		icon = "⬆️ "
	case Worse:
		icon = "⬇️ "
	}
	return strings.TrimSpace(icon + signed(delta) + " " + l.change(c))
}

func writeMarkdown(b *bytes.Buffer, res *Result) {
	l := labels{langOf(res)}
	fmt.Fprintf(b, "## %s\n\n", l.t("Compliance diff", "Jämförelse av efterlevnad"))
	fmt.Fprintf(b, "- %s: %s\n- %s: %s\n", l.t("Old", "Före"), mdtable.Cell(l.side(res.Old)), l.t("New", "Efter"), mdtable.Cell(l.side(res.New)))
	if res.PoliciesChanged {
		fmt.Fprintf(b, "- ⚠️ %s\n", l.t("The policies differ (policy_sha256): some changes may come from changed rules, not from changed files.",
			"Reglerna skiljer sig åt (policy_sha256): en del förändringar kan bero på ändrade regler, inte på ändrade filer."))
	}
	icon := "✅"
	if res.Summary.Regression {
		icon = "⬇️"
	}
	fmt.Fprintf(b, "\n%s %s\n", icon, mdtable.Cell(l.summary(res.Summary)))
	if rows := changedCells(res, l); len(rows) > 0 {
		fmt.Fprintf(b, "\n### %s\n\n", l.t("Changed cells", "Ändrade celler"))
		mdtable.Row(b, l.t("File", "Fil"), l.t("Agency", "Myndighet"), l.t("Point", "Punkt"), l.t("Old", "Före"), l.t("New", "Efter"), l.t("Change", "Förändring"))
		b.WriteString("|---|---|---|---:|---:|---|\n")
		for _, r := range rows {
			mdtable.Row(b, r.fileMarkdown(l), mdtable.Cell(r.agency), r.point, mdtable.Cell(r.old), mdtable.Cell(r.new), mdChange(r.change, r.delta, l))
		}
	}
	findings := func(title string, get func(*Agency) []FindingChange, other string, old bool) {
		n := 0
		for i := range res.Agencies {
			n += len(get(&res.Agencies[i]))
		}
		if n == 0 {
			return
		}
		fmt.Fprintf(b, "\n### %s (%d)\n\n", title, n)
		mdtable.Row(b, "", l.t("Requirement", "Krav"), l.t("Target", "Mål"), l.t("Agency", "Myndighet"), l.t("Location", "Plats"), l.t("Message", "Meddelande"), other)
		b.WriteString("|---|---|---|---|---|---|---|\n")
		for i := range res.Agencies {
			a := &res.Agencies[i]
			file := a.New.File
			if old {
				file = a.Old.File
			}
			for _, f := range get(a) {
				sev := "⚠️"
				if f.Severity == "error" {
					sev = "❌"
				}
				mdtable.Row(b, sev, mdtable.Cell(f.Requirement+" "+f.Title), mdtable.Code(f.Target), mdtable.Cell(a.New.Agency),
					mdtable.Code(report.Location(file, f.Line, 0)), mdtable.Cell(f.Message), mdtable.Cell(l.status(f.Other)))
			}
		}
	}
	findings(l.t("New failures", "Nya brister"), func(a *Agency) []FindingChange { return a.NewFailures }, l.t("Was", "Var"), false)
	findings(l.t("Fixed", "Åtgärdade"), func(a *Agency) []FindingChange { return a.Fixed }, l.t("Now", "Nu"), true)
	var files []string
	add := func(what string, r Ref, state string) {
		files = append(files, fmt.Sprintf("| %s | %s | %s | %s |\n", what, mdtable.Code(r.File), mdtable.Cell(r.Agency), mdtable.Cell(state)))
	}
	for _, r := range res.Added {
		add(l.t("added", "tillkommen"), r, l.refState(r))
	}
	for _, r := range res.Removed {
		add(l.t("removed", "borttagen"), r, l.refState(r))
	}
	for i := range res.Agencies {
		a := &res.Agencies[i]
		switch a.Validity {
		case BecameInvalid:
			add(l.t("became invalid", "blev ogiltig"), a.New, l.refState(a.New))
		case BecameValid:
			add(l.t("became valid", "blev giltig"), a.New, l.refState(a.New))
		}
	}
	if len(files) > 0 {
		fmt.Fprintf(b, "\n### %s\n\n", l.t("Files", "Filer"))
		mdtable.Row(b, l.t("Change", "Förändring"), l.t("File", "Fil"), l.t("Agency", "Myndighet"), l.t("Now", "Nu"))
		b.WriteString("|---|---|---|---|\n")
		b.WriteString(strings.Join(files, ""))
	}
}

// --- json ---

// JSONVersion is the diff_version of the json format (docs/diff.md).
const JSONVersion = "1"

type jsonSide struct {
	Report       string  `json:"report"`
	ToolVersion  string  `json:"tool_version"`
	PolicySHA256 string  `json:"policy_sha256"`
	AsOf         *string `json:"as_of"`
	Files        int     `json:"files"`
}

type jsonSummary struct {
	AgenciesCompared int  `json:"agencies_compared"`
	AgenciesAdded    int  `json:"agencies_added"`
	AgenciesRemoved  int  `json:"agencies_removed"`
	BecameInvalid    int  `json:"became_invalid"`
	BecameValid      int  `json:"became_valid"`
	CellsBetter      int  `json:"cells_better"`
	CellsWorse       int  `json:"cells_worse"`
	NewFailures      int  `json:"new_failures"`
	Fixed            int  `json:"fixed"`
	AddedFailing     int  `json:"added_failing"`
	Regression       bool `json:"regression"`
}

type jsonRef struct {
	File      string `json:"file"`
	Agency    string `json:"agency"`
	OrgNumber string `json:"org_number"`
	Outcome   string `json:"outcome"`
	Overall   *int   `json:"overall"`
}

type jsonScore struct {
	Cell          string `json:"cell"`
	Percent       *int   `json:"percent"`
	Pass          int    `json:"pass"`
	Fail          int    `json:"fail"`
	Warn          int    `json:"warn"`
	Waived        int    `json:"waived"`
	NotApplicable int    `json:"not_applicable"`
}

type jsonPoint struct {
	Point  int       `json:"point"`
	Old    jsonScore `json:"old"`
	New    jsonScore `json:"new"`
	Delta  *int      `json:"delta"`
	Change string    `json:"change"`
}

type jsonOverall struct {
	Old    *int   `json:"old"`
	New    *int   `json:"new"`
	Delta  *int   `json:"delta"`
	Change string `json:"change"`
}

type jsonFinding struct {
	Requirement string `json:"requirement"`
	Point       int    `json:"point"`
	Severity    string `json:"severity"`
	Target      string `json:"target"`
	Title       string `json:"title"`
	Message     string `json:"message"`
	Path        string `json:"path"`
	File        string `json:"file"`
	Line        int    `json:"line"`
	Was         string `json:"was,omitempty"`
	Now         string `json:"now,omitempty"`
}

type jsonAgency struct {
	Old         jsonRef       `json:"old"`
	New         jsonRef       `json:"new"`
	MatchedBy   string        `json:"matched_by"`
	Validity    string        `json:"validity"`
	Changed     bool          `json:"changed"`
	Overall     jsonOverall   `json:"overall"`
	Points      []jsonPoint   `json:"points"`
	NewFailures []jsonFinding `json:"new_failures"`
	Fixed       []jsonFinding `json:"fixed"`
}

type jsonDiff struct {
	DiffVersion     string       `json:"diff_version"`
	Old             jsonSide     `json:"old"`
	New             jsonSide     `json:"new"`
	PoliciesChanged bool         `json:"policies_changed"`
	Summary         jsonSummary  `json:"summary"`
	Agencies        []jsonAgency `json:"agencies"`
	Added           []jsonRef    `json:"added"`
	Removed         []jsonRef    `json:"removed"`
}

func sideOf(r *Report) jsonSide {
	return jsonSide{Report: r.Path, ToolVersion: r.Tool.Version, PolicySHA256: r.Tool.PolicySHA256, AsOf: r.AsOf, Files: len(r.Files)}
}

func jsonRefOf(r Ref) jsonRef {
	return jsonRef{File: r.File, Agency: r.Agency, OrgNumber: r.OrgNumber, Outcome: r.Outcome, Overall: r.Overall}
}

func jsonScoreOf(s Score) jsonScore {
	return jsonScore{Cell: s.Cell, Percent: s.Percent, Pass: s.Pass, Fail: s.Fail, Warn: s.Warn, Waived: s.Waived, NotApplicable: s.NotApplicable}
}

func jsonFindings(fs []FindingChange, file string, was bool) []jsonFinding {
	out := make([]jsonFinding, 0, len(fs))
	for _, f := range fs {
		j := jsonFinding{Requirement: f.Requirement, Point: f.Point, Severity: f.Severity, Target: f.Target,
			Title: f.Title, Message: f.Message, Path: f.Path, File: file, Line: f.Line}
		if was {
			j.Was = f.Other
		} else {
			j.Now = f.Other
		}
		out = append(out, j)
	}
	return out
}

func writeJSON(b *bytes.Buffer, res *Result) error {
	s := res.Summary
	d := jsonDiff{
		DiffVersion: JSONVersion, Old: sideOf(res.Old), New: sideOf(res.New), PoliciesChanged: res.PoliciesChanged,
		Summary: jsonSummary{
			AgenciesCompared: s.Compared, AgenciesAdded: s.Added, AgenciesRemoved: s.Removed,
			BecameInvalid: s.BecameInvalid, BecameValid: s.BecameValid, CellsBetter: s.CellsBetter, CellsWorse: s.CellsWorse,
			NewFailures: s.NewFailures, Fixed: s.Fixed, AddedFailing: s.AddedFailing, Regression: s.Regression,
		},
		Agencies: make([]jsonAgency, 0, len(res.Agencies)),
		Added:    make([]jsonRef, 0, len(res.Added)),
		Removed:  make([]jsonRef, 0, len(res.Removed)),
	}
	for i := range res.Agencies {
		a := &res.Agencies[i]
		validity := a.Validity
		if validity == "" {
			validity = "valid"
		}
		ja := jsonAgency{
			Old: jsonRefOf(a.Old), New: jsonRefOf(a.New), MatchedBy: a.MatchedBy, Validity: validity, Changed: a.Changed(),
			Overall:     jsonOverall{Old: a.Overall.Old, New: a.Overall.New, Delta: a.Overall.Delta, Change: a.Overall.Change},
			Points:      make([]jsonPoint, 0, len(a.Points)),
			NewFailures: jsonFindings(a.NewFailures, a.New.File, true),
			Fixed:       jsonFindings(a.Fixed, a.Old.File, false),
		}
		for _, p := range a.Points {
			ja.Points = append(ja.Points, jsonPoint{Point: p.Point, Old: jsonScoreOf(p.Old), New: jsonScoreOf(p.New), Delta: p.Delta, Change: p.Change})
		}
		d.Agencies = append(d.Agencies, ja)
	}
	for _, r := range res.Added {
		d.Added = append(d.Added, jsonRefOf(r))
	}
	for _, r := range res.Removed {
		d.Removed = append(d.Removed, jsonRefOf(r))
	}
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(d)
}
