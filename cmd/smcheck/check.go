package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // Europe/Stockholm without the system's zoneinfo

	opaversion "github.com/open-policy-agent/opa/v1/version"
	"github.com/urfave/cli/v2"

	"github.com/smcheck/smcheck/checks"
	"github.com/smcheck/smcheck/checks/baseline"
	"github.com/smcheck/smcheck/checks/input"
	"github.com/smcheck/smcheck/checks/validate"
	"github.com/smcheck/smcheck/internal/atomicfile"
	"github.com/smcheck/smcheck/report"
)

func checkCommand() *cli.Command {
	return &cli.Command{
		Name:      "check",
		Usage:     "check agency files and report per requirement and channel",
		ArgsUsage: "FILE|DIR|GLOB|- ...",
		Description: "Directories are walked for *.yaml and *.yml; '-' reads paths from standard input.\n" +
			"Exit code: 0 all pass, 1 a requirement failed (with --baseline: a failure not in the baseline),\n" +
			"2 invalid input or usage.",
		OnUsageError: onUsageError,
		Flags: slices.Concat([]cli.Flag{
			&cli.StringSliceFlag{Name: "format", Aliases: []string{"f"}, Usage: "output `FORMAT[=FILE]`, repeatable: " + strings.Join(report.Names(), ", ")},
		}, runFlags(), []cli.Flag{
			&cli.StringFlag{Name: "fail-on", Value: "error", Usage: "lowest failed severity that fails the run: `error` or warning"},
			&cli.BoolFlag{Name: "strict", Usage: "same as --fail-on warning"},
			&cli.StringFlag{Name: "lang", Usage: "report language `en` or sv (default from LANG, else en)"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "show only failures and input errors"},
			&cli.BoolFlag{Name: "no-color", Usage: "no ANSI colour (also when NO_COLOR is set)"},
			&cli.StringFlag{Name: "baseline", Usage: "fail only on failures not in the baseline `FILE` (written by smcheck baseline)"},
		}),
		Action: runCheck,
	}
}

// output is one requested format and where it goes.
type output struct {
	format string
	path   string // "" for stdout
	file   *atomicfile.File
	w      report.Writer
}

