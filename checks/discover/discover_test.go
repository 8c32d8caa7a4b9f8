package discover

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// tree makes dir/batch/{a.yaml, drafts/d.yaml, .hidden/h.yaml, notes.txt},
// a link to batch and a link loop inside it.
func tree(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range []string{"batch/a.yaml", "batch/drafts/d.yaml", "batch/.hidden/h.yaml", "batch/notes.txt"} {
		p := filepath.Join(dir, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("schema_version: 1\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("batch", filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("..", filepath.Join(dir, "batch", "loop")); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestPaths(t *testing.T) {
	dir := tree(t)
	t.Chdir(dir)
	for _, tc := range []struct {
		name    string
		args    []string
		exclude []string
		want    []string
	}{
		{"directory", []string{"batch"}, nil, []string{"batch/a.yaml", "batch/drafts/d.yaml"}},
		{"a link named on the command line is followed", []string{"link"}, nil, []string{"link/a.yaml", "link/drafts/d.yaml"}},
		{"exclude written with ./", []string{"batch"}, []string{"./batch/drafts"}, []string{"batch/a.yaml"}},
		{"exclude by name", []string{"./batch"}, []string{"drafts"}, []string{"batch/a.yaml"}},
		{"glob", []string{"batch/*.yaml"}, nil, []string{"batch/a.yaml"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, problems := Paths(tc.args, Options{Exclude: tc.exclude})
			if len(problems) > 0 || !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Paths(%v) = %v, %v; want %v", tc.args, got, problems, tc.want)
			}
		})
	}
}
