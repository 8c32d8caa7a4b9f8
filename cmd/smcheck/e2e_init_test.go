package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// smcheckEnv runs the binary like smcheck, with extra environment variables.
func smcheckEnv(t *testing.T, env []string, args ...string) runResult {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = root
	cmd.Env = append(append(os.Environ(), "NO_COLOR=1", "LANG=C", "LC_ALL=", "LC_MESSAGES="), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("running smcheck: %v", err)
	}
	return runResult{out.String(), errb.String(), code}
}

// TestInit: the template, in English and Swedish, with and without
// --from-platforms, is a valid agency file (validate: no input errors or
// warnings) that check evaluates (exit 0 or 1, never 2, no input issues),
// and its comments name every guideline point.
func TestInit(t *testing.T) {
	for _, c := range []struct {
		name      string
		args      []string
		env       []string
		point     string // how a comment names guideline point N
		platforms []string
	}{
		{"default", []string{"init"}, nil, "Guideline point N —", []string{"facebook"}},
		{"sv", []string{"init", "--lang", "sv"}, nil, "Riktlinjens punkt N —", []string{"facebook"}},
		{"LANG", []string{"init"}, []string{"LANG=sv_SE.UTF-8"}, "Riktlinjens punkt N —", []string{"facebook"}},
		{"platforms", []string{"init", "--from-platforms", "facebook,instagram,youtube"}, nil, "Guideline point N —",
			[]string{"facebook", "instagram", "youtube"}},
		{"platforms sv", []string{"init", "--lang=sv", "--from-platforms", "blog", "--from-platforms", "X, mastodon,x"}, nil, "Riktlinjens punkt N —",
			[]string{"blog", "x", "mastodon", "x"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := smcheckEnv(t, c.env, c.args...)
			if r.code != 0 || r.stderr != "" {
				t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
			}
			for n := 1; n <= 10; n++ {
				re := regexp.MustCompile(`(?m)^\s*# ` + strings.Replace(c.point, "N", strconv.Itoa(n), 1))
				if !re.MatchString(r.stdout) {
					t.Errorf("no comment names guideline point %d (%q)", n, re)
				}
			}
			var doc struct {
				Channels []struct{ ID, Platform string }
			}
			if err := yaml.Unmarshal([]byte(r.stdout), &doc); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, ch := range doc.Channels {
				got = append(got, ch.Platform)
			}
			if strings.Join(got, ",") != strings.Join(c.platforms, ",") {
				t.Errorf("channel platforms %v, want %v", got, c.platforms)
			}

			file := filepath.Join(t.TempDir(), "agency.yaml")
			if err := os.WriteFile(file, []byte(r.stdout), 0o644); err != nil {
				t.Fatal(err)
			}
			if vr := smcheck(t, "", "validate", file); vr.code != 0 || !strings.Contains(vr.stdout, "(0 input errors, 0 warnings)") {
				t.Errorf("validate: exit %d\nstdout: %s\nstderr: %s", vr.code, vr.stdout, vr.stderr)
			}
			rep, cr := checkJSON(t, file)
			if cr.code != 0 && cr.code != 1 {
				t.Fatalf("check exit %d, want 0 or 1\nstderr: %s", cr.code, cr.stderr)
			}
			f := rep.Files[0]
			if f.Outcome == "invalid" || len(f.Issues) > 0 {
				t.Errorf("outcome %s, input issues %+v", f.Outcome, f.Issues)
			}
			if len(f.Findings) == 0 {
				t.Error("no findings")
			}
		})
	}
}

func TestInitUsageErrors(t *testing.T) {
	r := smcheck(t, "", "init", "--from-platforms", "facebook,myspace")
	if r.code != 2 || r.stdout != "" {
		t.Fatalf("unknown platform: exit %d, stdout %q", r.code, r.stdout)
	}
	for _, want := range []string{`"myspace"`, "facebook, instagram, x, linkedin, youtube, tiktok, threads, bluesky, mastodon, blog, other"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr %q does not contain %q", r.stderr, want)
		}
	}
	for _, args := range [][]string{
		{"init", "--from-platforms", ","},
		{"init", "--lang", "fi"},
		{"init", "agency.yaml"},
		{"init", "--no-such-flag"},
	} {
		if r := smcheck(t, "", args...); r.code != 2 || r.stdout != "" || !strings.HasPrefix(r.stderr, "smcheck: ") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, r.code, r.stdout, r.stderr)
		}
	}
}

// TestInitOutputFile: -o writes the file, refuses to overwrite it, and
// overwrites it with --force.
func TestInitOutputFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "agency.yaml")
	r := smcheck(t, "", "init", "-o", file)
	if r.code != 0 || r.stdout != "" || !strings.Contains(r.stderr, "wrote "+file) {
		t.Fatalf("first write: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	first, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if want := smcheck(t, "", "init").stdout; string(first) != want {
		t.Error("-o FILE and standard output differ")
	}

	r = smcheck(t, "", "init", "--lang", "sv", "-o", file)
	if r.code != 2 || !strings.Contains(r.stderr, "--force") {
		t.Fatalf("existing file: exit %d, stderr %q", r.code, r.stderr)
	}
	if again, _ := os.ReadFile(file); !bytes.Equal(again, first) {
		t.Fatal("the existing file was changed without --force")
	}

	r = smcheck(t, "", "init", "--lang", "sv", "--force", "-o", file)
	if r.code != 0 {
		t.Fatalf("--force: exit %d, stderr %q", r.code, r.stderr)
	}
	if sv, _ := os.ReadFile(file); !strings.Contains(string(sv), "Riktlinjens punkt 1") {
		t.Error("--force did not overwrite the file")
	}
	entries, _ := os.ReadDir(filepath.Dir(file))
	if len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
}
