package engine

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/open-policy-agent/opa/v1/ast"
)

// A compact binary form of compiled modules (Snapshot). OPA can print a
// module but not read back what its compiler made of it (generated variables,
// calls with output arguments), and its JSON form loses locations and fails
// to decode compiled terms, so the few node types a compiled module holds are
// written here. Locations keep file, row and column, which evaluation errors
// name: those of rules, heads and their terms, expressions and their `with`,
// `some` and `every` parts, packages and imports. Other terms' locations
// are read only by traces and stack traces, which smcheck does not enable;
// leaving them out makes reading the snapshot a third cheaper. Source text,
// comments and annotations are left out too: the compiler has already
// replaced every rego.metadata call with its value.
//
// Every value is a uvarint: a string is its index in the string table, a
// list its length and then its elements, a location 0 (none) or 1 + the file's
// index and then row and column.

// Term kinds.
const (
	kNull = iota
	kTrue
	kFalse
	kNumber
	kString
	kVar
	kRef
	kArray
	kObject
	kSet
	kCall
	kArrayComprehension
	kSetComprehension
	kObjectComprehension
)

// Expression kinds (Expr.Terms).
const (
	xTerm = iota
	xCall
	xSome
	xEvery
)

type encoder struct {
	buf []byte
	tab *strtab
	err error
	// inHead is set while a rule head is written: its terms keep their
	// locations (conflict errors name them).
	inHead bool
}

// strtab is a string table; encoders that share one write into one snapshot.
type strtab struct {
	index map[string]uint64
	list  []string
}

func newEncoder(tab *strtab) *encoder {
	if tab == nil {
		tab = &strtab{index: map[string]uint64{}}
	}
	return &encoder{tab: tab}
}

func (e *encoder) uint(v uint64) { e.buf = binary.AppendUvarint(e.buf, v) }

func (e *encoder) int(v int) { e.buf = binary.AppendVarint(e.buf, int64(v)) }

func (e *encoder) bool(b bool) {
	if b {
		e.uint(1)
	} else {
		e.uint(0)
	}
}

// index is s's place in the string table.
func (e *encoder) index(s string) uint64 {
	i, ok := e.tab.index[s]
	if !ok {
		i = uint64(len(e.tab.list))
		e.tab.index[s] = i
		e.tab.list = append(e.tab.list, s)
	}
	return i
}

func (e *encoder) strs(list []string) {
	e.uint(uint64(len(list)))
	for _, s := range list {
		e.str(s)
	}
}

// raw writes s itself, not through the string table.
func (e *encoder) raw(s string) {
	e.uint(uint64(len(s)))
	e.buf = append(e.buf, s...)
}

func (e *encoder) str(s string) { e.uint(e.index(s)) }

func (e *encoder) fail(format string, args ...any) {
	if e.err == nil {
		e.err = fmt.Errorf(format, args...)
	}
}

// table writes the string table.
func (e *encoder) table() {
	e.uint(uint64(len(e.tab.list)))
	for _, s := range e.tab.list {
		e.raw(s)
	}
}

func (e *encoder) termLoc(l *ast.Location) {
	if !e.inHead {
		l = nil
	}
	e.loc(l)
}

func (e *encoder) loc(l *ast.Location) {
	if l == nil {
		e.uint(0)
		return
	}
	e.uint(e.index(l.File) + 1)
	e.int(l.Row)
	e.int(l.Col)
}

func (e *encoder) module(m *ast.Module) {
	span := m.RegoVersionSpan()
	e.int(int(span.Min()))
	e.int(int(span.Max()))
	e.terms(m.Package.Path)
	e.loc(m.Package.Location)
	e.uint(uint64(len(m.Imports)))
	for _, imp := range m.Imports {
		e.term(imp.Path)
		e.str(string(imp.Alias))
		e.loc(imp.Location)
	}
	e.uint(uint64(len(m.Rules)))
	for _, r := range m.Rules {
		e.rule(r)
	}
}

