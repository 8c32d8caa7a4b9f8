package input

import (
	"fmt"
	"strings"
)

// yamlProblemsSV are yaml.v3's parser and scanner messages in Swedish. A
// message not listed here is shown in English in Swedish reports too: it is
// the parser's own text.
var yamlProblemsSV = map[string]string{
	"did not find expected ',' or ']'":                             "',' eller ']' saknas",
	"did not find expected ',' or '}'":                             "',' eller '}' saknas",
	"did not find expected key":                                    "en nyckel saknas där en nyckel väntades",
	"did not find expected node content":                           "ett värde saknas där ett värde väntades",
	"did not find expected '-' indicator":                          "'-' saknas där ett listelement väntades",
	"did not find expected <document start>":                       "början på dokumentet ('---') saknas",
	"did not find expected comment or line break":                  "en kommentar eller en radbrytning saknas",
	"did not find expected whitespace or line break":               "ett blanksteg eller en radbrytning saknas",
	"did not find expected whitespace":                             "ett blanksteg saknas",
	"did not find the expected '>'":                                "'>' saknas",
	"could not find expected ':'":                                  "':' saknas efter nyckeln",
	"found character that cannot start any token":                  "tecknet kan inte inleda något YAML-element",
	"mapping values are not allowed in this context":               "ett värde med ':' är inte tillåtet här",
	"mapping keys are not allowed in this context":                 "en nyckel är inte tillåten här",
	"block sequence entries are not allowed in this context":       "ett listelement ('- ') är inte tillåtet här",
	"found a tab character that violates indentation":              "ett tabbtecken bryter indragningen",
	"found a tab character where an indentation space is expected": "ett tabbtecken står där blanksteg för indragning väntades",
	"found unexpected end of stream":                               "filen tar slut för tidigt",
	"found unexpected document indicator":                          "en oväntad dokumentmarkering ('---' eller '...')",
	"found unknown escape character":                               "okänd escape-sekvens efter '\\'",
	"found undefined tag handle":                                   "taggprefixet är inte definierat",
	"control characters are not allowed":                           "styrtecken är inte tillåtna",
	"found duplicate %YAML directive":                              "direktivet %YAML förekommer två gånger",
	"found incompatible YAML document":                             "YAML-versionen stöds inte",
	"found unknown directive name":                                 "okänt direktiv",
	"document contains excessive aliasing":                         "dokumentet innehåller för många alias",
	"invalid leading UTF-8 octet":                                  "ogiltig UTF-8-byte",
	"invalid trailing UTF-8 octet":                                 "ogiltig UTF-8-byte",
	"incomplete UTF-8 octet sequence":                              "ofullständig UTF-8-sekvens",
}

// yamlProblemText is a yaml.v3 message in both languages.
func yamlProblemText(s string) Text {
	if sv, ok := yamlProblemsSV[s]; ok {
		return Text{EN: s, SV: sv}
	}
	if rest, ok := strings.CutPrefix(s, "unknown anchor '"); ok {
		if name, ok := strings.CutSuffix(rest, "' referenced"); ok {
			return Text{EN: s, SV: "aliaset *" + name + " hänvisar till ett ankare som inte finns"}
		}
	}
	var depth int
	if _, err := fmt.Sscanf(s, "exceeded max depth of %d", &depth); err == nil {
		return Text{EN: s, SV: fmt.Sprintf("strukturen är djupare än %d nivåer", depth)}
	}
	return Text{EN: s, SV: s}
}
