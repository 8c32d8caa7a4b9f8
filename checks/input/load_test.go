package input

import (
	"encoding/json"
	"strings"
	"testing"
)

func codes(d *Doc) string {
	var out []string
	for _, i := range d.Issues {
		out = append(out, i.Code+"@"+i.Path)
	}
	return strings.Join(out, " ")
}

func TestLoadFatal(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"empty", "", "IN-01@$"},
		{"only comments", "# nothing\n", "IN-01@$"},
		{"only separator", "---\n", "IN-01@$"},
		{"second document", "a: 1\n---\n", "IN-01@$"},
		{"syntax", "a: [1\n", "IN-01@$"},
		{"not utf8", "a: \xff\n", "IN-01@$"},
		{"recursive alias", "x: &a [*a]\n", "IN-01@$"},
		{"merge of a scalar (C32)", "x-d: &d 5\na:\n  <<: *d\n", "IN-01@$"},
		{"merge of null", "a:\n  b: 1\n  <<: ~\n", "IN-01@$"},
		{"merge of a list with a scalar", "x-d: &d {a: 1}\na:\n  <<: [*d, 2]\n", "IN-01@$"},
		{"null root", "~\n", "IN-02@$"},
		{"tagged empty root is an explicit null", "--- !!null\n", "IN-02@$"},
		{"list root", "- a\n", "IN-02@$"},
		{"scalar root", "hello\n", "IN-02@$"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Load("f.yaml", []byte(tt.src))
			if !d.Fatal || codes(d) != tt.want {
				t.Fatalf("Load(%q): fatal=%v issues=%q, want fatal %q", tt.src, d.Fatal, codes(d), tt.want)
			}
		})
	}
}

func TestLoadValues(t *testing.T) {
	src := "\xef\xbb\xbfa: yes\nb: 08:00\nc: 2026-11-01\nd: 0701234567\ne: 1.50\nf: true\ng: ~\nh: [1, x]\n"
	d := Load("f.yaml", []byte(src))
	if d.Fatal || len(d.Issues) > 0 {
		t.Fatalf("unexpected issues: %v", d.Issues)
	}
	got, _ := json.Marshal(d.Value)
	want := `{"a":"yes","b":"08:00","c":"2026-11-01","d":701234567,"e":1.5,"f":true,"g":null,"h":[1,"x"]}`
	if string(got) != want {
		t.Fatalf("value\n got %s\nwant %s", got, want)
	}
}

// A %YAML 1.2 directive is valid YAML (model.md §1 reads files as YAML 1.2);
// yaml.v3 only knows 1.1 and must not make it IN-01.
func TestLoadYAMLDirective(t *testing.T) {
	for _, src := range []string{
		"%YAML 1.2\n---\na: 08:00\n",
		"# comment\n%YAML 1.2 # c\n%TAG ! tag:example.com,2026:\n---\na: 08:00\n",
		"\xef\xbb\xbf%YAML 1.1\r\n---\r\na: 08:00\r\n",
	} {
		d := Load("f.yaml", []byte(src))
		if d.Fatal || len(d.Issues) > 0 {
			t.Errorf("Load(%q): %v", src, d.Issues)
			continue
		}
		if got, _ := json.Marshal(d.Value); string(got) != `{"a":"08:00"}` {
			t.Errorf("Load(%q) = %s", src, got)
		}
		if l, _ := d.Pos(ParsePath("a")); l != strings.Count(src, "\n") {
			t.Errorf("Load(%q): line %d", src, l)
		}
	}
	// Only the version in the directive is rewritten, not text in the document.
	d := Load("f.yaml", []byte("%YAML 1.2\n---\na: |\n  %YAML 1.2\n"))
	if got, _ := json.Marshal(d.Value); string(got) != `{"a":"%YAML 1.2\n"}` {
		t.Errorf("block scalar: %s %v", got, d.Issues)
	}
	// A second document is still IN-01, with or without a directive.
	if d := Load("f.yaml", []byte("%YAML 1.2\n---\na: 1\n...\n%YAML 1.2\n---\nb: 2\n")); !d.Fatal || codes(d) != "IN-01@$" {
		t.Errorf("two documents: %v", d.Issues)
	}
}

func TestLoadExplicitTags(t *testing.T) {
	d := Load("f.yaml", []byte("a: !!int 1\nb: !!float 1.5\nc: !!int \"2\"\nd: !!str 3\ne: '4'\nf: !!int 0x10\n"))
	if len(d.Issues) > 0 {
		t.Fatalf("issues: %v", d.Issues)
	}
	got, _ := json.Marshal(d.Value)
	if want := `{"a":1,"b":1.5,"c":2,"d":"3","e":"4","f":16}`; string(got) != want {
		t.Errorf("value\n got %s\nwant %s", got, want)
	}
}

