package engine

import (
	"slices"
	"testing"
	"testing/fstest"

	"github.com/smcheck/smcheck/policies"
)

// TestSHA256 checks that `version`'s hash, read without parsing, is the one
// reports carry (LoadBundle's), that it covers policy and data files and
// that tests do not change it.
func TestSHA256(t *testing.T) {
	b, err := LoadBundle(policies.FS, false)
	if err != nil {
		t.Fatal(err)
	}
	got, err := SHA256(policies.FS)
	if err != nil {
		t.Fatal(err)
	}
	if got != b.SHA256 {
		t.Errorf("SHA256 = %s, LoadBundle's = %s", got, b.SHA256)
	}

	tree := func(rule, data, test string) fstest.MapFS {
		return fstest.MapFS{
			"x/x.rego":      {Data: []byte("package x\n\n" + rule + "\n")},
			"x/x_test.rego": {Data: []byte("package x_test\n\n" + test + "\n")},
			"x/data.yaml":   {Data: []byte(data)},
		}
	}
	sum := func(fsys fstest.MapFS) string {
		t.Helper()
		s, err := SHA256(fsys)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	base := sum(tree("a := 1", "k: 1\n", "test_a if true"))
	for name, other := range map[string]fstest.MapFS{
		"policy": tree("a := 2", "k: 1\n", "test_a if true"),
		"data":   tree("a := 1", "k: 2\n", "test_a if true"),
	} {
		if sum(other) == base {
			t.Errorf("changing the %s left the hash unchanged", name)
		}
	}
	if sum(tree("a := 1", "k: 1\n", "test_b if true")) != base {
		t.Error("changing a test changed the hash")
	}
}

// TestSplit checks the parts of the embedded bundle: every part has the
// shared packages (smcheck.main imports smcheck.rules.waivers, so it is one),
// every other rule package is in exactly one part, and no part is empty.
func TestSplit(t *testing.T) {
	b, err := LoadBundle(policies.FS, false)
	if err != nil {
		t.Fatal(err)
	}
	shared := []string{
		"smcheck/lib/lib.rego", "smcheck/lib/p06_p07.rego", "smcheck/main/main.rego",
		"smcheck/result/result.rego", "smcheck/rules/waivers/waivers.rego",
	}
	for _, n := range []int{0, 1, 2, 3, 10, 50} {
		parts := split(b, n)
		want := max(1, min(n, len(b.Modules)-len(shared)))
		if len(parts) != want {
			t.Fatalf("split(%d) made %d parts, want %d", n, len(parts), want)
		}
		seen := map[string]int{}
		for _, p := range parts {
			if len(p) <= len(shared) && n > 1 {
				t.Errorf("split(%d): a part has no rule package: %v", n, p)
			}
			for _, name := range p {
				seen[name]++
			}
		}
		for name := range b.Modules {
			want := 1
			if slices.Contains(shared, name) {
				want = len(parts)
			}
			if seen[name] != want {
				t.Errorf("split(%d): %s is in %d parts, want %d", n, name, seen[name], want)
			}
		}
	}
}
