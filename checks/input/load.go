package input

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// MaxNodes bounds alias expansion (clarifications C18): a billion-laughs file
// is an input error, not an out-of-memory crash. Only values reached through
// an alias or a merge key count; a large file without them is just large.
const MaxNodes = 1_000_000

// maxNodes is MaxNodes; tests lower it.
var maxNodes = MaxNodes

// Doc is one loaded agency file.
type Doc struct {
	// File is the name the file was given by (used in every location).
	File string
	// SHA256 of the file's bytes, for evidence in reports.
	SHA256 string
	// Value is the document as JSON-like Go values: map[string]any, []any,
	// string, bool, json.Number and nil. Dates are their YYYY-MM-DD text.
	Value any
	// Issues found while loading (IN-01, IN-02, IN-05, IN-08, IN-W1).
	Issues []Issue
	// Fatal is set when evaluation must not go on (IN-01, IN-02).
	Fatal bool
	// IntegralFloats are the paths of floats with no fraction (1.0, 1e2):
	// numbers here, but not integers in YAML 1.2, which validation needs
	// to know where the model wants an integer.
	IntegralFloats []Path

	root *yaml.Node
}

// Load parses one file. It never returns a Go error for bad content: problems
// become Issues. The name is used only for reporting.
func Load(name string, data []byte) *Doc {
	sum := sha256.Sum256(data)
	d := &Doc{File: name, SHA256: hex.EncodeToString(sum[:])}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		return d.fatal("IN-01", T("the file is not valid UTF-8 text", "filen är inte giltig UTF-8-text"), T("save the file as UTF-8", "spara filen som UTF-8"))
	}
	dec := yaml.NewDecoder(bytes.NewReader(yamlVersion11(data)))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return d.fatal("IN-01", noDocument, noDocumentHint)
		}
		return d.fatalAt("IN-01", yamlErrLine(err), T("not parseable as YAML: %s", "inte tolkbar som YAML: %s", yamlErrText(err)),
			T("fix the YAML syntax at that line", "rätta YAML-syntaxen på den raden"))
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		line := extra.Line
		if err != nil {
			line = yamlErrLine(err)
		}
		return d.fatalAt("IN-01", line, T("the file holds more than one YAML document", "filen innehåller mer än ett YAML-dokument"),
			T("keep one agency per file and remove the extra '---' separator", "beskriv en myndighet per fil och ta bort den extra avgränsaren '---'"))
	}
	if len(doc.Content) == 0 {
		return d.fatal("IN-01", noDocument, noDocumentHint)
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" && root.Value == "" && root.Style&yaml.TaggedStyle == 0 && root.Anchor == "" {
		// A bare '---' is an empty document (C17), not an explicit null.
		return d.fatal("IN-01", noDocument, noDocumentHint)
	}
	d.root = root
	c := converter{doc: d}
	v, ok := c.convert(root, Root)
	if c.fatal != nil {
		d.Issues = []Issue{*c.fatal}
		d.Fatal = true
		return d
	}
	if _, isMap := v.(map[string]any); !isMap || !ok {
		iss := NewIssueText("IN-02", "$", T("the top level is %s, not a mapping of keys", "översta nivån är %s, inte en mappning av nycklar", describeNode(root)),
			T("start the file with keys such as schema_version: 1 and agency:", "börja filen med nycklar som schema_version: 1 och agency:"))
		iss.Line, iss.Column = root.Line, root.Column
		d.Issues = append([]Issue{iss}, d.Issues...)
		d.Fatal = true
		return d
	}
	d.Value = v
	return d
}

// yamlDirective is a %YAML directive with a 1.x version other than 1.1.
var yamlDirective = regexp.MustCompile(`^%YAML[ \t]+(1\.[0-9]+)(?:[ \t]|$)`)

