package engine

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// rulesPrefix is where requirement packages live; smcheck.main (the query's
// package) gathers data.smcheck.rules[_].results, so a part's answer holds
// the results of the rule packages it was compiled with.
const (
	rulesPrefix = "data.smcheck.rules."
	mainPackage = "data.smcheck.main"
)

// split returns the module names of each of n parts (fewer when there are
// fewer rule packages). Every part has the shared packages: all but the rule
// packages that no other package refers to. A package refers to another by
// a ref that reaches into it (data.smcheck.rules.waivers.valid, or an import
// of it: smcheck.main imports smcheck.rules.waivers, so that one is shared)
// or one that ranges over it (data.smcheck.rules[_]), which only smcheck.main
// may do. The rest are dealt out whole, largest first, to the part with the
// least source, so the parts compile and evaluate in about the same time.
// The split depends only on the bundle.
func split(b *Bundle, n int) [][]string {
	if n <= 1 {
		return [][]string{sortedKeys(b.Modules)}
	}
	return classify(b).deal(n)
}

// layout is what split needs to know of a bundle: the modules every part
// has, and the rule packages to deal out.
type layout struct {
	Shared []string
	Own    []ownPackage
}

// ownPackage is a rule package no other package refers to.
type ownPackage struct {
	Path  string
	Size  int // of its source, to balance the parts
	Files []string
}

func classify(b *Bundle) layout {
	names := sortedKeys(b.Modules)
	files := map[string][]string{} // package path → its modules
	size := map[string]int{}
	for _, name := range names {
		p := b.Modules[name].Package.Path.String()
		files[p] = append(files[p], name)
		size[p] += len(b.Sources[name])
	}
	pkgs := sortedKeys(files)
	referred := map[string]bool{}
	refer := func(from string, r ast.Ref) {
		if !r.HasPrefix(ast.DefaultRootRef) {
			return
		}
		g := r.GroundPrefix().String()
		for _, p := range pkgs {
			switch {
			case p == from:
			case g == p || strings.HasPrefix(g, p+".") || strings.HasPrefix(g, p+"["):
				referred[p] = true // reaches into p
			case strings.HasPrefix(p, g+".") && from != mainPackage:
				referred[p] = true // ranges over p
			}
		}
	}
	for _, name := range names {
		m := b.Modules[name]
		from := m.Package.Path.String()
		for _, imp := range m.Imports {
			if r, ok := imp.Path.Value.(ast.Ref); ok {
				refer(from, r)
			}
		}
		ast.WalkRefs(m, func(r ast.Ref) bool {
			refer(from, r)
			return false
		})
	}
	var l layout
	for _, p := range pkgs {
		if strings.HasPrefix(p, rulesPrefix) && !referred[p] {
			l.Own = append(l.Own, ownPackage{Path: p, Size: size[p], Files: files[p]})
		} else {
			l.Shared = append(l.Shared, files[p]...)
		}
	}
	sort.SliceStable(l.Own, func(i, j int) bool { return l.Own[i].Size > l.Own[j].Size })
	return l
}

// deal gives each of n parts the shared modules and a share of the rule
// packages, largest first to the part with the least source.
func (l layout) deal(n int) [][]string {
	n = min(n, len(l.Own))
	if n <= 1 {
		all := slices.Clone(l.Shared)
		for _, p := range l.Own {
			all = append(all, p.Files...)
		}
		sort.Strings(all)
		return [][]string{all}
	}
	parts := make([][]string, n)
	load := make([]int, n)
	for _, p := range l.Own {
		k := 0
		for i := range load {
			if load[i] < load[k] {
				k = i
			}
		}
		parts[k] = append(parts[k], p.Files...)
		load[k] += p.Size
	}
	for k := range parts {
		parts[k] = append(parts[k], l.Shared...)
		sort.Strings(parts[k])
	}
	return parts
}

// merge joins the answers of the parts. Every part answers for the shared
// packages too, so a result is kept once; a valid waiver is unused only
// when it is unused in every part (each part saw some of the failures).
func merge(raws []*Raw) *Raw {
	out := &Raw{Targets: raws[0].Targets, Results: []RawResult{}, UnusedWaivers: []map[string]any{}}
	type key struct{ id, subject string }
	seen := map[key]bool{}
	unused := map[string]int{}
	for _, r := range raws {
		for _, res := range r.Results {
			k := key{res.ID, res.Subject}
			if !seen[k] {
				seen[k] = true
				out.Results = append(out.Results, res)
			}
		}
		for _, w := range r.UnusedWaivers {
			unused[fmt.Sprint(w["index"])]++
		}
	}
	for _, w := range raws[0].UnusedWaivers {
		if unused[fmt.Sprint(w["index"])] == len(raws) {
			out.UnusedWaivers = append(out.UnusedWaivers, w)
		}
	}
	return out
}
