package engine

import (
	"fmt"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// rulesPrefix is where requirement packages live; smcheck.main gathers
// data.smcheck.rules[_].results, so a part's answer holds the results of the
// rule packages it was compiled with.
const rulesPrefix = "data.smcheck.rules."

// split returns the module names of each of n parts (fewer when there are
// fewer rule packages). Every part has the shared modules: all but the rule
// packages that no other package refers to (smcheck.main imports
// smcheck.rules.waivers, so that one is shared). The rest are dealt out
// largest first to the part with the least source, so the parts compile and
// evaluate in about the same time. The split depends only on the bundle.
func split(b *Bundle, n int) [][]string {
	names := sortedKeys(b.Modules)
	if n <= 1 {
		return [][]string{names}
	}
	pkg := func(name string) string { return b.Modules[name].Package.Path.String() }
	referred := map[string]bool{}
	for _, name := range names {
		m := b.Modules[name]
		own := pkg(name)
		refer := func(r ast.Ref) {
			for p := range packagesIn(r, b, names) {
				if p != own {
					referred[p] = true
				}
			}
		}
		for _, imp := range m.Imports {
			if r, ok := imp.Path.Value.(ast.Ref); ok {
				refer(r)
			}
		}
		ast.WalkRefs(m, func(r ast.Ref) bool {
			refer(r)
			return false
		})
	}
	var shared, own []string
	for _, name := range names {
		if p := pkg(name); strings.HasPrefix(p, rulesPrefix) && !referred[p] {
			own = append(own, name)
		} else {
			shared = append(shared, name)
		}
	}
	sort.SliceStable(own, func(i, j int) bool { return len(b.Sources[own[i]]) > len(b.Sources[own[j]]) })
	n = min(n, len(own))
	parts := make([][]string, n)
	size := make([]int, n)
	for _, name := range own {
		k := 0
		for i := range size {
			if size[i] < size[k] {
				k = i
			}
		}
		parts[k] = append(parts[k], name)
		size[k] += len(b.Sources[name])
	}
	for k := range parts {
		parts[k] = append(parts[k], shared...)
		sort.Strings(parts[k])
	}
	return parts
}

// packagesIn yields the packages of the bundle that a ref reaches by its
// ground prefix (data.smcheck.rules.waivers.valid reaches
// data.smcheck.rules.waivers; data.smcheck.rules[_] reaches none).
func packagesIn(r ast.Ref, b *Bundle, names []string) map[string]bool {
	out := map[string]bool{}
	if !r.HasPrefix(ast.DefaultRootRef) {
		return out
	}
	g := r.GroundPrefix().String()
	for _, name := range names {
		p := b.Modules[name].Package.Path.String()
		if g == p || strings.HasPrefix(g, p+".") || strings.HasPrefix(g, p+"[") {
			out[p] = true
		}
	}
	return out
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
