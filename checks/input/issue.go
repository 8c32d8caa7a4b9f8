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
type Issue struct {
	Code    string `json:"code"`
	Level   string `json:"level"`
	Path    string `json:"path"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	Message string `json:"message"`
	Hint    string `json:"hint,omitempty"`
}

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

// NewIssue builds an issue with the level its code implies.
func NewIssue(code, path, msg, hint string) Issue {
	return Issue{Code: code, Level: level(code), Path: path, Message: msg, Hint: hint}
}
