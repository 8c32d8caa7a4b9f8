// Package checks turns agency files into results: load (YAML with positions),
// validate (JSON Schema and model.md §16), evaluate (the embedded Rego
// policies) and attach file:line to every finding. It knows nothing of the
// command line or of output formats, and nothing of how files were found.
package checks

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"

	"github.com/smcheck/smcheck/checks/catalog"
	"github.com/smcheck/smcheck/checks/engine"
	"github.com/smcheck/smcheck/checks/input"
	"github.com/smcheck/smcheck/checks/validate"
	"github.com/smcheck/smcheck/policies"
)

// Result statuses of a requirement for a target (requirements.md §1).
const (
	StatusPass          = "pass"
	StatusFail          = "fail"
	StatusNotApplicable = "not_applicable"
	StatusWaived        = "waived"
)

// Overall outcomes of a file.
const (
	OutcomePass    = "pass"
	OutcomeFail    = "fail"
	OutcomeInvalid = "invalid"
)

// GCPercent is the GOGC the command sets unless the environment does:
// evaluation allocates many short-lived objects, and with Go's default of 100
// a third of the CPU went to the collector. 400 cut a batch's time by a third
// for about twice the (small, bounded) heap. Benchmarks use it too.
const GCPercent = 400

// Options of a run. They apply to every file alike.
type Options struct {
	// AsOf is --as-of (YYYY-MM-DD) or "".
	AsOf string
	// Today is the current date in Europe/Stockholm, the last fallback.
	Today string
	// Validator, if not nil, is the compiled schema to use: a run that
	// validated a --config file has compiled it already (≈ 6 ms).
	Validator *validate.Validator
	// RunnerConfig is the --config file's configuration, already validated.
	RunnerConfig map[string]any
	// IgnoreInputConfig applies only defaults and RunnerConfig.
	IgnoreInputConfig bool
	// Files and Jobs are the run's number of files and --jobs (0: all
	// cores). A run of a few files has fewer files than cores to keep busy:
	// then the policies are prepared and evaluated in parts
	// (engine.Options.Parts) on every core, or on Jobs of them, and one
	// agency's evaluation takes about half the time on 2 cores. Splitting
	// costs about 5 % more evaluation per agency, so a larger batch keeps
	// the cores busy with files instead.
	Files, Jobs int
}

// Checker checks files. Policies are compiled and the schema once, in New;
// Check is safe for concurrent use.
type Checker struct {
	Engine    *engine.Engine
	Validator *validate.Validator
	opt       Options
}

// New compiles the embedded policies and the schema.
// The two are independent, so they compile side by side.
func New(ctx context.Context, opt Options) (*Checker, error) {
	val := opt.Validator
	var verr error
	done := make(chan struct{})
	slots := make(chan struct{}, runtime.GOMAXPROCS(0))
	go func() {
		defer close(done)
		if val != nil {
			return
		}
		slots <- struct{}{}
		defer func() { <-slots }()
		val, verr = validate.NewValidator()
	}()
	eng, err := engine.New(ctx, policies.FS, engine.Options{Parts: parts(opt), Compiled: policies.Compiled, Slots: slots})
	<-done
	if err != nil {
		return nil, err
	}
	if verr != nil {
		return nil, fmt.Errorf("compiling the data-model schema: %w", verr)
	}
	return &Checker{Engine: eng, Validator: val, opt: opt}, nil
}

// FewFiles is the largest run compiled in parts (Options.Files).
const FewFiles = 16

func parts(opt Options) int {
	if opt.Files > FewFiles {
		return 1
	}
	n := runtime.GOMAXPROCS(0)
	if opt.Jobs > 0 && opt.Jobs < n {
		n = opt.Jobs // --jobs 1 keeps the run on one core
	}
	return n
}

// Catalog is the requirement catalogue of the embedded policies.
func (c *Checker) Catalog() *catalog.Catalog { return c.Engine.Catalog }

// PolicySHA256 identifies the embedded policies in reports.
func (c *Checker) PolicySHA256() string { return c.Engine.SHA256 }

// Catalogue is the requirement catalogue of the embedded policies without a
// Checker: it needs neither compiling nor, with a current snapshot, parsing.
func Catalogue() (*catalog.Catalog, error) {
	return engine.Catalogue(policies.FS, policies.Compiled)
}

