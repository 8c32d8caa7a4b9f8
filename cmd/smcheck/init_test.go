package main

import (
	"encoding/json"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/smcheck/smcheck/checks/engine"
	"github.com/smcheck/smcheck/checks/input"
	"github.com/smcheck/smcheck/checks/validate"
	"github.com/smcheck/smcheck/policies"
)

// keyPaths lists every mapping key path of a YAML document, lists written
// as [] (channels[].goals[].text), so that two templates can be compared.
func keyPaths(t *testing.T, text []byte) []string {
	t.Helper()
	var v any
	if err := yaml.Unmarshal(text, &v); err != nil {
		t.Fatalf("the template is not YAML: %v", err)
	}
	set := map[string]bool{}
	var walk func(v any, p string)
	walk = func(v any, p string) {
		switch x := v.(type) {
		case map[string]any:
			for k, c := range x {
				set[p+"."+k] = true
				walk(c, p+"."+k)
			}
		case []any:
			for _, c := range x {
				walk(c, p+"[]")
			}
		}
	}
	walk(v, "")
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestInitTemplatesValidate: both languages, any platforms, give a file
// without input errors or warnings, and the same keys in both languages.
func TestInitTemplatesValidate(t *testing.T) {
	v, err := validate.NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	cases := [][]string{{"facebook"}, platformEnum, {"blog"}, {"facebook", "facebook", "instagram"}}
	for _, platforms := range cases {
		var keys [2][]string
		for i, lang := range []string{"en", "sv"} {
			text, err := agencyTemplate(lang, platforms)
			if err != nil {
				t.Fatalf("%s %v: %v", lang, platforms, err)
			}
			out := v.Validate(input.Load("agency.yaml", text), validate.Options{Today: "2026-11-01"})
			for _, is := range out.Issues {
				t.Errorf("%s %v: %s %s: %s", lang, platforms, is.Code, is.Path, is.Message)
			}
			keys[i] = keyPaths(t, text)
		}
		if !reflect.DeepEqual(keys[0], keys[1]) {
			t.Errorf("%v: the en and sv templates have different keys:\n en %v\n sv %v", platforms, keys[0], keys[1])
		}
	}
}

// TestInitTemplateCoversSchema: the template shows every key of the data
// model, except the few it leaves to comments (an administrator list entry,
// disposal rules and waivers, which would otherwise be facts).
func TestInitTemplateCoversSchema(t *testing.T) {
	text, err := agencyTemplate("en", []string{"facebook"})
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, k := range keyPaths(t, text) {
		have[strings.TrimPrefix(k, ".")] = true
	}
	var schema map[string]any
	if err := json.Unmarshal(validate.SchemaJSON, &schema); err != nil {
		t.Fatal(err)
	}
	commented := []string{"channels[].administrators[]", "disposal.decisions[].rules[]", "waivers[]", "config."}
	var walk func(node map[string]any, p string)
	walk = func(node map[string]any, p string) {
		if items, ok := node["items"].(map[string]any); ok {
			walk(items, p+"[]")
		}
		props, _ := node["properties"].(map[string]any)
		for k, c := range props {
			path := k
			if p != "" {
				path = p + "." + k
			}
			skip := false
			for _, pre := range commented {
				skip = skip || strings.HasPrefix(path, pre)
			}
			if !skip && !have[path] {
				t.Errorf("the template has no %s", path)
			}
			walk(c.(map[string]any), path)
		}
	}
	walk(schema, "")
}

// TestInitConfigDefaults: the commented config block shows the defaults the
// policies really use (the schema's defaults, which it is built from, must
// agree with policies/…/config/provided/data.yaml).
func TestInitConfigDefaults(t *testing.T) {
	b, err := engine.LoadBundle(policies.FS, false)
	if err != nil {
		t.Fatal(err)
	}
	defaults := b.Defaults()
	shown := map[string]any{}
	for _, kv := range configDefaults() {
		var v any
		if err := yaml.Unmarshal([]byte(flowYAML(kv.value)), &v); err != nil {
			t.Fatalf("%s: %v", kv.key, err)
		}
		shown[kv.key] = v
	}
	if len(shown) != len(defaults) {
		t.Errorf("the template shows %d config keys, the policies have %d defaults", len(shown), len(defaults))
	}
	for k, want := range defaults {
		w, _ := json.Marshal(want)
		g, _ := json.Marshal(shown[k])
		var wv, gv any
		_ = json.Unmarshal(w, &wv)
		_ = json.Unmarshal(g, &gv)
		if !reflect.DeepEqual(wv, gv) {
			t.Errorf("config.%s: the template shows %s, the policies' default is %s", k, g, w)
		}
	}
}

// TestPlatformsAreTheSchemas: the platform list init's help and
// --from-platforms use is the schema's enum, in its order.
func TestPlatformsAreTheSchemas(t *testing.T) {
	var enum []string
	for _, v := range schemaNode("properties", "channels", "items", "properties", "platform", "enum").Content {
		enum = append(enum, v.Value)
	}
	if !slices.Equal(enum, platformEnum) {
		t.Fatalf("platformEnum = %q, the schema says %q: update it in init.go", platformEnum, enum)
	}
}
