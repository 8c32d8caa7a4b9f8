package main

import (
	"fmt"

	opaversion "github.com/open-policy-agent/opa/v1/version"
	"github.com/urfave/cli/v2"

	"github.com/smcheck/smcheck/checks"
)

func versionCommand() *cli.Command {
	return &cli.Command{
		Name:         "version",
		Usage:        "print the version, commit, OPA version and the SHA-256 of the embedded policies",
		OnUsageError: onUsageError,
		Action: func(c *cli.Context) error {
			sum, err := checks.PolicySHA256()
			if err != nil {
				return err
			}
			fmt.Fprintf(c.App.Writer, "smcheck %s\ncommit %s\nopa %s\npolicies sha256:%s\n", version, commit, opaversion.Version, sum)
			return nil
		},
	}
}
