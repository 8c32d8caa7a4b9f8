package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

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
		Version:         version,
		ExitErrHandler:  func(*cli.Context, error) {},
		OnUsageError: func(_ *cli.Context, err error, _ bool) error {
			return usageError("%v", err)
		},
	}
	if len(args) > 1 && args[1] == "help" {
		if len(args) > 2 {
			args = []string{args[0], args[2], "--help"} // help CMD: CMD --help
		} else {
			args = []string{args[0], "--help"}
		}
	}
	if len(args) > 1 && !strings.HasPrefix(args[1], "-") && app.Command(args[1]) == nil {
		fmt.Fprintf(stderr, "smcheck: unknown command %q (commands: check, validate, baseline, diff, init, rules, explain, schema, version; see smcheck --help)\n", args[1])
		return exitInvalid
	}
	err := app.Run(interspersed(app, args))
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

// interspersed moves a command's flags before its arguments, so that
// `smcheck check agencies/ --strict` means what it says, as with Conftest or
// Trivy; urfave/cli would take --strict for a path. "--" ends the flags.
func interspersed(app *cli.App, args []string) []string {
	if len(args) < 3 {
		return args
	}
	var cmd *cli.Command
	for _, c := range app.Commands {
		if c.HasName(args[1]) {
			cmd = c
		}
	}
	if cmd == nil {
		return args
	}
	takesValue := map[string]bool{}
	for _, f := range cmd.Flags {
		tv, ok := f.(cli.DocGenerationFlag)
		for _, n := range f.Names() {
			takesValue[n] = ok && tv.TakesValue()
		}
	}
	flags := []string{args[0], args[1]}
	var rest []string
	for i := 2; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			rest = append(rest, args[i+1:]...)
			i = len(args)
		case a == "-h" || a == "--help":
			return []string{args[0], args[1], "--help"}
		case len(a) > 1 && a[0] == '-':
			flags = append(flags, a)
			name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
			if takesValue[name] && !hasValue {
				if i+1 == len(args) {
					return flags // the flag lacks its value: let the parser say so
				}
				i++
				flags = append(flags, args[i])
			}
		default:
			rest = append(rest, a)
		}
	}
	if len(rest) == 0 {
		return flags
	}
	return append(append(flags, "--"), rest...)
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
