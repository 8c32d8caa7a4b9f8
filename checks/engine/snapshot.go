package engine

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	opaversion "github.com/open-policy-agent/opa/v1/version"

	"github.com/smcheck/smcheck/checks/catalog"
)

// A snapshot is a bundle compiled ahead of time: what New would otherwise
// parse and compile on every run, which is most of a one-file check. It holds
// the compiled modules (astcodec.go), the catalogue and the layout of the
// parts, and names the bundle hash and OPA version it was made from; New
// uses it only when both match (Options.Compiled), so a stale snapshot
// costs time, never correctness. `make generate` writes the embedded one
// (policies/compiled.bin) and its test fails when it is stale.
const (
	snapshotMagic = "smcheck compiled policies\n"
	// snapshotFormat changes with the codec, the layout below or what
	// Snapshot compiles with: a snapshot of another format is stale.
	snapshotFormat = 1
)

// castagnoli checksums the snapshot after its header: a damaged file must not
// be read as other policies.
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// errStale means the snapshot was made from other policies or by another
// OPA; New then compiles the bundle.
var errStale = errors.New("snapshot does not match the policies")

// kept are the compiler stages that run on compiled modules: they build the
// compiler's indexes, which are not modules and so not in the snapshot.
// Every other stage rewrites or checks modules, and did so when the snapshot
// was made. Comprehension indexes are built only when the compile that made
// the snapshot found a comprehension to index: looking for one is a tenth of
// a one-file check, and the policies are written to need none.
var kept = map[ast.StageID]bool{
	ast.StageInitLocalVarGen:  true,
	ast.StageSetModuleTree:    true,
	ast.StageSetRuleTree:      true,
	ast.StageBuildRuleIndices: true,
}

// stages are all of OPA's compiler stages, in order.
var stages = []ast.StageID{
	ast.StageResolveRefs, ast.StageCheckUnusedImports, ast.StageInitLocalVarGen,
	ast.StageRewriteRuleHeadRefs, ast.StageCheckKeywordOverrides, ast.StageCheckDuplicateImports,
	ast.StageRemoveImports, ast.StageSetModuleTree, ast.StageSetRuleTree, ast.StageRewriteLocalVars,
	ast.StageRewriteTemplateStrings, ast.StageCheckVoidCalls, ast.StageRewritePrintCalls,
	ast.StageRewriteExprTerms, ast.StageParseMetadataBlocks, ast.StageSetAnnotationSet,
	ast.StageRewriteRegoMetadataCalls, ast.StageSetGraph, ast.StageRewriteComprehensionTerms,
	ast.StageRewriteRefsInHead, ast.StageRewriteWithValues, ast.StageCheckRuleConflicts,
	ast.StageCheckUndefinedFuncs, ast.StageCheckSafetyRuleHeads, ast.StageCheckSafetyRuleBodies,
	ast.StageRewriteEquals, ast.StageRewriteDynamicTerms, ast.StageRewriteTestRulesForTracing,
	ast.StageCheckRecursion, ast.StageCheckTypes, ast.StageCheckUnsafeBuiltins,
	ast.StageCheckDeprecatedBuiltins, ast.StageBuildRuleIndices, ast.StageBuildComprehensionIndices,
	ast.StageBuildRequiredCapabilities,
}

func notKept(comprehensionIndexes bool) []ast.StageID {
	var skip []ast.StageID
	for _, s := range stages {
		if !kept[s] && !(comprehensionIndexes && s == ast.StageBuildComprehensionIndices) {
			skip = append(skip, s)
		}
	}
	return skip
}

