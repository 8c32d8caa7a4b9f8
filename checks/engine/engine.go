// Package engine evaluates a validated agency document with the embedded Rego
// policies. Policies are parsed, compiled and the query prepared once per
// process; Eval is safe for concurrent use by many workers.
package engine

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"gopkg.in/yaml.v3"

	"github.com/smcheck/smcheck/checks/catalog"
)

// Query is the one query smcheck evaluates (policies/smcheck/main).
const Query = "data.smcheck.main.report"

// Engine holds the prepared query and what the bundle says about itself.
type Engine struct {
	parts    []rego.PreparedEvalQuery // one per part (Options.Parts)
	Catalog  *catalog.Catalog
	Defaults map[string]any
	// SHA256 of the bundle's non-test files, for evidence in reports.
	SHA256 string
	// Precompiled is true when the policies came from Options.Compiled.
	Precompiled bool
}

// Bundle is the parsed content of a policy bundle.
type Bundle struct {
	Modules map[string]*ast.Module
	Sources map[string]string
	Data    map[string]any
	SHA256  string
}

// LoadBundle reads a bundle tree: *.rego (tests too when withTests), and
// data.yaml / data.json files mounted at their directory's path.
func LoadBundle(fsys fs.FS, withTests bool) (*Bundle, error) {
	b, rego, err := readBundle(fsys, withTests)
	if err != nil {
		return nil, err
	}
	// Modules parse independently, so on all cores: without a snapshot
	// (Options.Compiled), parsing is a third of a one-file check.
	mods := make([]*ast.Module, len(rego))
	errs := make([]error, len(rego))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for k, p := range rego {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			mods[k], errs[k] = ast.ParseModuleWithOpts(p, b.Sources[p], ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
		}()
	}
	wg.Wait()
	for k, p := range rego {
		if errs[k] != nil {
			return nil, fmt.Errorf("parsing policy %s: %w", p, errs[k])
		}
		b.Modules[p] = mods[k]
	}
	return b, nil
}

// readBundle reads the files of a bundle, its data and its hash, and lists
// the Rego files to parse.
func readBundle(fsys fs.FS, withTests bool) (*Bundle, []string, error) {
	b := &Bundle{Modules: map[string]*ast.Module{}, Sources: map[string]string{}, Data: map[string]any{}}
	files, err := bundleFiles(fsys)
	if err != nil {
		return nil, nil, err
	}
	h := sha256.New()
	var rego []string
	for _, p := range files {
		isTest := strings.HasSuffix(p, "_test.rego")
		base := path.Base(p)
		if isTest && !withTests {
			continue
		}
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, nil, fmt.Errorf("reading %s: %w", p, err)
		}
		if !isTest {
			hashFile(h, p, src)
		}
		switch {
		case strings.HasSuffix(p, ".rego"):
			b.Sources[p] = string(src)
			rego = append(rego, p)
		case base == "data.yaml" || base == "data.json":
			var v any
			if err := yaml.Unmarshal(src, &v); err != nil {
				return nil, nil, fmt.Errorf("parsing data %s: %w", p, err)
			}
			if err := mount(b.Data, path.Dir(p), v); err != nil {
				return nil, nil, fmt.Errorf("mounting data %s: %w", p, err)
			}
		}
	}
	b.SHA256 = hex.EncodeToString(h.Sum(nil))
	return b, rego, nil
}

// SHA256 is the hash LoadBundle reports, without parsing anything: `version`
// prints it and should cost no more than starting the process.
func SHA256(fsys fs.FS) (string, error) {
	files, err := bundleFiles(fsys)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	for _, p := range files {
		if strings.HasSuffix(p, "_test.rego") {
			continue
		}
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return "", fmt.Errorf("reading %s: %w", p, err)
		}
		hashFile(h, p, src)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// bundleFiles lists every file of the bundle, sorted.
func bundleFiles(fsys fs.FS) ([]string, error) {
	var files []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files = append(files, p)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading policy bundle: %w", err)
	}
	sort.Strings(files)
	return files, nil
}

// hashFile adds one file to the bundle hash: its path and length delimit it.
func hashFile(h io.Writer, p string, src []byte) {
	fmt.Fprintf(h, "%s\x00%d\x00", p, len(src))
	h.Write(src)
}

