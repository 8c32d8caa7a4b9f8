package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestVersionFromBuildInfo builds smcheck as go install and pre-commit do
// (no -ldflags, VCS stamping on) and checks that version names the commit.
func TestVersionFromBuildInfo(t *testing.T) {
	head, err := exec.Command("git", "-C", root, "rev-parse", "HEAD").Output()
	if err != nil {
		t.Skipf("not a git checkout: %v", err)
	}
	bin := filepath.Join(t.TempDir(), "smcheck")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Env = append(os.Environ(), "GOFLAGS=-buildvcs=true")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	// Go stamps no VCS information in some checkouts (a linked worktree,
	// a repository owned by another user); then there is nothing to read.
	if info, err := exec.Command("go", "version", "-m", bin).Output(); err != nil || !strings.Contains(string(info), "vcs.revision=") {
		t.Skipf("go recorded no VCS information in this checkout: %v", err)
	}
	out, err := exec.Command(bin, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	want := "commit " + strings.TrimSpace(string(head))[:12]
	if !strings.Contains(string(out), want) {
		t.Errorf("version says\n%s\nwant a line starting %q", out, want)
	}
	if strings.Contains(string(out), "smcheck dev\n") {
		t.Errorf("version is still dev with build info:\n%s", out)
	}
}
