package main

import (
	"io"
	"os"

	"golang.org/x/term"
)

// terminalWidth is the width to wrap tables at: the terminal's, else 100.
func terminalWidth(w io.Writer) int {
	if f, ok := w.(*os.File); ok {
		if width, _, err := term.GetSize(int(f.Fd())); err == nil && width >= 40 {
			return width
		}
	}
	return 100
}
