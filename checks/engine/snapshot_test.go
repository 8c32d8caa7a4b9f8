package engine

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/metrics"

	"github.com/smcheck/smcheck/policies"
)

// compiled is the embedded bundle compiled with every stage, as Snapshot
// compiles it.
func compiled(t *testing.T) map[string]*ast.Module {
	t.Helper()
	b, err := LoadBundle(policies.FS, false)
	if err != nil {
		t.Fatal(err)
	}
	var c *ast.Compiler
	if _, err := prepare(context.Background(), b, sortedKeys(b.Modules), nil, func(cc *ast.Compiler) { c = cc }); err != nil {
		t.Fatal(err)
	}
	return c.Modules
}

// shape lists what printing a module leaves out and evaluation reads: each
// expression's index and flags, and every location.
func shape(m *ast.Module) []string {
	var out []string
	ast.WalkExprs(m, func(x *ast.Expr) bool {
		out = append(out, fmt.Sprintf("expr %d negated=%v generated=%v at %v", x.Index, x.Negated, x.Generated, locString(x.Location)))
		return false
	})
	ast.WalkTerms(m, func(t *ast.Term) bool {
		out = append(out, fmt.Sprintf("term %v at %v", t, locString(t.Location)))
		return false
	})
	ast.WalkRules(m, func(r *ast.Rule) bool {
		out = append(out, fmt.Sprintf("rule %v default=%v at %v, head at %v", r.Head.Ref(), r.Default, locString(r.Location), locString(r.Head.Location)))
		return false
	})
	return out
}

func locString(l *ast.Location) string {
	if l == nil {
		return "-"
	}
	return fmt.Sprintf("%s:%d:%d", l.File, l.Row, l.Col)
}

// TestCodecRoundTrip decodes every encoded compiled module of the bundle and
// compares it with the original less what the codec leaves out (annotations,
// comments, the locations of terms outside rule heads): its printed form,
// OPA's equality and what printing leaves out.
func TestCodecRoundTrip(t *testing.T) {
	mods := compiled(t)
	for _, name := range sortedKeys(mods) {
		m := mods[name].Copy()
		m.Annotations, m.Comments = nil, nil
		head := map[*ast.Term]bool{}
		ast.WalkRules(m, func(r *ast.Rule) bool {
			r.Annotations = nil
			ast.WalkTerms(r.Head, func(x *ast.Term) bool {
				head[x] = true
				return false
			})
			return false
		})
		ast.WalkTerms(m, func(x *ast.Term) bool {
			if !head[x] {
				x.Location = nil
			}
			return false
		})
		e := newEncoder(nil)
		e.module(m)
		if e.err != nil {
			t.Fatalf("%s: %v", name, e.err)
		}
		tab := newEncoder(e.tab)
		tab.table()
		d := &decoder{buf: append(tab.buf, e.buf...)}
		d.table()
		got := d.module()
		if d.err != nil || len(d.buf) > 0 {
			t.Fatalf("%s: decoding: %v (%d bytes left)", name, d.err, len(d.buf))
		}
		if got.String() != m.String() {
			t.Errorf("%s: printed differently:\n%s", name, cmp.Diff(m.String(), got.String()))
		}
		if !got.Equal(m) {
			t.Errorf("%s: not Equal", name)
		}
		if diff := cmp.Diff(shape(m), shape(got)); diff != "" {
			t.Errorf("%s: indexes, flags or locations differ:\n%s", name, diff)
		}
		if got.RegoVersionSpan() != m.RegoVersionSpan() {
			t.Errorf("%s: Rego version %v, want %v", name, got.RegoVersionSpan(), m.RegoVersionSpan())
		}
		for _, r := range got.Rules {
			if r.Module != got {
				t.Errorf("%s: rule %v does not point at its module", name, r.Head.Ref())
			}
		}
	}
}

// TestCodecRefusesWhatItCannotWrite: a node type the codec does not know is
// an error when the snapshot is made, not a silent loss.
func TestCodecRefusesWhatItCannotWrite(t *testing.T) {
	e := newEncoder(nil)
	e.term(ast.NewTerm(&ast.TemplateString{}))
	if e.err == nil || !strings.Contains(e.err.Error(), "cannot encode") {
		t.Fatalf("err = %v, want cannot encode", e.err)
	}
}

func TestSnapshotIsDeterministic(t *testing.T) {
	ctx := context.Background()
	a, err := Snapshot(ctx, policies.FS)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Snapshot(ctx, policies.FS)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatal("two snapshots of the same bundle differ")
	}
}

// TestSnapshotCatalogue: the catalogue read from a snapshot is the one
// parsed from the bundle, Rego text included.
func TestSnapshotCatalogue(t *testing.T) {
	snap, err := Snapshot(context.Background(), policies.FS)
	if err != nil {
		t.Fatal(err)
	}
	b, err := LoadBundle(policies.FS, false)
	if err != nil {
		t.Fatal(err)
	}
	want, err := NewCatalog(b)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Catalogue(policies.FS, snap)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(*want)); diff != "" {
		t.Fatalf("catalogue differs (-parsed +snapshot):\n%s", diff)
	}
	if got.Rules[0].Rego == "" {
		t.Fatal("no Rego text in the snapshot's catalogue")
	}
}

