package input

import (
	"strconv"
	"strings"
)

// Path is a location in the document as a list of steps: a string is a mapping
// key, an int a sequence index. Its String form is what users read in findings
// and what policies return: channels[3].purpose.
type Path []any

// Root is the empty path; it prints as "$".
var Root = Path{}

// Key returns p extended by a mapping key.
func (p Path) Key(k string) Path { return append(p[:len(p):len(p)], k) }

// Index returns p extended by a sequence index.
func (p Path) Index(i int) Path { return append(p[:len(p):len(p)], i) }

func (p Path) String() string {
	if len(p) == 0 {
		return "$"
	}
	var b strings.Builder
	for i, s := range p {
		switch v := s.(type) {
		case int:
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(v))
			b.WriteByte(']')
		case string:
			if i > 0 {
				b.WriteByte('.')
			}
			b.WriteString(v)
		}
	}
	return b.String()
}

// ParsePath reads the String form back. Keys are the model's keys, which never
// contain '.', '[' or ']'.
func ParsePath(s string) Path {
	if s == "" || s == "$" {
		return Root
	}
	var p Path
	for _, part := range strings.Split(s, ".") {
		name, rest, _ := strings.Cut(part, "[")
		if name != "" {
			p = append(p, name)
		}
		for rest != "" {
			num, after, _ := strings.Cut(rest, "]")
			if n, err := strconv.Atoi(num); err == nil {
				p = append(p, n)
			}
			_, rest, _ = strings.Cut(after, "[")
		}
	}
	return p
}
