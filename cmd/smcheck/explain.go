package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/smcheck/smcheck/checks"
)

func explainCommand() *cli.Command {
	return &cli.Command{
		Name:         "explain",
		Usage:        "print one requirement in full: condition, remediation, references and its Rego",
		ArgsUsage:    "ID (e.g. P6.2)",
		OnUsageError: onUsageError,
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usageError("explain: name one requirement ID, e.g. smcheck explain P6.2")
			}
			cat, err := checks.Catalogue()
			if err != nil {
				return err
			}
			id := strings.ToUpper(c.Args().First())
			r, ok := cat.Rule(id)
			if !ok {
				return usageError("explain: %q is not a requirement ID (smcheck rules lists them)", c.Args().First())
			}
			w := c.App.Writer
			fmt.Fprintf(w, "%s %s\n%s\n\n", r.ID, r.Title, r.TitleSV)
			fmt.Fprintf(w, "Point:      %d\nSeverity:   %s\nScope:      %s\nSource:     %s\n", r.Point, r.Severity, r.Scope, strings.Join(r.Source, ", "))
			if len(r.Reads) > 0 {
				fmt.Fprintf(w, "Reads:      %s\n", strings.Join(r.Reads, ", "))
			}
			fmt.Fprintf(w, "\nPasses when: %s\n\nFix:     %s\nÅtgärd:  %s\n", r.Description, r.Remediation.EN, r.Remediation.SV)
			if len(r.References) > 0 {
				fmt.Fprintf(w, "\nReferences:\n")
				for _, ref := range r.References {
					fmt.Fprintf(w, "  - %s\n", ref)
				}
			}
			fmt.Fprintf(w, "\nRego (policies/%s):\n\n%s\n", r.File, r.Rego)
			return nil
		},
	}
}
