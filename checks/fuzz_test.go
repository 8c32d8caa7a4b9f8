package checks

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"sync"
	"testing"
	"time"
)

var (
	fuzzOnce    sync.Once
	fuzzChecker *Checker
	fuzzErr     error
	issueCode   = regexp.MustCompile(`^IN-(0[1-9]|W[1-3])$`)
)

// FuzzCheck feeds arbitrary bytes through the whole pipeline (load,
// validate, evaluate, positions). Bad input must give input issues with
// known codes, never a panic, never an evaluation error, and never a
// silent pass: a file without input errors gets a result for every
// requirement of the agency scope. `go test` runs the seeds (every fixture
// and spec example); `make fuzz` searches further.
func FuzzCheck(f *testing.F) {
	for _, pattern := range []string{"../fixtures/*/*.yaml", "../../shared/spec/examples/*.yaml"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Add([]byte("schema_version: 1\nagency: {}\n"))
	f.Add([]byte("a: &a [*a]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzOnce.Do(func() { fuzzChecker, fuzzErr = New(context.Background(), Options{AsOf: "2026-11-01"}) })
		if fuzzErr != nil {
			t.Fatal(fuzzErr)
		}
		done := make(chan *Result, 1)
		go func() { done <- fuzzChecker.Check(context.Background(), "fuzz.yaml", data) }()
		var r *Result
		select {
		case r = <-done:
		case <-time.After(20 * time.Second):
			t.Fatalf("no answer after 20 s for %d bytes", len(data))
		}
		if r.Error != "" {
			t.Fatalf("evaluation failed: %s", r.Error)
		}
		fatal := false
		for _, is := range r.Issues {
			if !issueCode.MatchString(is.Code) || is.Message == "" || is.Path == "" {
				t.Fatalf("malformed issue %+v", is)
			}
			switch is.Code {
			case "IN-01", "IN-02", "IN-03":
				fatal = true // the checker stops (model.md §16)
			}
		}
		if fatal {
			return
		}
		agency := map[string]bool{}
		for _, f := range r.Findings {
			if f.Target == "agency" {
				agency[f.ID] = true
			}
		}
		for _, rule := range fuzzChecker.Catalog().Rules {
			if rule.Scope == "agency" && !agency[rule.ID] {
				t.Fatalf("no result for %s (agency scope); issues %v", rule.ID, r.Issues)
			}
		}
	})
}
