package report

import (
	"regexp"
	"strings"
	"testing"

	"github.com/smcheck/smcheck/checks"
)

// expectedFailCells is the number of heatmap cells that must be marked
// failed: points with a failed error, over the files without input errors.
func expectedFailCells(rs []*checks.Result) int {
	n := 0
	for _, r := range rs {
		if r.HasInputErrors() {
			continue
		}
		for _, p := range Scores(r) {
			if p.Cell() == "fail" {
				n++
			}
		}
	}
	return n
}

// externalRef finds anything that would make the page load from elsewhere.
var externalRef = regexp.MustCompile(`(?i)<link\b|<img\b|<iframe\b|\bsrc\s*=|@import|url\(|@font-face|(href|action)\s*=\s*"(https?:|//)`)

func TestHTMLGolden(t *testing.T) {
	goldenRun(t, "html", "html", Options{}, func(t *testing.T, c goldenCase, out []byte) {
		page := string(out)
		rs := caseResults(t, c)
		if m := externalRef.FindString(page); m != "" {
			t.Errorf("the page refers to an external resource: %q", m)
		}
		if got := strings.Count(page, `data-testid="agency-row"`); got != len(rs) {
			t.Errorf("%d agency rows, want %d", got, len(rs))
		}
		if got, want := strings.Count(page, `data-testid="cell-fail"`), expectedFailCells(rs); got != want {
			t.Errorf("%d failed heatmap cells, want %d", got, want)
		}
		for _, r := range rs {
			for _, f := range r.Findings {
				// Every failed and waived finding is in the drill-down.
				if f.Status == checks.StatusFail || f.Status == checks.StatusWaived {
					loc := Location(r.File, f.Line, f.Column)
					if !strings.Contains(page, "<code>"+loc+"</code>") {
						t.Errorf("%s %s %s at %s is not in the page", f.ID, f.Target, f.Status, loc)
					}
				}
				if f.Waiver != nil && !strings.Contains(page, f.Waiver.ApprovedBy) {
					t.Errorf("waiver approver %q of %s is not in the page", f.Waiver.ApprovedBy, f.ID)
				}
			}
			for _, i := range r.Issues {
				if !strings.Contains(page, i.Code) {
					t.Errorf("input issue %s of %s is not in the page", i.Code, r.File)
				}
			}
		}
		// Without scripts the page is complete, only unsorted: the rows are
		// in the markup and the filter box, which needs scripts, is hidden.
		if !strings.Contains(page, `<div class="filter" hidden>`) {
			t.Error("the filter box is not hidden in the markup")
		}
		if c.Lang == "sv" && !strings.Contains(page, "Underkända krav") {
			t.Error("the Swedish page has no Swedish headings")
		}
	})
}

// TestHTMLEscapes checks that text from an input file cannot inject markup.
func TestHTMLEscapes(t *testing.T) {
	r := &checks.Result{
		File: "x.yaml", Agency: `<script>alert(1)</script>"&`,
		Findings: []checks.Finding{{ID: "P1.1", Point: 1, Severity: "error", Status: checks.StatusFail,
			Target: "agency", Title: "T", Line: 1, Column: 1}},
	}
	page := string(runWriter(t, "html", Options{}, testMeta(t, ""), []*checks.Result{r}))
	if strings.Contains(page, "<script>alert(1)") {
		t.Error("the agency name was not escaped")
	}
	if !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;&#34;&amp;") {
		t.Error("the escaped agency name is missing")
	}
}

// TestHTMLKeepsNoPasses checks that the writer keeps only non-pass findings.
func TestHTMLKeepsNoPasses(t *testing.T) {
	h := &htmlWriter{}
	if err := h.Start(testMeta(t, "")); err != nil {
		t.Fatal(err)
	}
	r := testResult(t, fixtureTypicalGaps)
	if err := h.Add(r); err != nil {
		t.Fatal(err)
	}
	a := h.agencies[0]
	c := CountFile(r)
	if got, want := len(a.Failed)+len(a.Waived), c.FailedErrors+c.FailedWarnings+c.Waived; got != want {
		t.Errorf("kept %d findings, want the %d failed and waived ones", got, want)
	}
}

// TestEmptyRun checks that the summary formats cope with a run of no files.
func TestEmptyRun(t *testing.T) {
	for _, format := range []string{"matrix", "csv", "csv-summary", "html"} {
		out := runWriter(t, format, Options{}, testMeta(t, "sv"), nil)
		if len(out) == 0 {
			t.Errorf("%s wrote nothing for an empty run", format)
		}
	}
}

// TestUnreadableFile: a file that could not be read is named in the matrix
// notes, and the HTML says nothing was evaluated instead of claiming the
// findings were evaluated and none failed.
func TestUnreadableFile(t *testing.T) {
	r := &checks.Result{File: "locked.yaml", Error: "cannot read the file: permission denied"}
	page := string(runWriter(t, "html", Options{}, testMeta(t, ""), []*checks.Result{r}))
	if !strings.Contains(page, "no requirement was checked") {
		t.Error("the HTML does not say the file was not evaluated")
	}
	for _, wrong := range []string{"were evaluated treating", "No failed requirements"} {
		if strings.Contains(page, wrong) {
			t.Errorf("the HTML says %q for a file it could not read", wrong)
		}
	}
	if m := string(runWriter(t, "matrix", Options{}, testMeta(t, ""), []*checks.Result{r})); !strings.Contains(m, "locked.yaml: cannot read the file") {
		t.Errorf("the matrix note does not name the file:\n%s", m)
	}
}
