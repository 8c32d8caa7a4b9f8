// Package gen makes synthetic but schema-valid agency files of realistic size
// for benchmarks: the spec's compliant example with 4–15 channels and, in
// about 30 % of agencies, typical gaps. Output is deterministic per seed.
package gen

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"

	"gopkg.in/yaml.v3"

	"github.com/smcheck/smcheck/checks/input"
)

// Agency returns agency number i of a set generated from base (the YAML of a
// compliant agency with at least one channel).
func Agency(base []byte, i int) ([]byte, error) {
	// input.Load keeps dates as text; yaml.Unmarshal would make them
	// timestamps, which marshal back with a time part.
	d := input.Load("base.yaml", base)
	doc, ok := clone(d.Value).(map[string]any)
	if !ok || d.Fatal {
		return nil, fmt.Errorf("parsing the base agency: %v", d.Issues)
	}
	r := rand.New(rand.NewPCG(uint64(i), 42))
	agency := doc["agency"].(map[string]any)
	agency["name"] = fmt.Sprintf("Myndighet nummer %d", i)
	protos := doc["channels"].([]any)
	n := len(protos) + r.IntN(16-len(protos)) // the base has 4 channels that its spokespersons name
	channels := make([]any, 0, n)
	for c := 0; c < n; c++ {
		ch := clone(protos[c%len(protos)]).(map[string]any)
		if c >= len(protos) {
			ch["id"] = fmt.Sprintf("%s-%d", ch["id"], c)
		}
		channels = append(channels, ch)
	}
	doc["channels"] = channels
	if r.IntN(10) < 3 {
		gaps(r, doc, channels)
	}
	return yaml.Marshal(doc)
}

// gaps removes a few compliance facts, as agencies typically forget them.
func gaps(r *rand.Rand, doc map[string]any, channels []any) {
	keys := []string{"purpose", "official_listing_url", "mfa_enabled", "last_reviewed", "monitoring_ref", "target_audience"}
	for k := 0; k < 1+r.IntN(4); k++ {
		ch := channels[r.IntN(len(channels))].(map[string]any)
		delete(ch, keys[r.IntN(len(keys))])
	}
	if r.IntN(2) == 0 {
		delete(doc, "case_handling")
	}
}

func clone(v any) any {
	switch t := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, x := range t {
			out[k] = clone(x)
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, x := range t {
			out[i] = clone(x)
		}
		return out
	case json.Number:
		if n, err := t.Int64(); err == nil {
			return n
		}
		f, _ := t.Float64()
		return f
	}
	return v
}