// PolicySHA256 is the embedded policies' hash without parsing them, for
// `smcheck version`.
func PolicySHA256() (string, error) { return engine.SHA256(policies.FS) }

// Finding is one requirement × target result, ready for any report.
type Finding struct {
	ID          string              `json:"requirement"`
	Point       int                 `json:"point"`
	Severity    string              `json:"severity"`
	Status      string              `json:"status"`
	Target      string              `json:"target"`
	Title       string              `json:"title"`
	TitleSV     string              `json:"title_sv"`
	Path        string              `json:"path"`
	Line        int                 `json:"line"`
	Column      int                 `json:"column"`
	Messages    []catalog.Message   `json:"messages"`
	Remediation catalog.Remediation `json:"remediation"`
	References  []string            `json:"references"`
	Waiver      *catalog.Waiver     `json:"waiver,omitempty"`
	// Fingerprint identifies the finding within its agency across edits of
	// the file (see Fingerprint).
	Fingerprint string `json:"fingerprint"`
	// Baseline is BaselineNew or BaselineUnchanged for a failed finding of
	// a valid file when the run is compared with a baseline, else "".
	Baseline string `json:"baseline,omitempty"`
}

// Result is everything known about one file.
type Result struct {
	File           string            `json:"file"`
	SHA256         string            `json:"sha256,omitempty"`
	Agency         string            `json:"agency,omitempty"`
	OrgNumber      string            `json:"org_number,omitempty"`
	EvalDate       string            `json:"eval_date,omitempty"`
	EvalDateSource string            `json:"eval_date_source,omitempty"`
	Config         map[string]any    `json:"-"`
	ConfigSource   map[string]string `json:"-"`
	Issues         []input.Issue     `json:"input_issues"`
	Findings       []Finding         `json:"findings"`
	UnusedWaivers  []UnusedWaiver    `json:"unused_waivers"`
	// Error is set when the file could not be checked at all (unreadable).
	Error string `json:"error,omitempty"`
}

// UnusedWaiver is a valid waiver that matched no failing finding (C4).
type UnusedWaiver struct {
	Index       int    `json:"index"`
	Requirement string `json:"requirement"`
	Target      string `json:"target"`
	Expires     string `json:"expires"`
	Line        int    `json:"line"`
	Column      int    `json:"column"`
}

// HasInputErrors reports an invalid file: unreadable or any input error.
func (r *Result) HasInputErrors() bool {
	if r.Error != "" {
		return true
	}
	for _, i := range r.Issues {
		if i.IsError() {
			return true
		}
	}
	return false
}

// Fails reports whether the finding fails the run under failOn ("error" or
// "warning"). W checks are errors in every mode (C31). A failure in the
// baseline (Baseline is BaselineUnchanged) does not fail the run.
func (f Finding) Fails(failOn string) bool {
	if f.Status != StatusFail || f.Baseline == BaselineUnchanged {
		return false
	}
	return f.Severity == "error" || failOn == "warning"
}

// Outcome is the file's overall result (requirements.md §1).
func (r *Result) Outcome(failOn string) string {
	if r.HasInputErrors() {
		return OutcomeInvalid
	}
	for _, f := range r.Findings {
		if f.Fails(failOn) {
			return OutcomeFail
		}
	}
	return OutcomePass
}

// CheckFile reads and checks one file. A file that cannot be read is a
// result with Error set, so a batch goes on.
func (c *Checker) CheckFile(ctx context.Context, path string) *Result {
	data, err := os.ReadFile(path)
	if err != nil {
		return &Result{File: path, Error: fmt.Sprintf("cannot read the file: %v", unwrapPathError(err))}
	}
	return c.Check(ctx, path, data)
}

