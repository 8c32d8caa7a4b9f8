package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Input problems (IN-xx) follow the report language like requirement texts:
// --lang sv, or LANG=sv_SE…, gives them in Swedish; English stays as it was.

func TestValidateLangSwedish(t *testing.T) {
	tests := []struct {
		name   string
		env    []string
		args   []string
		code   int
		stdout string // exact
	}{
		{name: "error with hint", args: []string{"--lang", "sv", "fixtures/invalid/in05-yes-boolean.yaml"}, code: 2,
			stdout: "fixtures/invalid/in05-yes-boolean.yaml:23:5: IN-05 channels[0].comments_enabled: värdet ska vara true eller false, men är 'yes' (skriv true eller false; yes är text i YAML 1.2, inte ett sanningsvärde)\n" +
				"0 giltiga, 1 ogiltig av 1 fil (1 indatafel, 0 varningar)\n"},
		{name: "two files", args: []string{"--lang", "sv", "fixtures/invalid/in04-missing-required.yaml", "fixtures/invalid/in07-bad-date.yaml"}, code: 2,
			stdout: "fixtures/invalid/in04-missing-required.yaml:17:5: IN-04 channels[0].owner_unit: den obligatoriska nyckeln 'owner_unit' saknas (lägg till owner_unit: med ett värde)\n" +
				"fixtures/invalid/in07-bad-date.yaml:26:5: IN-07 channels[0].last_reviewed: '2026-02-30' är inte ett giltigt datum (ÅÅÅÅ-MM-DD) (skriv datumet som ÅÅÅÅ-MM-DD, utan klockslag)\n" +
				"0 giltiga, 2 ogiltiga av 2 filer (2 indatafel, 0 varningar)\n"},
		{name: "warning from LANG", env: []string{"LANG=sv_SE.UTF-8"}, args: []string{"fixtures/invalid/inw1-unknown-key.yaml"}, code: 0,
			stdout: "fixtures/invalid/inw1-unknown-key.yaml:25:5: IN-W1 channels[0].coments_enabled: okänd nyckel 'coments_enabled' ignoreras (menade du comments_enabled?) (byt namn på den till comments_enabled)\n" +
				"1 giltig, 0 ogiltiga av 1 fil (0 indatafel, 1 varning)\n"},
		{name: "--lang en wins over LANG", env: []string{"LANG=sv_SE.UTF-8"}, args: []string{"--lang", "en", "fixtures/invalid/in05-yes-boolean.yaml"}, code: 2,
			stdout: "fixtures/invalid/in05-yes-boolean.yaml:23:5: IN-05 channels[0].comments_enabled: expected true or false, got 'yes' (write true or false; yes is text in YAML 1.2, not a boolean)\n" +
				"0 valid, 1 invalid of 1 file (1 input error, 0 warnings)\n"},
		{name: "unknown language", args: []string{"--lang", "de", "fixtures/examples"}, code: 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := smcheckEnv(t, tc.env, append([]string{"validate"}, tc.args...)...)
			if r.code != tc.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", r.code, tc.code, r.stdout, r.stderr)
			}
			if r.stdout != tc.stdout {
				t.Errorf("stdout:\n%s\nwant:\n%s", r.stdout, tc.stdout)
			}
		})
	}
}

// englishInSwedish are words of the English messages that must not show in
// Swedish output (outside quoted values).
var englishInSwedish = regexp.MustCompile(`\b(is missing|expected|not one of|did you mean|is not|the|write|valid|invalid|file|files|errors?|warnings?)\b`)

// TestValidateLangSwedishAllFixtures: every input problem of the invalid
// fixtures is printed in Swedish, with the same codes, paths and lines as in
// English.
func TestValidateLangSwedishAllFixtures(t *testing.T) {
	en := smcheck(t, "", "validate", "fixtures/invalid")
	sv := smcheck(t, "", "validate", "--lang", "sv", "fixtures/invalid")
	if en.code != 2 || sv.code != 2 {
		t.Fatalf("exit en %d, sv %d; want 2", en.code, sv.code)
	}
	enLines := strings.Split(strings.TrimSuffix(en.stdout, "\n"), "\n")
	svLines := strings.Split(strings.TrimSuffix(sv.stdout, "\n"), "\n")
	if len(enLines) != len(svLines) || len(enLines) < 40 {
		t.Fatalf("%d English lines, %d Swedish lines", len(enLines), len(svLines))
	}
	for k, l := range svLines {
		if l == enLines[k] {
			t.Errorf("line %d is the same in Swedish: %q", k+1, l)
			continue
		}
		if k == len(svLines)-1 {
			break // the summary
		}
		me, ms := validateLineRE.FindStringSubmatch(enLines[k]), validateLineRE.FindStringSubmatch(l)
		if me == nil || ms == nil {
			t.Errorf("line %d: not FILE:LINE:COL: CODE PATH: MESSAGE:\n%s\n%s", k+1, enLines[k], l)
			continue
		}
		if strings.Join(me[1:6], " ") != strings.Join(ms[1:6], " ") {
			t.Errorf("line %d: location, code or path differs:\n%s\n%s", k+1, enLines[k], l)
		}
		text := regexp.MustCompile(`'[^']*'|"[^"]*"`).ReplaceAllString(ms[6], "''")
		if w := englishInSwedish.FindString(text); w != "" {
			t.Errorf("line %d: English %q in %q", k+1, w, l)
		}
	}
}

