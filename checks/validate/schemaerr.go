package validate

import (
	"encoding/json"
	"errors"
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
	code      string
	msg, hint input.Text
	path      input.Path
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
		return []problem{{code: "IN-05", path: prefix,
			msg:  tr("the document could not be validated: %s", "dokumentet kunde inte valideras: %s", err.Error()),
			hint: tr("check the file's structure against the model", "kontrollera filens struktur mot datamodellen")}}
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
	one := func(code string, msg, hint input.Text) []problem {
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
				msg:  tr("the required key '%s' is missing", "den obligatoriska nyckeln '%s' saknas", m),
				hint: tr("add %s: with its value", "lägg till %s: med ett värde", m),
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
			msg := tr("unknown key '%s' is ignored", "okänd nyckel '%s' ignoreras", name)
			hint := tr("remove it, or rename it with an x- prefix to keep it as an extension key",
				"ta bort den, eller ge den prefixet x- för att behålla den som egen tilläggsnyckel")
			if sug := suggest(name, names); sug != "" {
				msg = msg.Add(didYouMean(sug))
				hint = tr("rename it to %s", "byt namn på den till %s", sug)
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
			return one("IN-05", tr("%s is not text; expected one of %s", "%s är inte text; värdet ska vara ett av %s", describe(val), strings.Join(allowed, ", ")),
				tr("write one of the allowed values", "skriv ett av de tillåtna värdena"))
		}
		msg := tr("%s is not one of %s", "%s är inte ett av de tillåtna värdena %s", describe(val), strings.Join(allowed, ", "))
		hint := tr("use one of the allowed values", "använd ett av de tillåtna värdena")
		if s, ok := val.(string); ok {
			if sug := suggest(s, allowed); sug != "" {
				msg = msg.Add(didYouMean(sug))
				hint = tr("write %s", "skriv %s", sug)
			}
		}
		return one("IN-06", msg, hint)
	case *kind.Format:
		reason := formatReason(k.Err)
		switch k.Want {
		case "date":
			return one("IN-07", tr("%s is not a valid calendar date YYYY-MM-DD", "%s är inte ett giltigt datum (ÅÅÅÅ-MM-DD)", describe(val)),
				tr("write the date as YYYY-MM-DD, without a time part", "skriv datumet som ÅÅÅÅ-MM-DD, utan klockslag"))
		case "http-url":
			return one("IN-07", tr("%s is not an absolute http or https URL%s", "%s är inte en fullständig http- eller https-adress%s", describe(val), reason),
				tr("write the full address, starting with https://", "skriv hela adressen, med början https://"))
		case "org-number":
			return one("IN-07", tr("%s is not a valid organisation number%s", "%s är inte ett giltigt organisationsnummer%s", describe(val), reason),
				tr(`write the organisationsnummer quoted as "NNNNNN-NNNN" and check the digits`, `skriv organisationsnumret inom citattecken som "NNNNNN-NNNN" och kontrollera siffrorna`))
		}
		return one("IN-07", tr("%s is not in the %s format%s", "%s har inte formatet %s%s", describe(val), k.Want, reason),
			tr("correct the value's format", "rätta värdets format"))
	case *kind.Pattern:
		switch {
		case lastKey(loc) == "id" || strings.HasSuffix(e.SchemaURL, "/$defs/id"):
			return one("IN-07", tr("%s is not a valid id", "%s är inte ett giltigt id", describe(val)),
				tr("use lower-case letters a-z, digits and hyphens, starting with a letter or digit, at most 63 characters",
					"använd gemena bokstäver a-z, siffror och bindestreck, börja med en bokstav eller siffra, högst 63 tecken"))
		case isTimeSchema(e.SchemaURL):
			return one("IN-07", tr("%s is not a time HH:MM between 00:00 and 23:59", "%s är inte ett klockslag TT:MM mellan 00:00 och 23:59", describe(val)),
				tr(`write the time quoted with two-digit hours, e.g. "08:00"`, `skriv klockslaget inom citattecken med två siffror för timmen, t.ex. "08:00"`))
		case k.Want == "^[a-z0-9_]+$":
			return one("IN-07", tr("%s is not a format identifier", "%s är inte en formatbeteckning", describe(val)),
				tr("use lower-case letters, digits and underscores, e.g. pdf_a", "använd gemena bokstäver, siffror och understreck, t.ex. pdf_a"))
		}
		return one("IN-07", tr("%s does not match the pattern %s", "%s följer inte mönstret %s", describe(val), k.Want),
			tr("correct the value's format", "rätta värdets format"))
	case *kind.Not:
		if lastKey(loc) == "id" {
			return one("IN-07", tr("%s is reserved and cannot be a channel id", "%s är reserverat och kan inte vara id för en kanal", describe(val)),
				tr("choose another id; agency and all are reserved", "välj ett annat id; agency och all är reserverade"))
		}
		return one("IN-07", tr("%s is not allowed here", "%s är inte tillåtet här", describe(val)), tr("choose another value", "välj ett annat värde"))
	case *kind.Minimum:
		if k.Got.Sign() < 0 {
			return one("IN-05", tr("%s is negative; a number of 0 or more is expected", "%s är negativt; talet ska vara 0 eller större", describe(val)),
				tr("write a non-negative number", "skriv ett tal som inte är negativt"))
		}
		return one("IN-07", tr("%s is below the minimum %s", "%s är mindre än det minsta tillåtna värdet %s", describe(val), ratString(k.Want)),
			tr("write a number of at least %s", "skriv ett tal som är minst %s", ratString(k.Want)))
	case *kind.ExclusiveMinimum:
		if k.Got.Sign() < 0 {
			return one("IN-05", tr("%s is negative; a number greater than %s is expected", "%s är negativt; talet ska vara större än %s", describe(val), ratString(k.Want)),
				tr("write a positive number", "skriv ett positivt tal"))
		}
		return one("IN-07", tr("%s must be greater than %s", "%s måste vara större än %s", describe(val), ratString(k.Want)),
			tr("write a number greater than %s", "skriv ett tal som är större än %s", ratString(k.Want)))
	case *kind.Const:
		return one("IN-07", tr("%s is not the expected value %s", "%s är inte det väntade värdet %s", describe(val), describe(k.Want)), tr("correct the value", "rätta värdet"))
	}
	return one("IN-05", tr("%s does not fit the model", "%s stämmer inte med datamodellen", describe(val)), tr("check the value against model.md", "kontrollera värdet mot model.md"))
}

