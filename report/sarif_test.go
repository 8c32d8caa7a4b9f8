package report

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/smcheck/smcheck/checks"
)

func TestSARIFGolden(t *testing.T) {
	schema := compileSchema(t, "testdata/sarif-2.1.0_schema.json")
	goldenRun(t, "sarif", "sarif", Options{Root: ".."}, func(t *testing.T, c goldenCase, out []byte) {
		validateJSON(t, schema, out)
		log, err := sarif.FromBytes(out)
		if err != nil {
			t.Fatal(err)
		}
		if len(log.Runs) != 1 {
			t.Fatalf("%d runs, want 1", len(log.Runs))
		}
		run := log.Runs[0]
		rules := run.Tool.Driver.Rules
		m := testMeta(t, c.Lang)
		for i, r := range m.Catalog.Rules {
			if rules[i].ID != r.ID {
				t.Fatalf("rule %d is %s, want %s (catalog order)", i, rules[i].ID, r.ID)
			}
		}
		want := 0
		for _, r := range caseResults(t, c) {
			want += len(r.Issues) + len(r.UnusedWaivers)
			for _, f := range r.Findings {
				if f.Status == checks.StatusFail || f.Status == checks.StatusWaived {
					want++
				}
			}
		}
		if len(run.Results) != want {
			t.Errorf("%d results, want %d", len(run.Results), want)
		}
		seen := map[string]bool{}
		for _, res := range run.Results {
			if res.RuleIndex == nil || int(*res.RuleIndex) >= len(rules) || rules[*res.RuleIndex].ID != *res.RuleID {
				t.Errorf("result %s: ruleIndex does not name its rule", *res.RuleID)
			}
			fp, _ := res.PartialFingerprints["smcheck/v1"].(string)
			if fp == "" || seen[fp] {
				t.Errorf("result %s: missing or duplicate fingerprint %q", *res.RuleID, fp)
			}
			seen[fp] = true
			uri := *res.Locations[0].PhysicalLocation.ArtifactLocation.URI
			if strings.HasPrefix(uri, "..") || strings.Contains(uri, `\`) {
				t.Errorf("uri %q is not relative to the root with forward slashes", uri)
			}
			if (*res.Level == "note") != (len(res.Suppressions) > 0 || *res.RuleID == ruleUnusedWaiver) {
				t.Errorf("result %s: level %s with %d suppressions", *res.RuleID, *res.Level, len(res.Suppressions))
			}
		}
	})
}

func TestSARIFFingerprintIgnoresLines(t *testing.T) {
	r := *testResult(t, fixtureTypicalGaps)
	r.Findings = append([]checks.Finding(nil), r.Findings...)
	out1 := runWriter(t, "sarif", Options{Root: ".."}, testMeta(t, "en"), []*checks.Result{&r})
	for i := range r.Findings {
		r.Findings[i].Line += 10
	}
	out2 := runWriter(t, "sarif", Options{Root: ".."}, testMeta(t, "en"), []*checks.Result{&r})
	fps := func(out []byte) []string {
		log, err := sarif.FromBytes(out)
		if err != nil {
			t.Fatal(err)
		}
		var s []string
		for _, res := range log.Runs[0].Results {
			s = append(s, res.PartialFingerprints["smcheck/v1"].(string))
		}
		return s
	}
	a, b := fps(out1), fps(out2)
	if strings.Join(a, ",") != strings.Join(b, ",") {
		t.Error("fingerprints changed when only line numbers did")
	}
}

func TestRelPath(t *testing.T) {
	abs, _ := filepath.Abs("..")
	for _, c := range []struct {
		root, file, want string
		ok               bool
	}{
		{"", "testdata/waived.yaml", "testdata/waived.yaml", true},
		{"..", "../fixtures/examples/compliant.yaml", "fixtures/examples/compliant.yaml", true},
		{abs, "../fixtures/x.yaml", "fixtures/x.yaml", true},
		{"testdata", "../fixtures/x.yaml", filepath.ToSlash(filepath.Join(abs, "fixtures/x.yaml")), false},
	} {
		got, ok := relPath(c.root, c.file)
		if got != c.want || ok != c.ok {
			t.Errorf("relPath(%q, %q) = %q, %v; want %q, %v", c.root, c.file, got, ok, c.want, c.ok)
		}
	}
}

func TestCamelCase(t *testing.T) {
	for in, want := range map[string]string{
		"Captured often enough":                "CapturedOftenEnough",
		"evaluation_date and --as-of differ":   "EvaluationDateAndAsOfDiffer",
		"Two-factor authentication (MFA) used": "TwoFactorAuthenticationMFAUsed",
	} {
		if got := camelCase(in); got != want {
			t.Errorf("camelCase(%q) = %q, want %q", in, got, want)
		}
	}
}
