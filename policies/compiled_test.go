package policies_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"testing"

	"github.com/smcheck/smcheck/checks/engine"
	"github.com/smcheck/smcheck/policies"
)

var update = flag.Bool("update", false, "rewrite compiled.bin (make generate)")

// TestCompiledIsCurrent: compiled.bin is the snapshot of the policies as
// they are. A stale one would still give right answers (the engine ignores
// it and compiles), but every run would be slow again.
func TestCompiledIsCurrent(t *testing.T) {
	snap, err := engine.Snapshot(context.Background(), policies.FS)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("compiled.bin", snap, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(snap, policies.Compiled) {
		t.Fatal("policies/compiled.bin is stale: run make generate")
	}
}
