package report

import (
	"strings"
	"testing"
)

func TestMatrixGolden(t *testing.T) {
	goldenRun(t, "matrix", "txt", Options{}, func(t *testing.T, c goldenCase, out []byte) {
		lines := strings.Count(string(out), "\n")
		if lines < 5 {
			t.Errorf("matrix has only %d lines", lines)
		}
		for _, r := range caseResults(t, c) {
			if !strings.Contains(string(out), r.File) {
				t.Errorf("matrix lacks a row for %s", r.File)
			}
		}
	})
}

func TestMatrixNarrowWidth(t *testing.T) {
	c := goldenCases[2]
	out := runWriter(t, "matrix", Options{Width: 100}, testMeta(t, ""), caseResults(t, c))
	if !strings.Contains(string(out), "invalid (1") || !strings.Contains(string(out), "input error)") {
		t.Errorf("the invalid file's row is missing:\n%s", out)
	}
}