// Snapshot compiles the bundle in fsys with every compiler stage, as New
// does without one, and returns it in the form Options.Compiled takes. The
// same bundle gives the same bytes.
func Snapshot(ctx context.Context, fsys fs.FS) ([]byte, error) {
	b, err := LoadBundle(fsys, false)
	if err != nil {
		return nil, err
	}
	cat, err := NewCatalog(b)
	if err != nil {
		return nil, err
	}
	// Compiled as New compiles without a snapshot, with no stage skipped.
	var c *ast.Compiler
	if _, err := prepare(ctx, b, sortedKeys(b.Modules), nil, func(cc *ast.Compiler) { c = cc }); err != nil {
		return nil, fmt.Errorf("compiling policies: %w", err)
	}
	compiled := c.Modules
	indexes := 0
	for _, m := range compiled {
		ast.WalkTerms(m, func(t *ast.Term) bool {
			if c.ComprehensionIndex(t) != nil {
				indexes++
			}
			return false
		})
	}

	// Layout: magic, format, OPA version and bundle hash (read first, to
	// tell a stale snapshot cheaply), a CRC-32C of the rest, the string
	// table, then what refers to it: comprehension indexes, catalogue, part
	// layout, module index and the modules.
	mods := newEncoder(nil)
	names := sortedKeys(compiled)
	ends := make([]int, len(names))
	for i, name := range names {
		mods.module(compiled[name])
		ends[i] = len(mods.buf)
	}
	if mods.err != nil {
		return nil, fmt.Errorf("writing compiled policies: %w", mods.err)
	}
	meta := newEncoder(mods.tab)
	meta.uint(uint64(indexes))
	writeCatalog(meta, cat)
	writeLayout(meta, classify(b))
	meta.uint(uint64(len(names)))
	for i, name := range names {
		meta.str(name)
		meta.uint(uint64(ends[i]))
	}
	body := newEncoder(mods.tab)
	body.table()
	body.buf = append(append(body.buf, meta.buf...), mods.buf...)
	out := newEncoder(nil)
	out.buf = append(out.buf, snapshotMagic...)
	out.uint(snapshotFormat)
	out.raw(opaversion.Version)
	out.raw(b.SHA256)
	out.uint(uint64(crc32.Checksum(body.buf, castagnoli)))
	return append(out.buf, body.buf...), nil
}

func writeCatalog(e *encoder, cat *catalog.Catalog) {
	e.uint(uint64(len(cat.Rules)))
	for _, r := range cat.Rules {
		e.str(r.ID)
		e.uint(uint64(r.Point))
		for _, s := range []string{r.Title, r.TitleSV, r.Description, r.Severity, r.Scope, r.Remediation.EN, r.Remediation.SV, r.File, r.Rego} {
			e.str(s)
		}
		e.strs(r.Source)
		e.strs(r.Reads)
		e.strs(r.References)
	}
	e.uint(uint64(len(cat.Points)))
	for _, p := range cat.Points {
		e.uint(uint64(p.Number))
		e.str(p.Title)
	}
}

func readCatalog(d *decoder) (*catalog.Catalog, error) {
	n := d.count()
	rules := make([]catalog.Rule, 0, capped(n))
	for range n {
		rules = append(rules, catalog.Rule{})
		r := &rules[len(rules)-1]
		r.ID = d.str()
		r.Point = int(d.uint())
		for _, s := range []*string{&r.Title, &r.TitleSV, &r.Description, &r.Severity, &r.Scope, &r.Remediation.EN, &r.Remediation.SV, &r.File, &r.Rego} {
			*s = d.str()
		}
		r.Source, r.Reads, r.References = d.strList(), d.strList(), d.strList()
	}
	n = d.count()
	points := make([]catalog.Point, 0, capped(n))
	for range n {
		points = append(points, catalog.Point{Number: int(d.uint()), Title: d.str()})
	}
	if d.err != nil {
		return nil, d.err
	}
	return catalog.New(rules, points)
}

func writeLayout(e *encoder, l layout) {
	e.strs(l.Shared)
	e.uint(uint64(len(l.Own)))
	for _, p := range l.Own {
		e.str(p.Path)
		e.uint(uint64(p.Size))
		e.strs(p.Files)
	}
}

func readLayout(d *decoder) layout {
	l := layout{Shared: d.strList()}
	for range d.count() {
		l.Own = append(l.Own, ownPackage{Path: d.str(), Size: int(d.uint()), Files: d.strList()})
	}
	return l
}

// snapshot is a snapshot's header read, its modules not yet decoded.
type snapshot struct {
	indexes  int // comprehension indexes the compile built
	opa, sha string
	catalog  *catalog.Catalog
	layout   layout
	names    []string
	ends     []int
	strs     []string
	bodies   []byte
}

