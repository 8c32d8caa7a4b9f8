package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/smcheck/smcheck/checks"
	"github.com/smcheck/smcheck/checks/input"
)

func init() {
	Register("sarif", func(w io.Writer, o Options) Writer { return &sarifWriter{w: w, o: o} })
}

// InformationURI is the project's home page, named in SARIF.
const InformationURI = "https://github.com/smcheck/smcheck"

// Rule ids of SARIF results that are neither requirements nor input codes.
const (
	ruleUnusedWaiver = "unused-waiver"
	ruleFileError    = "file-error"
)

// inputCode describes an input problem code (model.md §16).
type inputCode struct {
	Code, Level, Title, TitleSV, Description string
}

// inputCodes are the input problem codes, in code order.
var inputCodes = []inputCode{
	{"IN-01", input.LevelError, "Not parseable as YAML", "Inte tolkbar som YAML", "The file is not parseable as YAML, is empty, or holds more than one YAML document."},
	{"IN-02", input.LevelError, "Root is not a mapping", "Roten är inte en mappning", "The root of the document is not a mapping."},
	{"IN-03", input.LevelError, "Unsupported schema_version", "schema_version saknas eller stöds inte", "schema_version is missing or not the integer 1."},
	{"IN-04", input.LevelError, "Required key missing", "Obligatorisk nyckel saknas", "A required key is missing, including agency.contact without any of email, phone, url."},
	{"IN-05", input.LevelError, "Wrong type", "Fel typ", "A value has the wrong type, including null for a required key, a string where a boolean is expected and a negative number."},
	{"IN-06", input.LevelError, "Value outside its enum", "Värde utanför de tillåtna", "A value is not one of the values allowed for the key."},
	{"IN-07", input.LevelError, "Bad format", "Felaktigt format", "A date, time, URL, organisation number, id, number or config value has a bad format or is out of range."},
	{"IN-08", input.LevelError, "Duplicate id or key", "Dubblerat id eller nyckel", "An id is used twice in one list, or a key twice in one mapping."},
	{"IN-09", input.LevelError, "Unresolved reference", "Oupplöst referens", "A reference names no object of the kind it refers to."},
	{"IN-W1", input.LevelWarning, "Unknown key", "Okänd nyckel", "A key is not defined by the data model and does not start with x-."},
	{"IN-W2", input.LevelWarning, "Event date after the evaluation date", "Händelsedatum efter utvärderingsdatumet", "An event date is later than the evaluation date; the value is treated as absent."},
	{"IN-W3", input.LevelWarning, "evaluation_date and --as-of differ", "evaluation_date och --as-of skiljer sig åt", "evaluation_date and --as-of are both given and differ; --as-of is used."},
}

// inputTitle is the title of an input code in the language, or the code.
func inputTitle(code, lang string) string {
	for _, c := range inputCodes {
		if c.Code == code {
			return Text(lang, c.Title, c.TitleSV)
		}
	}
	return code
}

// fixLabel introduces a remediation in running text.
func fixLabel(lang string) string { return Text(lang, "Fix:", "Åtgärd:") }

// withFix is a message followed by its fix.
func withFix(msg, fix, lang string) string {
	if fix == "" {
		return msg
	}
	if msg == "" {
		return fixLabel(lang) + " " + fix
	}
	return msg + " " + fixLabel(lang) + " " + fix
}

// findingText is a finding's message, or its title when it has none.
func findingText(f checks.Finding, lang string) string {
	if m := Message(f, lang); m != "" {
		return m
	}
	return Title(f, lang)
}

// issueText is an input issue's message with its hint.
func issueText(i input.Issue, lang string) string {
	return withFix(i.MessageIn(lang), i.HintIn(lang), lang)
}

// unusedWaiverText describes an unused waiver.
func unusedWaiverText(u checks.UnusedWaiver, lang string) string {
	return fmt.Sprintf(Text(lang,
		"waivers[%d] (%s for %s, expires %s) matches no failing finding.",
		"waivers[%d] (%s för %s, upphör %s) matchar ingen brist."),
		u.Index, u.Requirement, u.Target, u.Expires)
}

// relPath is file relative to root ("" is the current directory) with
// forward slashes; ok is false when the file is outside root (the path is
// then absolute).
func relPath(root, file string) (p string, ok bool) {
	if root == "" {
		root = "."
	}
	absRoot, err1 := filepath.Abs(root)
	absFile, err2 := filepath.Abs(file)
	if err1 != nil || err2 != nil {
		return filepath.ToSlash(file), !filepath.IsAbs(file)
	}
	rel, err := filepath.Rel(absRoot, absFile)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(absFile), false
	}
	return filepath.ToSlash(rel), true
}

