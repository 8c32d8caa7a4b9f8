package jsonerr

import (
	"encoding/json"
	"testing"
)

func TestDescribe(t *testing.T) {
	var v struct {
		Files []struct {
			Name string `json:"name"`
		} `json:"files"`
		OK bool `json:"ok"`
	}
	for _, tc := range []struct {
		in, want string
	}{
		{"{\n  \"files\": [\n    {\"name\": 3}\n  ]\n}", "line 3: files.name is a JSON number, not a string"},
		{"{\n  \"files\": {}\n}", "line 2: files is a JSON object, not a list"},
		{"{\"ok\": \"yes\"}", "line 1: ok is a JSON string, not true or false"},
		{"[1, 2]", "line 1: the document is a JSON array, not an object"},
		{"{\n\n  \"files\": [,]\n}", "line 3: invalid character ',' looking for beginning of value"},
		{"", "line 1: unexpected end of JSON input"},
	} {
		err := json.Unmarshal([]byte(tc.in), &v)
		if err == nil {
			t.Fatalf("%q decoded", tc.in)
		}
		if got := Describe([]byte(tc.in), err); got != tc.want {
			t.Errorf("Describe(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
