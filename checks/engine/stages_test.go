package engine

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/smcheck/smcheck/checks/input"
	"github.com/smcheck/smcheck/checks/validate"
	"github.com/smcheck/smcheck/policies"
)

// TestSkippedStagesOnlyVerify compiles the embedded bundle with every compiler
// stage and with the verification stages skipped (as New does), and checks
// that the full compile succeeds and both give the same answer on every
// fixture: skipping changed speed, not meaning.
func TestSkippedStagesOnlyVerify(t *testing.T) {
	ctx := context.Background()
	full, err := compile(ctx, policies.FS, nil)
	if err != nil {
		t.Fatalf("full compile: %v", err)
	}
	fast, err := New(ctx, policies.FS)
	if err != nil {
		t.Fatal(err)
	}
	v, err := validate.NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("../../fixtures/*/*.yaml")
	if len(files) < 10 {
		t.Fatalf("only %d fixtures found", len(files))
	}
	evaluated := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out := v.Validate(input.Load(f, data), validate.Options{AsOf: "2026-11-01", Defaults: full.Defaults})
		if out.Value == nil {
			continue
		}
		out.Value["eval_date"] = out.EvalDate
		out.Value["config"] = out.Config
		want, err := full.Eval(ctx, out.Value)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		got, err := fast.Eval(ctx, out.Value)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: skipping stages changed the answer (-full +fast):\n%s", f, diff)
		}
		evaluated++
	}
	if evaluated < 10 {
		t.Fatalf("only %d fixtures could be evaluated", evaluated)
	}
}