// yamlVersion11 rewrites a "%YAML 1.2" directive (or any 1.x) at the start of
// the file to "%YAML 1.1", padded to the same length so that lines and
// columns stay. The file is read as YAML 1.2 either way (model.md §1), but
// yaml.v3 rejects any version other than 1.1 as an incompatible document.
func yamlVersion11(data []byte) []byte {
	var out []byte
	rest := data
	for off := 0; len(rest) > 0; {
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line = rest[:i+1]
		}
		text := bytes.TrimRight(line, "\r\n")
		switch trimmed := bytes.TrimLeft(text, " \t"); {
		case len(trimmed) == 0 || trimmed[0] == '#':
			// blank or comment: the prologue goes on
		case text[0] == '%':
			if m := yamlDirective.FindSubmatchIndex(text); m != nil && string(text[m[2]:m[3]]) != "1.1" {
				if out == nil {
					out = append([]byte(nil), data...)
				}
				v := out[off+m[2] : off+m[3]]
				copy(v, "1.1")
				for i := 3; i < len(v); i++ {
					v[i] = ' '
				}
			}
		default:
			if out == nil {
				return data
			}
			return out
		}
		off += len(line)
		rest = rest[len(line):]
	}
	if out == nil {
		return data
	}
	return out
}

// The message and hint of a file without a YAML document.
var (
	noDocument     = T("the file holds no YAML document", "filen innehåller inget YAML-dokument")
	noDocumentHint = T("write the agency description, starting with schema_version: 1", "skriv beskrivningen av myndigheten och börja med schema_version: 1")
)

func (d *Doc) fatal(code string, msg, hint Text) *Doc { return d.fatalAt(code, 0, msg, hint) }

func (d *Doc) fatalAt(code string, line int, msg, hint Text) *Doc {
	iss := NewIssueText(code, "$", msg, hint)
	iss.Line = line
	if line > 0 {
		iss.Column = 1
	}
	d.Issues = append(d.Issues, iss)
	d.Fatal = true
	return d
}

type converter struct {
	doc   *Doc
	nodes int // values converted through aliases and merges
	// expanding is how many aliases or merge keys the conversion is inside.
	expanding int
	active    map[*yaml.Node]bool
	fatal     *Issue
}

func (c *converter) issue(code string, n *yaml.Node, p Path, msg, hint Text) {
	iss := NewIssueText(code, p.String(), msg, hint)
	iss.Line, iss.Column = n.Line, n.Column
	iss.At = append(Path(nil), p...)
	c.doc.Issues = append(c.doc.Issues, iss)
}

// convert returns the Go value of n; ok is false when the value is unusable
// (reported already) and must count as absent.
func (c *converter) convert(n *yaml.Node, p Path) (any, bool) {
	if c.fatal != nil {
		return nil, false
	}
	if c.expanding > 0 {
		c.nodes++
	}
	if c.nodes > maxNodes {
		iss := NewIssueText("IN-01", "$", T("aliases expand to more than %d values", "aliasen expanderar till fler än %d värden", MaxNodes),
			T("remove the alias chain that multiplies the document", "ta bort aliaskedjan som mångfaldigar dokumentet"))
		iss.Line, iss.Column = n.Line, n.Column
		c.fatal = &iss
		return nil, false
	}
	switch n.Kind {
	case yaml.AliasNode:
		if c.active[n.Alias] {
			iss := NewIssueText("IN-01", "$", T("the alias *%s refers to itself (at %s)", "aliaset *%s hänvisar till sig självt (vid %s)", n.Value, p.String()),
				T("replace the recursive alias by a value", "ersätt det rekursiva aliaset med ett värde"))
			iss.Line, iss.Column = n.Line, n.Column
			c.fatal = &iss
			return nil, false
		}
		c.expanding++
		defer func() { c.expanding-- }()
		return c.convert(n.Alias, p)
	case yaml.DocumentNode:
		return c.convert(n.Content[0], p)
	case yaml.SequenceNode:
		c.enter(n)
		defer c.leave(n)
		out := make([]any, len(n.Content))
		for i, item := range n.Content {
			out[i], _ = c.convert(item, p.Index(i))
		}
		return out, true
	case yaml.MappingNode:
		c.enter(n)
		defer c.leave(n)
		out := make(map[string]any, len(n.Content)/2)
		c.mapping(n, p, out, map[string]bool{})
		return out, true
	}
	return c.scalar(n, p)
}

