package main

import (
	"context"
	"fmt"

	opaversion "github.com/open-policy-agent/opa/v1/version"
	"github.com/urfave/cli/v2"

	"github.com/smcheck/smcheck/checks/engine"
	"github.com/smcheck/smcheck/policies"
)

func versionCommand() *cli.Command {
	return &cli.Command{
		Name:         "version",
		Usage:        "print the version, commit, OPA version and the SHA-256 of the embedded policies",
		OnUsageError: onUsageError,
		Action: func(c *cli.Context) error {
			sum, err := engine.SHA256(policies.FS)
			if err != nil {
				return err
			}
			fmt.Fprintf(c.App.Writer, "smcheck %s\ncommit %s\nopa %s\npolicies sha256:%s\n", version, commit, opaversion.Version, sum)
			return nil
		},
	}
}

// newEngine is shared by commands that only need the catalogue.
func newEngine(ctx context.Context) (*engine.Engine, error) {
	return engine.New(ctx, policies.FS)
}
