package mdtable

import (
	"bytes"
	"testing"
)

func TestCell(t *testing.T) {
	for in, want := range map[string]string{
		"a | b\nc\r\nd": `a \| b<br>c<br>d`,
		"  padded  ":    "padded",
		"":              "",
	} {
		if got := Cell(in); got != want {
			t.Errorf("Cell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCode(t *testing.T) {
	for in, want := range map[string]string{
		"a`b":   "``a`b``",
		"plain": "`plain`",
		"":      "",
	} {
		if got := Code(in); got != want {
			t.Errorf("Code(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRow(t *testing.T) {
	var b bytes.Buffer
	Row(&b, "a", "b")
	if got := b.String(); got != "| a | b |\n" {
		t.Errorf("Row = %q", got)
	}
}
