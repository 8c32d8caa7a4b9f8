package validate

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/smcheck/smcheck/checks/input"
)

// englishLeak matches English words and phrases of the messages and hints
// that must not be left in their Swedish text.
var englishLeak = regexp.MustCompile(`\b(is missing|expected|not one of|did you mean|is not|is|the|and|or|must|write|give|use|remove|rename|number|a list|a mapping|ignored|required|value|quotes|reserved|valid|file|already|later than|differs)\b`)

// quoted are quoted user values and inline code in a message: they are
// copied from the file and not translated.
var quoted = regexp.MustCompile(`'[^']*'|"[^"]*"`)

// checkSwedish fails unless the issue has Swedish text for its message (and
// hint, if any) that differs from the English and has no English left in it.
func checkSwedish(t *testing.T, where string, i input.Issue) {
	t.Helper()
	pairs := []struct{ what, en, sv string }{
		{"message", i.Message, i.MessageSV},
		{"hint", i.Hint, i.HintSV},
	}
	for _, p := range pairs {
		if p.en == "" {
			if p.sv != "" {
				t.Errorf("%s %s %s: Swedish %s %q without an English one", where, i.Code, i.Path, p.what, p.sv)
			}
			continue
		}
		if p.sv == "" {
			t.Errorf("%s %s %s: no Swedish %s for %q", where, i.Code, i.Path, p.what, p.en)
			continue
		}
		if p.sv == p.en {
			t.Errorf("%s %s %s: the Swedish %s is the English one: %q", where, i.Code, i.Path, p.what, p.en)
		}
		bare := strings.ToLower(quoted.ReplaceAllString(p.sv, "''"))
		if w := englishLeak.FindString(bare); w != "" {
			t.Errorf("%s %s %s: English %q in the Swedish %s %q (English: %q)", where, i.Code, i.Path, w, p.what, p.sv, p.en)
		}
	}
	if got := i.MessageIn("sv"); got != i.MessageSV {
		t.Errorf("%s: MessageIn(sv) = %q, want %q", where, got, i.MessageSV)
	}
	if got := i.MessageIn("en"); got != i.Message {
		t.Errorf("%s: MessageIn(en) = %q, want %q", where, got, i.Message)
	}
	if got := i.HintIn("sv"); got != i.HintSV {
		t.Errorf("%s: HintIn(sv) = %q, want %q", where, got, i.HintSV)
	}
}

// TestIssuesSwedishFixtures: every issue the invalid fixtures produce has its
// message and hint in Swedish.
func TestIssuesSwedishFixtures(t *testing.T) {
	files, err := filepath.Glob("../../fixtures/invalid/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	n := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out := testValidator.Validate(input.Load(f, data), Options{Today: "2026-11-01", Defaults: testDefaults})
		for _, i := range out.Issues {
			checkSwedish(t, filepath.Base(f), i)
			n++
		}
	}
	if n < 40 {
		t.Errorf("only %d issues from %d fixtures: the fixtures were not read as expected", n, len(files))
	}
}

