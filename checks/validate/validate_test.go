package validate

import (
	"encoding/json"
	"os"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/smcheck/smcheck/checks/input"
)

// base is a minimal valid agency file of 18 lines; cases edit it in place
// (keeping line numbers) or append lines from line 19 on.
const base = `schema_version: 1
agency:
  name: A
  org_number: "202100-5489"
  type: state_agency
  mission_url: https://a.example
  contact: {email: a@a.example}
channels:
  - id: fb
    platform: facebook
    handle: h
    url: https://facebook.com/a
    owner_unit: u
    account_owner: agency
    status: active
    comments_enabled: true
    direct_messages_enabled: false
    used_for_case_handling: false
`

var testValidator = func() *Validator {
	v, err := NewValidator()
	if err != nil {
		panic(err)
	}
	return v
}()

var testDefaults = map[string]any{
	"min_administrators":            2,
	"archive_grace_factor":          1.5,
	"platforms_requiring_agreement": []any{"facebook", "instagram"},
	"purpose_min_length":            json.Number("20"),
}

// edit replaces old by new in base; it fails loudly if old is not there.
func edit(pairs ...string) string {
	s := base
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(s, pairs[i]) {
			panic("edit: " + pairs[i] + " not in base")
		}
		s = strings.Replace(s, pairs[i], pairs[i+1], 1)
	}
	return s
}

// issueKeys renders issues as CODE@path:line, sorted.
func issueKeys(is []input.Issue) []string {
	out := make([]string, 0, len(is))
	for _, i := range is {
		out = append(out, i.Code+"@"+i.Path+":"+strconv.Itoa(i.Line))
	}
	sort.Strings(out)
	return out
}

func get(v any, path string) (any, bool) {
	cur := v
	for _, step := range input.ParsePath(path) {
		switch s := step.(type) {
		case string:
			m, ok := cur.(map[string]any)
			if !ok {
				return nil, false
			}
			if cur, ok = m[s]; !ok {
				return nil, false
			}
		case int:
			l, ok := cur.([]any)
			if !ok || s >= len(l) {
				return nil, false
			}
			cur = l[s]
		}
	}
	return cur, true
}

