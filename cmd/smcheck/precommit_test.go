package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestPreCommitHooks drives the real pre-commit (Debian's package, which
// .ci/run installs) the way an agency's repository uses this one: a
// .pre-commit-config.yaml names this repository and both hooks, pre-commit
// builds smcheck with language: golang, and `git commit` is blocked on a
// failing change and allowed on the fixed one.
//
// The hook repository is a commit of this working tree (tracked and untracked,
// not ignored files), so the test sees what `go test` builds.
func TestPreCommitHooks(t *testing.T) {
	preCommit, err := exec.LookPath("pre-commit")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pre-commit is not installed; .ci/run installs Debian's pre-commit package")
		}
		t.Skip("pre-commit is not installed (apt-get install pre-commit); CI runs this test")
	}
	if testing.Short() {
		t.Skip("builds smcheck inside pre-commit; not in -short")
	}
	tmp := t.TempDir()
	env := preCommitEnv(t, tmp)
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()

	// The hook repository: this checkout's working tree, committed.
	hooks := filepath.Join(tmp, "smcheck")
	copyWorkTree(t, root, hooks)
	pcMustRun(ctx, t, env, hooks, "git", "init", "-q")
	pcMustRun(ctx, t, env, hooks, "git", "add", "-A")
	pcMustRun(ctx, t, env, hooks, "git", "commit", "-q", "--no-verify", "-m", "smcheck under test")
	rev := strings.TrimSpace(pcMustRun(ctx, t, env, hooks, "git", "rev-parse", "HEAD"))

	// The agency's repository.
	repo := filepath.Join(tmp, "agency")
	compliant, err := os.ReadFile(filepath.Join(root, "fixtures/examples/compliant.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	agency := filepath.Join(repo, "agencies", "kommun.yaml")
	pcWriteFile(t, agency, compliant)
	// Other YAML that is no agency file: hidden paths are left out.
	pcWriteFile(t, filepath.Join(repo, ".github", "workflows", "ci.yml"), []byte("on: push\njobs: {}\n"))
	pcWriteFile(t, filepath.Join(repo, ".pre-commit-config.yaml"), []byte(fmt.Sprintf(
		"repos:\n  - repo: %s\n    rev: %s\n    hooks:\n      - id: smcheck-validate\n      - id: smcheck\n", hooks, rev)))
	pcMustRun(ctx, t, env, repo, "git", "init", "-q")
	pcMustRun(ctx, t, env, repo, preCommit, "install")
	start := time.Now()
	pcMustRun(ctx, t, env, repo, preCommit, "install-hooks") // builds smcheck: go install ./...
	t.Logf("pre-commit built smcheck in %s", time.Since(start).Round(time.Second))

	commits := func() string {
		return strings.TrimSpace(pcMustRun(ctx, t, env, repo, "git", "rev-list", "--count", "HEAD"))
	}
	commit := func(msg string) (string, int) {
		pcMustRun(ctx, t, env, repo, "git", "add", "-A")
		return pcRun(ctx, t, env, repo, "git", "commit", "-m", msg)
	}

	// 1. The compliant agency is committed.
	out, code := commit("compliant agency")
	if code != 0 {
		t.Fatalf("commit of the compliant file blocked (exit %d):\n%s", code, out)
	}
	for _, want := range []string{"smcheck validate (data model)", "smcheck (social-media guidelines)"} {
		if !pcHookLine(out, want, "Passed") {
			t.Errorf("hook %q did not pass on the compliant file:\n%s", want, out)
		}
	}

	// 2. A change that breaks a requirement: the agency is renamed and MFA
	// is switched off on the first channel.
	renamed := bytes.Replace(compliant, []byte("name: Exempelby kommun"), []byte("name: Exempelby kommun (ny)"), 1)
	if bytes.Equal(renamed, compliant) {
		t.Fatal("compliant.yaml has no line 'name: Exempelby kommun'")
	}
	broken, line := pcReplaceLine(t, renamed, "    mfa_enabled: true", "    mfa_enabled: false")
	pcWriteFile(t, agency, broken)
	out, code = commit("switch off MFA")
	if code == 0 {
		t.Fatalf("commit with a failed requirement was allowed:\n%s", out)
	}
	if n := commits(); n != "1" {
		t.Errorf("commits after the blocked commit: %s, want 1", n)
	}
	if !pcHookLine(out, "smcheck validate (data model)", "Passed") || !pcHookLine(out, "smcheck (social-media guidelines)", "Failed") {
		t.Errorf("want the validate hook passed and the smcheck hook failed:\n%s", out)
	}
	// What a developer reads: the file, the requirement with its target and
	// line:column, the finding and the fix.
	row := pcTableRow(out, "P4.5")
	for _, want := range []string{"agencies/kommun.yaml — Exempelby kommun (ny)  FAIL", "hook id: smcheck\n", "- exit code: 1"} {
		if !strings.Contains(out, want) {
			t.Errorf("hook output lacks %q:\n%s", want, out)
		}
	}
	for _, want := range []string{"FAIL", "fb-kommun", fmt.Sprintf("%d:5", line), "channels[0].mfa_enabled is not true"} {
		if !strings.Contains(row, want) {
			t.Errorf("the P4.5 row %q lacks %q:\n%s", row, want, out)
		}
	}
	if !strings.Contains(out, "Fix: Require multi-factor authentication") {
		t.Errorf("hook output lacks the fix:\n%s", out)
	}
	if strings.Contains(out, "PASS ") || strings.Contains(out, "\x1b[") {
		t.Errorf("hook output should show only failures, without colour codes:\n%s", out)
	}

	// 3. Invalid input: the validate hook names file:line:column and code.
	invalid, line := pcReplaceLine(t, renamed, "    comments_enabled: true", "    comments_enabled: yes")
	pcWriteFile(t, agency, invalid)
	out, code = commit("yes is no boolean")
	if code == 0 {
		t.Fatalf("commit with invalid input was allowed:\n%s", out)
	}
	want := fmt.Sprintf("agencies/kommun.yaml:%d:5: IN-05 channels[0].comments_enabled: expected true or false, got 'yes'", line)
	if !pcHookLine(out, "smcheck validate (data model)", "Failed") || !strings.Contains(out, want) {
		t.Errorf("want the validate hook failed with %q:\n%s", want, out)
	}
	if n := commits(); n != "1" {
		t.Errorf("commits after the blocked commit: %s, want 1", n)
	}

	// 4. The fixed change (renamed, MFA on) is committed.
	pcWriteFile(t, agency, renamed)
	out, code = commit("fixed")
	if code != 0 {
		t.Fatalf("commit of the fixed file blocked (exit %d):\n%s", code, out)
	}
	if n := commits(); n != "2" {
		t.Errorf("commits after the fix: %s, want 2", n)
	}
}

// preCommitEnv is the environment for git and pre-commit: the user's, so that
// Go finds its proxy, flags and caches, with pre-commit's store in tmp, the
// module cache shared (pre-commit sets GOPATH to its own environment) and git
// isolated from the user's and the system's configuration.
func preCommitEnv(t *testing.T, tmp string) []string {
	t.Helper()
	modcache, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		t.Fatalf("go env GOMODCACHE: %v", err)
	}
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		// Variables of an enclosing git hook or pre-commit run would point
		// git at another repository.
		if strings.HasPrefix(k, "GIT_") || strings.HasPrefix(k, "PRE_COMMIT") || k == "GOMODCACHE" || k == "NO_COLOR" {
			continue
		}
		env = append(env, kv)
	}
	return append(env,
		"PRE_COMMIT_HOME="+filepath.Join(tmp, "pre-commit-home"),
		"GOMODCACHE="+strings.TrimSpace(string(modcache)),
		"GIT_CONFIG_GLOBAL=/dev/null",
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=Test", "GIT_AUTHOR_EMAIL=test@example.org",
		"GIT_COMMITTER_NAME=Test", "GIT_COMMITTER_EMAIL=test@example.org",
		"LANG=C.UTF-8",
	)
}