func runCheck(c *cli.Context) error {
	ctx := context.Background()
	if c.NArg() == 0 {
		return usageError("check: name at least one agency file, directory or glob (or - to read paths from standard input)")
	}
	opt, lang, err := runOptions(c)
	if err != nil {
		return err
	}
	failOn := c.String("fail-on")
	if c.Bool("strict") {
		failOn = "warning"
	}
	if failOn != "error" && failOn != "warning" {
		return usageError("--fail-on %q: use error or warning", failOn)
	}
	var matcher *baseline.Matcher
	if bp := c.String("baseline"); bp != "" {
		bl, err := baseline.Read(bp)
		if err != nil {
			return usageError("--baseline %s: %v", bp, err)
		}
		matcher = baseline.NewMatcher(bp, bl)
	}
	stdout := c.App.Writer
	ropt := report.Options{
		Quiet: c.Bool("quiet"),
		Color: isTerminal(stdout) && os.Getenv("NO_COLOR") == "" && !c.Bool("no-color"),
		Width: terminalWidth(stdout),
	}
	if ropt.Root, err = os.Getwd(); err != nil {
		return fmt.Errorf("finding the working directory: %w", err)
	}
	outs, err := openOutputs(c.StringSlice("format"), stdout, c.App.ErrWriter, ropt)
	if err != nil {
		return err
	}
	committed := false
	defer func() {
		if !committed {
			for _, o := range outs {
				if o.file != nil {
					o.file.Abort()
				}
			}
		}
	}()

	paths, problems := findPaths(c)
	meta := &report.Meta{
		Tool: "smcheck", Version: version, Commit: commit, OPAVersion: opaversion.Version,
		AsOf: opt.AsOf, FailOn: failOn, Lang: lang, Baseline: c.String("baseline"),
	}
	// Policies are compiled once per run, after the configuration and the
	// files are known. With no file to check, the reports still say why:
	// they need the catalogue, read without compiling.
	var checker *checks.Checker
	if len(paths) > 0 {
		tuneForFiles(&opt, paths, c.Int("jobs"))
		if checker, err = checks.New(ctx, opt); err != nil {
			return err
		}
		meta.PolicySHA256, meta.Catalog = checker.PolicySHA256(), checker.Catalog()
	} else {
		if meta.Catalog, err = checks.Catalogue(); err != nil {
			return err
		}
		if meta.PolicySHA256, err = checks.PolicySHA256(); err != nil {
			return err
		}
	}
	var werr error
	for _, o := range outs {
		if err := o.w.Start(meta); err != nil && werr == nil {
			werr = err
		}
	}
	summary := &report.Summary{}
	bar := newProgress(c.App.ErrWriter, len(paths), ropt.Quiet)
	// With every report in a file, the terminal would show nothing: input
	// errors and a summary line go to stderr instead.
	toFiles := !ropt.Quiet && allFiles(outs)
	add := func(r *checks.Result, printed bool) {
		if matcher != nil {
			matcher.Mark(r)
		}
		summary.Tally(r, failOn)
		if toFiles && !printed && r.HasInputErrors() {
			bar.Clear()
			printInputErrors(c.App.ErrWriter, r, lang)
		}
		for _, o := range outs {
			if err := o.w.Add(r); err != nil && werr == nil {
				werr = err
			}
		}
	}
	if checker != nil {
		checker.Run(ctx, paths, c.Int("jobs"), func(r *checks.Result) {
			add(r, false)
			bar.Add(1)
		})
	}
	bar.Finish()
	// An argument that named nothing is in the report too, as a file that
	// could not be checked, so that the report's outcome is the exit code's.
	// findPaths has printed it.
	for _, p := range problems {
		add(&checks.Result{File: p.Arg, Error: p.Message}, true)
	}
	if matcher != nil {
		summary.Baseline = matcher.Status()
	}
	for _, o := range outs {
		if err := o.w.End(summary); err != nil && werr == nil {
			werr = err
		}
	}
	if werr != nil {
		return fmt.Errorf("writing the report: %w", werr)
	}
	for _, o := range outs {
		if o.file != nil {
			if err := o.file.Commit(); err != nil {
				return err
			}
		}
	}
	committed = true
	if toFiles {
		fmt.Fprintln(c.App.ErrWriter, summaryLine(summary, outs, lang))
	}
	switch {
	case summary.Invalid > 0 || len(problems) > 0:
		return &exitError{code: exitInvalid}
	case summary.Failed > 0:
		return &exitError{code: exitFail}
	}
	return nil
}

func allFiles(outs []*output) bool {
	for _, o := range outs {
		if o.file == nil {
			return false
		}
	}
	return true
}

// printInputErrors writes a file's input errors, or why it could not be
// read, one per line.
func printInputErrors(w io.Writer, r *checks.Result, lang string) {
	if r.Error != "" {
		fmt.Fprintf(w, "smcheck: %s: %s\n", r.File, r.Error)
	}
	for _, i := range r.Issues {
		if i.IsError() {
			fmt.Fprintf(w, "smcheck: %s\n", issueText(r.File, i, lang))
		}
	}
}

// summaryLine counts the run's files by outcome and names the reports.
func summaryLine(s *report.Summary, outs []*output, lang string) string {
	var names []string
	for _, o := range outs {
		names = append(names, o.path)
	}
	if lang == "sv" {
		return fmt.Sprintf("smcheck: %s: %d godkända, %d underkända, %d med ogiltig indata; rapport i %s",
			plural(s.Files, "fil", "filer"), s.Passed, s.Failed, s.Invalid, strings.Join(names, ", "))
	}
	return fmt.Sprintf("smcheck: %s: %d passed, %d failed, %d with invalid input; report in %s",
		plural(s.Files, "file", "files"), s.Passed, s.Failed, s.Invalid, strings.Join(names, ", "))
}

