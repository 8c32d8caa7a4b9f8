package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/creack/pty"
)

// runOnTerminal runs the binary with stderr on a pseudo-terminal, as a user
// at a terminal sees it, and returns what was written there.
func runOnTerminal(t *testing.T, args ...string) string {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	defer ptmx.Close()
	cmd := exec.Command(binary, args...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	cmd.Stdout = io.Discard
	cmd.Stderr = tty
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	tty.Close()
	var out bytes.Buffer
	done := make(chan struct{})
	go func() { io.Copy(&out, ptmx); close(done) }() // ends with EIO when the child exits
	if err := cmd.Wait(); err != nil {
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() > 1 {
			t.Fatalf("smcheck %v: %v", args, err)
		}
	}
	<-done
	return out.String()
}

// TestProgressBar: a batch on a terminal shows a bar with files done / total
// and the rate on stderr, cleared at the end; --quiet, a pipe or a single
// file show none.
func TestProgressBar(t *testing.T) {
	dir := t.TempDir()
	const n = 40
	for i := range n {
		copyFile(t, "fixtures/examples/compliant.yaml", filepath.Join(dir, "agency-"+itoa(i)+".yaml"))
	}
	got := runOnTerminal(t, "check", "-j", "1", dir)
	if !strings.Contains(got, "checking") || !strings.Contains(got, "/"+itoa(n)) || !strings.Contains(got, "files/s") {
		t.Errorf("no progress bar (files done/total, rate) on a terminal; stderr was %q", got)
	}
	// The bar is cleared when the batch is done, so the report is not mixed
	// with it.
	if !regexp.MustCompile(`\r +\r$`).MatchString(got) {
		t.Errorf("the bar is not cleared at the end; stderr was %q", got)
	}
	if got := runOnTerminal(t, "check", "-q", dir); strings.Contains(got, "checking") {
		t.Errorf("--quiet still shows a bar: %q", got)
	}
	if got := runOnTerminal(t, "check", "fixtures/examples/compliant.yaml"); strings.Contains(got, "checking") {
		t.Errorf("one file shows a bar: %q", got)
	}
	if r := smcheck(t, "", "check", dir); strings.Contains(r.stderr, "checking") {
		t.Errorf("a bar on a pipe: %q", r.stderr)
	}
}