// TestIssuesSwedishMore covers messages that no fixture produces.
func TestIssuesSwedishMore(t *testing.T) {
	tests := []struct {
		name string
		src  string
		opt  Options
	}{
		{"IN-01 tab indentation", "a:\n\t- b\n", Options{}},
		{"IN-01 unclosed quote", "a: \"b\n", Options{}},
		{"IN-01 mapping value", "a: b: c\n", Options{}},
		{"IN-01 unknown anchor", "a: *nope\n", Options{}},
		{"IN-01 block sequence", "a: b\n- c\n", Options{}},
		{"IN-02 scalar root", "hello\n", Options{}},
		{"IN-W1 non-string key", base + "1: x\n", Options{}},
		{"IN-05 non-finite", base + "    items_per_week: .inf\n", Options{}},
		{"IN-05 float for integer", base + "    items_per_week: 1.5\n", Options{}},
		{"IN-05 list for string", edit("handle: h", "handle: [a]"), Options{}},
		{"IN-05 mapping for string", edit("handle: h", "handle: {a: b}"), Options{}},
		{"IN-05 bool for string", edit("handle: h", "handle: true"), Options{}},
		{"IN-05 string for boolean", edit("comments_enabled: true", "comments_enabled: maybe"), Options{}},
		{"IN-05 string for list", base + "    target_audience: all\n", Options{}},
		{"IN-05 list for mapping", edit("contact: {email: a@a.example}", "contact: [a]"), Options{}},
		{"IN-05 string for number", base + "    items_per_week: \"5\"\n", Options{}},
		{"IN-05 non-mapping administrator", base + "    administrators: [{role: a}, x]\n", Options{}},
		{"IN-05 unquoted time", base + "monitoring:\n  - id: m\n    staffing: {from: 8}\n", Options{}},
		{"IN-06 list element", base + "    case_stages: [collect_views, nope]\n", Options{}},
		{"IN-07 url whitespace", edit("mission_url: https://a.example", "mission_url: https://a .example"), Options{}},
		{"IN-07 url without host", edit("mission_url: https://a.example", "mission_url: https:///x"), Options{}},
		{"IN-07 org number form", edit(`"202100-5489"`, `"2021005489"`), Options{}},
		{"IN-07 org number personal", edit(`"202100-5489"`, `"191212-1212"`), Options{}},
		{"IN-07 time", base + "monitoring:\n  - id: m\n    staffing: {from: 08:00, to: 8:00}\n", Options{}},
		{"IN-08 duplicate key", edit("  name: A\n", "  name: A\n  name: B\n"), Options{}},
		{"IN-08 duplicate ids", base + "monitoring: [{id: m}, {id: m}]\nagreements:\n  - {id: a, platform: facebook, title: T}\n  - {id: a, platform: facebook, title: T}\n", Options{}},
		{"IN-09 every reference", base + "    agreement_ref: x\n    monitoring_ref: x\n    archive_profile_ref: x\n    info_notice_ref: x\n" +
			"    goals: [{text: t, mission_objective_ref: mo-x}]\ninternal_rules:\n  spokespersons: [{role: r, channels: [all, fb, fbb]}]\n", Options{}},
		{"IN-W1 unknown key without suggestion", base + "zzz: 1\n", Options{}},
		{"IN-W2 waiver approval", base + "waivers: [{expires: 2030-01-01, approved_date: 2027-01-01}]\n", Options{}},
		{"IN-W3", edit("agency:\n", "evaluation_date: 2026-10-01\nagency:\n"), Options{AsOf: "2026-12-01"}},
		{"IN-03 missing", strings.TrimPrefix(base, "schema_version: 1\n"), Options{}},
		{"config", base + "config:\n  min_administrators: 0\n  archive_grace_factor: 2\n  platforms_requiring_agreement: [facebook, fb, 3]\n  purpose_min_lenght: 3\n  max_response_hours: -1\n", Options{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			opt := tc.opt
			opt.Today, opt.Defaults = "2026-11-01", testDefaults
			out := testValidator.Validate(input.Load("a.yaml", []byte(tc.src)), opt)
			if len(out.Issues) == 0 {
				t.Fatal("no issue")
			}
			for _, i := range out.Issues {
				checkSwedish(t, tc.name, i)
			}
		})
	}
}

// TestConfigIssuesSwedish: a --config file's problems are bilingual too.
func TestConfigIssuesSwedish(t *testing.T) {
	src := "min_administrators: two\narchive_grace_factor: 0\nplatforms_requiring_agreement: [facebok]\npurpose_min_lenght: 3\n"
	_, issues := testValidator.ValidateConfig(input.Load("thresholds.yaml", []byte(src)))
	if len(issues) < 4 {
		t.Fatalf("issues %v, want 4", issues)
	}
	for _, i := range issues {
		checkSwedish(t, "config", i)
	}
}

// TestSwedishText pins a few translations whose wording matters.
func TestSwedishText(t *testing.T) {
	issue := func(src string, opt Options, code string) input.Issue {
		t.Helper()
		opt.Today = "2026-11-01"
		out := testValidator.Validate(input.Load("a.yaml", []byte(src)), opt)
		for _, i := range out.Issues {
			if i.Code == code {
				return i
			}
		}
		t.Fatalf("no %s in %v", code, out.Issues)
		return input.Issue{}
	}
	tests := []struct {
		name, src, code string
		msg, hint       string
	}{
		{"required key", edit("    handle: h\n", ""), "IN-04",
			"den obligatoriska nyckeln 'handle' saknas", "lägg till handle: med ett värde"},
		{"date", base + "    closed_date: 2026-02-30\n", "IN-07",
			"'2026-02-30' är inte ett giltigt datum (ÅÅÅÅ-MM-DD)", "skriv datumet som ÅÅÅÅ-MM-DD, utan klockslag"},
		{"unknown key", base + "    coments_enabled: true\n", "IN-W1",
			"okänd nyckel 'coments_enabled' ignoreras (menade du comments_enabled?)", "byt namn på den till comments_enabled"},
		{"quote a number", edit("contact: {email: a@a.example}", "contact: {phone: 0701234567}"), "IN-05",
			"värdet ska vara text (en sträng), men är talet 701234567",
			`sätt värdet inom citattecken så att det läses som text, t.ex. phone: "…", och behåll eventuella inledande nollor`},
		{"enum", edit("platform: facebook", "platform: facebok"), "IN-06",
			"'facebok' är inte ett av de tillåtna värdena facebook, instagram, x, linkedin, youtube, tiktok, threads, bluesky, mastodon, blog, other (menade du facebook?)",
			"skriv facebook"},
		{"reference", base + "    agreement_ref: agr-x\n", "IN-09",
			"inget avtal i agreements har id:t 'agr-x'", "använd id:t för en post i agreements, eller lägg till en post med det här id:t"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			i := issue(tc.src, Options{}, tc.code)
			if i.MessageSV != tc.msg || i.HintSV != tc.hint {
				t.Errorf("got\n  %q\n  %q\nwant\n  %q\n  %q", i.MessageSV, i.HintSV, tc.msg, tc.hint)
			}
		})
	}
}
