package schemadoc

import (
	"encoding/json"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/smcheck/smcheck/checks/validate"
)

var update = flag.Bool("update", false, "rewrite docs/data-model.md")

const docFile = "../../docs/data-model.md"

// TestDataModelDoc keeps docs/data-model.md in step with the schema.
func TestDataModelDoc(t *testing.T) {
	want, err := Markdown(validate.SchemaJSON)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(docFile, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(docFile)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Fatalf("%s is stale: run go test ./internal/schemadoc -update", docFile)
	}
}

// TestEveryKeyOnce: every property of the schema has exactly one row, with
// a type and a Read by cell.
func TestEveryKeyOnce(t *testing.T) {
	md, err := Markdown(validate.SchemaJSON)
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]int{}
	for _, line := range strings.Split(string(md), "\n") {
		if !strings.HasPrefix(line, "| `") {
			continue
		}
		cells := strings.Split(line, " | ")
		path := strings.Trim(cells[0], "|` ")
		rows[path]++
		if len(cells) != 6 || cells[1] == "" || strings.TrimSuffix(cells[5], " |") == "" {
			t.Errorf("row of %s has an empty type or Read by cell: %s", path, line)
		}
	}
	var schema map[string]any
	if err := json.Unmarshal(validate.SchemaJSON, &schema); err != nil {
		t.Fatal(err)
	}
	n := 0
	var walk func(node map[string]any, p string)
	walk = func(node map[string]any, p string) {
		if items, ok := node["items"].(map[string]any); ok {
			walk(items, p+"[]")
		}
		props, _ := node["properties"].(map[string]any)
		for k, c := range props {
			path := k
			if p != "" {
				path = p + "." + k
			}
			n++
			// A top-level key is in the top table; its section lists
			// only the keys inside it.
			if rows[path] != 1 {
				t.Errorf("%s has %d rows, want 1", path, rows[path])
			}
			walk(c.(map[string]any), path)
		}
	}
	walk(schema, "")
	if len(rows) != n {
		t.Errorf("%d rows for %d properties", len(rows), n)
	}
}
