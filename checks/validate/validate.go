// Package validate checks a loaded agency file against the data model
// (model.md): the JSON Schema for types, enums, formats and required keys,
// and Go checks for what a schema cannot say (contact, duplicate ids,
// references, future event dates). It also derives what evaluation needs: the
// normalized document, the evaluation date and the effective configuration.
package validate

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/smcheck/smcheck/checks/input"
)

// Options are the run settings that validation depends on.
type Options struct {
	// AsOf is --as-of YYYY-MM-DD, "" if not given (already checked by the CLI).
	AsOf string
	// Today is today's date in Europe/Stockholm, YYYY-MM-DD. If empty, it is
	// computed from the clock.
	Today string
	// Defaults are the configuration defaults (the policy bundle's data.yaml).
	Defaults map[string]any
	// RunnerConfig comes from --config FILE, as returned by ValidateConfig;
	// nil if none.
	RunnerConfig map[string]any
	// IgnoreInputConfig skips the input file's config: block (it is still
	// validated and its problems reported).
	IgnoreInputConfig bool
}

// Sources of the evaluation date and of configuration values.
const (
	SourceAsOf           = "as-of"
	SourceEvaluationDate = "evaluation_date"
	SourceToday          = "today"

	SourceDefault = "default"
	SourceInput   = "input"
	SourceRunner  = "runner"
)

// Output is the result of validating one document.
type Output struct {
	// Issues are all input errors and warnings, loader issues included, with
	// Line and Column filled, sorted by line, column, code and path.
	Issues []input.Issue
	// Value is the normalized document for evaluation: a deep copy of the
	// input without erroneous values, unknown keys, future event dates and
	// the config key. Nil after a fatal problem (IN-01 to IN-03).
	Value map[string]any
	// EvalDate is the evaluation date used, YYYY-MM-DD.
	EvalDate string
	// EvalDateSource is SourceAsOf, SourceEvaluationDate or SourceToday.
	EvalDateSource string
	// Config is the effective configuration: defaults < input config <
	// runner config. Numbers are json.Number.
	Config map[string]any
	// ConfigSource gives per Config key SourceDefault, SourceInput or
	// SourceRunner.
	ConfigSource map[string]string
}

// Validator holds the compiled schema. Create it once per process with
// NewValidator; it is safe for concurrent use.
type Validator struct {
	doc   *jsonschema.Schema
	cfg   *jsonschema.Schema
	shape *shape // whole document
	cfgSh *shape // config mapping
}

// NewValidator compiles the embedded schema.
func NewValidator() (*Validator, error) {
	doc, cfg, sh, err := compile()
	if err != nil {
		return nil, fmt.Errorf("validate: %w", err)
	}
	return &Validator{doc: doc, cfg: cfg, shape: sh, cfgSh: sh.props["config"]}, nil
}

