package report

import (
	"regexp"
	"strings"
	"testing"

	"github.com/smcheck/smcheck/checks"
	"github.com/smcheck/smcheck/checks/catalog"
)

var ghLine = regexp.MustCompile(`^::(error|warning|notice) file=[^,:\r\n]+(,line=[1-9][0-9]*(,col=[1-9][0-9]*)?)?(,title=[^,:\r\n]*)?::[^\r\n]*$`)

func TestGitHubGolden(t *testing.T) {
	goldenRun(t, "github", "txt", Options{Root: ".."}, func(t *testing.T, c goldenCase, out []byte) {
		want := 0
		for _, r := range caseResults(t, c) {
			want += len(r.Issues) + len(r.UnusedWaivers)
			for _, f := range r.Findings {
				if f.Status == checks.StatusFail || f.Status == checks.StatusWaived {
					want++
				}
			}
		}
		lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
		if len(out) == 0 {
			lines = nil
		}
		if len(lines) != want {
			t.Errorf("%d lines, want %d", len(lines), want)
		}
		for _, l := range lines {
			if !ghLine.MatchString(l) {
				t.Errorf("not a workflow command: %q", l)
			}
		}
	})
}

func TestGitHubEscaping(t *testing.T) {
	r := &checks.Result{File: "a,b:c%.yaml", Findings: []checks.Finding{{
		ID: "P6.2", Point: 6, Severity: "warning", Status: checks.StatusFail, Target: "x",
		Title: "Captured, often: enough", Line: 3, Column: 7,
		Messages:    []catalog.Message{{EN: "100% bad\r\nreally"}},
		Remediation: catalog.Remediation{EN: "fix, now: please"},
	}}}
	got := string(runWriter(t, "github", Options{}, testMeta(t, "en"), []*checks.Result{r}))
	want := "::warning file=a%2Cb%3Ac%25.yaml,line=3,col=7,title=P6.2 Captured%2C often%3A enough::100%25 bad%0D%0Areally Fix: fix, now: please\n"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