func (e *encoder) rule(r *ast.Rule) {
	e.bool(r.Default)
	h := r.Head
	e.str(string(h.Name))
	e.inHead = true
	e.terms(h.Reference)
	e.terms(h.Args)
	e.optTerm(h.Key)
	e.optTerm(h.Value)
	e.inHead = false
	e.bool(h.Assign)
	e.loc(h.Location)
	e.body(r.Body)
	e.loc(r.Location)
	e.bool(r.Else != nil)
	if r.Else != nil {
		e.rule(r.Else)
	}
}

func (e *encoder) body(b ast.Body) {
	e.uint(uint64(len(b)))
	for _, x := range b {
		e.expr(x)
	}
}

func (e *encoder) expr(x *ast.Expr) {
	e.int(x.Index)
	e.bool(x.Negated)
	e.bool(x.Generated)
	e.loc(x.Location)
	switch t := x.Terms.(type) {
	case *ast.Term:
		e.uint(xTerm)
		e.term(t)
	case []*ast.Term:
		e.uint(xCall)
		e.terms(t)
	case *ast.SomeDecl:
		e.uint(xSome)
		e.terms(t.Symbols)
		e.loc(t.Location)
	case *ast.Every:
		e.uint(xEvery)
		e.optTerm(t.Key)
		e.term(t.Value)
		e.term(t.Domain)
		e.body(t.Body)
		e.loc(t.Location)
	default:
		e.fail("expression %v: cannot encode %T", x, x.Terms)
	}
	e.uint(uint64(len(x.With)))
	for _, w := range x.With {
		e.term(w.Target)
		e.term(w.Value)
		e.loc(w.Location)
	}
}

func (e *encoder) optTerm(t *ast.Term) {
	e.bool(t != nil)
	if t != nil {
		e.term(t)
	}
}

func (e *encoder) terms(ts []*ast.Term) {
	e.uint(uint64(len(ts)))
	for _, t := range ts {
		e.term(t)
	}
}

func (e *encoder) array(a *ast.Array) {
	e.uint(uint64(a.Len()))
	for i := range a.Len() {
		e.term(a.Elem(i))
	}
}

func (e *encoder) term(t *ast.Term) {
	switch v := t.Value.(type) {
	case ast.Null:
		e.uint(kNull)
	case ast.Boolean:
		if v {
			e.uint(kTrue)
		} else {
			e.uint(kFalse)
		}
	case ast.Number:
		e.uint(kNumber)
		e.str(string(v))
	case ast.String:
		e.uint(kString)
		e.str(string(v))
	case ast.Var:
		e.uint(kVar)
		e.str(string(v))
	case ast.Ref:
		e.uint(kRef)
		e.terms(v)
	case *ast.Array:
		e.uint(kArray)
		e.array(v)
	case ast.Object:
		e.uint(kObject)
		e.uint(uint64(v.Len()))
		v.Foreach(func(k, val *ast.Term) {
			e.term(k)
			e.term(val)
		})
	case ast.Set:
		e.uint(kSet)
		e.array(v.Sorted())
	case ast.Call:
		e.uint(kCall)
		e.terms(v)
	case *ast.ArrayComprehension:
		e.uint(kArrayComprehension)
		e.term(v.Term)
		e.body(v.Body)
	case *ast.SetComprehension:
		e.uint(kSetComprehension)
		e.term(v.Term)
		e.body(v.Body)
	case *ast.ObjectComprehension:
		e.uint(kObjectComprehension)
		e.term(v.Key)
		e.term(v.Value)
		e.body(v.Body)
	default:
		e.fail("term %v: cannot encode %T", t, t.Value)
		return
	}
	e.termLoc(t.Location)
}

var errTruncated = errors.New("truncated")

type decoder struct {
	buf  []byte
	strs []string
	err  error
	// Terms and expressions are allocated in blocks: there are tens of
	// thousands, and reading them is on every run's path.
	termBlock []ast.Term
	exprBlock []ast.Expr
	locBlock  []ast.Location
	depth     int // of nested terms and bodies: a corrupt input may nest without end
}

// maxDepth is far deeper than any policy nests, and shallow enough for the stack.
const maxDepth = 1000

