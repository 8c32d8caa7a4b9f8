// Package schemadoc renders the data-model reference, docs/data-model.md,
// from the agency JSON Schema: one table row per key with its type, whether
// it is required, its allowed values, its description and the requirements
// that read it. The schema is the single source; the test of this package
// fails when the document is stale and rewrites it with -update.
package schemadoc

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// node is a JSON value that keeps the order of object keys.
type node struct {
	keys   []string
	fields map[string]*node
	list   []*node
	value  any // string, json.Number, bool or nil for scalars
	object bool
	array  bool
}

func (n *node) get(key string) *node {
	if n == nil || !n.object {
		return nil
	}
	return n.fields[key]
}

func (n *node) str(key string) string {
	if c := n.get(key); c != nil {
		s, _ := c.value.(string)
		return s
	}
	return ""
}

func parse(data []byte) (*node, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	n, err := parseValue(dec)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("schemadoc: trailing data after the schema")
	}
	return n, nil
}

func parseValue(dec *json.Decoder) (*node, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch tok {
	case json.Delim('{'):
		n := &node{object: true, fields: map[string]*node{}}
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return nil, err
			}
			k, _ := kt.(string)
			v, err := parseValue(dec)
			if err != nil {
				return nil, err
			}
			n.keys = append(n.keys, k)
			n.fields[k] = v
		}
		_, err := dec.Token()
		return n, err
	case json.Delim('['):
		n := &node{array: true}
		for dec.More() {
			v, err := parseValue(dec)
			if err != nil {
				return nil, err
			}
			n.list = append(n.list, v)
		}
		_, err := dec.Token()
		return n, err
	}
	return &node{value: tok}, nil
}

// scalar renders a scalar as YAML would show it.
func scalar(n *node) string {
	switch v := n.value.(type) {
	case nil:
		return "null"
	case string:
		if strings.ContainsAny(v, " :#,[]{}") {
			return `"` + v + `"`
		}
		return v
	default:
		return fmt.Sprint(v)
	}
}

// row is one key of the model.
type row struct {
	path, typ, req, values, desc, readBy string
}

// Ending sentences of descriptions (see checks/validate/reads_test.go).
const (
	readByPrefix = " Read by "
	noReader     = " Informational: no requirement reads it."
)

func splitReadBy(desc string) (text, readBy string) {
	if t, ok := strings.CutSuffix(desc, noReader); ok {
		return t, "—"
	}
	if i := strings.LastIndex(desc, readByPrefix); i >= 0 {
		return desc[:i], strings.TrimSuffix(desc[i+len(readByPrefix):], ".")
	}
	return desc, ""
}

type doc struct {
	defs *node
}

// resolve follows a $ref (or the first of allOf) into $defs.
func (d *doc) resolve(n *node) (*node, string) {
	ref := n.str("$ref")
	if all := n.get("allOf"); ref == "" && all != nil && len(all.list) > 0 {
		ref = all.list[0].str("$ref")
	}
	name, ok := strings.CutPrefix(ref, "#/$defs/")
	if !ok {
		return nil, ""
	}
	return d.defs.get(name), name
}

func types(n *node) []string {
	t := n.get("type")
	if t == nil {
		return nil
	}
	if !t.array {
		return []string{scalar(t)}
	}
	var out []string
	for _, c := range t.list {
		if s := scalar(c); s != "null" {
			out = append(out, s)
		}
	}
	return out
}

