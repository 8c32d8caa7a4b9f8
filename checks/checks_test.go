package checks

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/smcheck/smcheck/checks/input"
	"github.com/smcheck/smcheck/checks/validate"
)

// TestDuplicateChannelIDs: two channels with one id (IN-08, C21) are still
// two targets, each with its own results; the second, without a purpose,
// fails P1.1 and the first still passes.
func TestDuplicateChannelIDs(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "fixtures", "examples", "compliant.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	// Copy the first channel as YAML nodes, so every scalar keeps its tag.
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		t.Fatal(err)
	}
	channels := mapValue(t, root.Content[0], "channels")
	copied := *channels.Content[0]
	copied.Content = nil
	id := ""
	for k := 0; k < len(channels.Content[0].Content); k += 2 {
		key, val := channels.Content[0].Content[k], channels.Content[0].Content[k+1]
		switch key.Value {
		case "purpose":
			continue
		case "id":
			id = val.Value
		}
		copied.Content = append(copied.Content, key, val)
	}
	channels.Content = append(channels.Content, &copied)
	last := len(channels.Content) - 1
	out, err := yaml.Marshal(&root)
	if err != nil {
		t.Fatal(err)
	}
	c, err := New(context.Background(), Options{AsOf: "2026-11-01"})
	if err != nil {
		t.Fatal(err)
	}
	r := c.Check(context.Background(), "dup.yaml", out)
	if !r.HasInputErrors() {
		t.Errorf("no IN-08 for the duplicated id: %v", r.Issues)
	}
	var got []string
	perRequirement := map[string]int{}
	for _, f := range r.Findings {
		if f.Target != id {
			continue
		}
		perRequirement[f.ID]++
		if f.ID == "P1.1" {
			got = append(got, f.Status+" "+f.Path)
		}
	}
	want := map[string]bool{"pass channels[0]": true, "fail " + input.Root.Key("channels").Index(last).Key("purpose").String(): true}
	if len(got) != 2 || !want[got[0]] || !want[got[1]] || got[0] == got[1] {
		t.Errorf("P1.1 for the two %s channels: %q, want %v", id, got, want)
	}
	for req, n := range perRequirement {
		if n != 2 {
			t.Errorf("%s has %d results for %s, want one per channel (2)", req, n, id)
		}
	}
}

func mapValue(t *testing.T, m *yaml.Node, key string) *yaml.Node {
	t.Helper()
	for k := 0; k+1 < len(m.Content); k += 2 {
		if m.Content[k].Value == key {
			return m.Content[k+1]
		}
	}
	t.Fatalf("no %s in the document", key)
	return nil
}

// TestParts: a run of a few files compiles and evaluates the policies in
// parts on every core (or --jobs of them); a larger batch in one.
func TestParts(t *testing.T) {
	procs := runtime.GOMAXPROCS(0)
	for _, tt := range []struct{ files, jobs, want int }{
		{1, 0, procs},
		{FewFiles, 0, procs},
		{1, 1, 1},
		{1, procs + 4, procs},
		{FewFiles + 1, 0, 1},
		{500, 1, 1},
	} {
		if got := parts(Options{Files: tt.files, Jobs: tt.jobs}); got != tt.want {
			t.Errorf("%d files, --jobs %d: %d parts, want %d", tt.files, tt.jobs, got, tt.want)
		}
	}
}

// TestEmbeddedSnapshotIsUsed: the embedded policies are read from their
// snapshot, not compiled, in a short run and in a batch. If this fails while
// policies' TestCompiledIsCurrent passes, the engine stopped accepting it.
func TestEmbeddedSnapshotIsUsed(t *testing.T) {
	for _, files := range []int{1, FewFiles + 1} {
		c, err := New(context.Background(), Options{Files: files})
		if err != nil {
			t.Fatal(err)
		}
		if !c.Engine.Precompiled {
			t.Errorf("%d files: the policies were compiled, not read from policies/compiled.bin", files)
		}
	}
}

// TestNewUsesGivenValidator: a validator compiled for the --config check is
// the one the run uses, not compiled again.
func TestNewUsesGivenValidator(t *testing.T) {
	v, err := validate.NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	c, err := New(context.Background(), Options{Files: 1, Validator: v})
	if err != nil {
		t.Fatal(err)
	}
	if c.Validator != v {
		t.Fatal("New compiled the schema again")
	}
}
