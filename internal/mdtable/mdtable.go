// Package mdtable writes GitHub-flavoured Markdown table cells and rows, so
// that every Markdown report escapes text the same way.
package mdtable

import (
	"bytes"
	"strings"
)

var cellEscaper = strings.NewReplacer("|", `\|`, "\n", "<br>", "\r", "<br>")

// Cell escapes text for a table cell: pipes, and line breaks as <br>.
func Cell(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.TrimSpace(cellEscaper.Replace(s))
}

// Code is text as an inline code span in a table cell, with a fence longer
// than any run of backticks inside.
func Code(s string) string {
	if s == "" {
		return ""
	}
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	return fence + Cell(s) + fence
}

// Row writes one table row.
func Row(b *bytes.Buffer, cells ...string) {
	b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
}