func TestLoadBigIntegers(t *testing.T) {
	d := Load("f.yaml", []byte("a: 123456789012345678901234567890\nb: 0x1fffffffffffffffff\nc: 0o7777777777777777777777\nd: +00012345678901234567890\n"))
	if len(d.Issues) > 0 {
		t.Fatalf("issues: %v", d.Issues)
	}
	got, _ := json.Marshal(d.Value)
	if want := `{"a":123456789012345678901234567890,"b":590295810358705651711,"c":73786976294838206463,"d":12345678901234567890}`; string(got) != want {
		t.Errorf("value\n got %s\nwant %s", got, want)
	}
}

// A float beyond float64 is a number in YAML 1.2, not a string: like .inf it
// is IN-05, and a quoted one stays a string.
func TestLoadFloatOverflow(t *testing.T) {
	d := Load("f.yaml", []byte("a: 1e400\nb: -1.5e999\nc: '1e400'\n"))
	if got := codes(d); got != "IN-05@a IN-05@b" {
		t.Fatalf("issues %q, want IN-05 at a and b", got)
	}
	got, _ := json.Marshal(d.Value)
	if want := `{"a":null,"b":null,"c":"1e400"}`; string(got) != want {
		t.Errorf("value\n got %s\nwant %s", got, want)
	}
}

// C18 bounds alias expansion: values reached through aliases and merge keys
// count, the values written in the file do not.
func TestMaxNodesCountsExpansionOnly(t *testing.T) {
	defer func(n int) { maxNodes = n }(maxNodes)
	maxNodes = 20
	plain := "a: [" + strings.Repeat("0, ", 50) + "0]\n"
	if d := Load("f.yaml", []byte(plain)); d.Fatal || len(d.Issues) > 0 {
		t.Errorf("a plain list of 51 values hit the limit of 20: %v", d.Issues)
	}
	aliased := "x-a: &a [" + strings.Repeat("0, ", 9) + "0]\nb: [*a, *a, *a]\n"
	if d := Load("f.yaml", []byte(aliased)); !d.Fatal || codes(d) != "IN-01@$" {
		t.Errorf("3 aliases of 10 values passed a limit of 20: %v", d.Issues)
	}
	merged := "x-a: &a {" + "a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7}\n" +
		"b: {<<: *a}\nc: {<<: *a}\nd: {<<: *a}\n"
	if d := Load("f.yaml", []byte(merged)); !d.Fatal || codes(d) != "IN-01@$" {
		t.Errorf("3 merges of 7 values passed a limit of 20: %v", d.Issues)
	}
}

func TestLoadDuplicateKeyAndMerge(t *testing.T) {
	src := `x-defaults: &d
  status: active
  platform: facebook
channels:
  - <<: *d
    id: a
    platform: youtube
  - id: b
    id: c
`
	d := Load("f.yaml", []byte(src))
	if got := codes(d); got != "IN-08@channels[1].id" {
		t.Fatalf("issues %q", got)
	}
	chs := d.Value.(map[string]any)["channels"].([]any)
	first := chs[0].(map[string]any)
	if first["platform"] != "youtube" || first["status"] != "active" {
		t.Fatalf("merge: %v", first)
	}
	if chs[1].(map[string]any)["id"] != "c" {
		t.Fatalf("duplicate key: last value should win: %v", chs[1])
	}
	if l, c := d.Pos(ParsePath("channels[0].status")); l != 2 || c != 3 {
		t.Fatalf("merged value should point at the anchor: %d:%d", l, c)
	}
	if l, _ := d.Pos(ParsePath("channels[1].id")); l != 9 {
		t.Fatalf("duplicate key position: %d", l)
	}
	if l, c := d.Pos(ParsePath("channels[1].purpose")); l != 8 || c != 5 {
		t.Fatalf("missing key should resolve to the item: %d:%d", l, c)
	}
}

func TestAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 9; i++ {
		b.WriteString("a" + string(rune('0'+i)) + ": &a" + string(rune('0'+i)) + " [")
		for j := 0; j < 10; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*a" + string(rune('0'+i-1)))
		}
		b.WriteString("]\n")
	}
	d := Load("bomb.yaml", []byte(b.String()))
	if !d.Fatal || d.Issues[0].Code != "IN-01" {
		t.Fatalf("alias bomb: %v", d.Issues)
	}
}

func TestPathRoundTrip(t *testing.T) {
	for _, s := range []string{"$", "channels[3].purpose", "agency.contact", "disposal.decisions[0].rules[2].action", "x[1][2]"} {
		if got := ParsePath(s).String(); got != s {
			t.Errorf("ParsePath(%q).String() = %q", s, got)
		}
	}
}
