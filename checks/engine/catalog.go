package engine

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Rule is one requirement as its METADATA annotation states it: the single
// source of truth for titles, severity, remediation and references.
type Rule struct {
	ID          string      `json:"id"`
	Point       int         `json:"point"`
	Title       string      `json:"title"`
	TitleSV     string      `json:"title_sv"`
	Description string      `json:"description"`
	Severity    string      `json:"severity"`
	Scope       string      `json:"scope"`
	Source      []string    `json:"source,omitempty"`
	Reads       []string    `json:"reads,omitempty"`
	Remediation Remediation `json:"remediation"`
	References  []string    `json:"references,omitempty"`
	// File and Rego locate the rule and its helpers in the bundle.
	File string `json:"file"`
	Rego string `json:"-"`
}

// Remediation is the fix in English and Swedish.
type Remediation struct {
	EN string `json:"en"`
	SV string `json:"sv"`
}

// Point is a guideline point's package annotation.
type Point struct {
	Number int    `json:"point"`
	Title  string `json:"title"`
}

// Catalog is every requirement of the bundle, in requirement order (C5).
type Catalog struct {
	Rules  []Rule
	Points []Point
	byID   map[string]int
}

// Rule returns the requirement with the given id.
func (c *Catalog) Rule(id string) (Rule, bool) {
	i, ok := c.byID[id]
	if !ok {
		return Rule{}, false
	}
	return c.Rules[i], true
}

// Order is the position of id in requirement order: P1.1 … P10.6, W.1 … W.3.
func Order(id string) (point, n int) {
	head, tail, _ := strings.Cut(id, ".")
	n, _ = strconv.Atoi(tail)
	if strings.HasPrefix(head, "P") {
		point, _ = strconv.Atoi(head[1:])
		return point, n
	}
	return 99, n
}

// Less orders requirement ids.
func Less(a, b string) bool {
	pa, na := Order(a)
	pb, nb := Order(b)
	if pa != pb {
		return pa < pb
	}
	return na < nb
}

// NewCatalog reads the requirement annotations of a bundle.
func NewCatalog(b *Bundle) (*Catalog, error) {
	as, errs := ast.BuildAnnotationSet(modulesOf(b))
	if len(errs) > 0 {
		return nil, fmt.Errorf("reading policy annotations: %w", errs)
	}
	c := &Catalog{byID: map[string]int{}}
	seenPoint := map[int]bool{}
	for _, ref := range as.Flatten() {
		a := ref.Annotations
		switch a.Scope {
		case "package":
			if p, ok := intOf(a.Custom["point"]); ok && p > 0 && !seenPoint[p] {
				seenPoint[p] = true
				c.Points = append(c.Points, Point{Number: p, Title: a.Title})
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
			if _, dup := c.byID[id]; dup {
				return nil, fmt.Errorf("requirement %s is annotated twice (%s)", id, a.Location)
			}
			c.byID[id] = len(c.Rules)
			c.Rules = append(c.Rules, r)
		}
	}
	sort.SliceStable(c.Rules, func(i, j int) bool { return Less(c.Rules[i].ID, c.Rules[j].ID) })
	for i, r := range c.Rules {
		c.byID[r.ID] = i
	}
	sort.Slice(c.Points, func(i, j int) bool { return c.Points[i].Number < c.Points[j].Number })
	return c, nil
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

func ruleOf(id string, a *ast.Annotations, b *Bundle) (Rule, error) {
	r := Rule{ID: id, Title: a.Title, Description: a.Description}
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