// capped is the initial capacity of a list of n nodes.
func capped(n int) int { return min(n, 16) }

// enter and leave bound the nesting depth.
func (d *decoder) enter() bool {
	d.depth++
	if d.depth > maxDepth {
		if d.err == nil {
			d.err = errors.New("nested too deeply")
		}
		d.buf = nil
		return false
	}
	return true
}

func (d *decoder) leave() { d.depth-- }

const block = 512

func (d *decoder) newTerm(v ast.Value, l *ast.Location) *ast.Term {
	if len(d.termBlock) == 0 {
		d.termBlock = make([]ast.Term, block)
	}
	t := &d.termBlock[0]
	d.termBlock = d.termBlock[1:]
	t.Value, t.Location = v, l
	return t
}

func (d *decoder) newExpr() *ast.Expr {
	if len(d.exprBlock) == 0 {
		d.exprBlock = make([]ast.Expr, block)
	}
	x := &d.exprBlock[0]
	d.exprBlock = d.exprBlock[1:]
	return x
}

// table reads the string table.
func (d *decoder) table() {
	n := d.count()
	d.strs = make([]string, 0, n)
	for range n {
		d.strs = append(d.strs, d.raw())
	}
}

func (d *decoder) uint() uint64 {
	v, n := binary.Uvarint(d.buf)
	if n <= 0 {
		if d.err == nil {
			d.err = errTruncated
		}
		d.buf = nil
		return 0
	}
	d.buf = d.buf[n:]
	return v
}

func (d *decoder) int() int {
	v, n := binary.Varint(d.buf)
	if n <= 0 {
		if d.err == nil {
			d.err = errTruncated
		}
		d.buf = nil
		return 0
	}
	d.buf = d.buf[n:]
	return int(v)
}

// count is a list length, bounded by what is left. Lists of nodes are not
// allocated at that length but grown as elements are read (capped below),
// so that a corrupt length cannot allocate more than the input warrants.
func (d *decoder) count() int {
	n := d.uint()
	if n > uint64(len(d.buf)) {
		if d.err == nil {
			d.err = errTruncated
		}
		d.buf = nil
		return 0
	}
	return int(n)
}

// raw reads a string written by encoder.raw.
func (d *decoder) raw() string {
	n := d.count()
	s := string(d.buf[:n])
	d.buf = d.buf[n:]
	return s
}

func (d *decoder) strList() []string {
	n := d.count()
	out := make([]string, 0, capped(n))
	for range n {
		out = append(out, d.str())
	}
	return out
}

func (d *decoder) bool() bool { return d.uint() != 0 }

func (d *decoder) str() string {
	i := d.uint()
	if i >= uint64(len(d.strs)) {
		if d.err == nil {
			d.err = fmt.Errorf("string %d out of range", i)
		}
		return ""
	}
	return d.strs[i]
}

func (d *decoder) loc() *ast.Location {
	f := d.uint()
	if f == 0 {
		return nil
	}
	row, col := d.int(), d.int()
	if f-1 >= uint64(len(d.strs)) {
		if d.err == nil {
			d.err = fmt.Errorf("file %d out of range", f-1)
		}
		return nil
	}
	if len(d.locBlock) == 0 {
		d.locBlock = make([]ast.Location, block)
	}
	l := &d.locBlock[0]
	d.locBlock = d.locBlock[1:]
	l.File, l.Row, l.Col = d.strs[f-1], row, col
	return l
}

func (d *decoder) module() *ast.Module {
	m := &ast.Module{Package: &ast.Package{}}
	span, err := ast.NewRegoVersionSpan(ast.RegoVersion(d.int()), ast.RegoVersion(d.int()))
	if err != nil && d.err == nil {
		d.err = err
	}
	m.SetRegoVersionSpan(span)
	m.Package.Path = ast.Ref(d.terms())
	m.Package.Location = d.loc()
	for range d.count() {
		imp := &ast.Import{Path: d.term()}
		imp.Alias = ast.Var(d.str())
		imp.Location = d.loc()
		m.Imports = append(m.Imports, imp)
	}
	n := d.count()
	m.Rules = make([]*ast.Rule, 0, capped(n))
	for range n {
		m.Rules = append(m.Rules, d.rule(m))
	}
	return m
}

