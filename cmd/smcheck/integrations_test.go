package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// actionYAML is the part of action.yml these tests read.
type actionYAML struct {
	Name   string `yaml:"name"`
	Inputs map[string]struct {
		Description string  `yaml:"description"`
		Default     *string `yaml:"default"`
	} `yaml:"inputs"`
	Outputs map[string]struct {
		Value string `yaml:"value"`
	} `yaml:"outputs"`
	Runs struct {
		Using string       `yaml:"using"`
		Steps []actionStep `yaml:"steps"`
	} `yaml:"runs"`
}

type actionStep struct {
	ID               string            `yaml:"id"`
	Name             string            `yaml:"name"`
	If               string            `yaml:"if"`
	Uses             string            `yaml:"uses"`
	With             map[string]string `yaml:"with"`
	Shell            string            `yaml:"shell"`
	WorkingDirectory string            `yaml:"working-directory"`
	Env              map[string]string `yaml:"env"`
	Run              string            `yaml:"run"`
}

func readAction(t *testing.T) (actionYAML, string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var a actionYAML
	if err := yaml.Unmarshal(data, &a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	return a, string(data)
}

func (a actionYAML) step(t *testing.T, id string) actionStep {
	t.Helper()
	for _, s := range a.Runs.Steps {
		if s.ID == id {
			return s
		}
	}
	t.Fatalf("action.yml has no step with id %q", id)
	return actionStep{}
}

var exprRE = regexp.MustCompile(`\$\{\{\s*([^}]*?)\s*\}\}`)

// TestActionManifest checks that action.yml is a composite action whose
// inputs are all used, whose outputs come from its steps, and whose scripts
// pass only flags that `smcheck check --help` of the real binary lists.
func TestActionManifest(t *testing.T) {
	a, text := readAction(t)
	if a.Runs.Using != "composite" {
		t.Fatalf("runs.using = %q, want composite", a.Runs.Using)
	}
	defaults := map[string]string{"paths": ".", "formats": "table", "fail-on": "error", "as-of": "", "sarif-file": "", "args": ""}
	for name, want := range defaults {
		in, ok := a.Inputs[name]
		switch {
		case !ok:
			t.Errorf("input %s is missing", name)
		case in.Default == nil || *in.Default != want:
			t.Errorf("input %s: default %v, want %q", name, in.Default, want)
		case in.Description == "":
			t.Errorf("input %s has no description", name)
		}
	}
	for _, name := range []string{"exit-code", "sarif-file"} {
		if !strings.Contains(a.Outputs[name].Value, "steps.check.outputs."+name) {
			t.Errorf("output %s = %q, want it from steps.check.outputs.%s", name, a.Outputs[name].Value, name)
		}
	}
	// Every expression names a declared input, a step, or the github context;
	// every input is used.
	used := map[string]bool{}
	for _, m := range exprRE.FindAllStringSubmatch(text, -1) {
		for _, ref := range regexp.MustCompile(`inputs\.([a-z-]+)`).FindAllStringSubmatch(m[1], -1) {
			if _, ok := a.Inputs[ref[1]]; !ok {
				t.Errorf("%s names an undeclared input", m[0])
			}
			used[ref[1]] = true
		}
	}
	for _, s := range a.Runs.Steps {
		if s.If != "" {
			for _, ref := range regexp.MustCompile(`inputs\.([a-z-]+)`).FindAllStringSubmatch(s.If, -1) {
				used[ref[1]] = true
			}
		}
		// Inputs reach scripts through env only (no script injection).
		if strings.Contains(s.Run, "${{") {
			t.Errorf("step %q interpolates ${{ }} into its script; pass it through env", s.Name)
		}
		if s.Run != "" && s.Shell == "" {
			t.Errorf("step %q: composite run steps need a shell", s.Name)
		}
	}
	for name := range a.Inputs {
		if !used[name] {
			t.Errorf("input %s is declared but not used", name)
		}
	}
	// Flags the check step passes are real flags of smcheck check.
	help := smcheck(t, "", "check", "--help")
	if help.code != 0 {
		t.Fatalf("check --help: exit %d\n%s", help.code, help.stderr)
	}
	script := a.step(t, "check").Run
	if !strings.Contains(script, `"$SMCHECK" check `) {
		t.Errorf("the check step does not run smcheck check:\n%s", script)
	}
	flags := regexp.MustCompile(`(?:^|[\s(])(--[a-z][a-z-]*)`).FindAllStringSubmatch(script, -1)
	if len(flags) < 3 {
		t.Fatalf("found %d flags in the check step, want --fail-on, --as-of and --format at least", len(flags))
	}
	for _, f := range flags {
		if !regexp.MustCompile(`(?m)^\s+` + regexp.QuoteMeta(f[1]) + `[ ,]`).MatchString(help.stdout) {
			t.Errorf("the action passes %s, which smcheck check --help does not list", f[1])
		}
	}
}

// TestActionScripts runs the action's own build and check scripts with bash,
// as the runner would: inputs through env, outputs to $GITHUB_OUTPUT.
func TestActionScripts(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	a, _ := readAction(t)
	tmp := t.TempDir()
	abs, err := filepath.Abs(root)
	if err != nil {
		t.Fatal(err)
	}

	build := a.step(t, "build")
	out, _ := runActionStep(t, a, build, nil, nil, tmp, abs)
	bin := out["binary"]
	if bin == "" || !strings.HasPrefix(bin, tmp) {
		t.Fatalf("build step output binary = %q, want a file in RUNNER_TEMP", bin)
	}
	steps := map[string]map[string]string{"build": out}

	// An agency whose only failure is a warning (P3.7): the first channel
	// is not listed on the website.
	compliant, err := os.ReadFile(filepath.Join(root, "fixtures/examples/compliant.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	warn := regexp.MustCompile(`(?m)^    official_listing_url: .*\n`).ReplaceAllLiteralString(string(compliant), "")
	if warn == string(compliant) {
		t.Fatal("compliant.yaml has no official_listing_url line")
	}
	pcWriteFile(t, filepath.Join(tmp, "warn", "agency.yaml"), []byte(warn))

	check := a.step(t, "check")
	cases := []struct {
		name   string
		inputs map[string]string
		code   string
		stdout []string
		files  []string
	}{
		{
			name: "compliant, lists on lines, sarif and summary",
			inputs: map[string]string{
				"paths":      "fixtures/examples/compliant.yaml\n",
				"formats":    "table\njson=" + filepath.Join(tmp, "report.json") + "\n",
				"as-of":      "2026-11-01",
				"sarif-file": filepath.Join(tmp, "sarif", "results.sarif"),
				"args":       "--lang en --jobs 2",
			},
			code:   "0",
			stdout: []string{"compliant.yaml — Exempelby kommun  PASS"},
			files:  []string{"report.json", "sarif/results.sarif", "summary.md"},
		},
		{
			name:   "both examples fail with the defaults",
			inputs: map[string]string{"paths": "fixtures/examples", "formats": "github", "summary": "false"},
			code:   "1",
			stdout: []string{"::error file=fixtures/examples/typical-gaps.yaml,line="},
		},
		{
			name:   "a glob; only a warning passes under fail-on error",
			inputs: map[string]string{"paths": filepath.Join(tmp, "warn", "*.yaml")},
			code:   "0",
			stdout: []string{"P3.7"},
		},
		{
			name:   "a warning fails under fail-on warning",
			inputs: map[string]string{"paths": filepath.Join(tmp, "warn", "*.yaml"), "fail-on": "warning"},
			code:   "1",
			stdout: []string{"P3.7"},
		},
		{
			name:   "usage error",
			inputs: map[string]string{"paths": "fixtures/examples", "as-of": "1 November"},
			code:   "2",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, f := range []string{"report.json", "sarif/results.sarif", "summary.md"} {
				os.Remove(filepath.Join(tmp, f))
			}
			out, stdout := runActionStep(t, a, check, tc.inputs, steps, tmp, abs)
			if out["exit-code"] != tc.code {
				t.Errorf("exit-code = %q, want %s\n%s", out["exit-code"], tc.code, stdout)
			}
			for _, want := range tc.stdout {
				if !strings.Contains(stdout, want) {
					t.Errorf("log lacks %q:\n%s", want, stdout)
				}
			}
			for _, f := range tc.files {
				data, err := os.ReadFile(filepath.Join(tmp, f))
				if err != nil || len(data) == 0 {
					t.Errorf("%s not written: %v", f, err)
				}
			}
			if sarif := tc.inputs["sarif-file"]; sarif != "" {
				if out["sarif-file"] != sarif {
					t.Errorf("output sarif-file = %q, want %q", out["sarif-file"], sarif)
				}
				var doc struct {
					Version string `json:"version"`
				}
				data, _ := os.ReadFile(sarif)
				if err := json.Unmarshal(data, &doc); err != nil || doc.Version != "2.1.0" {
					t.Errorf("SARIF file: version %q, %v", doc.Version, err)
				}
			}
		})
	}
}

// runActionStep runs one run: step of the action with bash: ${{ }} in its env
// and working-directory are resolved from inputs (else their defaults), earlier
// steps' outputs and the github context. It returns the step's outputs and
// its log; a non-zero exit is the caller's to judge from exit-code.
func runActionStep(t *testing.T, a actionYAML, s actionStep, inputs map[string]string, steps map[string]map[string]string, tmp, actionPath string) (map[string]string, string) {
	t.Helper()
	resolve := func(v string) string {
		return exprRE.ReplaceAllStringFunc(v, func(e string) string {
			ref := exprRE.FindStringSubmatch(e)[1]
			switch {
			case strings.HasPrefix(ref, "inputs."):
				name := strings.TrimPrefix(ref, "inputs.")
				if v, ok := inputs[name]; ok {
					return v
				}
				if d := a.Inputs[name].Default; d != nil {
					return *d
				}
				return ""
			case strings.HasPrefix(ref, "steps."):
				parts := strings.Split(ref, ".") // steps.ID.outputs.NAME
				if len(parts) == 4 && parts[2] == "outputs" {
					return steps[parts[1]][parts[3]]
				}
			case ref == "github.action_path":
				return actionPath
			case ref == "github.action_ref":
				return ""
			}
			t.Fatalf("step %q: cannot resolve %s", s.Name, e)
			return ""
		})
	}
	outFile := filepath.Join(tmp, "github_output")
	if err := os.WriteFile(outFile, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", s.Run)
	cmd.Dir = actionPath // GITHUB_WORKSPACE: the project's own checkout
	if s.WorkingDirectory != "" {
		cmd.Dir = resolve(s.WorkingDirectory)
	}
	cmd.Env = append(os.Environ(), "NO_COLOR=1", "LANG=C",
		"GITHUB_OUTPUT="+outFile,
		"GITHUB_STEP_SUMMARY="+filepath.Join(tmp, "summary.md"),
		"RUNNER_TEMP="+tmp,
		"GITHUB_ACTION_PATH="+actionPath,
	)
	keys := make([]string, 0, len(s.Env))
	for k := range s.Env {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		cmd.Env = append(cmd.Env, k+"="+resolve(s.Env[k]))
	}
	var log bytes.Buffer
	cmd.Stdout, cmd.Stderr = &log, &log
	err := cmd.Run()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatalf("step %q: %v", s.Name, err)
	}
	data, err := os.ReadFile(outFile)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			out[k] = v
		}
	}
	code := 0
	if ee != nil {
		code = ee.ExitCode()
	}
	// The step fails exactly when smcheck did, with its code.
	if want := out["exit-code"]; want != "" && want != itoa(code) {
		t.Errorf("step %q exited %d but wrote exit-code=%s", s.Name, code, want)
	}
	if want := out["exit-code"]; want == "" && code != 0 {
		t.Fatalf("step %q failed (exit %d):\n%s", s.Name, code, log.String())
	}
	return out, log.String()
}