// mount puts v at the slash-separated dir inside root, as OPA bundles do.
func mount(root map[string]any, dir string, v any) error {
	node := root
	if dir != "." {
		for _, seg := range strings.Split(dir, "/") {
			next, ok := node[seg].(map[string]any)
			if !ok {
				next = map[string]any{}
				node[seg] = next
			}
			node = next
		}
	}
	obj, ok := jsonable(v).(map[string]any)
	if !ok {
		return fmt.Errorf("top level is not a mapping")
	}
	for k, val := range obj {
		node[k] = val
	}
	return nil
}

// jsonable turns yaml.v3's generic values into JSON-like ones.
func jsonable(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, val := range t {
			t[k] = jsonable(val)
		}
		return t
	case []any:
		for i, val := range t {
			t[i] = jsonable(val)
		}
		return t
	case int:
		return json.Number(fmt.Sprint(t))
	case float64:
		return json.Number(fmt.Sprint(t))
	}
	return v
}

// verifyOnly are compiler stages that only look for mistakes in policies and
// change nothing that evaluation uses. The embedded bundle is fixed at build
// time and its tests compile it with every stage (policies_test.go, and
// TestSkippedStagesOnlyVerify), so a run that compiles it need not check it
// again: they were a quarter of the compile.
var verifyOnly = []ast.StageID{
	ast.StageCheckUnusedImports,
	ast.StageCheckKeywordOverrides,
	ast.StageCheckDuplicateImports,
	ast.StageCheckVoidCalls,
	ast.StageCheckRuleConflicts,
	ast.StageCheckUndefinedFuncs,
	ast.StageCheckRecursion,
	ast.StageCheckTypes,
	ast.StageCheckUnsafeBuiltins,
	ast.StageCheckDeprecatedBuiltins,
	ast.StageBuildRequiredCapabilities,
	// The rule dependency graph is read only by the recursion and type
	// checks above.
	ast.StageSetGraph,
}

// Options of New.
type Options struct {
	// Parts splits the rule packages into this many parts, each compiled and
	// evaluated beside its own copy of the shared packages, on all cores at
	// once, and each evaluation runs its parts side by side: on 2 cores a
	// check of one or a few files is prepared and evaluated in about half
	// the time. The shared packages then run once per part, about 5 % more
	// work per agency, so a large batch is best served by 1 (0 means 1).
	Parts int
	// Slots bounds the goroutines New keeps running at once (nil: one per
	// core). A caller that compiles something else meanwhile shares them, so
	// that no goroutine waits for a core behind a long one: checks.New
	// compiles the JSON Schema in one.
	Slots chan struct{}
	// Compiled is a Snapshot of the bundle. When it was made from these
	// policies by this OPA, New reads it instead of parsing and compiling,
	// which is most of a one-file check; otherwise it is ignored.
	Compiled []byte
}

// New compiles the bundle, or reads its snapshot, and prepares the query.
func New(ctx context.Context, fsys fs.FS, opt Options) (*Engine, error) {
	if opt.Slots == nil {
		opt.Slots = make(chan struct{}, runtime.GOMAXPROCS(0))
	}
	if len(opt.Compiled) > 0 {
		e, err := fromSnapshot(ctx, fsys, opt.Compiled, opt.Parts, opt.Slots)
		if err == nil {
			return e, nil
		}
		// A stale or unreadable snapshot only costs the compile below; its
		// tests (policies/compiled_test.go) keep the embedded one current.
	}
	return compile(ctx, fsys, verifyOnly, opt.Parts, opt.Slots)
}

func compile(ctx context.Context, fsys fs.FS, skip []ast.StageID, parts int, slots chan struct{}) (*Engine, error) {
	b, err := LoadBundle(fsys, false)
	if err != nil {
		return nil, err
	}
	cat, err := NewCatalog(b)
	if err != nil {
		return nil, err
	}
	queries, err := inParts(split(b, parts), slots, func(names []string) (rego.PreparedEvalQuery, error) {
		return prepare(ctx, b, names, skip, nil)
	})
	if err != nil {
		return nil, fmt.Errorf("compiling policies: %w", err)
	}
	return &Engine{parts: queries, Catalog: cat, Defaults: b.Defaults(), SHA256: b.SHA256}, nil
}

