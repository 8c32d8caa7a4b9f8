package report

import (
	"encoding/xml"
	"strings"
	"testing"

	"github.com/smcheck/smcheck/checks"
)

// junitParsed is what a test reporter reads.
type junitParsed struct {
	XMLName  xml.Name `xml:"testsuites"`
	Name     string   `xml:"name,attr"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Errors   int      `xml:"errors,attr"`
	Skipped  int      `xml:"skipped,attr"`
	Suites   []struct {
		Name     string `xml:"name,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Errors   int    `xml:"errors,attr"`
		Skipped  int    `xml:"skipped,attr"`
		Cases    []struct {
			Classname string `xml:"classname,attr"`
			Name      string `xml:"name,attr"`
			Failure   *struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
				Body    string `xml:",chardata"`
			} `xml:"failure"`
			Error *struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
			} `xml:"error"`
			Skipped *struct {
				Message string `xml:"message,attr"`
			} `xml:"skipped"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func TestJUnitGolden(t *testing.T) {
	goldenRun(t, "junit", "xml", Options{}, func(t *testing.T, c goldenCase, out []byte) {
		var p junitParsed
		if err := xml.Unmarshal(out, &p); err != nil {
			t.Fatalf("output does not parse: %v", err)
		}
		rs := caseResults(t, c)
		if p.Name != "smcheck" || len(p.Suites) != len(rs) {
			t.Fatalf("testsuites %q with %d suites, want smcheck with %d", p.Name, len(p.Suites), len(rs))
		}
		var tests, failures, errors, skipped int
		for i, s := range p.Suites {
			r := rs[i]
			var ft, ff, fe, fs int
			for _, tc := range s.Cases {
				ft++
				switch {
				case tc.Error != nil:
					fe++
				case tc.Failure != nil:
					ff++
					if tc.Failure.Type != "error" && tc.Failure.Type != "warning" {
						t.Errorf("%s: failure type %q", tc.Name, tc.Failure.Type)
					}
				case tc.Skipped != nil:
					fs++
				}
			}
			if s.Name != r.File || s.Tests != ft || s.Failures != ff || s.Errors != fe || s.Skipped != fs {
				t.Errorf("suite %s: attributes %d/%d/%d/%d, test cases %d/%d/%d/%d", s.Name, s.Tests, s.Failures, s.Errors, s.Skipped, ft, ff, fe, fs)
			}
			cnt := CountFile(r)
			if ft != len(r.Findings)+len(r.Issues)+len(r.UnusedWaivers) {
				t.Errorf("suite %s: %d test cases, want %d", s.Name, ft, len(r.Findings)+len(r.Issues)+len(r.UnusedWaivers))
			}
			if ff != cnt.FailedErrors+cnt.FailedWarnings+cnt.InputWarnings || fe != cnt.InputErrors ||
				fs != cnt.Waived+cnt.NotApplicable+len(r.UnusedWaivers) {
				t.Errorf("suite %s: counts %d/%d/%d do not match the result %+v", s.Name, ff, fe, fs, cnt)
			}
			tests, failures, errors, skipped = tests+ft, failures+ff, errors+fe, skipped+fs
		}
		if p.Tests != tests || p.Failures != failures || p.Errors != errors || p.Skipped != skipped {
			t.Errorf("testsuites %d/%d/%d/%d, sum of suites %d/%d/%d/%d", p.Tests, p.Failures, p.Errors, p.Skipped, tests, failures, errors, skipped)
		}
	})
}

func TestJUnitNames(t *testing.T) {
	r := testResult(t, fixtureWaived)
	out := runWriter(t, "junit", Options{}, testMeta(t, "en"), []*checks.Result{r, testResult(t, fixtureBadPlatform)})
	var p junitParsed
	if err := xml.Unmarshal(out, &p); err != nil {
		t.Fatal(err)
	}
	var waived, input, failure bool
	for _, s := range p.Suites {
		for _, tc := range s.Cases {
			switch {
			case tc.Skipped != nil && strings.HasPrefix(tc.Skipped.Message, "waived: "):
				waived = strings.Contains(tc.Skipped.Message, "(approved by ") && tc.Classname == s.Name+".P6"
			case tc.Error != nil:
				input = strings.HasPrefix(tc.Name, "input IN-06 channels[0].platform") && tc.Error.Type == "IN-06"
			case tc.Failure != nil && !failure:
				failure = strings.Contains(tc.Failure.Body, s.Name+":") && strings.Contains(tc.Failure.Body, "Fix: ")
			}
		}
	}
	if !waived || !input || !failure {
		t.Errorf("waived %v, input error %v, failure body %v", waived, input, failure)
	}
}