func issueAt(t *testing.T, out Output, code, path string) input.Issue {
	t.Helper()
	for _, i := range out.Issues {
		if i.Code == code && i.Path == path {
			return i
		}
	}
	t.Fatalf("no %s at %s in %v", code, path, out.Issues)
	return input.Issue{}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		src  string
		opt  Options
		want []string // CODE@path:line
		// check inspects the output further (normalization, messages).
		check func(t *testing.T, out Output)
	}{
		{name: "valid base", src: base, want: nil, check: func(t *testing.T, out Output) {
			if out.Value == nil || out.EvalDateSource != SourceToday || out.EvalDate != "2026-11-01" {
				t.Fatalf("value %v, eval %s/%s", out.Value != nil, out.EvalDate, out.EvalDateSource)
			}
		}},
		{name: "IN-01 syntax passes through", src: "a: [1\n", want: []string{"IN-01@$:1"}, check: wantFatal},
		{name: "IN-02 list root", src: "- a\n", want: []string{"IN-02@$:1"}, check: wantFatal},
		{name: "IN-03 missing", src: strings.TrimPrefix(base, "schema_version: 1\n"), want: []string{"IN-03@schema_version:1"}, check: wantFatal},
		{name: "IN-03 wrong version stops", src: edit("schema_version: 1", "schema_version: 2", "status: active", "status: 5"), want: []string{"IN-03@schema_version:1"}, check: wantFatal},
		{name: "IN-03 quoted version", src: edit("schema_version: 1", `schema_version: "1"`), want: []string{"IN-03@schema_version:1"}, check: wantFatal},
		// YAML 1.2 core schema: 1.0 and 1e0 are floats, not the integer 1.
		{name: "IN-03 decimal version", src: edit("schema_version: 1", "schema_version: 1.0"), want: []string{"IN-03@schema_version:1"}, check: wantFatal},
		{name: "IN-03 exponent version", src: edit("schema_version: 1", "schema_version: 1e0"), want: []string{"IN-03@schema_version:1"}, check: wantFatal},
		{name: "IN-03 version tagged float", src: edit("schema_version: 1", "schema_version: !!float 1"), want: []string{"IN-03@schema_version:1"}, check: wantFatal},
		{name: "IN-05 decimal where an integer is expected", src: base + "    items_per_week: 180.0\n    administrators: 2.0\n", want: []string{"IN-05@channels[0].items_per_week:19", "IN-05@channels[0].administrators:20"}, check: func(t *testing.T, out Output) {
			ch := out.Value["channels"].([]any)[0].(map[string]any)
			if _, ok := ch["items_per_week"]; ok {
				t.Error("the erroneous items_per_week was kept")
			}
		}},
		{name: "a decimal below a minimum is only IN-05 (C14)", src: base + "archiving:\n  profiles: [{id: p, capture_frequency_days: 0.0}]\n", want: []string{"IN-05@archiving.profiles[0].capture_frequency_days:20"}},
		{name: "decimals fine where a number is expected, under x- and unknown keys", src: base + "    x-n: 1.0\n    volume: 2.0\ncase_handling:\n  registration_target_days: 1.0\n", want: []string{"IN-W1@channels[0].volume:20"}},
		{name: "IN-05 decimal in the config block", src: base + "config:\n  purpose_min_length: 21.0\n", want: []string{"IN-05@config.purpose_min_length:20"}},
		{name: "IN-04 required key", src: edit("    handle: h\n", ""), want: []string{"IN-04@channels[0].handle:9"}},
		{name: "IN-04 required top-level", src: base + "x-other: 1\n", want: nil},
		{name: "IN-04 contact without values", src: edit("contact: {email: a@a.example}", "contact: {email: ~, url: null}"), want: []string{"IN-04@agency.contact:7"}},
		{name: "C25 erroneous contact value counts", src: edit("contact: {email: a@a.example}", "contact: {phone: 0701234567}"), want: []string{"IN-05@agency.contact.phone:7"}, check: func(t *testing.T, out Output) {
			if h := issueAt(t, out, "IN-05", "agency.contact.phone").Hint; !strings.Contains(h, "quotes") {
				t.Errorf("C23 hint should say to quote: %q", h)
			}
		}},
		{name: "IN-05 status 5 removed (C14)", src: edit("status: active", "status: 5"), want: []string{"IN-05@channels[0].status:15"}, check: func(t *testing.T, out Output) {
			if _, ok := get(out.Value, "channels[0].status"); ok {
				t.Error("status should be removed")
			}
			if _, ok := get(out.Value, "channels[0].platform"); !ok {
				t.Error("other keys must stay")
			}
		}},
		{name: "IN-05 yes for boolean removed", src: edit("comments_enabled: true", "comments_enabled: yes"), want: []string{"IN-05@channels[0].comments_enabled:16"}, check: func(t *testing.T, out Output) {
			if _, ok := get(out.Value, "channels[0].comments_enabled"); ok {
				t.Error("comments_enabled should be removed")
			}
			if h := issueAt(t, out, "IN-05", "channels[0].comments_enabled").Hint; !strings.Contains(h, "true or false") {
				t.Errorf("hint %q", h)
			}
		}},
		{name: "IN-05 null for required key", src: edit("handle: h", "handle: ~"), want: []string{"IN-05@channels[0].handle:11"}},
		{name: "IN-05 null list item (C15)", src: base + "    target_audience: [a, ~, b]\n", want: []string{"IN-05@channels[0].target_audience[1]:19"}, check: func(t *testing.T, out Output) {
			got, _ := get(out.Value, "channels[0].target_audience")
			if !reflect.DeepEqual(got, []any{"a", nil, "b"}) {
				t.Errorf("target_audience = %v", got)
			}
		}},
		{name: "IN-05 negative number", src: base + "    items_per_week: -3\n", want: []string{"IN-05@channels[0].items_per_week:19"}},
		{name: "IN-05 non-mapping administrator (C29)", src: base + "    administrators: [{role: a}, x]\n", want: []string{"IN-05@channels[0].administrators[1]:19"}, check: func(t *testing.T, out Output) {
			got, _ := get(out.Value, "channels[0].administrators")
			if l, _ := got.([]any); len(l) != 2 || l[1] != nil || l[0] == nil {
				t.Errorf("administrators = %v", got)
			}
		}},
		{name: "IN-05 non-string date (C24)", src: base + "    last_reviewed: 2026\n", want: []string{"IN-05@channels[0].last_reviewed:19"}},
		{name: "IN-05 non-finite number from loader, once", src: base + "    items_per_week: .inf\n", want: []string{"IN-05@channels[0].items_per_week:19"}, check: func(t *testing.T, out Output) {
			if _, ok := get(out.Value, "channels[0].items_per_week"); ok {
				t.Error("items_per_week should be removed")
			}
		}},
		{name: "x- key with a non-finite number is ignored", src: base + "    x-note: .inf\n    x-data: {n: .nan, l: [-.inf]}\nx-top: .inf\n", want: nil},
		{name: "unknown key with a non-finite number is only IN-W1", src: base + "    volume: .inf\n", want: []string{"IN-W1@channels[0].volume:19"}},
		{name: "unknown key that looks like an index is only IN-W1", src: base + "    purpose[1]: .nan\n", want: []string{"IN-W1@channels[0].purpose[1]:19"}},
		{name: "an unknown key written like a real path hides nothing", src: base + "    items_per_week: .inf\n\"channels[0]\": 1\n", want: []string{"IN-05@channels[0].items_per_week:19", "IN-W1@channels[0]:20"}},
		{name: "non-string keys under x- and unknown keys", src: base + "    x-map: {1: a, true: b}\n    volume: {2: c}\n3: d\n", want: []string{"IN-W1@channels[0].volume:20", "IN-W1@$:21"}},
		{name: "big integer is a number", src: base + "    items_per_week: 123456789012345678901234567890\nx-big: 0x123456789012345678901234567890\n", want: nil, check: func(t *testing.T, out Output) {
			if n, _ := get(out.Value, "channels[0].items_per_week"); n != json.Number("123456789012345678901234567890") {
				t.Errorf("items_per_week = %#v", n)
			}
		}},
		{name: "big negative integer is IN-05", src: base + "    items_per_week: -123456789012345678901234567890\n", want: []string{"IN-05@channels[0].items_per_week:19"}},
		{name: "IN-06 did you mean", src: edit("platform: facebook", "platform: facebok"), want: []string{"IN-06@channels[0].platform:10"}, check: func(t *testing.T, out Output) {
			is := issueAt(t, out, "IN-06", "channels[0].platform")
			if !strings.Contains(is.Message, "'facebok'") || !strings.Contains(is.Message, "did you mean facebook?") {
				t.Errorf("message %q", is.Message)
			}
		}},
		{name: "IN-06 list element", src: base + "    case_stages: [collect_views, nope]\n", want: []string{"IN-06@channels[0].case_stages[1]:19"}},
		{name: "IN-07 url", src: edit("mission_url: https://a.example", "mission_url: www.a.example"), want: []string{"IN-07@agency.mission_url:6"}},
		{name: "IN-07 url scheme case (C28)", src: edit("mission_url: https://a.example", "mission_url: HTTPS://a.example/x"), want: nil},
		{name: "IN-07 org number Luhn", src: edit(`"202100-5489"`, `"202100-5488"`), want: []string{"IN-07@agency.org_number:4"}},
		{name: "IN-07 org number personal", src: edit(`"202100-5489"`, `"191212-1212"`), want: []string{"IN-07@agency.org_number:4"}},
		{name: "IN-07 date with time part", src: base + "    last_reviewed: 2026-01-01T10:00:00\n", want: []string{"IN-07@channels[0].last_reviewed:19"}},
		{name: "IN-07 impossible date", src: base + "    closed_date: 2026-02-30\n", want: []string{"IN-07@channels[0].closed_date:19"}},
		{name: "IN-07 id pattern kept (C20)", src: edit("- id: fb", "- id: FB_main"), want: []string{"IN-07@channels[0].id:9"}, check: func(t *testing.T, out Output) {
			if id, _ := get(out.Value, "channels[0].id"); id != "FB_main" {
				t.Errorf("id = %v, want kept", id)
			}
		}},
		{name: "IN-07 reserved channel id", src: edit("- id: fb", "- id: all"), want: []string{"IN-07@channels[0].id:9"}},
		{name: "IN-07 reserved id only for channels (C26)", src: base + "monitoring: [{id: all}]\n", want: nil},
		{name: "IN-07 time (C22)", src: base + "monitoring:\n  - id: m\n    staffing: {from: 08:00, to: 8:00}\n", want: []string{"IN-07@monitoring[0].staffing.to:21"}},
		{name: "IN-07 minimum", src: base + "archiving:\n  profiles: [{id: p, capture_frequency_days: 0, formats: [pdf_a, PDF/A], working_formats: [Any Thing]}]\n", want: []string{"IN-07@archiving.profiles[0].capture_frequency_days:20", "IN-07@archiving.profiles[0].formats[1]:20"}},
		{name: "IN-08 duplicate channel id", src: edit("channels:\n", "channels:\n  - id: fb\n    platform: blog\n    handle: h\n    url: https://a.example/blog\n    owner_unit: u\n    account_owner: agency\n    status: active\n    comments_enabled: false\n    direct_messages_enabled: false\n    used_for_case_handling: false\n"), want: []string{"IN-08@channels[1].id:19"}},
		{name: "IN-08 duplicate key", src: edit("  name: A\n", "  name: A\n  name: B\n"), want: []string{"IN-08@agency.name:4"}},
		{name: "IN-09 agreement ref kept", src: base + "    agreement_ref: agr-facebok\nagreements:\n  - {id: agr-facebook, platform: facebook, title: T}\n", want: []string{"IN-09@channels[0].agreement_ref:19"}, check: func(t *testing.T, out Output) {
			if r, _ := get(out.Value, "channels[0].agreement_ref"); r != "agr-facebok" {
				t.Errorf("agreement_ref = %v, want kept", r)
			}
			if m := issueAt(t, out, "IN-09", "channels[0].agreement_ref").Message; !strings.Contains(m, "did you mean agr-facebook?") {
				t.Errorf("message %q", m)
			}
		}},
		{name: "IN-09 ref to duplicated id resolves (C21)", src: base + "    monitoring_ref: m\nmonitoring: [{id: m}, {id: m}]\n", want: []string{"IN-08@monitoring[1].id:20"}},
		{name: "IN-09 goal objective and spokesperson channels", src: base + "    goals: [{text: t, mission_objective_ref: mo-x}]\ninternal_rules:\n  spokespersons: [{role: r, channels: [all, fb, tt]}]\n", want: []string{"IN-09@channels[0].goals[0].mission_objective_ref:19", "IN-09@internal_rules.spokespersons[0].channels[2]:21"}},
		{name: "IN-09 blank references (a ref must equal an id, §15)", src: base + "    agreement_ref: \"\"\n    monitoring_ref: \" \"\n    goals: [{text: t, mission_objective_ref: \"\"}]\ninternal_rules:\n  spokespersons: [{role: r, channels: [\"\"]}]\n", want: []string{"IN-09@channels[0].agreement_ref:19", "IN-09@channels[0].monitoring_ref:20", "IN-09@channels[0].goals[0].mission_objective_ref:21", "IN-09@internal_rules.spokespersons[0].channels[0]:23"}, check: func(t *testing.T, out Output) {
			if is := issueAt(t, out, "IN-09", "channels[0].monitoring_ref"); is.MessageIn("sv") != "referensen är tom och pekar inte på någon bevakningspost i monitoring" {
				t.Errorf("message %q / %q", is.Message, is.MessageIn("sv"))
			}
		}},
		{name: "IN-09 blank reference to a blank id", src: base + "    agreement_ref: \"\"\nagreements: [{id: \"\", platform: facebook, title: T}]\n", want: []string{"IN-09@channels[0].agreement_ref:19", "IN-07@agreements[0].id:20"}},
		{name: "IN-09 not for waivers", src: base + "waivers: [{requirement: P99.1, target: nope}]\n", want: nil},
		{name: "IN-W1 unknown key did you mean", src: base + "    coments_enabled: true\n    x-note: fine\n", want: []string{"IN-W1@channels[0].coments_enabled:19"}, check: func(t *testing.T, out Output) {
			is := issueAt(t, out, "IN-W1", "channels[0].coments_enabled")
			if !strings.Contains(is.Message, "did you mean comments_enabled?") || is.Level != input.LevelWarning {
				t.Errorf("issue %v", is)
			}
			if _, ok := get(out.Value, "channels[0].coments_enabled"); ok {
				t.Error("unknown key should be removed")
			}
		}},
		{name: "IN-W1 non-string key from loader", src: base + "1: x\n", want: []string{"IN-W1@$:19"}},
		{name: "IN-W2 future event date removed", src: base + "    last_reviewed: 2027-01-01\n    established_date: 2026-11-01\n", want: []string{"IN-W2@channels[0].last_reviewed:19"}, check: func(t *testing.T, out Output) {
			if _, ok := get(out.Value, "channels[0].last_reviewed"); ok {
				t.Error("future date should be removed")
			}
			if d, _ := get(out.Value, "channels[0].established_date"); d != "2026-11-01" {
				t.Errorf("date on eval kept as text: %v", d)
			}
		}},
		{name: "IN-W2 not for deadlines", src: base + "waivers: [{expires: 2030-01-01, approved_date: 2027-01-01}]\n", want: []string{"IN-W2@waivers[0].approved_date:19"}},
		{name: "IN-W2 against as-of", src: base + "    last_reviewed: 2027-01-01\n", opt: Options{AsOf: "2027-02-01"}, want: nil},
		{name: "IN-W3", src: edit("agency:\n", "evaluation_date: 2026-10-01\nagency:\n"), opt: Options{AsOf: "2026-12-01"}, want: []string{"IN-W3@evaluation_date:2"}, check: func(t *testing.T, out Output) {
			if out.EvalDate != "2026-12-01" || out.EvalDateSource != SourceAsOf {
				t.Errorf("eval %s/%s", out.EvalDate, out.EvalDateSource)
			}
		}},
		{name: "IN-W3 not for invalid evaluation_date (C27)", src: edit("agency:\n", "evaluation_date: 2026-13-01\nagency:\n"), opt: Options{AsOf: "2026-12-01"}, want: []string{"IN-07@evaluation_date:2"}},
		{name: "evaluation_date used", src: edit("agency:\n", "evaluation_date: 2026-10-01\nagency:\n") + "    last_reviewed: 2026-10-15\n", want: []string{"IN-W2@channels[0].last_reviewed:20"}, check: func(t *testing.T, out Output) {
			if out.EvalDate != "2026-10-01" || out.EvalDateSource != SourceEvaluationDate {
				t.Errorf("eval %s/%s", out.EvalDate, out.EvalDateSource)
			}
		}},
		{name: "invalid evaluation_date falls back to today", src: edit("agency:\n", "evaluation_date: 2026-02-30\nagency:\n"), want: []string{"IN-07@evaluation_date:2"}, check: func(t *testing.T, out Output) {
			if out.EvalDate != "2026-11-01" || out.EvalDateSource != SourceToday {
				t.Errorf("eval %s/%s", out.EvalDate, out.EvalDateSource)
			}
		}},
		{name: "merge keys from x- anchor (C32)", src: "x-defaults: &d\n  owner_unit: u\n  account_owner: agency\n" + edit("    owner_unit: u\n    account_owner: agency\n", "    <<: *d\n"), want: nil},
		{name: "config fallback and list element drop", src: base + "config:\n  min_administrators: 0\n  archive_grace_factor: 2\n  platforms_requiring_agreement: [facebook, fb, 3]\n  purpose_min_lenght: 3\n  x-note: ignored\n", want: []string{
			"IN-05@config.platforms_requiring_agreement[2]:22",
			"IN-06@config.platforms_requiring_agreement[1]:22",
			"IN-07@config.min_administrators:20",
			"IN-W1@config.purpose_min_lenght:23",
		}, check: func(t *testing.T, out Output) {
			want := map[string]any{
				"min_administrators":            json.Number("2"),
				"archive_grace_factor":          json.Number("2"),
				"platforms_requiring_agreement": []any{"facebook"},
				"purpose_min_length":            json.Number("20"),
			}
			if !reflect.DeepEqual(out.Config, want) {
				t.Errorf("config %#v", out.Config)
			}
			wantSrc := map[string]string{"min_administrators": "default", "archive_grace_factor": "input", "platforms_requiring_agreement": "input", "purpose_min_length": "default"}
			if !reflect.DeepEqual(out.ConfigSource, wantSrc) {
				t.Errorf("sources %v", out.ConfigSource)
			}
			if _, ok := out.Value["config"]; ok {
				t.Error("config must not stay in Value")
			}
			if is := issueAt(t, out, "IN-W1", "config.purpose_min_lenght"); !strings.Contains(is.Message, "did you mean purpose_min_length?") {
				t.Errorf("message %q", is.Message)
			}
		}},
		{name: "config negative is IN-05 (C13)", src: base + "config:\n  max_response_hours: -1\n  disposal_min_retention_months: 0\n", want: []string{"IN-05@config.max_response_hours:20"}},
		{name: "runner config wins, input ignored", src: base + "config:\n  min_administrators: 3\n  archive_grace_factor: 2\n", opt: Options{IgnoreInputConfig: true, RunnerConfig: map[string]any{"min_administrators": json.Number("4")}}, want: nil, check: func(t *testing.T, out Output) {
			if out.Config["min_administrators"] != json.Number("4") || out.ConfigSource["min_administrators"] != SourceRunner {
				t.Errorf("min_administrators %v from %s", out.Config["min_administrators"], out.ConfigSource["min_administrators"])
			}
			if out.Config["archive_grace_factor"] != json.Number("1.5") || out.ConfigSource["archive_grace_factor"] != SourceDefault {
				t.Errorf("archive_grace_factor %v from %s", out.Config["archive_grace_factor"], out.ConfigSource["archive_grace_factor"])
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := input.Load("t.yaml", []byte(tt.src))
			before, _ := json.Marshal(doc.Value)
			opt := tt.opt
			if opt.Today == "" {
				opt.Today = "2026-11-01"
			}
			if opt.Defaults == nil {
				opt.Defaults = testDefaults
			}
			out := testValidator.Validate(doc, opt)
			got := issueKeys(out.Issues)
			want := append([]string(nil), tt.want...)
			sort.Strings(want)
			if len(got) != 0 || len(want) != 0 {
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("issues\n got %v\nwant %v\n%v", got, want, out.Issues)
				}
			}
			for _, is := range out.Issues {
				if is.Message == "" || (is.Hint == "" && is.Code != "IN-01") || is.Level == "" {
					t.Errorf("incomplete issue %+v", is)
				}
			}
			if !sort.SliceIsSorted(out.Issues, func(i, j int) bool {
				a, b := out.Issues[i], out.Issues[j]
				if a.Line != b.Line {
					return a.Line < b.Line
				}
				if a.Column != b.Column {
					return a.Column < b.Column
				}
				if a.Code != b.Code {
					return a.Code < b.Code
				}
				return a.Path < b.Path
			}) {
				t.Errorf("issues not sorted: %v", out.Issues)
			}
			if after, _ := json.Marshal(doc.Value); string(after) != string(before) {
				t.Errorf("doc.Value was modified")
			}
			if tt.check != nil {
				tt.check(t, out)
			}
		})
	}
}

