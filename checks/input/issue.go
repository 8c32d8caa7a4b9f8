// Package input turns an agency file into the value smcheck evaluates, keeping
// the YAML node tree so that any path can be traced back to a line and column.
package input

import "fmt"

// Level of an input problem: errors make the run invalid, warnings do not.
const (
	LevelError   = "error"
	LevelWarning = "warning"
)

// Issue is an input problem (model.md §16). It is a value in the result, not a
// Go error: a file with issues is still reported, and the batch goes on.
//
// Message and Hint are English; MessageSV and HintSV are the same in Swedish
// ("" when there is no translation). Reports pick one with MessageIn and
// HintIn, the way requirement messages carry both languages.
type Issue struct {
	Code    string `json:"code"`
	Level   string `json:"level"`
	Path    string `json:"path"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	Message string `json:"message"`
	Hint    string `json:"hint,omitempty"`
	// MessageSV and HintSV are not part of any serialized form: reports
	// write the text in their language under message and hint.
	MessageSV string `json:"-"`
	HintSV    string `json:"-"`
	// At is Path as steps, where the loader knows them: a key may contain
	// "." or "[", which Path's text cannot tell from a step.
	At Path `json:"-"`
}

// MessageIn is the message in lang ("sv" or "en"); English when there is no
// Swedish text.
func (i Issue) MessageIn(lang string) string { return pick(lang, i.Message, i.MessageSV) }

// HintIn is the hint in lang ("sv" or "en"); English when there is no
// Swedish text, "" when there is no hint.
func (i Issue) HintIn(lang string) string { return pick(lang, i.Hint, i.HintSV) }

func pick(lang, en, sv string) string {
	if lang == "sv" && sv != "" {
		return sv
	}
	return en
}

// Text is a message in English and in Swedish.
type Text struct{ EN, SV string }

// In is the text in lang ("sv" or "en"); English when there is no Swedish.
func (t Text) In(lang string) string { return pick(lang, t.EN, t.SV) }

// T formats the English and the Swedish format with the same arguments, like
// fmt.Sprintf. An argument that is a Text is replaced by its text in the
// language being formatted, so that described values are translated too.
func T(en, sv string, args ...any) Text {
	if len(args) == 0 {
		return Text{EN: en, SV: sv}
	}
	in := func(lang string) []any {
		out := make([]any, len(args))
		for i, a := range args {
			if t, ok := a.(Text); ok {
				a = t.In(lang)
			}
			out[i] = a
		}
		return out
	}
	return Text{EN: fmt.Sprintf(en, in("en")...), SV: fmt.Sprintf(sv, in("sv")...)}
}

// Add appends b to t in each language.
func (t Text) Add(b Text) Text { return Text{EN: t.EN + b.EN, SV: t.SV + b.SV} }

// IsError reports whether the issue makes the run invalid.
func (i Issue) IsError() bool { return i.Level == LevelError }

func (i Issue) String() string {
	loc := ""
	if i.Line > 0 {
		loc = fmt.Sprintf("%d:%d: ", i.Line, i.Column)
	}
	s := fmt.Sprintf("%s%s %s: %s", loc, i.Code, i.Path, i.Message)
	if i.Hint != "" {
		s += " (" + i.Hint + ")"
	}
	return s
}

// level returns the level of a code: IN-Wn are warnings, the rest errors.
func level(code string) string {
	if len(code) > 3 && code[3] == 'W' {
		return LevelWarning
	}
	return LevelError
}

// NewIssue builds an issue with the level its code implies, with English
// text only. Use NewIssueText to give the Swedish text too.
func NewIssue(code, path, msg, hint string) Issue {
	return Issue{Code: code, Level: level(code), Path: path, Message: msg, Hint: hint}
}

// NewIssueText builds an issue with the level its code implies and its
// message and hint in both languages.
func NewIssueText(code, path string, msg, hint Text) Issue {
	return Issue{Code: code, Level: level(code), Path: path,
		Message: msg.EN, Hint: hint.EN, MessageSV: msg.SV, HintSV: hint.SV}
}
