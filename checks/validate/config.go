package validate

import (
	"encoding/json"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/smcheck/smcheck/checks/input"
)

// ValidateConfig checks a runner configuration file (--config), loaded with
// input.Load. The file is either a mapping of config keys or a mapping with
// the single key config: holding them. It returns the usable keys (erroneous
// scalars dropped, so that they fall back; erroneous list elements dropped,
// C13) and the issues: the loader's, then the schema's with paths such as
// config.min_administrators.
func (v *Validator) ValidateConfig(doc *input.Doc) (map[string]any, []input.Issue) {
	issues := append([]input.Issue(nil), doc.Issues...)
	root, _ := doc.Value.(map[string]any)
	if doc.Fatal || root == nil {
		return map[string]any{}, sortIssues(issues)
	}
	var (
		cfgVal  any        = root
		posBase input.Path // prefix of positions in the file
	)
	// Wrapped: a config: block, beside x- keys or other keys (an agency file
	// given as --config), which are not thresholds.
	var others []problem
	if c, wrapped := root["config"]; wrapped {
		cfgVal, posBase = c, input.Path{"config"}
		for k := range root {
			if k != "config" && !strings.HasPrefix(k, "x-") {
				others = append(others, problem{code: "IN-W1", path: input.Path{k},
					msg:  tr("%s is ignored: a --config file is read for its config: block", "%s ignoreras: i en --config-fil läses bara config:-blocket", k),
					hint: tr("keep only config: (and x- keys) in the file", "ha bara config: (och x-nycklar) i filen")})
			}
		}
		sort.Slice(others, func(i, j int) bool { return others[i].path.String() < others[j].path.String() })
	}
	if cfgVal == nil {
		return map[string]any{}, sortIssues(issues)
	}
	var floats []input.Path // relative to the config object
	for _, f := range doc.IntegralFloats {
		if len(posBase) == 0 {
			floats = append(floats, f)
		} else if len(f) > 1 && f[0] == "config" {
			floats = append(floats, f[1:])
		}
	}
	probs := withFloatIntegers(v.schemaProblems(v.cfg, cfgVal, v.cfgSh, input.Path{"config"}), floatIntegers(floats, v.cfgSh, input.Path{"config"}))
	issues = ignoredLoaderIssues(issues, append(shiftProblems(probs, posBase), others...))
	for _, p := range others {
		issues = append(issues, v.locate(doc, p.path, p))
	}
	cfg, _ := deepCopy(cfgVal).(map[string]any)
	for _, p := range probs {
		if p.remove && cfg != nil {
			removeAt(cfg, p.path[1:])
		}
		posPath := append(append(input.Path{}, posBase...), p.path[1:]...)
		issues = append(issues, v.locate(doc, posPath, p))
	}
	return cleanConfig(cfg), sortIssues(issues)
}

// cleanConfig drops null values, x- extension keys and null (erroneous) list
// elements.
func cleanConfig(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		if v == nil || strings.HasPrefix(k, "x-") {
			continue
		}
		if list, ok := v.([]any); ok {
			kept := make([]any, 0, len(list))
			for _, e := range list {
				if e != nil {
					kept = append(kept, e)
				}
			}
			v = kept
		}
		out[k] = v
	}
	return out
}

// mergeConfig layers defaults < input < runner. Input and runner maps hold
// only valid values (erroneous ones were removed); a list replaces the list
// below it.
func mergeConfig(defaults, inputCfg, runner map[string]any) (map[string]any, map[string]string) {
	cfg := make(map[string]any, len(defaults)+4)
	src := make(map[string]string, len(defaults)+4)
	for k, v := range defaults {
		cfg[k], src[k] = jsonValue(v), SourceDefault
	}
	for k, v := range cleanConfig(inputCfg) {
		cfg[k], src[k] = v, SourceInput
	}
	for k, v := range cleanConfig(runner) {
		cfg[k], src[k] = jsonValue(v), SourceRunner
	}
	return cfg, src
}

// jsonValue converts Go numbers to json.Number and copies containers, so that
// the effective config has one number representation whatever the source.
func jsonValue(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = jsonValue(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonValue(e)
		}
		return out
	case []string:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = e
		}
		return out
	case int:
		return json.Number(strconv.Itoa(x))
	case int64:
		return json.Number(strconv.FormatInt(x, 10))
	case int32:
		return json.Number(strconv.FormatInt(int64(x), 10))
	case uint64:
		return json.Number(strconv.FormatUint(x, 10))
	case float64:
		if math.IsInf(x, 0) || math.IsNaN(x) {
			return nil
		}
		return json.Number(strconv.FormatFloat(x, 'f', -1, 64))
	case float32:
		return json.Number(strconv.FormatFloat(float64(x), 'f', -1, 32))
	}
	return v
}

// shiftProblems re-bases config problems (paths config.KEY) onto the file's
// own paths (KEY, or config.KEY in a wrapped file), as the loader sees them.
func shiftProblems(probs []problem, base input.Path) []problem {
	out := make([]problem, len(probs))
	for i, p := range probs {
		p.path = append(append(input.Path{}, base...), p.path[1:]...)
		out[i] = p
	}
	return out
}
