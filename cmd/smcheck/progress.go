package main

import (
	"io"

	"github.com/schollz/progressbar/v3"
)

// progress is a bar on stderr for batches, shown only on a terminal.
type progress struct{ bar *progressbar.ProgressBar }

func newProgress(stderr io.Writer, total int, quiet bool) *progress {
	if quiet || total < 2 || !isTerminal(stderr) {
		return &progress{}
	}
	return &progress{bar: progressbar.NewOptions(total,
		progressbar.OptionSetWriter(stderr),
		progressbar.OptionSetDescription("checking"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("files"),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionThrottle(100*1e6),
	)}
}

func (p *progress) Add(n int) {
	if p.bar != nil {
		_ = p.bar.Add(n)
	}
}

func (p *progress) Finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}

// Clear takes the bar off the line, so that a message can be printed; the
// next Add draws it again.
func (p *progress) Clear() {
	if p.bar != nil {
		_ = p.bar.Clear()
	}
}
