package validate

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"github.com/smcheck/smcheck/checks/input"
)

// problem is one input issue found by the schema or by the Go checks, before
// its position is looked up.
type problem struct {
	code, msg, hint string
	path            input.Path
	// remove: the value at path is erroneous and counts as absent.
	remove bool
}

// rank orders problems found at one location: the first one wins (C14: a
// type error hides an enum or format error at the same place).
func rank(code string) int {
	switch code {
	case "IN-05":
		return 0
	case "IN-06":
		return 1
	case "IN-07":
		return 2
	}
	return 3
}

// schemaProblems runs a compiled schema on v and maps its leaf errors to
// problems. prefix is prepended to every path (config files).
func (v *Validator) schemaProblems(sch *jsonschema.Schema, value any, sh *shape, prefix input.Path) []problem {
	err := sch.Validate(value)
	if err == nil {
		return nil
	}
	verr, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return []problem{{code: "IN-05", path: prefix, msg: "the document could not be validated: " + err.Error(), hint: "check the file's structure against the model"}}
	}
	var leaves []*jsonschema.ValidationError
	collectLeaves(verr, &leaves)

	var out []problem
	// best problem per location (IN-05/06/07 only), index into out.
	best := make(map[string]int, len(leaves))
	for _, e := range leaves {
		loc, val := instancePath(value, e.InstanceLocation)
		for _, p := range mapError(e, loc, val, sh) {
			if len(prefix) > 0 {
				p.path = append(append(input.Path{}, prefix...), p.path...)
			}
			if p.code == "IN-05" || p.code == "IN-06" || p.code == "IN-07" {
				key := p.path.String()
				if i, seen := best[key]; seen {
					if rank(p.code) < rank(out[i].code) {
						out[i] = p
					}
					continue
				}
				best[key] = len(out)
			}
			out = append(out, p)
		}
	}
	return out
}

func collectLeaves(e *jsonschema.ValidationError, out *[]*jsonschema.ValidationError) {
	if len(e.Causes) == 0 {
		switch e.ErrorKind.(type) {
		case *kind.Group, *kind.Schema, *kind.AllOf, *kind.Reference:
			// wrappers without causes carry no information
			return
		}
		*out = append(*out, e)
		return
	}
	for _, c := range e.Causes {
		collectLeaves(c, out)
	}
}

// instancePath converts a v6 instance location to an input.Path, turning the
// tokens that index a list into ints, and returns the value found there.
func instancePath(root any, loc []string) (input.Path, any) {
	p := make(input.Path, 0, len(loc))
	cur := root
	for _, tok := range loc {
		switch c := cur.(type) {
		case []any:
			i, err := strconv.Atoi(tok)
			if err == nil && i >= 0 && i < len(c) {
				p = append(p, i)
				cur = c[i]
				continue
			}
			p = append(p, tok)
			cur = nil
		case map[string]any:
			p = append(p, tok)
			cur = c[tok]
		default:
			p = append(p, tok)
			cur = nil
		}
	}
	return p, cur
}

func isDateSchema(url string) bool {
	return strings.HasSuffix(url, "/$defs/date") || strings.HasSuffix(url, "/$defs/deadline_date") || strings.HasSuffix(url, "/$defs/date_plain")
}

func isTimeSchema(url string) bool { return strings.HasSuffix(url, "/$defs/time") }

func lastKey(p input.Path) string {
	if len(p) == 0 {
		return ""
	}
	s, _ := p[len(p)-1].(string)
	return s
}

