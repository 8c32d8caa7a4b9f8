// Package catalog is the requirement catalogue: each requirement's id, point,
// severity, scope, titles, remediation and references, as the policies'
// METADATA states them, in requirement order; and the shapes a result carries
// (its messages, the waiver shown). The engine fills them from the bundle and
// the policies' answers; reports and the command line use them without
// knowing any Rego.
package catalog

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
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

// Catalog is every requirement, in requirement order (C5).
type Catalog struct {
	Rules  []Rule
	Points []Point
	byID   map[string]int
}

// New orders the rules and points; a requirement id given twice is an error.
func New(rules []Rule, points []Point) (*Catalog, error) {
	c := &Catalog{Rules: rules, Points: points, byID: make(map[string]int, len(rules))}
	sort.SliceStable(c.Rules, func(i, j int) bool { return Less(c.Rules[i].ID, c.Rules[j].ID) })
	for i, r := range c.Rules {
		if j, dup := c.byID[r.ID]; dup {
			return nil, fmt.Errorf("requirement %s is annotated twice (%s and %s)", r.ID, c.Rules[j].File, r.File)
		}
		c.byID[r.ID] = i
	}
	sort.Slice(c.Points, func(i, j int) bool { return c.Points[i].Number < c.Points[j].Number })
	return c, nil
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

// Message is a bilingual message of a result; Path, set for failures, is the
// path it is about.
type Message struct {
	Path string `json:"path,omitempty"`
	EN   string `json:"en"`
	SV   string `json:"sv"`
}

// Waiver is the waiver shown on a waived result (requirements.md §5).
type Waiver struct {
	Index         int    `json:"index"`
	Requirement   string `json:"requirement"`
	Target        string `json:"target"`
	Justification string `json:"justification"`
	ApprovedBy    string `json:"approved_by"`
	ApprovedDate  string `json:"approved_date"`
	Expires       string `json:"expires"`
}
