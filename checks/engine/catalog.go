package engine

import (
	"fmt"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/smcheck/smcheck/checks/catalog"
)

// NewCatalog reads the requirement annotations of a bundle.
func NewCatalog(b *Bundle) (*catalog.Catalog, error) {
	as, errs := ast.BuildAnnotationSet(modulesOf(b))
	if len(errs) > 0 {
		return nil, fmt.Errorf("reading policy annotations: %w", errs)
	}
	var rules []catalog.Rule
	var points []catalog.Point
	seenPoint := map[int]bool{}
	for _, ref := range as.Flatten() {
		a := ref.Annotations
		switch a.Scope {
		case "package":
			if p, ok := intOf(a.Custom["point"]); ok && p > 0 && !seenPoint[p] {
				seenPoint[p] = true
				points = append(points, catalog.Point{Number: p, Title: a.Title})
			}
		case "rule":
			id, _ := a.Custom["id"].(string)
			if id == "" {
				continue
			}
			r, err := ruleOf(id, a, b)
			if err != nil {
				return nil, err
			}
			rules = append(rules, r)
		}
	}
	return catalog.New(rules, points)
}

func modulesOf(b *Bundle) []*ast.Module {
	var out []*ast.Module
	for _, k := range sortedKeys(b.Modules) {
		if !strings.HasSuffix(k, "_test.rego") {
			out = append(out, b.Modules[k])
		}
	}
	return out
}

func ruleOf(id string, a *ast.Annotations, b *Bundle) (catalog.Rule, error) {
	r := catalog.Rule{ID: id, Title: a.Title, Description: a.Description}
	if a.Location != nil {
		r.File = a.Location.File
	}
	var ok bool
	if r.Point, ok = intOf(a.Custom["point"]); !ok {
		return r, fmt.Errorf("%s: custom.point missing in %s", id, r.File)
	}
	r.Severity, _ = a.Custom["severity"].(string)
	r.Scope, _ = a.Custom["scope"].(string)
	r.TitleSV, _ = a.Custom["title_sv"].(string)
	r.Source = strs(a.Custom["source"])
	r.Reads = strs(a.Custom["reads"])
	r.References = strs(a.Custom["references"])
	if rem, isMap := a.Custom["remediation"].(map[string]any); isMap {
		r.Remediation.EN, _ = rem["en"].(string)
		r.Remediation.SV, _ = rem["sv"].(string)
	}
	if r.Severity == "" || r.Scope == "" || r.Title == "" || r.Remediation.EN == "" || r.Remediation.SV == "" {
		return r, fmt.Errorf("%s in %s: METADATA needs title, custom.severity, custom.scope and custom.remediation.en/sv", id, r.File)
	}
	r.Rego = regoOf(id, a, b)
	return r, nil
}

// regoOf is the source of the annotated rule and of its helper rules, which
// by convention are named _p<point>_<n> (or _w<n>) after the requirement id,
// or _p<point>_<n>_by for the checks run once per referenced object.
func regoOf(id string, a *ast.Annotations, b *Bundle) string {
	m := b.Modules[a.Location.File]
	if m == nil {
		return ""
	}
	helper := "_" + strings.ToLower(strings.ReplaceAll(strings.ReplaceAll(id, ".", "_"), "W_", "w"))
	var parts []string
	for _, rule := range m.Rules {
		loc := rule.Location
		if loc == nil {
			continue
		}
		name := rule.Head.Ref()[0].String()
		annotated := false
		for _, ra := range rule.Annotations {
			if rid, _ := ra.Custom["id"].(string); rid == id {
				annotated = true
			}
		}
		if annotated || name == helper || name == helper+"_by" {
			parts = append(parts, string(loc.Text))
		}
	}
	return strings.Join(parts, "\n\n")
}

func intOf(v any) (int, bool) {
	switch n := v.(type) {
	case int:
		return n, true
	case float64:
		return int(n), true
	case interface{ Int64() (int64, error) }:
		i, err := n.Int64()
		return int(i), err == nil
	}
	return 0, false
}

func strs(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		out = append(out, fmt.Sprint(x))
	}
	return out
}