// typeOf names the type of a key as model.md does.
func (d *doc) typeOf(n *node) string {
	if _, name := d.resolve(n); name != "" {
		switch name {
		case "deadline_date":
			return "date (deadline)"
		case "date", "date_plain":
			return "date"
		default:
			return name
		}
	}
	var parts []string
	for _, t := range types(n) {
		switch t {
		case "object":
			parts = append(parts, "mapping")
		case "array":
			item := "value"
			if it := n.get("items"); it != nil {
				item = d.typeOf(it)
			}
			parts = append(parts, "list of "+item)
		case "string":
			switch {
			case n.get("enum") != nil:
				parts = append(parts, "enum")
			case n.str("format") == "http-url":
				parts = append(parts, "URL")
			default:
				parts = append(parts, "string")
			}
		default:
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, " or ")
}

// valuesOf lists the allowed values and limits of a key.
func (d *doc) valuesOf(n *node) string {
	var out []string
	add := func(n *node) {
		if c := n.get("const"); c != nil {
			out = append(out, "`"+scalar(c)+"`")
		}
		if e := n.get("enum"); e != nil {
			var vals []string
			for _, v := range e.list {
				if v.value != nil {
					vals = append(vals, "`"+scalar(v)+"`")
				}
			}
			out = append(out, strings.Join(vals, ", "))
		}
		if m := n.get("minimum"); m != nil {
			out = append(out, "≥ "+scalar(m))
		}
		if m := n.get("exclusiveMinimum"); m != nil {
			out = append(out, "> "+scalar(m))
		}
		switch n.str("format") {
		case "http-url":
			out = append(out, "absolute http(s) URL")
		case "org-number":
			out = append(out, "`NNNNNN-NNNN`, valid Luhn check digit")
		case "date":
			out = append(out, "`YYYY-MM-DD`")
		}
		if p := n.str("pattern"); p != "" {
			out = append(out, "pattern `"+p+"`")
		}
		if not := n.get("not"); not != nil && not.get("enum") != nil {
			var vals []string
			for _, v := range not.get("enum").list {
				vals = append(vals, "`"+scalar(v)+"`")
			}
			out = append(out, "not "+strings.Join(vals, " or "))
		}
	}
	add(n)
	if def, _ := d.resolve(n); def != nil {
		add(def)
	}
	if all := n.get("allOf"); all != nil {
		for _, c := range all.list {
			add(c)
		}
	}
	if it := n.get("items"); it != nil && it.get("properties") == nil {
		add(it)
		if def, _ := d.resolve(it); def != nil {
			add(def)
		}
	}
	if def := n.get("default"); def != nil {
		v := scalar(def)
		if def.array {
			items := make([]string, len(def.list))
			for i, c := range def.list {
				items[i] = scalar(c)
			}
			v = "[" + strings.Join(items, ", ") + "]"
		}
		out = append(out, "default `"+v+"`")
	}
	return strings.Join(out, "; ")
}

// rows lists the keys under n, depth first in schema order.
func (d *doc) rows(n *node, path string, out *[]row) {
	if it := n.get("items"); it != nil {
		d.rows(it, path+"[]", out)
	}
	props := n.get("properties")
	if props == nil {
		return
	}
	required := map[string]bool{}
	if r := n.get("required"); r != nil {
		for _, c := range r.list {
			required[scalar(c)] = true
		}
	}
	for _, k := range props.keys {
		c := props.fields[k]
		p := k
		if path != "" {
			p = path + "." + k
		}
		text, readBy := splitReadBy(c.str("description"))
		req := "no"
		if required[k] {
			req = "yes"
		}
		*out = append(*out, row{path: p, typ: d.typeOf(c), req: req, values: d.valuesOf(c), desc: text, readBy: readBy})
		d.rows(c, p, out)
	}
}

// cell escapes what would end a table cell or start emphasis.
var cellEscaper = strings.NewReplacer("|", `\|`, "*", `\*`, "\n", " ")

func cell(s string) string { return cellEscaper.Replace(s) }

func table(w *bytes.Buffer, rows []row) {
	w.WriteString("| Key | Type | Req | Values | Description | Read by |\n|---|---|---|---|---|---|\n")
	for _, r := range rows {
		fmt.Fprintf(w, "| `%s` | %s | %s | %s | %s | %s |\n",
			r.path, cell(r.typ), r.req, cell(r.values), cell(r.desc), cell(r.readBy))
	}
}

// anchor is GitHub's heading anchor for a heading of only a code span.
func anchor(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '_', r == '-':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		}
	}
	return b.String()
}

