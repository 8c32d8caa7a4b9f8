package report

import (
	"bytes"
	"io"
	"strconv"
	"strings"

	"github.com/smcheck/smcheck/checks"
)

func init() {
	Register("github", func(w io.Writer, o Options) Writer { return &githubWriter{w: w, o: o} })
}

// githubWriter writes GitHub Actions workflow commands, one line per failing
// finding (::error or ::warning by severity), waived finding and unused
// waiver (::notice) and input problem (::error or ::warning, titled with the
// IN code). Passed and not-applicable results are not written. Files are
// named relative to Options.Root, as annotations need repository paths.
type githubWriter struct {
	w    io.Writer
	o    Options
	m    *Meta
	lang string
}

// ghData escapes a workflow command's message.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProp escapes a workflow command's property value.
func ghProp(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// ghCommand is one workflow command line.
func ghCommand(cmd, file string, line, col int, title, msg string) string {
	var b strings.Builder
	b.WriteString("::" + cmd + " file=" + ghProp(file))
	if line > 0 {
		b.WriteString(",line=" + strconv.Itoa(line))
		if col > 0 {
			b.WriteString(",col=" + strconv.Itoa(col))
		}
	}
	if title != "" {
		b.WriteString(",title=" + ghProp(title))
	}
	b.WriteString("::" + ghData(msg) + "\n")
	return b.String()
}

func (g *githubWriter) Start(m *Meta) error {
	g.m, g.lang = m, langOf(m)
	return nil
}

func (g *githubWriter) Add(r *checks.Result) error {
	file, _ := relPath(g.o.Root, r.File)
	var buf bytes.Buffer
	if r.Error != "" {
		buf.WriteString(ghCommand("error", file, 0, 0, Text(g.lang, "File could not be checked", "Filen kunde inte kontrolleras"), r.Error))
	}
	for _, i := range r.Issues {
		cmd := "error"
		if !i.IsError() {
			cmd = "warning"
		}
		buf.WriteString(ghCommand(cmd, file, i.Line, i.Column, i.Code+" "+inputTitle(i.Code, g.lang), i.Path+": "+issueText(i, g.lang)))
	}
	for _, f := range r.Findings {
		title := f.ID + " " + Title(f, g.lang)
		switch f.Status {
		case checks.StatusFail:
			cmd := "warning"
			if f.Severity == "error" {
				cmd = "error"
			}
			if f.Baseline == checks.BaselineUnchanged {
				// Known and accepted: a notice, so that a pull request
				// shows only what it makes worse.
				cmd = "notice"
				title += " " + Text(g.lang, "(baseline)", "(baslinje)")
			}
			buf.WriteString(ghCommand(cmd, file, f.Line, f.Column, title, withFix(findingText(f, g.lang), Remediation(f, g.lang), g.lang)))
		case checks.StatusWaived:
			buf.WriteString(ghCommand("notice", file, f.Line, f.Column, title, findingText(f, g.lang)+" — "+waiverText(f, g.lang)))
		}
	}
	for _, u := range r.UnusedWaivers {
		buf.WriteString(ghCommand("notice", file, u.Line, u.Column, Text(g.lang, "Unused waiver", "Oanvänt undantag"), unusedWaiverText(u, g.lang)))
	}
	_, err := g.w.Write(buf.Bytes())
	return err
}

func (g *githubWriter) End(*Summary) error { return nil }
