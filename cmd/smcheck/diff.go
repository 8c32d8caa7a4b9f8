package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/smcheck/smcheck/internal/atomicfile"
	"github.com/smcheck/smcheck/report/diff"
)

func diffCommand() *cli.Command {
	return &cli.Command{
		Name:      "diff",
		Usage:     "compare two JSON reports: per agency and point what got better or worse, new and fixed failures",
		ArgsUsage: "OLD.json NEW.json",
		Description: "Both files are reports written by smcheck check -f json=FILE. Agencies are matched by\n" +
			"org_number and name, then by file path (docs/diff.md).\n" +
			"Exit code: 0, or 1 with --fail-on-regression when something got worse; 2 invalid input or usage.",
		OnUsageError: onUsageError,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "table", Usage: "output `FORMAT`: " + strings.Join(diff.Formats, ", ")},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE` (atomically) instead of standard output"},
			&cli.BoolFlag{Name: "fail-on-regression", Usage: "exit 1 if a cell got worse, a failure is new, a file became invalid, or an added agency fails"},
		},
		Action: runDiff,
	}
}

func runDiff(c *cli.Context) error {
	if c.NArg() != 2 {
		return usageError("diff: name two JSON reports, OLD.json NEW.json (written by smcheck check -f json=FILE)")
	}
	format := c.String("format")
	known := false
	for _, f := range diff.Formats {
		known = known || f == format
	}
	if !known {
		return usageError("diff --format %q: use %s", format, strings.Join(diff.Formats, ", "))
	}
	var reports [2]*diff.Report
	for i, path := range c.Args().Slice() {
		r, err := diff.Load(path)
		if err != nil {
			return usageError("diff: %s: %v", path, err)
		}
		reports[i] = r
	}
	res := diff.Compare(reports[0], reports[1])
	var buf bytes.Buffer
	if err := diff.Write(&buf, res, format); err != nil {
		return fmt.Errorf("writing the diff: %w", err)
	}
	if err := writeOutput(c.String("output"), c.App.Writer, buf.Bytes()); err != nil {
		return err
	}
	if c.Bool("fail-on-regression") && res.Summary.Regression {
		return &exitError{code: exitFail}
	}
	return nil
}

// writeOutput writes data to path atomically, or to stdout when path is ""
// or "-".
func writeOutput(path string, stdout io.Writer, data []byte) error {
	if path == "" || path == "-" {
		_, err := stdout.Write(data)
		return err
	}
	if err := atomicfile.WriteFile(path, data); err != nil {
		return usageError("--output: %v", err)
	}
	return nil
}
