package main

import (
	"fmt"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/smcheck/smcheck/checks/input"
	"github.com/smcheck/smcheck/checks/validate"
	"github.com/smcheck/smcheck/report"
)

// validateCommand checks files against the data model only: the loader, the
// JSON Schema and the Go checks of model.md §16 (IN-01 … IN-W3). No policy is
// compiled, so it is fast enough for every commit (the smcheck-validate
// pre-commit hook) and for editors.
func validateCommand() *cli.Command {
	return &cli.Command{
		Name:      "validate",
		Usage:     "check agency files against the data model only (input errors IN-xx), without evaluating requirements",
		ArgsUsage: "FILE|DIR|GLOB|- ...",
		Description: "Prints one line per input problem: FILE:LINE:COL: CODE PATH: MESSAGE (HINT).\n" +
			"IN-Wn codes are warnings; the others are errors. No requirement is evaluated: use smcheck check for that.\n" +
			"Exit code: 0 valid (warnings allowed), 2 an input error or usage.",
		OnUsageError: onUsageError,
		Flags: []cli.Flag{
			asOfFlag("evaluation date `YYYY-MM-DD` for the future-date checks (overrides each file's evaluation_date)"),
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "show only input errors, no warnings and no summary"},
			&cli.StringFlag{Name: "lang", Usage: "messages in `en` or sv (default from LANG, else en)"},
			excludeFlag(),
		},
		Action: runValidate,
	}
}

func runValidate(c *cli.Context) error {
	if c.NArg() == 0 {
		return usageError("validate: name at least one agency file, directory or glob (or - to read paths from standard input)")
	}
	asOf, err := parseAsOf(c)
	if err != nil {
		return err
	}
	lang, err := language(c.String("lang"))
	if err != nil {
		return err
	}
	quiet := c.Bool("quiet")
	v, err := validate.NewValidator()
	if err != nil {
		return fmt.Errorf("compiling the data-model schema: %w", err)
	}
	paths, problems := findPaths(c)
	opt := validate.Options{AsOf: asOf, Today: today()}
	w := c.App.Writer
	invalid, errs, warns := 0, 0, 0
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintf(w, "%s: %s: %v\n", path, report.Text(lang, "cannot read the file", "filen kan inte läsas"), validateReadErr(err))
			invalid++
			errs++
			continue
		}
		bad := false
		for _, is := range v.Validate(input.Load(path, data), opt).Issues {
			if is.IsError() {
				bad = true
				errs++
			} else {
				warns++
				if quiet {
					continue
				}
			}
			fmt.Fprintln(w, issueText(path, is, lang))
		}
		if bad {
			invalid++
		}
	}
	if !quiet && len(paths) > 0 {
		valid := len(paths) - invalid
		if lang == "sv" {
			fmt.Fprintf(w, "%d %s, %d %s av %d %s (%d indatafel, %d %s)\n",
				valid, validatePlural(valid, "giltig", "giltiga"), invalid, validatePlural(invalid, "ogiltig", "ogiltiga"),
				len(paths), validatePlural(len(paths), "fil", "filer"), errs, warns, validatePlural(warns, "varning", "varningar"))
		} else {
			fmt.Fprintf(w, "%d valid, %d invalid of %d %s (%d input %s, %d %s)\n",
				valid, invalid, len(paths), validatePlural(len(paths), "file", "files"),
				errs, validatePlural(errs, "error", "errors"), warns, validatePlural(warns, "warning", "warnings"))
		}
	}
	if invalid > 0 || len(problems) > 0 || len(paths) == 0 {
		return &exitError{code: exitInvalid}
	}
	return nil
}

func validateReadErr(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

func validatePlural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