// mapError turns one leaf error into problems.
func mapError(e *jsonschema.ValidationError, loc input.Path, val any, sh *shape) []problem {
	one := func(code, msg, hint string) []problem {
		// An id with a bad pattern, or a reserved channel id, is still used
		// as a target and for references (C20).
		remove := !(code == "IN-07" && lastKey(loc) == "id")
		return []problem{{code: code, path: loc, msg: msg, hint: hint, remove: remove}}
	}
	switch k := e.ErrorKind.(type) {
	case *kind.Required:
		out := make([]problem, 0, len(k.Missing))
		for _, m := range k.Missing {
			out = append(out, problem{
				code: "IN-04", path: loc.Key(m),
				msg:  fmt.Sprintf("the required key '%s' is missing", m),
				hint: fmt.Sprintf("add %s: with its value", m),
			})
		}
		return out
	case *kind.AdditionalProperties:
		out := make([]problem, 0, len(k.Properties))
		var names []string
		if s := sh.at(loc); s != nil {
			names = s.names
		}
		for _, name := range k.Properties {
			msg := fmt.Sprintf("unknown key '%s' is ignored", name)
			hint := "remove it, or rename it with an x- prefix to keep it as an extension key"
			if sug := suggest(name, names); sug != "" {
				msg += fmt.Sprintf(" (did you mean %s?)", sug)
				hint = fmt.Sprintf("rename it to %s", sug)
			}
			out = append(out, problem{code: "IN-W1", path: loc.Key(name), msg: msg, hint: hint, remove: true})
		}
		return out
	case *kind.Type:
		return one("IN-05", typeMessage(k, val), typeHint(k, val, loc, e.SchemaURL, sh.at(loc)))
	case *kind.Enum:
		var allowed []string
		for _, w := range k.Want {
			if s, ok := w.(string); ok {
				allowed = append(allowed, s)
			}
		}
		if _, isStr := val.(string); !isStr && val != nil {
			// C14: a non-string where an enum is expected is a type error.
			return one("IN-05", fmt.Sprintf("%s is not text; expected one of %s", describe(val), strings.Join(allowed, ", ")), "write one of the allowed values")
		}
		msg := fmt.Sprintf("%s is not one of %s", describe(val), strings.Join(allowed, ", "))
		hint := "use one of the allowed values"
		if s, ok := val.(string); ok {
			if sug := suggest(s, allowed); sug != "" {
				msg += fmt.Sprintf(" (did you mean %s?)", sug)
				hint = fmt.Sprintf("write %s", sug)
			}
		}
		return one("IN-06", msg, hint)
	case *kind.Format:
		reason := ""
		if k.Err != nil {
			reason = ": " + k.Err.Error()
		}
		switch k.Want {
		case "date":
			return one("IN-07", fmt.Sprintf("%s is not a valid calendar date YYYY-MM-DD", describe(val)), "write the date as YYYY-MM-DD, without a time part")
		case "http-url":
			return one("IN-07", fmt.Sprintf("%s is not an absolute http or https URL%s", describe(val), reason), "write the full address, starting with https://")
		case "org-number":
			return one("IN-07", fmt.Sprintf("%s is not a valid organisation number%s", describe(val), reason), `write the organisationsnummer quoted as "NNNNNN-NNNN" and check the digits`)
		}
		return one("IN-07", fmt.Sprintf("%s is not in the %s format%s", describe(val), k.Want, reason), "correct the value's format")
	case *kind.Pattern:
		switch {
		case lastKey(loc) == "id" || strings.HasSuffix(e.SchemaURL, "/$defs/id"):
			return one("IN-07", fmt.Sprintf("%s is not a valid id", describe(val)), "use lower-case letters a-z, digits and hyphens, starting with a letter or digit, at most 63 characters")
		case isTimeSchema(e.SchemaURL):
			return one("IN-07", fmt.Sprintf("%s is not a time HH:MM between 00:00 and 23:59", describe(val)), `write the time quoted with two-digit hours, e.g. "08:00"`)
		case k.Want == "^[a-z0-9_]+$":
			return one("IN-07", fmt.Sprintf("%s is not a format identifier", describe(val)), "use lower-case letters, digits and underscores, e.g. pdf_a")
		}
		return one("IN-07", fmt.Sprintf("%s does not match the pattern %s", describe(val), k.Want), "correct the value's format")
	case *kind.Not:
		if lastKey(loc) == "id" {
			return one("IN-07", fmt.Sprintf("%s is reserved and cannot be a channel id", describe(val)), "choose another id; agency and all are reserved")
		}
		return one("IN-07", fmt.Sprintf("%s is not allowed here", describe(val)), "choose another value")
	case *kind.Minimum:
		if k.Got.Sign() < 0 {
			return one("IN-05", fmt.Sprintf("%s is negative; a number of 0 or more is expected", describe(val)), "write a non-negative number")
		}
		return one("IN-07", fmt.Sprintf("%s is below the minimum %s", describe(val), ratString(k.Want)), fmt.Sprintf("write a number of at least %s", ratString(k.Want)))
	case *kind.ExclusiveMinimum:
		if k.Got.Sign() < 0 {
			return one("IN-05", fmt.Sprintf("%s is negative; a number greater than %s is expected", describe(val), ratString(k.Want)), "write a positive number")
		}
		return one("IN-07", fmt.Sprintf("%s must be greater than %s", describe(val), ratString(k.Want)), fmt.Sprintf("write a number greater than %s", ratString(k.Want)))
	case *kind.Const:
		return one("IN-07", fmt.Sprintf("%s is not the expected value %s", describe(val), describe(k.Want)), "correct the value")
	}
	return one("IN-05", fmt.Sprintf("%s does not fit the model", describe(val)), "check the value against model.md")
}

