// Command smcheck checks Swedish agencies' use of social media against
// E-delegationen's guidelines (2010-12-30), encoded as embedded Rego policies.
package main

import (
	"os"
	"runtime/debug"

	"github.com/smcheck/smcheck/checks"
)

func main() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(checks.GCPercent)
	}
	os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr))
}