// openOutputs parses -f FORMAT[=FILE]; at most one format goes to stdout.
func openOutputs(specs []string, stdout, stderr io.Writer, o report.Options) ([]*output, error) {
	if len(specs) == 0 {
		specs = []string{"table"}
	}
	var outs []*output
	fail := func(err error) ([]*output, error) {
		for _, out := range outs {
			if out.file != nil {
				out.file.Abort()
			}
		}
		return nil, err
	}
	toStdout := 0
	files := map[string]string{} // the file written (links followed) → the spec writing it
	for _, spec := range specs {
		name, path, _ := strings.Cut(spec, "=")
		out := &output{format: name, path: path}
		var w io.Writer = stdout
		fo := o
		switch {
		case path == "" || path == "-" || sameFile(path, os.Stdout):
			// /dev/stdout, /dev/fd/1 and the like are standard output: a
			// file of their own would cut or interleave what goes there.
			toStdout++
		case sameFile(path, os.Stderr):
			w, fo.Color = stderr, false
		default:
			target := atomicfile.Target(path)
			if prev, dup := files[target]; dup {
				return fail(usageError("--format %s: %s is also the file of --format %s; give each report its own file", spec, path, prev))
			}
			files[target] = spec
			f, err := atomicfile.Create(path)
			if err != nil {
				return fail(usageError("--format %s: %v", spec, err))
			}
			out.file, w = f, f
			fo.Color = false
		}
		outs = append(outs, out)
		rw, err := report.New(name, w, fo)
		if err != nil {
			return fail(usageError("--format %s: %v", spec, err))
		}
		out.w = rw
	}
	if toStdout > 1 {
		return fail(usageError("--format: only one format can go to standard output; give the others a file (-f sarif=results.sarif)"))
	}
	return outs, nil
}

// sameFile reports whether path names the file f is open on.
func sameFile(path string, f *os.File) bool {
	a, err := os.Stat(path)
	if err != nil {
		return false
	}
	b, err := f.Stat()
	return err == nil && os.SameFile(a, b)
}

// loadRunnerConfig reads --config FILE; an invalid file is a usage error. The
// file's problems are written in lang.
func loadRunnerConfig(v *validate.Validator, path, lang string, stderr io.Writer) (map[string]any, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, usageError("--config: %v", err)
	}
	doc := input.Load(path, data)
	if doc.Fatal {
		// The loader's hint is for agency files.
		i := doc.Issues[0]
		i.Hint, i.HintSV = "write thresholds, one per line, such as min_administrators: 3 (smcheck rules --show-config lists them)",
			"skriv tröskelvärden, ett per rad, till exempel min_administrators: 3 (smcheck rules --show-config visar dem)"
		return nil, usageError("--config %s", issueText(path, i, lang))
	}
	cfg, issues := v.ValidateConfig(doc)
	bad := false
	for _, i := range issues {
		fmt.Fprintf(stderr, "smcheck: --config %s\n", issueText(path, i, lang))
		bad = bad || i.IsError()
	}
	if bad {
		return nil, &exitError{code: exitInvalid, msg: "--config " + path + " has errors; fix them or leave the flag out"}
	}
	return cfg, nil
}

// issueText is an input issue on one line, in lang: FILE:LINE:COL: CODE
// PATH: MESSAGE (HINT).
func issueText(file string, i input.Issue, lang string) string {
	s := fmt.Sprintf("%s: %s %s: %s", report.Location(file, i.Line, i.Column), i.Code, i.Path, i.MessageIn(lang))
	if hint := i.HintIn(lang); hint != "" {
		s += " (" + hint + ")"
	}
	return s
}

// language picks --lang, else LANG (sv_SE… → sv), else en.
func language(flag string) (string, error) {
	switch flag {
	case "en", "sv":
		return flag, nil
	case "":
		for _, env := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
			if v := os.Getenv(env); v != "" {
				if strings.HasPrefix(v, "sv") {
					return "sv", nil
				}
				return "en", nil
			}
		}
		return "en", nil
	}
	return "", usageError("--lang %q: use en or sv", flag)
}

// today is the current date in Sweden: the last fallback for the evaluation
// date (model.md §1), read once per run.
func today() string {
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		loc = time.UTC
	}
	return time.Now().In(loc).Format("2006-01-02")
}