func (c *converter) enter(n *yaml.Node) {
	if c.active == nil {
		c.active = map[*yaml.Node]bool{}
	}
	c.active[n] = true
}

func (c *converter) leave(n *yaml.Node) { delete(c.active, n) }

// mapping fills out from n. Keys written in n win over merged ones (C32);
// a key written twice is IN-08 and the last one wins (C19).
func (c *converter) mapping(n *yaml.Node, p Path, out map[string]any, written map[string]bool) {
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			if !mergeable(v) {
				// Common YAML parsers (C32) reject the file: IN-01.
				iss := NewIssueText("IN-01", "$",
					T("the merge key << at %s needs a mapping or a list of mappings, such as *defaults",
						"sammanslagningsnyckeln << vid %s kräver en mappning eller en lista av mappningar, till exempel *defaults", p.String()),
					T("merge an anchored mapping, or remove the << line", "slå samman en mappning som har ett ankare, eller ta bort raden med <<"))
				iss.Line, iss.Column = k.Line, k.Column
				c.fatal = &iss
				return
			}
			merges = append(merges, v)
			continue
		}
		if k.Kind != yaml.ScalarNode || k.Tag != "!!str" {
			c.issue("IN-W1", k, p, T("the key %q is not a string and is ignored", "nyckeln %q är inte text och ignoreras", k.Value),
				T("use the model's key names", "använd nyckelnamnen i datamodellen"))
			continue
		}
		if written[k.Value] {
			c.issue("IN-08", k, p.Key(k.Value),
				T("the key %q appears more than once in this mapping; the last value is used",
					"nyckeln %q förekommer mer än en gång i den här mappningen; det sista värdet används", k.Value),
				T("remove the duplicate key", "ta bort den dubblerade nyckeln"))
		}
		written[k.Value] = true
		val, ok := c.convert(v, p.Key(k.Value))
		if ok {
			out[k.Value] = val
		} else {
			out[k.Value] = nil
		}
	}
	c.expanding++
	defer func() { c.expanding-- }()
	for _, m := range merges {
		for _, src := range mergeSources(m) {
			vals := make(map[string]any)
			c.mapping(src, p, vals, map[string]bool{})
			for k, v := range vals {
				if _, set := out[k]; !set {
					out[k] = v
				}
			}
		}
	}
}

// mergeable reports whether v is a valid merge key value: a mapping or a
// list of mappings, directly or through aliases.
func mergeable(v *yaml.Node) bool {
	v = deref(v)
	switch v.Kind {
	case yaml.MappingNode:
		return true
	case yaml.SequenceNode:
		for _, item := range v.Content {
			if deref(item).Kind != yaml.MappingNode {
				return false
			}
		}
		return true
	}
	return false
}

// mergeSources lists the mappings a merge key value names, nearest first.
func mergeSources(v *yaml.Node) []*yaml.Node {
	v = deref(v)
	switch v.Kind {
	case yaml.MappingNode:
		return []*yaml.Node{v}
	case yaml.SequenceNode:
		var out []*yaml.Node
		for _, item := range v.Content {
			if item = deref(item); item.Kind == yaml.MappingNode {
				out = append(out, item)
			}
		}
		return out
	}
	return nil
}

