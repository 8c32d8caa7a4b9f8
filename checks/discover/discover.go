// Package discover turns command-line arguments into the sorted list of agency
// files to check: files as given, directories walked recursively for *.yaml
// and *.yml, shell-style globs, and "-" for a list of paths on standard input.
// Hidden directories are skipped, and symbolic links to directories are not
// followed, so a link loop cannot trap the walk.
package discover

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Options of discovery.
type Options struct {
	// Exclude holds globs matched against the path and against its base name.
	Exclude []string
	// Stdin is read for "-".
	Stdin io.Reader
}

// Problem is an argument that named nothing checkable.
type Problem struct {
	Arg     string
	Message string
}

func (p Problem) Error() string { return p.Arg + ": " + p.Message }

// Paths expands args. Files named explicitly are kept whatever their
// extension; problems (missing path, directory without YAML) are returned
// beside the paths so the caller can report them and go on.
func Paths(args []string, opt Options) ([]string, []Problem) {
	// Patterns are tidied as paths are: ./drafts means drafts.
	exclude := make([]string, len(opt.Exclude))
	for i, g := range opt.Exclude {
		exclude[i] = filepath.ToSlash(filepath.Clean(g))
	}
	opt.Exclude = exclude
	seen := map[string]bool{}
	var out []string
	var problems []Problem
	add := func(p string) {
		p = filepath.Clean(p)
		if !seen[p] && !excluded(p, opt.Exclude) {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, arg := range expandStdin(args, opt.Stdin, &problems) {
		info, err := os.Stat(arg)
		switch {
		case err == nil && info.IsDir():
			found, werr := walk(arg, opt.Exclude)
			if werr != nil {
				problems = append(problems, Problem{arg, werr.Error()})
			}
			if len(found) == 0 && werr == nil {
				problems = append(problems, Problem{arg, "the directory holds no *.yaml or *.yml file"})
			}
			for _, f := range found {
				add(f)
			}
		case err == nil:
			add(arg)
		case hasMeta(arg):
			matches, gerr := filepath.Glob(arg)
			if gerr != nil {
				problems = append(problems, Problem{arg, "bad pattern: " + gerr.Error()})
				continue
			}
			if len(matches) == 0 {
				problems = append(problems, Problem{arg, "the pattern matches no file"})
			}
			for _, m := range matches {
				if fi, serr := os.Stat(m); serr == nil && !fi.IsDir() {
					add(m)
				}
			}
		case errors.Is(err, fs.ErrNotExist):
			problems = append(problems, Problem{arg, "no such file or directory"})
		default:
			problems = append(problems, Problem{arg, err.Error()})
		}
	}
	sort.Strings(out)
	return out, uniqueProblems(problems)
}

// uniqueProblems keeps the first problem of each argument named twice.
func uniqueProblems(ps []Problem) []Problem {
	seen := map[Problem]bool{}
	out := ps[:0]
	for _, p := range ps {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}

func expandStdin(args []string, stdin io.Reader, problems *[]Problem) []string {
	var out []string
	for _, a := range args {
		if a != "-" {
			out = append(out, a)
			continue
		}
		if stdin == nil {
			stdin = os.Stdin
		}
		sc := bufio.NewScanner(stdin)
		for sc.Scan() {
			if line := strings.TrimSpace(sc.Text()); line != "" && !strings.HasPrefix(line, "#") {
				out = append(out, line)
			}
		}
		if err := sc.Err(); err != nil {
			*problems = append(*problems, Problem{"-", fmt.Sprintf("reading paths from standard input: %v", err)})
		}
	}
	return out
}

func hasMeta(p string) bool { return strings.ContainsAny(p, "*?[") }

func isYAML(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".yaml" || ext == ".yml"
}

func excluded(p string, globs []string) bool {
	slash := filepath.ToSlash(p)
	for _, g := range globs {
		if ok, _ := filepath.Match(g, slash); ok {
			return true
		}
		if ok, _ := filepath.Match(g, filepath.Base(p)); ok {
			return true
		}
		// A directory glob ("vendor", "drafts/**") excludes what is below it.
		prefix := strings.TrimSuffix(strings.TrimSuffix(g, "**"), "/")
		if prefix != "" && !hasMeta(prefix) && (strings.HasPrefix(slash, prefix+"/") || strings.Contains(slash, "/"+prefix+"/")) {
			return true
		}
	}
	return false
}

// walk lists YAML files below root. WalkDir does not follow symbolic links to
// directories, which keeps link loops harmless.
func walk(root string, exclude []string) ([]string, error) {
	var out []string
	start := root
	if fi, err := os.Lstat(root); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		// A link named on the command line is followed; links met inside
		// are not.
		start = root + string(filepath.Separator)
	}
	err := filepath.WalkDir(start, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("walking %s: %w", p, err)
		}
		name := d.Name()
		if d.IsDir() {
			if p != start && (strings.HasPrefix(name, ".") || excluded(p, exclude)) {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasPrefix(name, ".") || !isYAML(name) {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if fi, serr := os.Stat(p); serr != nil || fi.IsDir() {
				return nil
			}
		}
		out = append(out, p)
		return nil
	})
	return out, err
}