// TestStaleSnapshotIsIgnored: a snapshot of other policies, of another OPA
// or a damaged one is not used; New compiles the bundle instead and gives
// the same engine.
func TestStaleSnapshotIsIgnored(t *testing.T) {
	ctx := context.Background()
	snap, err := Snapshot(ctx, policies.FS)
	if err != nil {
		t.Fatal(err)
	}
	changed := copyFS(t, policies.FS)
	p := "smcheck/rules/p01_purpose/p01_purpose.rego"
	changed[p].Data = append(changed[p].Data, "\n# a change\n"...)
	otherOPA := bytes.Replace(snap, []byte(opaVersionForTest()), []byte("0.0.0-other"), 1)
	damaged := bytes.Clone(snap)
	damaged[len(damaged)-100] ^= 1
	cases := []struct {
		name string
		fsys fs.FS
		snap []byte
		want error
	}{
		{"policies changed", changed, snap, errStale},
		{"other OPA", policies.FS, otherOPA, errStale},
		{"truncated", policies.FS, snap[:len(snap)/2], nil},
		{"one bit flipped", policies.FS, damaged, nil},
		{"not a snapshot", policies.FS, []byte("hello"), nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := fromSnapshot(ctx, tc.fsys, tc.snap, 2, make(chan struct{}, 2))
			if err == nil {
				t.Fatal("the snapshot was used")
			}
			if tc.want != nil && !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			e, err := New(ctx, tc.fsys, Options{Parts: 2, Compiled: tc.snap})
			if err != nil {
				t.Fatalf("New did not fall back to compiling: %v", err)
			}
			if e.Precompiled {
				t.Fatal("New says it used the snapshot")
			}
			if _, err := Catalogue(tc.fsys, tc.snap); err != nil {
				t.Fatalf("Catalogue did not fall back to parsing: %v", err)
			}
		})
	}
	e, err := New(ctx, policies.FS, Options{Parts: 2, Compiled: snap})
	if err != nil || !e.Precompiled {
		t.Fatalf("a current snapshot was not used: %v", err)
	}
}

func opaVersionForTest() string {
	s, err := readSnapshot(mustSnapshot())
	if err != nil {
		panic(err)
	}
	return s.opa
}

func mustSnapshot() []byte {
	snap, err := Snapshot(context.Background(), policies.FS)
	if err != nil {
		panic(err)
	}
	return snap
}

func copyFS(t *testing.T, fsys fs.FS) fstest.MapFS {
	t.Helper()
	out := fstest.MapFS{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		out[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestSnapshotRunsOnlyIndexStages: reading a snapshot runs only the stages
// that build indexes. A stage a new OPA adds would run on compiled modules
// too; this test names it, to be listed in stages.
func TestSnapshotRunsOnlyIndexStages(t *testing.T) {
	mods := compiled(t)
	m := metrics.New()
	c := ast.NewCompiler().WithSkipStages(notKept(true)...).WithMetrics(m)
	if c.Compile(mods); c.Failed() {
		t.Fatal(c.Errors)
	}
	want := map[string]bool{
		"timer_compile_stage_init_local_var_gen_ns":            true,
		"timer_compile_stage_set_module_tree_ns":               true,
		"timer_compile_stage_set_rule_tree_ns":                 true,
		"timer_compile_stage_rebuild_indices_ns":               true,
		"timer_compile_stage_rebuild_comprehension_indices_ns": true,
	}
	for name := range m.All() {
		if strings.HasPrefix(name, "timer_compile_stage") && !want[name] {
			t.Errorf("stage %s ran on compiled modules", name)
		}
	}
	if len(stages) != 35 {
		t.Errorf("%d stages listed; OPA %s has 35", len(stages), opaVersionForTest())
	}
}

// TestDecoderBoundsCorruptInput: lengths and nesting that no snapshot has are
// errors, read without allocating what they claim or exhausting the stack.
func TestDecoderBoundsCorruptInput(t *testing.T) {
	nested := bytes.Repeat([]byte{kRef, 1}, 5000) // refs in refs, 5000 deep
	huge := []byte{kArray, 0xff, 0xff, 0xff, 0xff, 0x0f}
	for name, buf := range map[string][]byte{"nested": nested, "huge count": huge} {
		d := &decoder{buf: buf, strs: []string{"x"}}
		allocs := testing.AllocsPerRun(1, func() {
			d = &decoder{buf: buf, strs: []string{"x"}}
			d.term()
		})
		if d.err == nil {
			t.Errorf("%s: no error", name)
		}
		if allocs > 20000 {
			t.Errorf("%s: %v allocations", name, allocs)
		}
	}
}

// TestDecoderSurvivesDamage: every module of the bundle, encoded and then
// damaged in one to four random bytes, decodes to a module or an error,
// never a panic. (A damaged embedded snapshot is caught by its checksum;
// this is the decoder's own guard.)
func TestDecoderSurvivesDamage(t *testing.T) {
	b, err := LoadBundle(policies.FS, false)
	if err != nil {
		t.Fatal(err)
	}
	tab := newEncoder(nil)
	var encoded [][]byte
	for _, name := range sortedKeys(b.Modules) {
		e := newEncoder(tab.tab)
		e.module(b.Modules[name])
		encoded = append(encoded, e.buf)
	}
	r := rand.New(rand.NewPCG(1, 2))
	errs := 0
	for range 3000 {
		buf := bytes.Clone(encoded[r.IntN(len(encoded))])
		for range 1 + r.IntN(4) {
			buf[r.IntN(len(buf))] = byte(r.IntN(256))
		}
		d := &decoder{buf: buf, strs: tab.tab.list}
		if m := d.module(); m == nil {
			t.Fatal("no module and no panic: decode must return one")
		}
		if d.err != nil {
			errs++
		}
	}
	if errs == 0 {
		t.Fatal("3000 damaged modules and not one error: the decoder checks nothing")
	}
}