func ratString(r interface{ FloatString(int) string }) string {
	s := r.FloatString(6)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

var typeNames = map[string]input.Text{
	"string":  tr("text (a string)", "text (en sträng)"),
	"integer": tr("a whole number", "ett heltal"),
	"number":  tr("a number", "ett tal"),
	"boolean": tr("true or false", "true eller false"),
	"array":   tr("a list", "en lista"),
	"object":  tr("a mapping of keys", "en mappning av nycklar"),
	"null":    tr("null", "null"),
}

// orList joins alternatives with "or" in each language.
func orList(alts []input.Text) input.Text {
	var en, sv []string
	for _, a := range alts {
		en, sv = append(en, a.EN), append(sv, a.SV)
	}
	return input.Text{EN: strings.Join(en, " or "), SV: strings.Join(sv, " eller ")}
}

func typeMessage(k *kind.Type, val any) input.Text {
	var want []input.Text
	for _, w := range k.Want {
		if w != "null" {
			want = append(want, typeNames[w])
		}
	}
	if val == nil {
		if len(want) == 0 {
			return tr("the value is null", "värdet är null")
		}
		return tr("the value is null, but %s is required", "värdet är null, men %s krävs", orList(want))
	}
	return tr("expected %s, got %s", "värdet ska vara %s, men är %s", orList(want), describe(val))
}

func wants(k *kind.Type, t string) bool {
	for _, w := range k.Want {
		if w == t {
			return true
		}
	}
	return false
}

func typeHint(k *kind.Type, val any, loc input.Path, schemaURL string, at *shape) input.Text {
	if val == nil {
		if len(loc) > 0 {
			if _, item := loc[len(loc)-1].(int); item {
				return tr("remove the empty list item or give it a value", "ta bort det tomma listelementet eller ge det ett värde")
			}
		}
		return tr("give a value; this key is required", "ange ett värde; nyckeln är obligatorisk")
	}
	switch {
	case wants(k, "array") && wants(k, "integer"):
		return tr("give the number of administrators, or a list of mappings with a role each",
			"ange antalet administratörer, eller en lista med en mappning med role för varje administratör")
	case isDateSchema(schemaURL):
		return tr("write the date as YYYY-MM-DD", "skriv datumet som ÅÅÅÅ-MM-DD")
	case isTimeSchema(schemaURL):
		return tr(`write the time quoted, e.g. "08:00"`, `skriv klockslaget inom citattecken, t.ex. "08:00"`)
	case wants(k, "boolean"):
		if s, ok := val.(string); ok && isYAML11Bool(s) {
			return tr("write true or false; %s is text in YAML 1.2, not a boolean", "skriv true eller false; %s är text i YAML 1.2, inte ett sanningsvärde", s)
		}
		return tr("write true or false", "skriv true eller false")
	case at != nil && len(at.enum) > 0:
		return tr("write one of %s", "skriv ett av %s", strings.Join(at.enum, ", "))
	case wants(k, "string"):
		switch val.(type) {
		case json.Number, bool:
			// C23: no coercion to string.
			if key := lastKey(loc); key != "" {
				return tr(`put the value in quotes so that it is read as text, e.g. %s: "…", keeping any leading zeros`,
					`sätt värdet inom citattecken så att det läses som text, t.ex. %s: "…", och behåll eventuella inledande nollor`, key)
			}
			return tr(`put the value in quotes so that it is read as text, keeping any leading zeros`,
				`sätt värdet inom citattecken så att det läses som text, och behåll eventuella inledande nollor`)
		case []any:
			return tr("write a single text value, not a list", "skriv ett enda textvärde, inte en lista")
		case map[string]any:
			return tr("write a single text value, not a mapping", "skriv ett enda textvärde, inte en mappning")
		}
		return tr("write a text value", "skriv ett textvärde")
	case wants(k, "integer"), wants(k, "number"):
		if n, ok := val.(json.Number); ok && wants(k, "integer") {
			return tr("write a whole number instead of %s", "skriv ett heltal i stället för %s", string(n))
		}
		return tr("write a plain number, without quotes or units", "skriv ett vanligt tal, utan citattecken och enheter")
	case wants(k, "array"):
		return tr("write a list, e.g. [a, b] or one '- item' per line", "skriv en lista, t.ex. [a, b] eller ett '- värde' per rad")
	case wants(k, "object"):
		return tr("write a mapping: keys with their values on indented lines", "skriv en mappning: nycklar med sina värden på indragna rader")
	}
	return tr("correct the value's type", "rätta värdets typ")
}

func isYAML11Bool(s string) bool {
	switch strings.ToLower(s) {
	case "yes", "no", "on", "off", "y", "n":
		return true
	}
	return false
}

// describe renders a value for a message: strings quoted, containers named.
func describe(v any) input.Text {
	same := func(s string) input.Text { return input.Text{EN: s, SV: s} }
	switch x := v.(type) {
	case nil:
		return same("null")
	case string:
		if r := []rune(x); len(r) > 60 {
			x = string(r[:57]) + "..."
		}
		return same("'" + x + "'")
	case json.Number:
		return tr("the number %s", "talet %s", string(x))
	case bool:
		return same(strconv.FormatBool(x))
	case []any:
		return tr("a list", "en lista")
	case map[string]any:
		return tr("a mapping", "en mappning")
	}
	return same(fmt.Sprint(v))
}

// tr is input.T: a message in English and Swedish.
var tr = input.T

// didYouMean is the suggestion appended to a message.
func didYouMean(s string) input.Text {
	return tr(" (did you mean %s?)", " (menade du %s?)", s)
}

// formatError is a format checker's reason in both languages.
type formatError struct{ en, sv string }

func (e formatError) Error() string { return e.en }

// formatReason is ": reason" for a format error, "" without a reason.
func formatReason(err error) input.Text {
	if err == nil {
		return input.Text{}
	}
	var fe formatError
	if errors.As(err, &fe) {
		return tr(": %s", ": %s", input.Text{EN: fe.en, SV: fe.sv})
	}
	return tr(": %s", ": %s", err.Error())
}
