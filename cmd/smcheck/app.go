package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/urfave/cli/v2"
)

// Exit codes (requirements.md §1, design.md): decided in one place.
const (
	exitPass    = 0
	exitFail    = 1
	exitInvalid = 2
)

// exitError carries an exit code out of a command; msg may be empty when the
// command already printed what the user needs.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

func usageError(format string, args ...any) error {
	return &exitError{code: exitInvalid, msg: fmt.Sprintf(format, args...)}
}

// Build information, set with -ldflags "-X main.version=… -X main.commit=…"
// (make build); without them, from what the Go toolchain recorded.
var (
	version = "dev"
	commit  = "unknown"
)

// init fills version and commit from the build info when no -ldflags set
// them: `go install …@v1.2.0` and pre-commit's golang hooks build without
// them, and their reports should still say which smcheck wrote them.
func init() {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return
	}
	if version == "dev" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		version = bi.Main.Version
	}
	if commit != "unknown" {
		return
	}
	var rev, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev != "" {
		commit = rev
		if modified == "true" {
			commit += "-dirty"
		}
	}
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	app := &cli.App{
		Name:      "smcheck",
		Usage:     "check an agency's social-media use against E-delegationen's guidelines",
		UsageText: "smcheck check [options] FILE|DIR|GLOB|- ...\n   smcheck validate [options] FILE|DIR|GLOB|- ...\n   smcheck baseline [options] -o baseline.json FILE|DIR|GLOB|- ...\n   smcheck diff [options] OLD.json NEW.json\n   smcheck init [--lang sv] [--from-platforms P,...] [-o FILE]\n   smcheck rules | explain ID | schema | version",
		Reader:    stdin,
		Writer:    stdout,
		ErrWriter: stderr,
		Commands: []*cli.Command{
			checkCommand(),
			validateCommand(),
			baselineCommand(),
			diffCommand(),
			rulesCommand(),
			explainCommand(),
			schemaCommand(),
			versionCommand(),
			initCommand(),
		},
		HideHelpCommand: true,
		ExitErrHandler:  func(*cli.Context, error) {},
		OnUsageError: func(_ *cli.Context, err error, _ bool) error {
			return usageError("%v", err)
		},
	}
	err := app.Run(args)
	if err == nil {
		return exitPass
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.msg != "" {
			fmt.Fprintf(stderr, "smcheck: %s\n", ee.msg)
		}
		return ee.code
	}
	// Any other error is the tool failing (cannot compile, cannot write).
	fmt.Fprintf(stderr, "smcheck: %v\n", err)
	return exitInvalid
}

// onUsageError makes a command's flag errors exit 2 with the message.
func onUsageError(c *cli.Context, err error, _ bool) error {
	return usageError("%s: %v (see smcheck %s --help)", c.Command.Name, err, c.Command.Name)
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
