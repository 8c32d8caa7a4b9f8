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

// TestSplitKeepsWhatRefersTogether: a package in two files stays in one
// part; a rule package that another rule package reaches into, or ranges
// over, is shared; without rule packages there is one part.
func TestSplitKeepsWhatRefersTogether(t *testing.T) {
	main := "package smcheck.main\n\nreport := [r | some r in data.smcheck.rules[_].results]\n"
	rule := func(pkg, body string) string { return "package smcheck.rules." + pkg + "\n\n" + body + "\n" }
	parts := func(files map[string]string, n int) [][]string {
		t.Helper()
		fsys := fstest.MapFS{}
		for name, src := range files {
			fsys[name] = &fstest.MapFile{Data: []byte(src)}
		}
		b, err := LoadBundle(fsys, false)
		if err != nil {
			t.Fatal(err)
		}
		return split(b, n)
	}
	together := func(ps [][]string, a, b string) bool {
		for _, p := range ps {
			if slices.Contains(p, a) && slices.Contains(p, b) {
				return true
			}
		}
		return false
	}

	two := parts(map[string]string{
		"main.rego": main,
		"a1.rego":   rule("a", "results contains 1"),
		"a2.rego":   rule("a", "x := 1"),
		"b.rego":    rule("b", "results contains 2"),
		"c.rego":    rule("c", "results contains 3"),
	}, 3)
	if len(two) != 3 || !together(two, "a1.rego", "a2.rego") || together(two, "a1.rego", "b.rego") {
		t.Errorf("one package in two files: %v", two)
	}

	reach := parts(map[string]string{
		"main.rego": main,
		"a.rego":    rule("a", "results contains data.smcheck.rules.b.x"),
		"b.rego":    rule("b", "x := 1\n\nresults contains 2"),
		"c.rego":    rule("c", "results contains 3"),
	}, 3)
	for _, p := range reach {
		if !slices.Contains(p, "b.rego") {
			t.Errorf("b, which a reaches into, is not in every part: %v", reach)
		}
	}

	ranges := parts(map[string]string{
		"main.rego": main,
		"a.rego":    rule("a", "results contains r if some r in data.smcheck.rules[_].x"),
		"b.rego":    rule("b", "results contains 2"),
	}, 2)
	if len(ranges) != 1 {
		t.Errorf("a ranges over every rule package, yet they were split: %v", ranges)
	}

	if none := parts(map[string]string{"main.rego": main}, 4); len(none) != 1 {
		t.Errorf("no rule packages gave %d parts", len(none))
	}
}