func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// Check checks one file's content; name is used in locations.
func (c *Checker) Check(ctx context.Context, name string, data []byte) *Result {
	doc := input.Load(name, data)
	res := &Result{File: name, SHA256: doc.SHA256}
	out := c.Validator.Validate(doc, validate.Options{
		AsOf:              c.opt.AsOf,
		Today:             c.opt.Today,
		Defaults:          c.Engine.Defaults,
		RunnerConfig:      c.opt.RunnerConfig,
		IgnoreInputConfig: c.opt.IgnoreInputConfig,
	})
	res.Issues = out.Issues
	res.EvalDate, res.EvalDateSource = out.EvalDate, out.EvalDateSource
	res.Config, res.ConfigSource = out.Config, out.ConfigSource
	if out.Value == nil {
		return res
	}
	if a, ok := out.Value["agency"].(map[string]any); ok {
		res.Agency, _ = a["name"].(string)
	}
	out.Value["eval_date"] = out.EvalDate
	out.Value["config"] = out.Config
	raw, err := c.Engine.Eval(ctx, out.Value)
	if err != nil {
		res.Error = err.Error()
		return res
	}
	res.Findings = c.findings(doc, raw)
	setFingerprints(res, out.Value)
	for _, w := range raw.UnusedWaivers {
		uw := UnusedWaiver{}
		uw.Index = intOf(w["index"])
		uw.Requirement, _ = w["requirement"].(string)
		uw.Target, _ = w["target"].(string)
		uw.Expires, _ = w["expires"].(string)
		uw.Line, uw.Column = doc.Pos(input.Root.Key("waivers").Index(uw.Index))
		res.UnusedWaivers = append(res.UnusedWaivers, uw)
	}
	sort.Slice(res.UnusedWaivers, func(i, j int) bool { return res.UnusedWaivers[i].Index < res.UnusedWaivers[j].Index })
	return res
}

func intOf(v any) int {
	switch n := v.(type) {
	case float64:
		return int(n)
	case int:
		return n
	case interface{ String() string }:
		i, _ := strconv.Atoi(n.String())
		return i
	}
	return 0
}

// findings turns the policy's answer into one finding per requirement and
// target of its scope: the policies return only what did not pass, so every
// other pair of the catalogue is a pass.
func (c *Checker) findings(doc *input.Doc, raw *engine.Raw) []Finding {
	// Results are matched by subject (channels[i]), not target: two
	// channels may share an id (IN-08, C21) and each has its own results.
	type key struct{ id, subject string }
	got := make(map[key]engine.RawResult, len(raw.Results))
	for _, r := range raw.Results {
		got[key{r.ID, r.Subject}] = r
	}
	out := make([]Finding, 0, len(raw.Results)+len(c.Engine.Catalog.Rules)*4)
	positions := make(map[string][2]int)
	for _, rule := range c.Engine.Catalog.Rules {
		for _, t := range raw.Targets[rule.Scope] {
			f := Finding{
				ID: rule.ID, Point: rule.Point, Severity: rule.Severity, Status: StatusPass,
				Target: t.Target, Path: t.Path, Messages: []catalog.Message{},
				Title: rule.Title, TitleSV: rule.TitleSV, Remediation: rule.Remediation, References: rule.References,
			}
			if r, ok := got[key{rule.ID, t.Path}]; ok {
				f.Status, f.Path, f.Messages, f.Waiver = r.Status, r.Path, r.Messages, r.Waiver
				delete(got, key{rule.ID, t.Path})
			}
			pos, ok := positions[f.Path]
			if !ok {
				pos[0], pos[1] = doc.Pos(input.ParsePath(f.Path))
				positions[f.Path] = pos
			}
			f.Line, f.Column = pos[0], pos[1]
			out = append(out, f)
		}
	}
	// A result for a target outside its scope's list would be a policy bug;
	// keep it rather than lose it.
	for _, r := range raw.Results {
		if _, ok := got[key{r.ID, r.Subject}]; ok {
			f := Finding{ID: r.ID, Point: r.Point, Severity: r.Severity, Status: r.Status,
				Target: r.Target, Path: r.Path, Messages: r.Messages, Waiver: r.Waiver}
			f.Line, f.Column = doc.Pos(input.ParsePath(r.Path))
			out = append(out, f)
		}
	}
	SortFindings(out)
	return out
}

// SortFindings orders findings as clarifications C5 says: requirement number,
// then target (agency first, channel ids in code-point order, waivers by index).
func SortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.ID != b.ID {
			return catalog.Less(a.ID, b.ID)
		}
		return targetLess(a.Target, b.Target)
	})
}

func targetLess(a, b string) bool {
	ra, rb := targetRank(a), targetRank(b)
	if ra != rb {
		return ra < rb
	}
	if ra == 2 {
		return waiverIndex(a) < waiverIndex(b)
	}
	return a < b
}

func targetRank(t string) int {
	switch {
	case t == "agency":
		return 0
	case strings.HasPrefix(t, "waivers["):
		return 2
	}
	return 1
}

func waiverIndex(t string) int {
	n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(t, "waivers["), "]"))
	return n
}