func TestConcurrent(t *testing.T) {
	data, err := os.ReadFile("../../fixtures/examples/typical-gaps.yaml")
	if err != nil {
		t.Fatal(err)
	}
	doc := input.Load("typical-gaps.yaml", data)
	want, _ := json.Marshal(testValidator.Validate(doc, Options{Today: "2026-11-01"}).Value)
	done := make(chan string)
	for range 8 {
		go func() {
			out := testValidator.Validate(doc, Options{Today: "2026-11-01"})
			got, _ := json.Marshal(out.Value)
			done <- string(got)
		}()
	}
	for range 8 {
		if got := <-done; got != string(want) {
			t.Error("concurrent Validate gave a different value")
		}
	}
}

func wantFatal(t *testing.T, out Output) {
	t.Helper()
	if out.Value != nil {
		t.Errorf("fatal: Value should be nil")
	}
	if len(out.Config) == 0 {
		t.Errorf("fatal: Config should still hold the defaults")
	}
}

func TestExamples(t *testing.T) {
	for _, name := range []string{"compliant.yaml", "typical-gaps.yaml"} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile("../../fixtures/examples/" + name)
			if err != nil {
				t.Fatal(err)
			}
			out := testValidator.Validate(input.Load(name, data), Options{Today: "2026-11-01", Defaults: testDefaults})
			if len(out.Issues) != 0 {
				t.Fatalf("issues: %v", out.Issues)
			}
			if out.EvalDate != "2026-11-01" || out.EvalDateSource != SourceEvaluationDate {
				t.Errorf("eval %s/%s", out.EvalDate, out.EvalDateSource)
			}
			// With a later --as-of the file still validates (IN-W3 only).
			out = testValidator.Validate(input.Load(name, data), Options{AsOf: "2026-12-01", Today: "2026-11-01"})
			if got := issueKeys(out.Issues); !reflect.DeepEqual(got, []string{"IN-W3@evaluation_date:" + strconv.Itoa(out.Issues[0].Line)}) {
				t.Errorf("issues %v", got)
			}
		})
	}
}