// inParts prepares each part in its own goroutine, each holding one of the
// slots while it works. A panic is an error: with a damaged snapshot, New
// falls back to compiling.
func inParts(groups [][]string, slots chan struct{}, prep func(names []string) (rego.PreparedEvalQuery, error)) ([]rego.PreparedEvalQuery, error) {
	queries := make([]rego.PreparedEvalQuery, len(groups))
	errs := make([]error, len(groups))
	var wg sync.WaitGroup
	for k, names := range groups {
		wg.Add(1)
		go func() {
			defer wg.Done()
			slots <- struct{}{}
			defer func() { <-slots }()
			defer func() {
				if r := recover(); r != nil {
					errs[k] = fmt.Errorf("part %d: %v", k, r)
				}
			}()
			queries[k], errs[k] = prep(names)
		}()
	}
	wg.Wait()
	return queries, errors.Join(errs...)
}

// prepare compiles the named modules of b and prepares Query over them.
// Compiling copies the modules, so parts may share b. hook, if not nil, is
// given the compiler before it compiles.
func prepare(ctx context.Context, b *Bundle, names []string, skip []ast.StageID, hook func(*ast.Compiler)) (rego.PreparedEvalQuery, error) {
	opts := []func(*rego.Rego){
		rego.CompilerHook(func(c *ast.Compiler) {
			c.WithSkipStages(skip...)
			if hook != nil {
				hook(c)
			}
		}),
		rego.Query(Query),
		rego.Store(store(b)),
		rego.SetRegoVersion(ast.RegoV1),
	}
	for _, name := range names {
		opts = append(opts, rego.ParsedModule(b.Modules[name]))
	}
	return rego.New(opts...).PrepareForEval(ctx)
}

// store holds b's data as AST values on read: data (defaults, catalogue) is
// not converted again per query.
func store(b *Bundle) storage.Store {
	return inmem.NewFromObjectWithOpts(b.Data, inmem.OptReturnASTValuesOnRead(true))
}

// Defaults are the configuration defaults (config/provided/data.yaml).
func (b *Bundle) Defaults() map[string]any {
	d, _ := lookup(b.Data, "smcheck", "config", "provided").(map[string]any)
	return d
}

func lookup(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Raw is the policy's answer for one agency, as the Rego main package returns
// it. Results holds only the results that are not a pass: a requirement
// passes for every target of its scope (Targets) that has no result.
type Raw struct {
	Results       []RawResult         `json:"results"`
	Targets       map[string][]Target `json:"targets"`
	UnusedWaivers []map[string]any    `json:"unused_waivers"`
}

// Target is a target of a scope ("agency", "channel", "waiver") and the path
// a result about it points at when no message names a more precise one.
type Target struct {
	Target string `json:"target"`
	Path   string `json:"path"`
}

// RawResult is one requirement × target result built by smcheck.result.
type RawResult struct {
	ID       string            `json:"id"`
	Point    int               `json:"point"`
	Severity string            `json:"severity"`
	Target   string            `json:"target"`
	Subject  string            `json:"subject"` // the Target's Path: unique where ids repeat
	Status   string            `json:"status"`
	Path     string            `json:"path"`
	Messages []catalog.Message `json:"messages"`
	Waiver   *catalog.Waiver   `json:"waiver,omitempty"`
}

// Eval evaluates one prepared input document (validated, normalised, with
// eval_date and the effective config set).
func (e *Engine) Eval(ctx context.Context, doc map[string]any) (*Raw, error) {
	val, err := ast.InterfaceToValue(doc)
	if err != nil {
		return nil, fmt.Errorf("converting input: %w", err)
	}
	if len(e.parts) == 1 {
		return evalPart(ctx, e.parts[0], val)
	}
	raws := make([]*Raw, len(e.parts))
	errs := make([]error, len(e.parts))
	var wg sync.WaitGroup
	for k, q := range e.parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			raws[k], errs[k] = evalPart(ctx, q, val)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return merge(raws), nil
}

func evalPart(ctx context.Context, q rego.PreparedEvalQuery, val ast.Value) (*Raw, error) {
	rs, err := q.Eval(ctx, rego.EvalParsedInput(val))
	if err != nil {
		return nil, fmt.Errorf("evaluating policies: %w", err)
	}
	if len(rs) != 1 || len(rs[0].Expressions) != 1 {
		return nil, fmt.Errorf("evaluating policies: %s is undefined (is the eval date valid?)", Query)
	}
	buf, err := json.Marshal(rs[0].Expressions[0].Value)
	if err != nil {
		return nil, fmt.Errorf("reading policy results: %w", err)
	}
	var raw Raw
	if err := json.Unmarshal(buf, &raw); err != nil {
		return nil, fmt.Errorf("reading policy results: %w", err)
	}
	return &raw, nil
}