func ratString(r interface{ FloatString(int) string }) string {
	s := r.FloatString(6)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

var typeNames = map[string]string{
	"string":  "text (a string)",
	"integer": "a whole number",
	"number":  "a number",
	"boolean": "true or false",
	"array":   "a list",
	"object":  "a mapping of keys",
	"null":    "null",
}

func typeMessage(k *kind.Type, val any) string {
	var want []string
	for _, w := range k.Want {
		if w != "null" {
			want = append(want, typeNames[w])
		}
	}
	if val == nil {
		if len(want) == 0 {
			return "the value is null"
		}
		return fmt.Sprintf("the value is null, but %s is required", strings.Join(want, " or "))
	}
	return fmt.Sprintf("expected %s, got %s", strings.Join(want, " or "), describe(val))
}

func wants(k *kind.Type, t string) bool {
	for _, w := range k.Want {
		if w == t {
			return true
		}
	}
	return false
}

func typeHint(k *kind.Type, val any, loc input.Path, schemaURL string, at *shape) string {
	if val == nil {
		if len(loc) > 0 {
			if _, item := loc[len(loc)-1].(int); item {
				return "remove the empty list item or give it a value"
			}
		}
		return "give a value; this key is required"
	}
	switch {
	case wants(k, "array") && wants(k, "integer"):
		return "give the number of administrators, or a list of mappings with a role each"
	case isDateSchema(schemaURL):
		return "write the date as YYYY-MM-DD"
	case isTimeSchema(schemaURL):
		return `write the time quoted, e.g. "08:00"`
	case wants(k, "boolean"):
		if s, ok := val.(string); ok && isYAML11Bool(s) {
			return fmt.Sprintf("write true or false; %s is text in YAML 1.2, not a boolean", s)
		}
		return "write true or false"
	case at != nil && len(at.enum) > 0:
		return "write one of " + strings.Join(at.enum, ", ")
	case wants(k, "string"):
		switch val.(type) {
		case json.Number, bool:
			// C23: no coercion to string.
			if key := lastKey(loc); key != "" {
				return fmt.Sprintf(`put the value in quotes so that it is read as text, e.g. %s: "…", keeping any leading zeros`, key)
			}
			return `put the value in quotes so that it is read as text, keeping any leading zeros`
		case []any:
			return "write a single text value, not a list"
		case map[string]any:
			return "write a single text value, not a mapping"
		}
		return "write a text value"
	case wants(k, "integer"), wants(k, "number"):
		if n, ok := val.(json.Number); ok && wants(k, "integer") {
			return fmt.Sprintf("write a whole number instead of %s", n)
		}
		return "write a plain number, without quotes or units"
	case wants(k, "array"):
		return "write a list, e.g. [a, b] or one '- item' per line"
	case wants(k, "object"):
		return "write a mapping: keys with their values on indented lines"
	}
	return "correct the value's type"
}

func isYAML11Bool(s string) bool {
	switch strings.ToLower(s) {
	case "yes", "no", "on", "off", "y", "n":
		return true
	}
	return false
}

// describe renders a value for a message: strings quoted, containers named.
func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		if r := []rune(x); len(r) > 60 {
			x = string(r[:57]) + "..."
		}
		return "'" + x + "'"
	case json.Number:
		return "the number " + string(x)
	case bool:
		return strconv.FormatBool(x)
	case []any:
		return "a list"
	case map[string]any:
		return "a mapping"
	}
	return fmt.Sprint(v)
}