func (d *decoder) rule(m *ast.Module) *ast.Rule {
	r := &ast.Rule{Module: m, Default: d.bool(), Head: &ast.Head{}}
	h := r.Head
	h.Name = ast.Var(d.str())
	h.Reference = d.terms()
	if args := d.terms(); len(args) > 0 {
		h.Args = args
	}
	h.Key = d.optTerm()
	h.Value = d.optTerm()
	h.Assign = d.bool()
	h.Location = d.loc()
	r.Body = d.body()
	r.Location = d.loc()
	if d.bool() && d.err == nil {
		r.Else = d.rule(m)
	}
	return r
}

func (d *decoder) body() ast.Body {
	if !d.enter() {
		return nil
	}
	defer d.leave()
	n := d.count()
	b := make(ast.Body, 0, capped(n))
	for range n {
		b = append(b, d.expr())
	}
	return b
}

func (d *decoder) expr() *ast.Expr {
	x := d.newExpr()
	x.Index, x.Negated, x.Generated, x.Location = d.int(), d.bool(), d.bool(), d.loc()
	switch k := d.uint(); k {
	case xTerm:
		x.Terms = d.term()
	case xCall:
		x.Terms = d.terms()
	case xSome:
		x.Terms = &ast.SomeDecl{Symbols: d.terms(), Location: d.loc()}
	case xEvery:
		ev := &ast.Every{Key: d.optTerm(), Value: d.term(), Domain: d.term()}
		ev.Body = d.body()
		ev.Location = d.loc()
		x.Terms = ev
	default:
		if d.err == nil {
			d.err = fmt.Errorf("unknown expression kind %d", k)
		}
	}
	if n := d.count(); n > 0 {
		x.With = make([]*ast.With, 0, capped(n))
		for range n {
			w := &ast.With{Target: d.term(), Value: d.term()}
			w.Location = d.loc()
			x.With = append(x.With, w)
		}
	}
	return x
}

func (d *decoder) optTerm() *ast.Term {
	if d.bool() {
		return d.term()
	}
	return nil
}

func (d *decoder) terms() []*ast.Term {
	n := d.count()
	if n == 0 {
		return nil
	}
	ts := make([]*ast.Term, 0, capped(n))
	for range n {
		ts = append(ts, d.term())
	}
	return ts
}

func (d *decoder) term() *ast.Term {
	if !d.enter() {
		return ast.NullTerm()
	}
	defer d.leave()
	var v ast.Value
	switch k := d.uint(); k {
	case kNull:
		v = ast.NullValue
	case kTrue:
		v = ast.Boolean(true)
	case kFalse:
		v = ast.Boolean(false)
	case kNumber:
		v = ast.Number(d.str())
	case kString:
		v = ast.String(d.str())
	case kVar:
		v = ast.Var(d.str())
	case kRef:
		v = ast.Ref(d.terms())
	case kArray:
		v = ast.NewArray(d.terms()...)
	case kObject:
		n := d.count()
		pairs := make([][2]*ast.Term, 0, capped(n))
		for range n {
			pairs = append(pairs, [2]*ast.Term{d.term(), d.term()})
		}
		v = ast.NewObject(pairs...)
	case kSet:
		v = ast.NewSet(d.terms()...)
	case kCall:
		v = ast.Call(d.terms())
	case kArrayComprehension:
		t := d.term()
		v = &ast.ArrayComprehension{Term: t, Body: d.body()}
	case kSetComprehension:
		t := d.term()
		v = &ast.SetComprehension{Term: t, Body: d.body()}
	case kObjectComprehension:
		key, val := d.term(), d.term()
		v = &ast.ObjectComprehension{Key: key, Value: val, Body: d.body()}
	default:
		if d.err == nil {
			d.err = fmt.Errorf("unknown term kind %d", k)
		}
		d.buf = nil
		return ast.NullTerm()
	}
	return d.newTerm(v, d.loc())
}