func TestValidateConfig(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
		cfg       map[string]any
	}{
		{"flat", "min_administrators: 3\naccepted_transfer_bases: [sccs, nope]\n", []string{"IN-06@config.accepted_transfer_bases[1]:2"},
			map[string]any{"min_administrators": json.Number("3"), "accepted_transfer_bases": []any{"sccs"}}},
		{"wrapped", "config:\n  min_administrators: 0\n  archive_grace_factor: 1.25\n  min_admins: 1\n", []string{"IN-07@config.min_administrators:2", "IN-W1@config.min_admins:4"},
			map[string]any{"archive_grace_factor": json.Number("1.25")}},
		{"wrapped null", "config: ~\n", nil, map[string]any{}},
		{"wrong type", "config: [1]\n", []string{"IN-05@config:1"}, map[string]any{}},
		{"string number", "min_administrators: \"3\"\n", []string{"IN-05@config.min_administrators:1"}, map[string]any{}},
		{"decimal integer", "min_administrators: 3.0\n", []string{"IN-05@config.min_administrators:1"}, map[string]any{}},
		{"wrapped beside other keys", "x-note: audit\nschema_version: 1\nconfig:\n  min_administrators: 4\n", []string{"IN-W1@schema_version:2"},
			map[string]any{"min_administrators": json.Number("4")}},
		{"wrapped beside a key with a bad value", "foo: .inf\nconfig:\n  min_administrators: 4\n", []string{"IN-W1@foo:1"},
			map[string]any{"min_administrators": json.Number("4")}},
		{"decimal integer wrapped", "config:\n  min_administrators: 3.0\n", []string{"IN-05@config.min_administrators:2"}, map[string]any{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, issues := testValidator.ValidateConfig(input.Load("c.yaml", []byte(tt.src)))
			got := issueKeys(issues)
			want := append([]string(nil), tt.want...)
			sort.Strings(want)
			if (len(got) != 0 || len(want) != 0) && !reflect.DeepEqual(got, want) {
				t.Errorf("issues\n got %v\nwant %v", got, want)
			}
			if !reflect.DeepEqual(cfg, tt.cfg) {
				t.Errorf("config %#v, want %#v", cfg, tt.cfg)
			}
		})
	}
}

