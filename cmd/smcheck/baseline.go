package main

import (
	"bytes"
	"context"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/smcheck/smcheck/checks"
	"github.com/smcheck/smcheck/checks/baseline"
	"github.com/smcheck/smcheck/report"
)

func baselineCommand() *cli.Command {
	return &cli.Command{
		Name:      "baseline",
		Usage:     "record the current failures, so that check --baseline fails only on new ones",
		ArgsUsage: "FILE|DIR|GLOB|- ...",
		Description: "Checks the files like check and writes every failed finding (errors and warnings) to a\n" +
			"baseline file (docs/baseline.md). Files with input errors are never baselined: then nothing\n" +
			"is written. Exit code: 0 written, 2 invalid input or usage.",
		OnUsageError: onUsageError,
		Flags: append(runFlags(),
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write the baseline to `FILE` (atomically) instead of standard output"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "no progress and no summary on standard error"},
			&cli.StringFlag{Name: "lang", Usage: "messages in `en` or sv (default from LANG, else en)"},
		),
		Action: runBaseline,
	}
}

func runBaseline(c *cli.Context) error {
	ctx := context.Background()
	if c.NArg() == 0 {
		return usageError("baseline: name at least one agency file, directory or glob (or - to read paths from standard input)")
	}
	opt, lang, err := runOptions(c)
	if err != nil {
		return err
	}
	stderr := c.App.ErrWriter
	paths, problems := findPaths(c)
	if len(paths) == 0 || len(problems) > 0 {
		return &exitError{code: exitInvalid, msg: report.Text(lang, "no baseline written", "ingen baslinje skriven")}
	}
	tuneForFiles(&opt, paths, c.Int("jobs"))
	checker, err := checks.New(ctx, opt)
	if err != nil {
		return err
	}

	b := baseline.NewBuilder(baseline.Tool{Name: "smcheck", Version: version, PolicySHA256: checker.PolicySHA256()}, opt.AsOf)
	invalid, files := 0, 0
	var errs, warns int
	quiet := c.Bool("quiet")
	bar := newProgress(stderr, len(paths), quiet)
	checker.Run(ctx, paths, c.Int("jobs"), func(r *checks.Result) {
		bar.Add(1)
		if err := b.Add(r); err != nil {
			invalid++
			bar.Clear()
			printInputErrors(stderr, r, lang)
			return
		}
		files++
		for _, f := range r.Findings {
			if f.Status == checks.StatusFail {
				if f.Severity == "error" {
					errs++
				} else {
					warns++
				}
			}
		}
	})
	bar.Finish()
	if invalid > 0 {
		return &exitError{code: exitInvalid, msg: fmt.Sprintf(report.Text(lang,
			"no baseline written: %d of %d files have input errors, which are never baselined; fix them, or leave the files out with --exclude",
			"ingen baslinje skriven: %d av %d filer har indatafel, som aldrig tas med i en baslinje; rätta dem, eller utelämna filerna med --exclude"), invalid, len(paths))}
	}
	var buf bytes.Buffer
	if err := baseline.Write(&buf, b.File()); err != nil {
		return fmt.Errorf("writing the baseline: %w", err)
	}
	out := c.String("output")
	if err := writeOutput(out, c.App.Writer, buf.Bytes()); err != nil {
		return err
	}
	if !quiet {
		where := report.Text(lang, "standard output", "standard ut")
		if out != "" && out != "-" {
			where = out
		}
		if lang == "sv" {
			fmt.Fprintf(stderr, "smcheck: baslinjen skriven till %s: %d underkända resultat (%d fel, %d varningar) i %s\n",
				where, errs+warns, errs, warns, plural(files, "fil", "filer"))
		} else {
			fmt.Fprintf(stderr, "smcheck: baseline written to %s: %d failed findings (%d errors, %d warnings) in %s\n",
				where, errs+warns, errs, warns, plural(files, "file", "files"))
		}
	}
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
