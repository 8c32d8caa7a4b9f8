package validate

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// SchemaJSON is the JSON Schema (draft 2020-12) of an agency file, schema
// version 1. `smcheck schema` prints it.
//
//go:embed agency.schema.json
var SchemaJSON []byte

// schemaURL is the schema's $id; the config subschema is compiled from the
// same resource under #/properties/config.
const schemaURL = "https://smcheck.github.io/schema/agency-v1.json"

// shape is the part of the schema the Go checks need, indexed by instance
// location: the property names of each object (for "did you mean") and the
// locations of event dates (for IN-W2). It is built once in NewValidator.
type shape struct {
	props map[string]*shape
	names []string // sorted property names, for suggestions
	items *shape
	enum  []string // string enum values (for suggestions in config lists)
	// event marks an event date ($ref #/$defs/date).
	event bool
	// integer marks a key whose number must be an integer in YAML terms.
	integer bool
	// hasEvent is true if event dates occur at or below this node.
	hasEvent bool
}

// child returns the shape of a path step; nil if the schema has none.
func (s *shape) child(step any) *shape {
	if s == nil {
		return nil
	}
	switch k := step.(type) {
	case string:
		return s.props[k]
	case int:
		return s.items
	}
	return nil
}

// at returns the shape at path p.
func (s *shape) at(p []any) *shape {
	for _, step := range p {
		s = s.child(step)
	}
	return s
}

func buildShape(node any, defs map[string]any, depth int) *shape {
	m, ok := node.(map[string]any)
	if !ok || depth > 64 {
		return nil
	}
	s := &shape{}
	switch t := m["type"].(type) {
	case string:
		s.integer = t == "integer"
	case []any:
		s.integer = slices.Contains(t, any("integer")) && !slices.Contains(t, any("number"))
	}
	if ref, ok := m["$ref"].(string); ok {
		if ref == "#/$defs/date" {
			s.event, s.hasEvent = true, true
		}
		if name, ok := strings.CutPrefix(ref, "#/$defs/"); ok {
			if def := buildShape(defs[name], defs, depth+1); def != nil {
				s.merge(def)
			}
		}
	}
	if all, ok := m["allOf"].([]any); ok {
		for _, sub := range all {
			if c := buildShape(sub, defs, depth+1); c != nil {
				s.merge(c)
			}
		}
	}
	if props, ok := m["properties"].(map[string]any); ok {
		if s.props == nil {
			s.props = make(map[string]*shape, len(props))
		}
		for k, v := range props {
			c := buildShape(v, defs, depth+1)
			if c == nil {
				c = &shape{}
			}
			s.props[k] = c
			s.hasEvent = s.hasEvent || c.hasEvent
		}
	}
	if items := buildShape(m["items"], defs, depth+1); items != nil {
		s.items = items
		s.hasEvent = s.hasEvent || items.hasEvent
	}
	if enum, ok := m["enum"].([]any); ok {
		for _, e := range enum {
			if str, ok := e.(string); ok {
				s.enum = append(s.enum, str)
			}
		}
	}
	s.names = s.names[:0]
	for k := range s.props {
		s.names = append(s.names, k)
	}
	sort.Strings(s.names)
	return s
}

func (s *shape) merge(o *shape) {
	s.event = s.event || o.event
	s.integer = s.integer || o.integer
	s.hasEvent = s.hasEvent || o.hasEvent
	if o.props != nil {
		if s.props == nil {
			s.props = map[string]*shape{}
		}
		for k, v := range o.props {
			s.props[k] = v
		}
	}
	if o.items != nil {
		s.items = o.items
	}
	if len(o.enum) > 0 {
		s.enum = o.enum
	}
}

// compile compiles the document schema and its config subschema.
func compile() (doc, cfg *jsonschema.Schema, root *shape, err error) {
	raw, err := jsonschema.UnmarshalJSON(bytes.NewReader(SchemaJSON))
	if err != nil {
		return nil, nil, nil, fmt.Errorf("reading the embedded schema: %w", err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	c.RegisterFormat(&jsonschema.Format{Name: "http-url", Validate: validateHTTPURL})
	c.RegisterFormat(&jsonschema.Format{Name: "org-number", Validate: validateOrgNumber})
	if err := c.AddResource(schemaURL, raw); err != nil {
		return nil, nil, nil, fmt.Errorf("adding the embedded schema: %w", err)
	}
	if doc, err = c.Compile(schemaURL); err != nil {
		return nil, nil, nil, fmt.Errorf("compiling the embedded schema: %w", err)
	}
	if cfg, err = c.Compile(schemaURL + "#/properties/config"); err != nil {
		return nil, nil, nil, fmt.Errorf("compiling the config schema: %w", err)
	}
	m, _ := raw.(map[string]any)
	defs, _ := m["$defs"].(map[string]any)
	root = buildShape(m, defs, 0)
	if root == nil || root.props["config"] == nil {
		return nil, nil, nil, errors.New("the embedded schema has no config properties")
	}
	return doc, cfg, root, nil
}

// validateHTTPURL is the http-url format (C28): scheme http or https in any
// case, a host, and no whitespace.
func validateHTTPURL(v any) error {
	s, ok := v.(string)
	if !ok {
		return nil
	}
	if strings.IndexFunc(s, unicode.IsSpace) >= 0 {
		return formatError{"it contains whitespace", "den innehåller blanksteg"}
	}
	scheme, rest, ok := strings.Cut(s, "://")
	if !ok || !(strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https")) {
		return formatError{"it does not start with http:// or https://", "den börjar inte med http:// eller https://"}
	}
	host := rest
	if i := strings.IndexAny(host, "/?#"); i >= 0 {
		host = host[:i]
	}
	if i := strings.LastIndexByte(host, '@'); i >= 0 {
		host = host[i+1:]
	}
	if i := strings.LastIndexByte(host, ':'); i >= 0 && !strings.HasSuffix(host, "]") {
		host = host[:i]
	}
	if host == "" {
		return formatError{"it has no host name", "den saknar värdnamn"}
	}
	// C28 names all the conditions; a stricter parser (bad %-escapes, a
	// port that is not a number) would reject URLs the model accepts.
	return nil
}

// validateOrgNumber is the org-number format: NNNNNN-NNNN, the third and
// fourth digits together at least 20, and a valid Luhn check digit.
func validateOrgNumber(v any) error {
	s, ok := v.(string)
	if !ok {
		return nil
	}
	if len(s) != 11 || s[6] != '-' {
		return formatError{"it is not of the form NNNNNN-NNNN", "det har inte formen NNNNNN-NNNN"}
	}
	var d [10]int
	for i, j := 0, 0; i < len(s); i++ {
		if i == 6 {
			continue
		}
		if s[i] < '0' || s[i] > '9' {
			return formatError{"it is not of the form NNNNNN-NNNN", "det har inte formen NNNNNN-NNNN"}
		}
		d[j] = int(s[i] - '0')
		j++
	}
	if d[2]*10+d[3] < 20 {
		return formatError{"its third and fourth digits are below 20, so it is a personal identity number, not an organisation number", "tredje och fjärde siffran är tillsammans lägre än 20, så det är ett personnummer och inte ett organisationsnummer"}
	}
	sum := 0
	for i := 0; i < 10; i++ {
		x := d[i]
		if i%2 == 0 {
			x *= 2
			if x > 9 {
				x -= 9
			}
		}
		sum += x
	}
	if sum%10 != 0 {
		return formatError{"its check digit is wrong", "kontrollsiffran är fel"}
	}
	return nil
}