// camelCase joins the words of s, each capitalised: "Captured often enough"
// is "CapturedOftenEnough".
func camelCase(s string) string {
	var b strings.Builder
	up := true
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			up = true
			continue
		}
		if up {
			r = unicode.ToUpper(r)
			up = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// securitySeverity is GitHub's security-severity of a level.
func securitySeverity(severity string) string {
	if severity == "error" {
		return "7.0"
	}
	return "4.0"
}

// sarifWriter buffers the failing, waived and input-problem results of all
// files (SARIF is one document) and writes the log at End.
type sarifWriter struct {
	w       io.Writer
	o       Options
	m       *Meta
	lang    string
	run     *sarif.Run
	ruleIdx map[string]int
}

func (s *sarifWriter) Start(m *Meta) error {
	s.m, s.lang = m, langOf(m)
	run := sarif.NewRunWithInformationURI(m.Tool, InformationURI)
	if m.Version != "" {
		run.Tool.Driver.Version = &m.Version
	}
	s.ruleIdx = map[string]int{}
	add := func(r *sarif.ReportingDescriptor) {
		s.ruleIdx[r.ID] = len(run.Tool.Driver.Rules)
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, r)
	}
	if m.Catalog != nil {
		for _, r := range m.Catalog.Rules {
			rd := sarif.NewRule(r.ID).WithName(camelCase(r.Title)).
				WithShortDescription(sarif.NewMultiformatMessageString(Text(s.lang, r.Title, r.TitleSV)))
			if r.Description != "" {
				rd.WithFullDescription(sarif.NewMultiformatMessageString(r.Description))
			}
			rem := Text(s.lang, r.Remediation.EN, r.Remediation.SV)
			md := rem
			if len(r.References) > 0 {
				md += "\n\n**" + Text(s.lang, "References", "Referenser") + "**\n"
				for _, ref := range r.References {
					md += "\n- " + ref
				}
			}
			rd.WithHelp(sarif.NewMultiformatMessageString(rem).WithMarkdown(md))
			point := "waiver"
			if r.Point > 0 {
				point = fmt.Sprintf("point-%d", r.Point)
			}
			rd.Properties = sarif.Properties{
				"tags":              []string{point, r.Severity, "compliance"},
				"security-severity": securitySeverity(r.Severity),
			}
			rd.DefaultConfiguration = &sarif.ReportingConfiguration{Level: r.Severity}
			add(rd)
		}
	}
	for _, c := range inputCodes {
		rd := sarif.NewRule(c.Code).WithName(camelCase(c.Title)).
			WithShortDescription(sarif.NewMultiformatMessageString(Text(s.lang, c.Title, c.TitleSV))).
			WithFullDescription(sarif.NewMultiformatMessageString(c.Description))
		help := Text(s.lang, "Correct the agency file; input problems cannot be waived.",
			"Rätta myndighetens fil; indataproblem kan inte undantas.")
		rd.WithHelp(sarif.NewMultiformatMessageString(help).WithMarkdown(help))
		rd.Properties = sarif.Properties{"tags": []string{"input", c.Level}}
		rd.DefaultConfiguration = &sarif.ReportingConfiguration{Level: c.Level}
		add(rd)
	}
	unused := Text(s.lang, "Unused waiver", "Oanvänt undantag")
	add(sarif.NewRule(ruleUnusedWaiver).WithName("UnusedWaiver").
		WithShortDescription(sarif.NewMultiformatMessageString(unused)).
		WithFullDescription(sarif.NewMultiformatMessageString("A valid waiver matches no failing finding.")).
		WithHelp(sarif.NewMultiformatMessageString(Text(s.lang,
			"Remove the waiver, or correct its requirement or target.",
			"Ta bort undantaget, eller rätta dess krav eller mål."))).
		WithDefaultConfiguration(&sarif.ReportingConfiguration{Level: "note"}))
	add(sarif.NewRule(ruleFileError).WithName("FileError").
		WithShortDescription(sarif.NewMultiformatMessageString(Text(s.lang, "File could not be checked", "Filen kunde inte kontrolleras"))).
		WithFullDescription(sarif.NewMultiformatMessageString("The file could not be read or evaluated.")).
		WithDefaultConfiguration(&sarif.ReportingConfiguration{Level: "error"}))
	run.AddInvocation(true)
	props := sarif.Properties{"fail_on": m.FailOn, "lang": s.lang, "policy_sha256": m.PolicySHA256, "opa_version": m.OPAVersion}
	if m.AsOf != "" {
		props["as_of"] = m.AsOf
	}
	if m.Commit != "" {
		props["commit"] = m.Commit
	}
	if m.Baseline != "" {
		props["baseline"] = m.Baseline
	}
	run.Properties = props
	s.run = run
	return nil
}

