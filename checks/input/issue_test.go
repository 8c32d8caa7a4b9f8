package input

import (
	"strings"
	"testing"
)

func TestText(t *testing.T) {
	val := T("a list", "en lista")
	got := T("expected %s at %s, got %d", "väntade %s vid %s, fick %d", val, "x.y", 3)
	if got.EN != "expected a list at x.y, got 3" || got.SV != "väntade en lista vid x.y, fick 3" {
		t.Errorf("T = %+v", got)
	}
	if got.In("sv") != got.SV || got.In("en") != got.EN || got.In("") != got.EN {
		t.Errorf("In: %q %q %q", got.In("sv"), got.In("en"), got.In(""))
	}
	if s := (Text{EN: "only"}).In("sv"); s != "only" {
		t.Errorf("no Swedish: In(sv) = %q, want the English", s)
	}
	if a := T("a", "b").Add(T(" c", " d")); a != (Text{"a c", "b d"}) {
		t.Errorf("Add = %+v", a)
	}
}

func TestIssueLanguage(t *testing.T) {
	i := NewIssueText("IN-04", "x", T("m", "ms"), T("h", "hs"))
	if i.Level != LevelError || i.MessageIn("sv") != "ms" || i.HintIn("sv") != "hs" || i.MessageIn("en") != "m" || i.HintIn("en") != "h" {
		t.Errorf("issue %+v", i)
	}
	// An issue without Swedish text falls back to English.
	e := NewIssue("IN-W1", "x", "m", "")
	if e.Level != LevelWarning || e.MessageIn("sv") != "m" || e.HintIn("sv") != "" {
		t.Errorf("issue %+v", e)
	}
}

// TestLoaderSwedish: every loader problem has Swedish text, including the
// YAML parser's own messages for common syntax errors.
func TestLoaderSwedish(t *testing.T) {
	cases := map[string]string{
		"not UTF-8":          "a: \xff\n",
		"empty":              "",
		"two documents":      "a: 1\n---\nb: 2\n",
		"list root":          "- a\n",
		"scalar root":        "a\n",
		"tab":                "a:\n\t- b\n",
		"flow":               "a: [1, 2\nb: 3\n",
		"mapping value":      "a: b: c\n",
		"unclosed quote":     "a: \"b\n",
		"unknown anchor":     "a: *x\n",
		"bad escape":         "a: \"\\q\"\n",
		"recursive alias":    "a: &x [*x]\n",
		"merge not mapping":  "a:\n  <<: 1\n",
		"non-string key":     "1: a\n",
		"duplicate key":      "a: 1\na: 2\n",
		"non-finite number":  "a: .nan\n",
		"block sequence":     "a: b\n- c\n",
		"indentation":        "a:\n  b: 1\n c: 2\n",
		"document indicator": "a: \"x\n---\n",
	}
	for name, src := range cases {
		d := Load("a.yaml", []byte(src))
		if len(d.Issues) == 0 {
			t.Errorf("%s: no issue", name)
			continue
		}
		for _, i := range d.Issues {
			if i.MessageSV == "" || i.MessageSV == i.Message || i.HintSV == "" || i.HintSV == i.Hint {
				t.Errorf("%s: %s %q / %q has no Swedish text: %q / %q", name, i.Code, i.Message, i.Hint, i.MessageSV, i.HintSV)
			}
			if rest, ok := strings.CutPrefix(i.Message, "not parseable as YAML: "); ok && strings.Contains(i.MessageSV, rest) {
				t.Errorf("%s: the parser's message %q is not translated: %q", name, rest, i.MessageSV)
			}
		}
	}
}
