package main

import (
	"github.com/urfave/cli/v2"

	"github.com/smcheck/smcheck/checks/validate"
)

func schemaCommand() *cli.Command {
	return &cli.Command{
		Name:         "schema",
		Usage:        "print the JSON Schema of the agency data model (the one used for validation)",
		OnUsageError: onUsageError,
		Action: func(c *cli.Context) error {
			_, err := c.App.Writer.Write(validate.SchemaJSON)
			return err
		},
	}
}