// TestWorkflowUsesAction checks that the project's CI uses the action from
// the checkout with declared inputs only.
func TestWorkflowUsesAction(t *testing.T) {
	a, _ := readAction(t)
	data, err := os.ReadFile(filepath.Join(root, ".github/workflows/ci.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var wf struct {
		Jobs map[string]struct {
			Steps []actionStep `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(data, &wf); err != nil {
		t.Fatalf("ci.yml: %v", err)
	}
	n := 0
	for _, job := range wf.Jobs {
		for _, s := range job.Steps {
			if s.Uses != "./" {
				continue
			}
			n++
			for k := range s.With {
				if _, ok := a.Inputs[k]; !ok {
					t.Errorf("ci.yml step %q passes %s, which action.yml does not declare", s.Name, k)
				}
			}
		}
	}
	if n == 0 {
		t.Error("ci.yml does not use the action from the checkout (uses: ./)")
	}
}

// TestPreCommitManifest checks .pre-commit-hooks.yaml: both hooks build with
// language: golang, run commands and flags the real binary has, and take the
// YAML files a developer expects.
func TestPreCommitManifest(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(root, ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var hooks []struct {
		ID            string   `yaml:"id"`
		Name          string   `yaml:"name"`
		Entry         string   `yaml:"entry"`
		Language      string   `yaml:"language"`
		Types         []string `yaml:"types"`
		Files         string   `yaml:"files"`
		Exclude       string   `yaml:"exclude"`
		PassFilenames *bool    `yaml:"pass_filenames"`
	}
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatalf(".pre-commit-hooks.yaml: %v", err)
	}
	want := map[string]string{"smcheck": "check", "smcheck-validate": "validate"}
	if len(hooks) != len(want) {
		t.Errorf("%d hooks, want %d", len(hooks), len(want))
	}
	// pre-commit runs `go install ./...`: the command is the binary of
	// cmd/smcheck.
	if _, err := os.Stat(filepath.Join(root, "cmd", "smcheck", "main.go")); err != nil {
		t.Fatal(err)
	}
	for _, h := range hooks {
		sub, ok := want[h.ID]
		if !ok {
			t.Errorf("unexpected hook %q", h.ID)
			continue
		}
		if h.Language != "golang" || h.Name == "" {
			t.Errorf("hook %s: language %q, name %q; want golang and a name", h.ID, h.Language, h.Name)
		}
		if h.PassFilenames != nil && !*h.PassFilenames {
			t.Errorf("hook %s must get the file names", h.ID)
		}
		words := strings.Fields(h.Entry)
		if len(words) < 2 || words[0] != "smcheck" || words[1] != sub {
			t.Errorf("hook %s: entry %q, want smcheck %s …", h.ID, h.Entry, sub)
			continue
		}
		help := smcheck(t, "", sub, "--help")
		if help.code != 0 || !strings.Contains(help.stdout, "smcheck "+sub) {
			t.Errorf("hook %s: smcheck %s --help exits %d:\n%s%s", h.ID, sub, help.code, help.stdout, help.stderr)
		}
		for _, w := range words[2:] {
			if strings.HasPrefix(w, "-") && !strings.Contains(help.stdout, " "+w) {
				t.Errorf("hook %s passes %s, which smcheck %s --help does not list", h.ID, w, sub)
			}
		}
		// The files pre-commit gives the hook (types yaml, files, exclude
		// are Python regular expressions searched in the path; these ones
		// mean the same in Go).
		if len(h.Types) != 1 || h.Types[0] != "yaml" {
			t.Errorf("hook %s: types %v, want [yaml]", h.ID, h.Types)
		}
		files := regexp.MustCompile(h.Files)
		exclude := regexp.MustCompile(h.Exclude)
		takes := func(p string) bool { return files.MatchString(p) && (h.Exclude == "" || !exclude.MatchString(p)) }
		for _, p := range []string{"agency.yaml", "agencies/kommun.yaml", "agencies/2026/region.yml"} {
			if !takes(p) {
				t.Errorf("hook %s skips %s", h.ID, p)
			}
		}
		for _, p := range []string{".pre-commit-config.yaml", ".github/workflows/ci.yml", "agencies/.draft.yaml", ".gitlab-ci.yml"} {
			if takes(p) {
				t.Errorf("hook %s takes %s, which is no agency file", h.ID, p)
			}
		}
	}
}
