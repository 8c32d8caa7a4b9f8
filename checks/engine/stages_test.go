package engine

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/smcheck/smcheck/checks/gen"
	"github.com/smcheck/smcheck/checks/input"
	"github.com/smcheck/smcheck/checks/validate"
	"github.com/smcheck/smcheck/policies"
)

// TestSkippedStagesOnlyVerify compiles the embedded bundle with every compiler
// stage, in one part, and as New does: the verification stages skipped, in
// 1, 2, 3 and more parts than there are rule packages, compiled and read
// from a snapshot. It checks that the full compile succeeds and all give the
// same answer on every fixture and on generated agencies: skipping,
// splitting and the snapshot changed speed, not meaning.
func TestSkippedStagesOnlyVerify(t *testing.T) {
	ctx := context.Background()
	full, err := compile(ctx, policies.FS, nil, 1, make(chan struct{}, 2))
	if err != nil {
		t.Fatalf("full compile: %v", err)
	}
	variants := map[string]*Engine{}
	for _, parts := range []int{1, 2, 3, 20} {
		e, err := New(ctx, policies.FS, Options{Parts: parts})
		if err != nil {
			t.Fatalf("%d parts: %v", parts, err)
		}
		variants[fmt.Sprintf("%d parts", parts)] = e
	}
	snap, err := Snapshot(ctx, policies.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, parts := range []int{1, 2, 3, 20} {
		e, err := fromSnapshot(ctx, policies.FS, snap, parts, make(chan struct{}, 2))
		if err != nil {
			t.Fatalf("snapshot, %d parts: %v", parts, err)
		}
		variants[fmt.Sprintf("snapshot, %d parts", parts)] = e
	}
	v, err := validate.NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("../../fixtures/*/*.yaml")
	if len(files) < 10 {
		t.Fatalf("only %d fixtures found", len(files))
	}
	inputs := map[string][]byte{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inputs[f] = data
	}
	base := inputs["../../fixtures/examples/compliant.yaml"]
	for i := range 20 {
		data, err := gen.Agency(base, i)
		if err != nil {
			t.Fatal(err)
		}
		inputs[fmt.Sprintf("generated agency %d", i)] = data
	}
	evaluated := 0
	for _, f := range sortedKeys(inputs) {
		data := inputs[f]
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
		sortRaw(want)
		for name, e := range variants {
			got, err := e.Eval(ctx, out.Value)
			if err != nil {
				t.Fatalf("%s, %s: %v", f, name, err)
			}
			sortRaw(got)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s, %s: the answer changed (-full +%s):\n%s", f, name, name, diff)
			}
		}
		evaluated++
	}
	if evaluated < 10 {
		t.Fatalf("only %d fixtures could be evaluated", evaluated)
	}
}

// sortRaw orders what the parts' merge may reorder: the answer of one part
// is in the order of Rego's sets, a merge in the order of the parts.
func sortRaw(r *Raw) {
	sort.Slice(r.Results, func(i, j int) bool {
		a, b := r.Results[i], r.Results[j]
		return a.ID < b.ID || a.ID == b.ID && a.Subject < b.Subject
	})
	sort.Slice(r.UnusedWaivers, func(i, j int) bool {
		return fmt.Sprint(r.UnusedWaivers[i]["index"]) < fmt.Sprint(r.UnusedWaivers[j]["index"])
	})
}
