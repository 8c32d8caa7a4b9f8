package gen

import (
	"os"
	"testing"

	"github.com/smcheck/smcheck/checks/input"
	"github.com/smcheck/smcheck/checks/validate"
)

// TestGeneratedAgenciesAreValid: benchmarks measure real work only if the
// generated agencies pass validation.
func TestGeneratedAgenciesAreValid(t *testing.T) {
	base, err := os.ReadFile("../../fixtures/examples/compliant.yaml")
	if err != nil {
		t.Fatal(err)
	}
	v, err := validate.NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 20; i++ {
		data, err := Agency(base, i)
		if err != nil {
			t.Fatal(err)
		}
		out := v.Validate(input.Load("gen.yaml", data), validate.Options{AsOf: "2026-11-01"})
		for _, iss := range out.Issues {
			t.Errorf("agency %d: %s", i, iss)
		}
	}
}