// Validate checks doc and prepares it for evaluation. It never modifies doc.
func (v *Validator) Validate(doc *input.Doc, opt Options) Output {
	out := Output{}
	issues := append([]input.Issue(nil), doc.Issues...)
	root, _ := doc.Value.(map[string]any)

	fatal := doc.Fatal || root == nil
	if !fatal {
		if p := checkSchemaVersion(root, doc); p != nil {
			issues = append(issues, v.locate(doc, nil, *p))
			fatal = true
		}
	}
	if fatal {
		out.EvalDate, out.EvalDateSource = evalDate(opt, "")
		out.Config, out.ConfigSource = mergeConfig(opt.Defaults, nil, opt.RunnerConfig)
		out.Issues = sortIssues(issues)
		return out
	}

	probs := withFloatIntegers(v.schemaProblems(v.doc, root, v.shape, nil), floatIntegers(doc.IntegralFloats, v.shape, nil))
	// The loader reports non-finite numbers (IN-05) and non-string keys
	// (IN-W1) wherever they are; under an x- extension key or an unknown key
	// (IN-W1) the value is ignored, so such an issue is dropped.
	issues = ignoredLoaderIssues(issues, probs)
	// Problems the loader already reported (non-finite numbers are IN-05
	// there, and null in the value) are not reported twice.
	loaderAt := make(map[string]bool, len(doc.Issues))
	for _, is := range doc.Issues {
		if is.Code == "IN-05" {
			loaderAt[is.Path] = true
		}
	}
	val := deepCopyMap(root)
	for _, p := range probs {
		if p.remove {
			removeAt(val, p.path)
		}
	}
	for _, is := range doc.Issues {
		if is.Code == "IN-05" {
			// The loader left null in place of a non-finite number: absent.
			removeAt(val, input.ParsePath(is.Path))
		}
	}

	// Evaluation date: a valid evaluation_date survived normalization.
	fileDate, _ := val["evaluation_date"].(string)
	out.EvalDate, out.EvalDateSource = evalDate(opt, fileDate)
	if opt.AsOf != "" && fileDate != "" && fileDate != opt.AsOf {
		probs = append(probs, problem{
			code: "IN-W3", path: input.Path{"evaluation_date"},
			msg: tr("evaluation_date %s differs from --as-of %s; %s is used",
				"evaluation_date %s skiljer sig från --as-of %s; %s används", fileDate, opt.AsOf, opt.AsOf),
			hint: tr("drop --as-of to use the file's date, or update evaluation_date",
				"utelämna --as-of för att använda filens datum, eller uppdatera evaluation_date"),
		})
	}

	probs = append(probs, futureDates(val, v.shape, out.EvalDate)...)
	probs = append(probs, checkContact(root)...)
	probs = append(probs, crossChecks(val)...)

	var inputCfg map[string]any
	if !opt.IgnoreInputConfig {
		inputCfg, _ = val["config"].(map[string]any)
	}
	delete(val, "config")
	out.Config, out.ConfigSource = mergeConfig(opt.Defaults, inputCfg, opt.RunnerConfig)
	out.Value = val

	for _, p := range probs {
		if p.code == "IN-05" && loaderAt[p.path.String()] {
			continue
		}
		issues = append(issues, v.locate(doc, nil, p))
	}
	out.Issues = sortIssues(issues)
	return out
}

// ignoredLoaderIssues drops the loader's IN-05 and IN-W1 issues at or below
// an x- key or a key that probs report as unknown (IN-W1).
func ignoredLoaderIssues(issues []input.Issue, probs []problem) []input.Issue {
	unknown := map[string]bool{}
	for _, p := range probs {
		if p.code == "IN-W1" {
			unknown[stepsKey(p.path)] = true
		}
	}
	out := issues[:0]
next:
	for _, is := range issues {
		if is.Code == "IN-05" || is.Code == "IN-W1" {
			// Steps, not the path's text: a key may be written "purpose[1]"
			// or "channels[0]".
			p := is.At
			if p == nil {
				p = input.ParsePath(is.Path)
			}
			for i, step := range p {
				if k, ok := step.(string); ok && (strings.HasPrefix(k, "x-") || unknown[stepsKey(p[:i+1])]) {
					continue next
				}
			}
		}
		out = append(out, is)
	}
	return out
}

// stepsKey is a map key for a path that keeps keys and indices apart.
func stepsKey(p input.Path) string {
	var b strings.Builder
	for _, step := range p {
		fmt.Fprintf(&b, "%T:%v\x00", step, step)
	}
	return b.String()
}

// locate turns a problem into an issue with its position. posPath, if not
// nil, is the path to look the position up by (it differs from the reported
// path in config files written without the config: wrapper).
func (v *Validator) locate(doc *input.Doc, posPath input.Path, p problem) input.Issue {
	is := input.NewIssueText(p.code, p.path.String(), p.msg, p.hint)
	if posPath == nil {
		posPath = p.path
	}
	is.Line, is.Column = doc.Pos(posPath)
	return is
}