func readSnapshot(data []byte) (*snapshot, error) {
	rest, ok := bytes.CutPrefix(data, []byte(snapshotMagic))
	if !ok {
		return nil, errors.New("not a snapshot")
	}
	d := &decoder{buf: rest}
	if f := d.uint(); f != snapshotFormat {
		return nil, fmt.Errorf("%w: format %d", errStale, f)
	}
	s := &snapshot{opa: d.raw(), sha: d.raw()}
	if d.err != nil {
		return nil, d.err
	}
	if s.opa != opaversion.Version {
		return nil, fmt.Errorf("%w: made by OPA %s, this is %s", errStale, s.opa, opaversion.Version)
	}
	sum := d.uint()
	if d.err != nil {
		return nil, d.err
	}
	if sum != uint64(crc32.Checksum(d.buf, castagnoli)) {
		return nil, errors.New("checksum mismatch: the snapshot is damaged")
	}
	d.table()
	s.indexes = int(d.uint())
	var err error
	if s.catalog, err = readCatalog(d); err != nil {
		return nil, fmt.Errorf("reading the catalogue: %w", err)
	}
	s.layout = readLayout(d)
	var ends []uint64
	for range d.count() {
		s.names = append(s.names, d.str())
		ends = append(ends, d.uint())
	}
	if d.err != nil {
		return nil, d.err
	}
	s.strs, s.bodies = d.strs, d.buf
	for i, end := range ends {
		if end > uint64(len(s.bodies)) || (i > 0 && end < ends[i-1]) {
			return nil, errors.New("module offsets out of range")
		}
		s.ends = append(s.ends, int(end))
	}
	return s, nil
}

// modules decodes the modules, in as many goroutines as there are slots.
func (s *snapshot) modules(slots chan struct{}) (map[string]*ast.Module, error) {
	mods := make([]*ast.Module, len(s.names))
	errs := make([]error, len(s.names))
	var wg sync.WaitGroup
	for i := range s.names {
		wg.Add(1)
		slots <- struct{}{}
		go func() {
			defer func() { <-slots; wg.Done() }()
			defer func() {
				if r := recover(); r != nil { // a damaged snapshot: compile instead
					errs[i] = fmt.Errorf("reading compiled %s: %v", s.names[i], r)
				}
			}()
			start := 0
			if i > 0 {
				start = s.ends[i-1]
			}
			d := &decoder{buf: s.bodies[start:s.ends[i]], strs: s.strs}
			mods[i] = d.module()
			if d.err == nil && len(d.buf) > 0 {
				d.err = errors.New("trailing bytes")
			}
			if d.err != nil {
				errs[i] = fmt.Errorf("reading compiled %s: %w", s.names[i], d.err)
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	out := make(map[string]*ast.Module, len(mods))
	for i, m := range mods {
		out[s.names[i]] = m
	}
	return out, nil
}

// fromSnapshot is New with a snapshot: the bundle is read for its data and
// hash, not parsed, and the compiled modules only indexed.
func fromSnapshot(ctx context.Context, fsys fs.FS, data []byte, parts int, slots chan struct{}) (*Engine, error) {
	s, err := readSnapshot(data)
	if err != nil {
		return nil, err
	}
	b, _, err := readBundle(fsys, false)
	if err != nil {
		return nil, err
	}
	if s.sha != b.SHA256 {
		return nil, fmt.Errorf("%w: made from policies %.12s, these are %.12s", errStale, s.sha, b.SHA256)
	}
	mods, err := s.modules(slots)
	if err != nil {
		return nil, err
	}
	groups := s.layout.deal(max(parts, 1))
	skip := notKept(s.indexes > 0)
	queries, err := inParts(groups, slots, func(names []string) (rego.PreparedEvalQuery, error) {
		part := make(map[string]*ast.Module, len(names))
		for _, n := range names {
			if part[n] = mods[n]; part[n] == nil {
				return rego.PreparedEvalQuery{}, fmt.Errorf("the layout names %s, which is not in the snapshot", n)
			}
		}
		c := ast.NewCompiler().WithSkipStages(skip...)
		if c.Compile(part); c.Failed() {
			return rego.PreparedEvalQuery{}, c.Errors
		}
		return rego.New(
			rego.Compiler(c),
			rego.Query(Query),
			rego.Store(store(b)),
			rego.SetRegoVersion(ast.RegoV1),
		).PrepareForEval(ctx)
	})
	if err != nil {
		return nil, fmt.Errorf("indexing compiled policies: %w", err)
	}
	return &Engine{parts: queries, Catalog: s.catalog, Defaults: b.Defaults(), SHA256: b.SHA256, Precompiled: true}, nil
}

// Catalogue is the bundle's requirement catalogue: from the snapshot when it
// matches the bundle, else parsed (NewCatalog). `rules`, `explain` and a run
// with no file to check need it without compiling.
func Catalogue(fsys fs.FS, compiled []byte) (*catalog.Catalog, error) {
	if s, err := readSnapshot(compiled); err == nil {
		if sha, err := SHA256(fsys); err == nil && sha == s.sha {
			return s.catalog, nil
		}
	}
	b, err := LoadBundle(fsys, false)
	if err != nil {
		return nil, err
	}
	return NewCatalog(b)
}
