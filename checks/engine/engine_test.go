package engine

import (
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
