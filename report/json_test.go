package report

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// compileSchema compiles a JSON Schema file (any draft jsonschema/v6 knows).
func compileSchema(t testing.TB, path string) *jsonschema.Schema {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	c := jsonschema.NewCompiler()
	url := "file:///" + path
	if err := c.AddResource(url, doc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	s, err := c.Compile(url)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return s
}

// validateJSON validates a document against a compiled schema.
func validateJSON(t testing.TB, s *jsonschema.Schema, out []byte) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	if err := s.Validate(inst); err != nil {
		t.Errorf("output does not validate against its schema: %v", err)
	}
}

func TestJSONGolden(t *testing.T) {
	schema := compileSchema(t, "json-report.schema.json")
	goldenRun(t, "json", "json", Options{}, func(t *testing.T, c goldenCase, out []byte) {
		validateJSON(t, schema, out)
		var doc struct {
			ReportVersion string `json:"report_version"`
			Files         []struct {
				File     string `json:"file"`
				Outcome  string `json:"outcome"`
				Findings []struct {
					Status string          `json:"status"`
					Waiver json.RawMessage `json:"waiver"`
				} `json:"findings"`
			} `json:"files"`
			Summary struct {
				Files int `json:"files"`
			} `json:"summary"`
		}
		if err := json.Unmarshal(out, &doc); err != nil {
			t.Fatal(err)
		}
		rs := caseResults(t, c)
		if doc.Summary.Files != len(rs) || len(doc.Files) != len(rs) {
			t.Fatalf("%d files, summary says %d; want %d", len(doc.Files), doc.Summary.Files, len(rs))
		}
		for i, r := range rs {
			f := doc.Files[i]
			if f.File != r.File || f.Outcome != r.Outcome("error") || len(f.Findings) != len(r.Findings) {
				t.Errorf("file %d: got %s %s %d findings, want %s %s %d", i, f.File, f.Outcome, len(f.Findings), r.File, r.Outcome("error"), len(r.Findings))
			}
		}
	})
}

// The schema file must be the one embedded in the binary.
func TestJSONSchemaEmbedded(t *testing.T) {
	data, err := os.ReadFile("json-report.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(data), string(JSONReportSchema)); diff != "" {
		t.Error(diff)
	}
	var s struct {
		Properties struct {
			ReportVersion struct {
				Const string `json:"const"`
			} `json:"report_version"`
		} `json:"properties"`
	}
	if err := json.Unmarshal(JSONReportSchema, &s); err != nil {
		t.Fatal(err)
	}
	if s.Properties.ReportVersion.Const != JSONReportVersion {
		t.Errorf("schema report_version %q, JSONReportVersion %q", s.Properties.ReportVersion.Const, JSONReportVersion)
	}
}

// An empty run is still one valid document.
func TestJSONEmptyRun(t *testing.T) {
	out := runWriter(t, "json", Options{}, testMeta(t, "en"), nil)
	validateJSON(t, compileSchema(t, "json-report.schema.json"), out)
	if !bytes.Contains(out, []byte(`"files": [],`)) {
		t.Errorf("empty files not written as []:\n%s", out)
	}
}