// location is a result location in file at line:col (no region when line is 0).
func (s *sarifWriter) location(file string, line, col int) *sarif.Location {
	al := sarif.NewArtifactLocation()
	if rel, ok := relPath(s.o.Root, file); ok {
		al.WithUri((&url.URL{Path: rel}).EscapedPath()).WithUriBaseId("%SRCROOT%")
	} else {
		al.WithUri((&url.URL{Scheme: "file", Path: rel}).String())
	}
	pl := sarif.NewPhysicalLocation().WithArtifactLocation(al)
	if line > 0 {
		r := sarif.NewRegion().WithStartLine(line)
		if col > 0 {
			r.WithStartColumn(col)
		}
		pl.WithRegion(r)
	}
	return sarif.NewLocationWithPhysicalLocation(pl)
}

// fingerprint is a stable hash of the parts: no line numbers, so it survives
// unrelated edits of the file.
func fingerprint(parts ...string) string {
	sum := sha256.Sum256([]byte(strings.Join(parts, "|")))
	return hex.EncodeToString(sum[:])
}

// guidOf is a deterministic version-5-shaped GUID made from a fingerprint.
func guidOf(fp string) string {
	b, _ := hex.DecodeString(fp)
	b[6] = b[6]&0x0f | 0x50
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:16])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

func (s *sarifWriter) result(ruleID, level, text string, loc *sarif.Location, fp string) *sarif.Result {
	r := sarif.NewRuleResult(ruleID).WithLevel(level).WithMessage(sarif.NewTextMessage(text))
	if i, ok := s.ruleIdx[ruleID]; ok {
		r.WithRuleIndex(i)
	}
	r.AddLocation(loc)
	r.WithPartialFingerPrints(map[string]any{"smcheck/v1": fp})
	if s.m.Baseline != "" {
		// SARIF wants baselineState on every result once one has it:
		// only failures in the baseline are "unchanged". Fixed findings are
		// not written as "absent" results: viewers such as GitHub code
		// scanning would show them as open alerts.
		r.WithBaselineState("new")
	}
	s.run.AddResult(r)
	return r
}

func (s *sarifWriter) Add(r *checks.Result) error {
	uri, _ := relPath(s.o.Root, r.File)
	if r.Error != "" {
		s.result(ruleFileError, "error", r.Error, s.location(r.File, 0, 0), fingerprint(ruleFileError, uri))
	}
	for _, i := range r.Issues {
		level := "error"
		if !i.IsError() {
			level = "warning"
		}
		s.result(i.Code, level, i.Path+": "+issueText(i, s.lang), s.location(r.File, i.Line, i.Column),
			fingerprint(i.Code, uri, i.Path))
	}
	for _, f := range r.Findings {
		if f.Status != checks.StatusFail && f.Status != checks.StatusWaived {
			continue
		}
		level := "warning"
		if f.Severity == "error" {
			level = "error"
		}
		if f.Status == checks.StatusWaived {
			level = "note"
		}
		fp := fingerprint(f.ID, uri, f.Target)
		loc := s.location(r.File, f.Line, f.Column)
		res := s.result(f.ID, level, withFix(findingText(f, s.lang), Remediation(f, s.lang), s.lang), loc, fp)
		if f.Baseline == checks.BaselineUnchanged {
			res.WithBaselineState("unchanged")
		}
		if w := f.Waiver; w != nil && f.Status == checks.StatusWaived {
			sup := sarif.NewSuppression("external").WithStatus("accepted").
				WithJustifcation(w.Justification).WithLocation(loc).WithGuid(guidOf(fp))
			sup.Properties = sarif.Properties{
				"approved_by": w.ApprovedBy, "approved_date": w.ApprovedDate,
				"expires": w.Expires, "waiver_index": w.Index,
			}
			res.AddSuppression(sup)
		}
	}
	for _, u := range r.UnusedWaivers {
		s.result(ruleUnusedWaiver, "note", unusedWaiverText(u, s.lang), s.location(r.File, u.Line, u.Column),
			fingerprint(ruleUnusedWaiver, uri, u.Requirement, u.Target))
	}
	return nil
}

func (s *sarifWriter) End(*Summary) error {
	log, err := sarif.New(sarif.Version210)
	if err != nil {
		return err
	}
	log.AddRun(s.run)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(log); err != nil {
		return err
	}
	_, err = s.w.Write(buf.Bytes())
	return err
}