// copyWorkTree copies the files git would commit from src (tracked ones as
// they are on disk, and untracked ones that are not ignored) to dst.
func copyWorkTree(t *testing.T, src, dst string) {
	t.Helper()
	// safe.directory: CI may run the tests as root in a checkout of another user.
	out, err := exec.Command("git", "-c", "safe.directory=*", "-C", src, "ls-files", "-z", "--cached", "--others", "--exclude-standard").Output()
	if err != nil {
		t.Fatalf("git ls-files in %s (the checkout must be a git work tree): %v", src, err)
	}
	for _, name := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		data, err := os.ReadFile(filepath.Join(src, name))
		if os.IsNotExist(err) {
			continue // deleted in the working tree
		}
		if err != nil {
			t.Fatal(err)
		}
		info, err := os.Stat(filepath.Join(src, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dst, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, name), data, info.Mode().Perm()); err != nil {
			t.Fatal(err)
		}
	}
}

func pcWriteFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// pcReplaceLine replaces the first line equal to old and returns its number.
func pcReplaceLine(t *testing.T, data []byte, old, repl string) ([]byte, int) {
	t.Helper()
	lines := strings.Split(string(data), "\n")
	for i, l := range lines {
		if l == old {
			lines[i] = repl
			return []byte(strings.Join(lines, "\n")), i + 1
		}
	}
	t.Fatalf("no line %q", old)
	return nil, 0
}

// pcRun runs a command in dir and returns its combined output and exit code.
func pcRun(ctx context.Context, t *testing.T, env []string, dir string, name string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir, cmd.Env = dir, env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), ctx.Err(), out.String())
	}
	if ee, ok := err.(*exec.ExitError); ok {
		return out.String(), ee.ExitCode()
	}
	if err != nil {
		t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	return out.String(), 0
}

func pcMustRun(ctx context.Context, t *testing.T, env []string, dir string, name string, args ...string) string {
	t.Helper()
	out, code := pcRun(ctx, t, env, dir, name, args...)
	if code != 0 {
		t.Fatalf("%s %s: exit %d\n%s", name, strings.Join(args, " "), code, out)
	}
	return out
}

// pcHookLine reports whether pre-commit's status line of the hook ends in
// status ("smcheck (social-media guidelines)......Passed").
func pcHookLine(out, name, status string) bool {
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, name+".") && strings.HasSuffix(strings.TrimSpace(l), status) {
			return true
		}
	}
	return false
}

// pcTableRow is the first table line that names the requirement.
func pcTableRow(out, id string) string {
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, "│ "+id+" ") {
			return l
		}
	}
	return ""
}