func TestCheckLangSwedishInputIssues(t *testing.T) {
	// Table: the issue line and its hint in Swedish; the requirement texts
	// were Swedish already.
	r := smcheck(t, "", "check", "--lang", "sv", "--as-of", "2026-11-01", "fixtures/invalid/in06-bad-platform.yaml")
	if r.code != 2 {
		t.Fatalf("exit %d, want 2\n%s%s", r.code, r.stdout, r.stderr)
	}
	want := "IN-06 fixtures/invalid/in06-bad-platform.yaml:17:5 channels[0].platform: 'facebok' är inte ett av de tillåtna värdena facebook, instagram, x, linkedin, youtube, tiktok, threads, bluesky, mastodon, blog, other (menade du facebook?) — skriv facebook"
	if !strings.Contains(r.stdout, want) {
		t.Errorf("table output lacks\n%s\n%s", want, r.stdout)
	}
	if strings.Contains(r.stdout, "is not one of") {
		t.Errorf("English input message in the Swedish table:\n%s", r.stdout)
	}

	// English is unchanged.
	r = smcheck(t, "", "check", "--as-of", "2026-11-01", "fixtures/invalid/in06-bad-platform.yaml")
	want = "IN-06 fixtures/invalid/in06-bad-platform.yaml:17:5 channels[0].platform: 'facebok' is not one of facebook, instagram, x, linkedin, youtube, tiktok, threads, bluesky, mastodon, blog, other (did you mean facebook?) — write facebook"
	if !strings.Contains(r.stdout, want) {
		t.Errorf("English table output lacks\n%s\n%s", want, r.stdout)
	}

	// JSON: message and hint in the report's language, under the same keys.
	for _, c := range []struct {
		env, args     []string
		lang          string
		message, hint string
	}{
		{nil, []string{"--lang", "sv"}, "sv", "värdet ska vara true eller false, men är 'yes'", "skriv true eller false; yes är text i YAML 1.2, inte ett sanningsvärde"},
		{[]string{"LANG=sv_SE.UTF-8"}, nil, "sv", "värdet ska vara true eller false, men är 'yes'", "skriv true eller false; yes är text i YAML 1.2, inte ett sanningsvärde"},
		{nil, nil, "en", "expected true or false, got 'yes'", "write true or false; yes is text in YAML 1.2, not a boolean"},
	} {
		args := append([]string{"check", "-f", "json", "--as-of", "2026-11-01"}, c.args...)
		r := smcheckEnv(t, c.env, append(args, "fixtures/invalid/in05-yes-boolean.yaml")...)
		var rep struct {
			Lang  string `json:"lang"`
			Files []struct {
				Issues []map[string]any `json:"input_issues"`
			} `json:"files"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
			t.Fatalf("%v: json: %v\n%s", c.args, err, r.stderr)
		}
		if rep.Lang != c.lang || len(rep.Files) != 1 || len(rep.Files[0].Issues) != 1 {
			t.Fatalf("%v %v: lang %q, files %+v", c.env, c.args, rep.Lang, rep.Files)
		}
		is := rep.Files[0].Issues[0]
		if is["message"] != c.message || is["hint"] != c.hint {
			t.Errorf("%v %v: message %q hint %q, want %q %q", c.env, c.args, is["message"], is["hint"], c.message, c.hint)
		}
		for _, k := range []string{"message_sv", "hint_sv", "MessageSV", "HintSV"} {
			if _, ok := is[k]; ok {
				t.Errorf("input issue has an undocumented key %s", k)
			}
		}
	}
}

// TestConfigErrorsFollowLang: problems of a --config file are printed in the
// language of the run.
func TestConfigErrorsFollowLang(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "thresholds.yaml")
	if err := os.WriteFile(cfg, []byte("purpose_min_lenght: 3\nmin_administrators: two\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want []string
	}{
		{[]string{"check", "--lang", "sv"}, []string{"okänd nyckel 'purpose_min_lenght' ignoreras (menade du purpose_min_length?)", "värdet ska vara ett heltal, men är 'two'"}},
		{[]string{"check"}, []string{"unknown key 'purpose_min_lenght' is ignored (did you mean purpose_min_length?)", "expected a whole number, got 'two'"}},
		{[]string{"rules", "--lang", "sv"}, []string{"okänd nyckel 'purpose_min_lenght' ignoreras"}},
	} {
		r := smcheck(t, "", append(c.args, "--config", cfg, "fixtures/examples/compliant.yaml")...)
		if r.code != 2 {
			t.Errorf("%v: exit %d, want 2\n%s", c.args, r.code, r.stderr)
		}
		for _, w := range c.want {
			if !strings.Contains(r.stderr, w) {
				t.Errorf("%v: stderr lacks %q:\n%s", c.args, w, r.stderr)
			}
		}
	}
}
