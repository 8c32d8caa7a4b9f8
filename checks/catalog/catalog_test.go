package catalog

import (
	"slices"
	"testing"
)

func TestNewOrdersAndFinds(t *testing.T) {
	c, err := New([]Rule{{ID: "W.1"}, {ID: "P10.1"}, {ID: "P2.10"}, {ID: "P2.9"}, {ID: "P1.1"}}, []Point{{Number: 10}, {Number: 1}})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range c.Rules {
		ids = append(ids, r.ID)
	}
	if want := []string{"P1.1", "P2.9", "P2.10", "P10.1", "W.1"}; !slices.Equal(ids, want) {
		t.Errorf("order %v, want %v", ids, want)
	}
	if c.Points[0].Number != 1 {
		t.Errorf("points not sorted: %v", c.Points)
	}
	if r, ok := c.Rule("P2.10"); !ok || r.ID != "P2.10" {
		t.Errorf("Rule(P2.10) = %v, %v", r, ok)
	}
	if _, ok := c.Rule("P9.9"); ok {
		t.Error("found a requirement that is not there")
	}
	if _, err := New([]Rule{{ID: "P1.1"}, {ID: "P1.1"}}, nil); err == nil {
		t.Error("a requirement annotated twice was accepted")
	}
}