func deref(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

func (c *converter) scalar(n *yaml.Node, p Path) (any, bool) {
	switch n.Tag {
	case "!!null":
		return nil, true
	case "!!bool":
		var b bool
		if err := n.Decode(&b); err == nil {
			return b, true
		}
		return n.Value, true
	case "!!int", "!!float":
		// Plain, or explicitly tagged (schema_version: !!int 1): a number.
		// A quoted scalar without a tag is a string.
		if n.Style == 0 || n.Style&yaml.TaggedStyle != 0 {
			return c.number(n, p)
		}
	case "!!str":
		// yaml.v3 leaves hex and octal integers beyond 64 bits, and floats
		// beyond float64 (1e400), as strings; YAML 1.2 reads them as numbers.
		if n.Style == 0 && (octInt.MatchString(n.Value) || hexInt.MatchString(n.Value) || coreNum.MatchString(n.Value)) {
			return c.number(n, p)
		}
	}
	// !!str, !!timestamp (kept as written: model.md §1 wants dates as
	// YYYY-MM-DD text whether quoted or not), !!binary and local tags.
	return n.Value, true
}

func describeNode(n *yaml.Node) Text {
	n = deref(n)
	switch n.Kind {
	case yaml.SequenceNode:
		return T("a list", "en lista")
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return T("null", "null")
		}
		return T("the scalar %q", "det enkla värdet %q", n.Value)
	}
	return T("not a mapping", "inte en mappning")
}

// yamlErrLine and yamlErrText split yaml.v3's "yaml: line N: msg" errors.
func yamlErrLine(err error) int {
	var line int
	if _, scanErr := fmt.Sscanf(err.Error(), "yaml: line %d:", &line); scanErr == nil {
		return line
	}
	return 0
}

func yamlErrText(err error) Text {
	s := strings.TrimPrefix(err.Error(), "yaml: ")
	if strings.HasPrefix(s, "line ") {
		if _, rest, ok := strings.Cut(s, ": "); ok {
			return yamlProblemText(rest)
		}
	}
	return yamlProblemText(s)
}

// YAML 1.2 core schema numbers (model.md §1). yaml.v3 also resolves YAML 1.1
// forms (0701 as octal, 1_000): those are read as 1.2 would read them.
var (
	decInt   = regexp.MustCompile(`^[-+]?[0-9]+$`)
	octInt   = regexp.MustCompile(`^0o[0-7]+$`)
	hexInt   = regexp.MustCompile(`^0x[0-9a-fA-F]+$`)
	coreNum  = regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`)
	infOrNaN = regexp.MustCompile(`^([-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$`)
)

func (c *converter) number(n *yaml.Node, p Path) (any, bool) {
	v := n.Value
	// Integers have no size limit in YAML 1.2: beyond int64 they stay exact
	// in the json.Number.
	bigInt := func(s string, base int) (any, bool) {
		if i, ok := new(big.Int).SetString(s, base); ok {
			return json.Number(i.String()), true
		}
		return nil, false
	}
	switch {
	case decInt.MatchString(v):
		if n.Tag == "!!float" && n.Style&yaml.TaggedStyle != 0 { // schema_version: !!float 1
			c.doc.IntegralFloats = append(c.doc.IntegralFloats, append(Path(nil), p...))
		}
		if i, err := strconv.ParseInt(v, 10, 64); err == nil {
			return json.Number(strconv.FormatInt(i, 10)), true
		}
		if j, ok := bigInt(v, 10); ok {
			return j, true
		}
	case octInt.MatchString(v):
		if i, err := strconv.ParseInt(v[2:], 8, 64); err == nil {
			return json.Number(strconv.FormatInt(i, 10)), true
		}
		if j, ok := bigInt(v[2:], 8); ok {
			return j, true
		}
	case hexInt.MatchString(v):
		if i, err := strconv.ParseInt(v[2:], 16, 64); err == nil {
			return json.Number(strconv.FormatInt(i, 10)), true
		}
		if j, ok := bigInt(v[2:], 16); ok {
			return j, true
		}
	case coreNum.MatchString(v):
		if f, err := strconv.ParseFloat(v, 64); err == nil && !math.IsInf(f, 0) {
			if f == math.Trunc(f) {
				c.doc.IntegralFloats = append(c.doc.IntegralFloats, append(Path(nil), p...))
			}
			return json.Number(strconv.FormatFloat(f, 'f', -1, 64)), true
		}
	case infOrNaN.MatchString(v):
	default:
		return v, true // not a number in YAML 1.2: a plain string
	}
	c.issue("IN-05", n, p, T("%q is not a finite number", "%q är inte ett ändligt tal", v), T("write a plain decimal number", "skriv ett vanligt decimaltal"))
	return nil, false
}