func TestFormats(t *testing.T) {
	for s, ok := range map[string]bool{
		"https://a.se": true, "HTTP://a.se/x?y#z": true, "https://user@a.se:8080/": true,
		"ftp://a.se": false, "https://": false, "https:///x": false, "https://a .se": false, "a.se": false,
		// C28 lists all the conditions: scheme, host, no whitespace. Bad
		// percent-escapes or ports are not among them.
		"https://a.se/%zz": true, "https://a.se:port/x": true, "https://a.se/100%": true,
		"https://:80/": false, "http://user@/x": false, "https://a.se/\u00a0x": false,
	} {
		if err := validateHTTPURL(s); (err == nil) != ok {
			t.Errorf("http-url %q: %v", s, err)
		}
	}
	for s, ok := range map[string]bool{
		"202100-5489": true, "202999-8156": true, "212000-0142": true,
		"202100-5488": false, "191212-1212": false, "2021005489": false, "20210O-5489": false,
	} {
		if err := validateOrgNumber(s); (err == nil) != ok {
			t.Errorf("org-number %q: %v", s, err)
		}
	}
}

func TestSuggest(t *testing.T) {
	for _, c := range [][3]string{
		{"facebok", "facebook,instagram", "facebook"},
		{"fb", "facebook,x", ""},
		{"coments_enabled", "comments_enabled,purpose", "comments_enabled"},
		{"Facebook", "facebook", "facebook"},
		{"zzzzzz", "facebook", ""},
	} {
		if got := suggest(c[0], strings.Split(c[1], ",")); got != c[2] {
			t.Errorf("suggest(%q) = %q, want %q", c[0], got, c[2])
		}
	}
}

func BenchmarkValidate(b *testing.B) {
	data, err := os.ReadFile("../../fixtures/examples/typical-gaps.yaml")
	if err != nil {
		b.Fatal(err)
	}
	doc := input.Load("typical-gaps.yaml", data)
	opt := Options{Today: "2026-11-01", Defaults: testDefaults}
	b.ReportAllocs()
	for b.Loop() {
		testValidator.Validate(doc, opt)
	}
}

// BenchmarkSchemaOnly is the schema validation alone, for comparison.
func BenchmarkSchemaOnly(b *testing.B) {
	data, err := os.ReadFile("../../fixtures/examples/typical-gaps.yaml")
	if err != nil {
		b.Fatal(err)
	}
	doc := input.Load("typical-gaps.yaml", data)
	b.ReportAllocs()
	for b.Loop() {
		_ = testValidator.doc.Validate(doc.Value)
	}
}
