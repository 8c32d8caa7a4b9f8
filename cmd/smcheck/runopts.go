package main

import (
	"fmt"
	"os"
	"regexp"
	"runtime/debug"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/smcheck/smcheck/checks"
	"github.com/smcheck/smcheck/checks/discover"
	"github.com/smcheck/smcheck/checks/validate"
)

// The flags and their parsing that check, baseline and validate share, so
// that a date or a --config file means the same in each.

func asOfFlag(usage string) cli.Flag {
	return &cli.StringFlag{Name: "as-of", Usage: usage}
}

// runFlags are the flags of commands that evaluate files (check, baseline).
func runFlags() []cli.Flag {
	return []cli.Flag{
		asOfFlag("evaluate as of `YYYY-MM-DD` (overrides each file's evaluation_date)"),
		&cli.StringFlag{Name: "config", Usage: "thresholds `FILE` (YAML), overriding defaults and the files' config:"},
		&cli.BoolFlag{Name: "ignore-input-config", Usage: "ignore the files' own config: blocks (one configuration for a whole batch)"},
		&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Usage: "parallel workers", DefaultText: "number of CPUs"},
		excludeFlag(),
	}
}

func excludeFlag() cli.Flag {
	return &cli.StringSliceFlag{Name: "exclude", Usage: "skip paths matching `GLOB`, repeatable"}
}

var dateRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// parseAsOf is --as-of: "" or a real calendar date.
func parseAsOf(c *cli.Context) (string, error) {
	asOf := c.String("as-of")
	if asOf != "" {
		if _, err := time.Parse("2006-01-02", asOf); err != nil || !dateRE.MatchString(asOf) {
			return "", usageError("--as-of %q is not a calendar date YYYY-MM-DD", asOf)
		}
	}
	return asOf, nil
}

// runOptions reads runFlags and --lang into the options of a run and the
// report language; an invalid --config file is a usage error, found before
// any policy is compiled, its problems written in that language.
func runOptions(c *cli.Context) (checks.Options, string, error) {
	lang, err := language(c.String("lang"))
	if err != nil {
		return checks.Options{}, "", err
	}
	asOf, err := parseAsOf(c)
	if err != nil {
		return checks.Options{}, "", err
	}
	opt := checks.Options{AsOf: asOf, Today: today(), IgnoreInputConfig: c.Bool("ignore-input-config")}
	if cfgPath := c.String("config"); cfgPath != "" {
		v, err := validate.NewValidator()
		if err != nil {
			return opt, lang, fmt.Errorf("compiling the data-model schema: %w", err)
		}
		if opt.RunnerConfig, err = loadRunnerConfig(v, cfgPath, lang, c.App.ErrWriter); err != nil {
			return opt, lang, err
		}
		opt.Validator = v
	}
	return opt, lang, nil
}

// tuneForFiles tells the checker the run's size (checks.Options.Files), and
// turns the collector off for a short run of small files, which has no use
// for it (about 5 % of a one-file run): off unless GOGC or GOMEMLIMIT is
// set, with a 256 MiB memory limit as the backstop (an alias bomb is a small
// file that expands until IN-01 stops it).
func tuneForFiles(opt *checks.Options, paths []string, jobs int) {
	opt.Files, opt.Jobs = len(paths), jobs
	if len(paths) > checks.FewFiles {
		return
	}
	if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" && totalSize(paths) <= 1<<20 {
		debug.SetGCPercent(-1)
		debug.SetMemoryLimit(256 << 20)
	}
}

// totalSize is the summed size of the files; a file that cannot be read
// counts as nothing (its check reports it).
func totalSize(paths []string) int64 {
	var n int64
	for _, p := range paths {
		if fi, err := os.Stat(p); err == nil {
			n += fi.Size()
		}
	}
	return n
}

// findPaths resolves the arguments to files, printing what cannot be found;
// the caller decides whether that ends the run.
func findPaths(c *cli.Context) ([]string, []discover.Problem) {
	paths, problems := discover.Paths(c.Args().Slice(), discover.Options{Exclude: c.StringSlice("exclude"), Stdin: c.App.Reader})
	if len(paths) == 0 && len(problems) == 0 {
		// `find … | smcheck check -` with nothing found, or everything
		// excluded: a problem like any other, so that reports show it.
		problems = append(problems, discover.Problem{Arg: strings.Join(c.Args().Slice(), " "),
			Message: "no files to check: the arguments name no *.yaml or *.yml file that is not excluded"})
	}
	for _, p := range problems {
		fmt.Fprintf(c.App.ErrWriter, "smcheck: %s\n", p.Error())
	}
	return paths, problems
}
