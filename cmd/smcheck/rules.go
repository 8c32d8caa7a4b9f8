package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/urfave/cli/v2"

	"github.com/smcheck/smcheck/checks"
	"github.com/smcheck/smcheck/checks/input"
	"github.com/smcheck/smcheck/checks/validate"
)

func rulesCommand() *cli.Command {
	return &cli.Command{
		Name:         "rules",
		Usage:        "list the requirements (ID, point, severity, title); with --config, the effective configuration",
		ArgsUsage:    "[AGENCY.yaml]",
		OnUsageError: onUsageError,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "config", Usage: "show the effective configuration with this thresholds `FILE`"},
			&cli.BoolFlag{Name: "show-config", Usage: "show the effective configuration (defaults, the agency file's config:, --config)"},
			&cli.BoolFlag{Name: "ignore-input-config", Usage: "as for check"},
			&cli.StringFlag{Name: "lang", Usage: "titles in `en` or sv"},
		},
		Action: func(c *cli.Context) error {
			ctx := context.Background()
			lang, err := language(c.String("lang"))
			if err != nil {
				return err
			}
			if c.IsSet("config") || c.Bool("show-config") || c.NArg() > 0 {
				return showConfig(ctx, c)
			}
			cat, err := checks.Catalogue()
			if err != nil {
				return err
			}
			tbl := tablewriter.NewTable(c.App.Writer)
			tbl.Header([]string{"ID", "Point", "Severity", "Scope", "Title"})
			for _, r := range cat.Rules {
				title := r.Title
				if lang == "sv" {
					title = r.TitleSV
				}
				point := fmt.Sprint(r.Point)
				if r.Point == 0 {
					point = "W"
				}
				if err := tbl.Append([]string{r.ID, point, r.Severity, r.Scope, title}); err != nil {
					return fmt.Errorf("rules: %w", err)
				}
			}
			return tbl.Render()
		},
	}
}

// showConfig prints every threshold with its effective value and where it
// comes from: --config file > the agency file's config: > defaults.
func showConfig(ctx context.Context, c *cli.Context) error {
	lang, err := language(c.String("lang"))
	if err != nil {
		return err
	}
	opt := checks.Options{Today: today(), IgnoreInputConfig: c.Bool("ignore-input-config")}
	checker, err := checks.New(ctx, opt)
	if err != nil {
		return err
	}
	if path := c.String("config"); path != "" {
		if opt.RunnerConfig, err = loadRunnerConfig(checker.Validator, path, lang, c.App.ErrWriter); err != nil {
			return err
		}
	}
	doc := input.Load("(none)", []byte("schema_version: 1\n"))
	if c.NArg() > 0 {
		r := c.Args().First()
		data, rerr := os.ReadFile(r)
		if rerr != nil {
			return usageError("rules: %v", rerr)
		}
		doc = input.Load(r, data)
	}
	out := checker.Validator.Validate(doc, validate.Options{
		Today: opt.Today, Defaults: checker.Engine.Defaults,
		RunnerConfig: opt.RunnerConfig, IgnoreInputConfig: opt.IgnoreInputConfig,
	})
	keys := make([]string, 0, len(out.Config))
	for k := range out.Config {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	tbl := tablewriter.NewTable(c.App.Writer)
	tbl.Header([]string{"Key", "Value", "Source"})
	for _, k := range keys {
		v, _ := json.Marshal(out.Config[k])
		src := out.ConfigSource[k]
		if src == "runner" {
			src = "--config"
		}
		if err := tbl.Append([]string{k, strings.ReplaceAll(string(v), ",", ", "), src}); err != nil {
			return fmt.Errorf("rules: %w", err)
		}
	}
	return tbl.Render()
}