func sortIssues(is []input.Issue) []input.Issue {
	sort.SliceStable(is, func(i, j int) bool {
		a, b := is[i], is[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		if a.Code != b.Code {
			return a.Code < b.Code
		}
		return a.Path < b.Path
	})
	return is
}

// checkSchemaVersion reports IN-03 unless schema_version is the integer 1.
func checkSchemaVersion(root map[string]any, doc *input.Doc) *problem {
	sv, ok := root["schema_version"]
	if !ok {
		return &problem{code: "IN-03", path: input.Path{"schema_version"},
			msg:  tr("schema_version is missing", "schema_version saknas"),
			hint: tr("start the file with schema_version: 1", "börja filen med schema_version: 1")}
	}
	if n, isNum := sv.(json.Number); isNum && n == "1" && !isFloat(doc, input.Path{"schema_version"}) {
		return nil
	}
	if isFloat(doc, input.Path{"schema_version"}) {
		return &problem{code: "IN-03", path: input.Path{"schema_version"},
			msg: tr("schema_version is a decimal number, not the integer 1",
				"schema_version är ett decimaltal, inte heltalet 1"),
			hint: tr("write schema_version: 1, without a decimal point", "skriv schema_version: 1, utan decimaltecken")}
	}
	return &problem{code: "IN-03", path: input.Path{"schema_version"},
		msg: tr("schema_version is %s, but this checker reads only the integer 1",
			"schema_version är %s, men smcheck läser bara heltalet 1", describe(sv)),
		hint: tr("write schema_version: 1 (unquoted) and describe the agency in version 1 of the model",
			"skriv schema_version: 1 (utan citattecken) och beskriv myndigheten enligt version 1 av datamodellen")}
}

// isFloat reports whether the loader read the value at p as a float.
func isFloat(doc *input.Doc, p input.Path) bool {
	for _, f := range doc.IntegralFloats {
		if f.String() == p.String() {
			return true
		}
	}
	return false
}

// floatIntegers reports, as IN-05, the floats with no fraction (180.0, 1e2)
// where the model wants an integer: under YAML 1.2's core schema they are
// floats, not integers (model.md §1), whatever JSON Schema would say. The
// value is removed, as every erroneous value is. Paths are below prefix
// (config files: their shape is the config object's); x- and unknown keys
// have no shape and are left alone.
func floatIntegers(floats []input.Path, sh *shape, prefix input.Path) []problem {
	var out []problem
	for _, p := range floats {
		if s := sh.at(p); s == nil || !s.integer {
			continue
		}
		out = append(out, problem{code: "IN-05", path: append(append(input.Path{}, prefix...), p...), remove: true,
			msg:  tr("a decimal number where an integer is expected", "ett decimaltal där ett heltal väntas"),
			hint: tr("write the number without a decimal point or exponent", "skriv talet utan decimaltecken eller exponent")})
	}
	return out
}

// withFloatIntegers adds the float problems to the schema's; at one path
// the type error wins (C14), as it does among the schema's own.
func withFloatIntegers(probs, floats []problem) []problem {
	if len(floats) == 0 {
		return probs
	}
	at := map[string]bool{}
	for _, f := range floats {
		at[f.path.String()] = true
	}
	out := probs[:0]
	for _, p := range probs {
		if !at[p.path.String()] {
			out = append(out, p)
		}
	}
	return append(out, floats...)
}

// evalDate picks the evaluation date (model.md §1).
func evalDate(opt Options, fileDate string) (string, string) {
	switch {
	case opt.AsOf != "":
		return opt.AsOf, SourceAsOf
	case fileDate != "":
		return fileDate, SourceEvaluationDate
	case opt.Today != "":
		return opt.Today, SourceToday
	}
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		loc = time.Local
	}
	return time.Now().In(loc).Format(time.DateOnly), SourceToday
}

// deepCopy copies maps and lists; scalars are immutable and shared.
func deepCopy(v any) any {
	switch x := v.(type) {
	case map[string]any:
		return deepCopyMap(x)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = deepCopy(e)
		}
		return out
	}
	return v
}

func deepCopyMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, e := range m {
		out[k] = deepCopy(e)
	}
	return out
}

// removeAt makes the value at p absent: a mapping key is deleted, a list item
// becomes null (indices stay stable; policies skip null items).
func removeAt(root map[string]any, p input.Path) {
	if len(p) == 0 {
		return
	}
	var cur any = root
	for _, step := range p[:len(p)-1] {
		switch c := cur.(type) {
		case map[string]any:
			k, ok := step.(string)
			if !ok {
				return
			}
			cur = c[k]
		case []any:
			i, ok := step.(int)
			if !ok || i < 0 || i >= len(c) {
				return
			}
			cur = c[i]
		default:
			return
		}
	}
	switch c := cur.(type) {
	case map[string]any:
		if k, ok := p[len(p)-1].(string); ok {
			delete(c, k)
		}
	case []any:
		if i, ok := p[len(p)-1].(int); ok && i >= 0 && i < len(c) {
			c[i] = nil
		}
	}
}
