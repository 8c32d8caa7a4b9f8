package engine

import (
	"bufio"
	"encoding/json"
	"flag"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/smcheck/smcheck/checks/catalog"
	"github.com/smcheck/smcheck/policies"
)

var update = flag.Bool("update", false, "rewrite generated files (make generate)")

const catalogueFile = "../../policies/smcheck/catalogue/data.json"

func loadCatalog(t *testing.T) *catalog.Catalog {
	t.Helper()
	b, err := LoadBundle(policies.FS, false)
	if err != nil {
		t.Fatal(err)
	}
	c, err := NewCatalog(b)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestCatalogueData keeps the generated id → scope table, which W.1 reads
// because Rego cannot read other rules' METADATA, in step with the METADATA.
func TestCatalogueData(t *testing.T) {
	c := loadCatalog(t)
	scope := map[string]string{}
	for _, r := range c.Rules {
		if r.Point > 0 {
			scope[r.ID] = r.Scope
		}
	}
	want, _ := json.MarshalIndent(map[string]any{"scope": scope}, "", "  ")
	want = append(want, '\n')
	if *update {
		if err := os.WriteFile(catalogueFile, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(catalogueFile)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Fatalf("%s is stale: run make generate", catalogueFile)
	}
}

// specRule is a requirement as docs/spec/requirements.md states it.
type specRule struct {
	id, title, severity, scope, tags, fix, atgard, refs string
}

var headRE = regexp.MustCompile("^\\*\\*((?:P\\d+|W)\\.\\d+) (.+?)\\*\\* — `(\\w+)`(?: · (\\w+) · ([A-Z, ]+))?$")

func parseSpec(t *testing.T) []specRule {
	t.Helper()
	f, err := os.Open("../../docs/spec/requirements.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []specRule
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if m := headRE.FindStringSubmatch(line); m != nil {
			r := specRule{id: m[1], title: m[2], severity: m[3], scope: m[4], tags: m[5]}
			if r.scope == "" {
				r.scope = "waiver"
			}
			out = append(out, r)
			continue
		}
		if len(out) == 0 {
			continue
		}
		r := &out[len(out)-1]
		switch {
		case strings.HasPrefix(line, "- Fix: "):
			r.fix = strings.TrimPrefix(line, "- Fix: ")
		case strings.HasPrefix(line, "- Åtgärd: "):
			r.atgard = strings.TrimPrefix(line, "- Åtgärd: ")
		case strings.HasPrefix(line, "- Refs: "):
			r.refs = strings.TrimSuffix(strings.TrimPrefix(line, "- Refs: "), ".")
		}
	}
	return out
}

// TestCatalogMatchesSpec: every requirement of the spec is implemented with
// its title, severity, scope, source tags, remediation and references, and
// the policies have no requirement the spec does not know.
func TestCatalogMatchesSpec(t *testing.T) {
	spec := parseSpec(t)
	if len(spec) != 65 {
		t.Fatalf("parsed %d requirements from the spec, want 62 + 3 W checks", len(spec))
	}
	c := loadCatalog(t)
	seen := map[string]bool{}
	for _, s := range spec {
		seen[s.id] = true
		r, ok := c.Rule(s.id)
		if !ok {
			t.Errorf("%s (%s) is in the spec but not in the policies", s.id, s.title)
			continue
		}
		check := func(field, got, want string) {
			if got != want {
				t.Errorf("%s %s:\n got %q\nwant %q", s.id, field, got, want)
			}
		}
		check("title", r.Title, s.title)
		check("severity", r.Severity, s.severity)
		check("scope", r.Scope, s.scope)
		check("remediation.en", r.Remediation.EN, s.fix)
		check("remediation.sv", r.Remediation.SV, s.atgard)
		check("source", strings.Join(r.Source, ", "), s.tags)
		if s.refs != "" {
			check("references", strings.Join(r.References, "; "), s.refs)
		}
		if r.TitleSV == "" {
			t.Errorf("%s has no title_sv", s.id)
		}
	}
	for _, r := range c.Rules {
		if !seen[r.ID] {
			t.Errorf("%s is in the policies (%s) but not in the spec", r.ID, r.File)
		}
	}
}