// Markdown renders the reference of the schema.
func Markdown(schema []byte) ([]byte, error) {
	root, err := parse(schema)
	if err != nil {
		return nil, fmt.Errorf("schemadoc: %w", err)
	}
	props := root.get("properties")
	if props == nil {
		return nil, errors.New("schemadoc: the schema has no properties")
	}
	d := &doc{defs: root.get("$defs")}
	var all []row
	d.rows(root, "", &all)

	var w bytes.Buffer
	w.WriteString(header)
	fmt.Fprintf(&w, "The schema's `$id` is `%s`.\n\n", root.str("$id"))

	// Sections: the top level, then each top-level mapping or list of mappings.
	var top []row
	var sections []string
	for _, r := range all {
		if !strings.ContainsAny(r.path, ".[") {
			top = append(top, r)
			c := props.get(r.path)
			if c.get("properties") != nil || c.get("items").get("properties") != nil {
				sections = append(sections, r.path)
			}
		}
	}
	w.WriteString("Sections: [top level](#top-level)")
	for _, s := range sections {
		fmt.Fprintf(&w, ", [`%s`](#%s)", s, anchor(s))
	}
	w.WriteString(".\n\n## Top level\n\n")
	table(&w, top)
	for _, s := range sections {
		fmt.Fprintf(&w, "\n## `%s`\n\n", s)
		c := props.get(s)
		intro, _ := splitReadBy(c.str("description"))
		if it := c.get("items"); it != nil && it.str("description") != "" {
			intro, _ = splitReadBy(it.str("description"))
		}
		if intro != "" {
			w.WriteString(intro + "\n\n")
		}
		var rows []row
		for _, r := range all {
			if strings.HasPrefix(r.path, s+".") || strings.HasPrefix(r.path, s+"[].") {
				rows = append(rows, r)
			}
		}
		table(&w, rows)
	}
	return w.Bytes(), nil
}

const header = `# Data model reference

<!-- Generated from checks/validate/agency.schema.json by
     go test ./internal/schemadoc -update
     Do not edit by hand: change the schema's descriptions and regenerate. -->

One YAML file describes one agency. This is every key of the JSON Schema
that smcheck validates it against (` + "`smcheck schema`" + ` prints the schema;
[editors.md](editors.md) shows how to use it in an editor). The normative
text is [spec/model.md](spec/model.md); the requirements are in
[spec/requirements.md](spec/requirements.md), and ` + "`smcheck explain ID`" + ` shows one.

- **Key**: the path, with ` + "`[]`" + ` for the items of a list.
- **Type**: ` + "`date`" + ` is ` + "`YYYY-MM-DD`" + `, quoted or not. A date is an event
  date (something that has happened; one later than the evaluation date is
  warning IN-W2 and counts as absent) unless marked *deadline*. ` + "`time`" + ` is a
  quoted ` + "`\"HH:MM\"`" + `. ` + "`id`" + ` is lower-case letters, digits and hyphens, unique in
  its list. An ` + "`integer`" + ` is written without a decimal point or exponent: ` + "`180.0`" + `
  and ` + "`1e2`" + ` are decimal numbers in YAML 1.2 (IN-05; IN-03 for ` + "`schema_version`" + `).
- **Req**: ` + "`yes`" + ` keys must be present and not null (input error IN-04 or
  IN-05); inside an optional mapping or list item only when that item is
  there. Optional keys may be left empty: empty means not documented, and a
  requirement that needs the key fails.
- **Read by**: the requirements whose result depends on the key (Gp *n* is
  guideline point *n*); — means informational.
- Keys starting with ` + "`x-`" + ` are allowed in every mapping and ignored; any other
  unknown key is warning IN-W1.

`
