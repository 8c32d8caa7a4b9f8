// Command genagencies writes N synthetic, schema-valid agency files for
// benchmarks (checks/gen), e.g. for ../shared/bench/compare.sh:
//
//	go run ./tools/genagencies -n 1000 -o /tmp/agencies
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/smcheck/smcheck/checks/gen"
)

func main() {
	n := flag.Int("n", 100, "number of agencies")
	out := flag.String("o", "agencies", "output directory")
	base := flag.String("base", "fixtures/examples/compliant.yaml", "compliant agency the set is generated from")
	flag.Parse()
	if err := run(*n, *out, *base); err != nil {
		fmt.Fprintln(os.Stderr, "genagencies:", err)
		os.Exit(1)
	}
}

func run(n int, out, base string) error {
	src, err := os.ReadFile(base)
	if err != nil {
		return fmt.Errorf("reading the base agency: %w", err)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", out, err)
	}
	for i := range n {
		data, err := gen.Agency(src, i)
		if err != nil {
			return fmt.Errorf("agency %d: %w", i, err)
		}
		if err := os.WriteFile(filepath.Join(out, fmt.Sprintf("agency-%05d.yaml", i)), data, 0o644); err != nil {
			return fmt.Errorf("writing agency %d: %w", i, err)
		}
	}
	return nil
}
