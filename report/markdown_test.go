package report

import (
	"strings"
	"testing"
)

// mdColumns counts a table row's cells (unescaped pipes).
func mdColumns(line string) int {
	n := 0
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++
		case '|':
			n++
		}
	}
	return n - 1
}

func TestMarkdownGolden(t *testing.T) {
	goldenRun(t, "markdown", "md", Options{}, func(t *testing.T, c goldenCase, out []byte) {
		lines := strings.Split(string(out), "\n")
		cols := 0
		for i, l := range lines {
			if !strings.HasPrefix(l, "|") {
				cols = 0
				continue
			}
			n := mdColumns(l)
			if cols == 0 {
				cols = n
			} else if n != cols {
				t.Errorf("line %d has %d cells, the table %d: %s", i+1, n, cols, l)
			}
		}
		heading := "# smcheck report"
		if c.Lang == "sv" {
			heading = "# smcheck-rapport"
		}
		if !strings.HasPrefix(string(out), heading+"\n") {
			t.Errorf("does not start with %q", heading)
		}
		want := 0
		for _, r := range caseResults(t, c) {
			if len(r.Findings) > 0 {
				want++
			}
		}
		if got := strings.Count(string(out), "\n|---:|---|"); got != want {
			t.Errorf("%d points tables, want %d", got, want)
		}
	})
}
