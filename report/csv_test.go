package report

import (
	"bytes"
	"encoding/csv"
	"testing"

	"github.com/smcheck/smcheck/checks"
)

// readCSV parses a csv output strictly: every record has the header's width.
func readCSV(t *testing.T, out []byte) [][]string {
	t.Helper()
	if bytes.HasPrefix(out, []byte("\xef\xbb\xbf")) {
		t.Error("csv starts with a byte order mark")
	}
	recs, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("csv does not parse: %v", err)
	}
	if len(recs) == 0 {
		t.Fatal("csv is empty")
	}
	return recs
}

func TestCSVGolden(t *testing.T) {
	goldenRun(t, "csv", "csv", Options{}, func(t *testing.T, c goldenCase, out []byte) {
		recs := readCSV(t, out)
		if got := recs[0]; len(got) != len(csvFindingHeader) || got[0] != "file" {
			t.Fatalf("header = %q", got)
		}
		want := 1
		for _, r := range caseResults(t, c) {
			want += len(r.Findings) + len(r.Issues) + len(r.UnusedWaivers)
			if r.Error != "" {
				want++
			}
		}
		if len(recs) != want {
			t.Errorf("%d records, want %d (header, findings, input issues, unused waivers)", len(recs), want)
		}
		for _, rec := range recs[1:] {
			if rec[5] == "input_error" && rec[2] == "" {
				t.Errorf("input error row without an IN code: %q", rec)
			}
		}
	})
}

func TestCSVSummaryGolden(t *testing.T) {
	goldenRun(t, "csv-summary", "csv", Options{}, func(t *testing.T, c goldenCase, out []byte) {
		recs := readCSV(t, out)
		rs := caseResults(t, c)
		if len(recs) != 1+len(rs) {
			t.Fatalf("%d records, want a header and %d files", len(recs), len(rs))
		}
		for i, r := range rs {
			rec := recs[i+1]
			if rec[0] != r.File || rec[1] != r.Agency || rec[2] != r.Outcome("error") {
				t.Errorf("row %d = %q, want file %s agency %q outcome %s", i+1, rec[:3], r.File, r.Agency, r.Outcome("error"))
			}
		}
	})
}

func TestCSVKeepsNamesAndQuotes(t *testing.T) {
	r := &checks.Result{
		File: "a,b.yaml", Agency: "Länsstyrelsen i Västra Götalands län",
		Findings: []checks.Finding{{ID: "P1.1", Point: 1, Severity: "error", Status: checks.StatusFail,
			Target: "agency", Title: `say "hi"`, Line: 3, Column: 2}},
	}
	for _, agency := range []string{"Länsstyrelsen i Västra Götalands län", "=HYPERLINK(\"x\")"} {
		r.Agency = agency
		out := runWriter(t, "csv", Options{}, testMeta(t, ""), []*checks.Result{r})
		recs := readCSV(t, out)
		got := recs[1]
		want := agency
		if agency[0] == '=' {
			want = "'" + agency
		}
		if got[0] != "a,b.yaml" || got[1] != want || got[7] != `say "hi"` || got[12] != "3" || got[13] != "2" {
			t.Errorf("row = %q", got)
		}
	}
}
