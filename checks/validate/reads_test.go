package validate_test

import (
	"bufio"
	"encoding/json"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/smcheck/smcheck/checks/validate"
)

// The schema's descriptions tell editor users which requirements read each
// key: every property description ends with "Read by <IDs>." or, when no
// requirement reads the key, "Informational: no requirement reads it."
// TestSchemaReadBy checks those sentences against docs/spec/requirements.md.

const requirementsFile = "../../docs/spec/requirements.md"

// specReads is what requirements.md says about who reads what.
type specReads struct {
	ids   []string                   // every requirement ID, in document order
	reads map[string]map[string]bool // schema path → requirement IDs
}

var (
	headRE  = regexp.MustCompile("^\\*\\*((?:P\\d+|W)\\.\\d+) .+?\\*\\* — `\\w+`")
	tickRE  = regexp.MustCompile("`([^`]+)`")
	idRE    = regexp.MustCompile(`(?:P\d+|W)\.\d+`)
	citeRE  = regexp.MustCompile(`((?:P\d+|W)\.\d+)(?:–((?:P\d+|W)\.\d+))?`)
	cfgRowR = regexp.MustCompile("^\\| `([a-z_]+)` \\|.*\\| ([^|]+) \\|$")
)

// expandBraces turns `x.{a, b}` into x.a and x.b.
func expandBraces(p string) []string {
	i := strings.Index(p, ".{")
	if i < 0 || !strings.HasSuffix(p, "}") {
		return []string{p}
	}
	var out []string
	for _, k := range strings.Split(p[i+2:len(p)-1], ",") {
		out = append(out, p[:i+1]+strings.TrimSpace(k))
	}
	return out
}

func parseRequirements(t *testing.T) *specReads {
	t.Helper()
	f, err := os.Open(requirementsFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s := &specReads{reads: map[string]map[string]bool{}}
	cur, section := "", ""
	usedBy := map[string]string{} // config key → §4 "Used by"
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "## ") {
			section = line
		}
		if m := headRE.FindStringSubmatch(line); m != nil {
			cur = m[1]
			s.ids = append(s.ids, cur)
			continue
		}
		if rest, ok := strings.CutPrefix(line, "- Reads: "); ok && cur != "" {
			for _, m := range tickRE.FindAllStringSubmatch(rest, -1) {
				for _, p := range expandBraces(m[1]) {
					s.add(p, cur)
				}
			}
			continue
		}
		// §4 Configuration: | `key` | type | default | unit | Used by |
		if m := cfgRowR.FindStringSubmatch(line); m != nil && section == "## 4. Configuration" {
			usedBy["config."+m[1]] = m[2]
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(s.ids) != 65 {
		t.Fatalf("parsed %d requirement IDs from %s, want 62 + 3 W checks", len(s.ids), requirementsFile)
	}
	if len(usedBy) != 25 {
		t.Fatalf("parsed %d configuration keys from %s §4, want 25", len(usedBy), requirementsFile)
	}
	// W checks come after §4, so expand its "Used by" column at the end.
	for path, list := range usedBy {
		for _, id := range s.expand(t, list) {
			s.add(path, id)
		}
	}
	return s
}

func (s *specReads) add(path, id string) {
	if s.reads[path] == nil {
		s.reads[path] = map[string]bool{}
	}
	s.reads[path][id] = true
}

// expand reads a list such as "P2.1–P2.7, P6.2, W.3" into IDs; a range is
// every ID between its ends in document order. Unknown IDs fail the test.
func (s *specReads) expand(t *testing.T, list string) []string {
	t.Helper()
	pos := make(map[string]int, len(s.ids))
	for i, id := range s.ids {
		pos[id] = i
	}
	var out []string
	for _, m := range citeRE.FindAllStringSubmatch(list, -1) {
		from, ok := pos[m[1]]
		if !ok {
			t.Errorf("%q cites %s, which is not a requirement in %s", list, m[1], requirementsFile)
			continue
		}
		to := from
		if m[2] != "" {
			if to, ok = pos[m[2]]; !ok || to < from {
				t.Errorf("%q cites the range %s–%s, which is not a range of requirements in %s", list, m[1], m[2], requirementsFile)
				continue
			}
		}
		out = append(out, s.ids[from:to+1]...)
	}
	return out
}

// derivedReads are the reads that requirements.md states outside the Reads
// lines: the predicates of §1.1 (live, commentable, interactive,
// requires_agreement, handles_cases, case_capable, admins, SM, the reference
// functions agr/prof/mon/note, which resolve ids), the Applies lines, the
// evaluation date of conditions, and the W checks of §5.
var derivedReads = map[string]string{
	// live(c): channel requirements apply to live channels, agency
	// requirements when some channel is live; P6.7 applies to closed ones.
	"channels[].status": "P1.1–P10.6",
	// commentable(c) (P4.1–P4.3, P5.7, P9.6) and interactive(c) (P9.1–P9.6).
	"channels[].comments_enabled": "P4.1–P4.3, P5.7, P9.1–P9.6",
	// Applies of P5.4, case_capable(c) (P7.5, P8.3, P8.4), interactive(c).
	"channels[].direct_messages_enabled": "P5.4, P7.5, P8.3, P8.4, P9.1–P9.6",
	// handles_cases(c): case_capable (P7.5, P8.3, P8.4), Applies of P8.5.
	"channels[].used_for_case_handling": "P7.5, P8.3, P8.4, P8.5",
	"channels[].case_stages":            "P7.5, P8.3, P8.4, P8.5",
	// requires_agreement(c) decides whether P2.1–P2.7 apply.
	"channels[].platform":           "P2.1–P2.7",
	"channels[].third_party_hosted": "P2.1–P2.7",
	// Applies of P2.2–P2.7, P6.2–P6.6, P9.2–P9.6, P10.2–P10.6: present(ref).
	"channels[].agreement_ref":       "P2.1–P2.7",
	"channels[].archive_profile_ref": "P6.1–P6.6",
	"channels[].monitoring_ref":      "P9.1–P9.6",
	"channels[].info_notice_ref":     "P10.1–P10.6",
	// agr(c), prof(c), mon(c), note(c): an unresolved reference is absent.
	"agreements[].id":         "P2.1–P2.7",
	"archiving.profiles[].id": "P6.1–P6.6, P7.4",
	"monitoring[].id":         "P9.1–P9.6",
	"info_notices[].id":       "P10.1–P10.6",
	// Applies of P1.4: present(c.goals).
	"channels[].goals": "P1.4",
	// admins(c).
	"channels[].administrators[].agency_staff": "P4.4",
	// SM: P7.2–P7.5 read only decisions covering social media.
	"disposal.decisions[].covers_social_media": "P7.1–P7.5",
	// P9.6 Applies: commentable(c) and not staffed around the clock (read
	// from staffing, already in its Reads line).
	// W.1: target is an existing channel id; all six fields present.
	"channels[].id":                   "W.1",
	"waivers[].requirement":           "W.1",
	"waivers[].target":                "W.1",
	"waivers[].justification":         "W.1",
	"waivers[].approved_by":           "W.1",
	"waivers[].approved_date":         "W.1, W.3",
	"waivers[].expires":               "W.1, W.2, W.3",
	"config.waiver_max_validity_days": "W.3",
	// eval in a condition: within/age (P1.5, P2.3, P2.7, P3.2, P6.5,
	// P10.4), P7.2 valid_until ≥ eval, W.2 expires ≥ eval.
	"evaluation_date": "P1.5, P2.3, P2.7, P3.2, P6.5, P7.2, P10.4, W.2",
}

// schemaNode is one property of the schema with its path (channels[].purpose).
type schemaNode struct {
	path     string
	desc     string
	leaf     bool
	children []string // paths of direct child properties, items included
}

// schemaProps lists every property of the schema, depth first.
func schemaProps(t *testing.T) ([]*schemaNode, map[string]*schemaNode) {
	t.Helper()
	var root map[string]any
	if err := json.Unmarshal(validate.SchemaJSON, &root); err != nil {
		t.Fatal(err)
	}
	var list []*schemaNode
	byPath := map[string]*schemaNode{}
	// props returns the child properties of an object schema, looking
	// through array items.
	var walk func(node map[string]any, path string) []string
	walk = func(node map[string]any, path string) []string {
		var kids []string
		if items, ok := node["items"].(map[string]any); ok {
			kids = append(kids, walk(items, path+"[]")...)
		}
		props, _ := node["properties"].(map[string]any)
		names := make([]string, 0, len(props))
		for k := range props {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			p := k
			if path != "" {
				p = path + "." + k
			}
			child, _ := props[k].(map[string]any)
			desc, _ := child["description"].(string)
			n := &schemaNode{path: p, desc: desc}
			list = append(list, n)
			byPath[p] = n
			n.children = walk(child, p)
			n.leaf = len(n.children) == 0
			kids = append(kids, p)
		}
		return kids
	}
	walk(root, "")
	return list, byPath
}

// readBy formats IDs the way the schema cites them: consecutive IDs of one
// guideline point as a range of three or more, each point's IDs followed by
// "(Gp n)"; whole consecutive points merge into one range.
func readBy(order []string, set map[string]bool) string {
	type group struct {
		point string // "1"…"10" or "W"
		ids   []string
		all   bool // every ID of the point
	}
	var groups []*group
	count := map[string]int{}
	for _, id := range order {
		count[pointOf(id)]++
	}
	for _, id := range order {
		if !set[id] {
			continue
		}
		p := pointOf(id)
		if len(groups) == 0 || groups[len(groups)-1].point != p {
			groups = append(groups, &group{point: p})
		}
		g := groups[len(groups)-1]
		g.ids = append(g.ids, id)
		g.all = len(g.ids) == count[p]
	}
	index := map[string]int{}
	for i, id := range order {
		index[id] = i
	}
	var parts []string
	for i := 0; i < len(groups); i++ {
		g := groups[i]
		// Merge runs of whole, consecutive guideline points.
		j := i
		for g.all && g.point != "W" && j+1 < len(groups) && groups[j+1].all && groups[j+1].point != "W" &&
			atoi(groups[j+1].point) == atoi(groups[j].point)+1 {
			j++
		}
		if j > i {
			last := groups[j]
			parts = append(parts, g.ids[0]+"–"+last.ids[len(last.ids)-1]+" (Gp "+g.point+"–"+last.point+")")
			i = j
			continue
		}
		var runs []string
		for k := 0; k < len(g.ids); {
			e := k
			for e+1 < len(g.ids) && index[g.ids[e+1]] == index[g.ids[e]]+1 {
				e++
			}
			switch {
			case e-k >= 2:
				runs = append(runs, g.ids[k]+"–"+g.ids[e])
			default:
				runs = append(runs, g.ids[k:e+1]...)
			}
			k = e + 1
		}
		label := "(Gp " + g.point + ")"
		if g.point == "W" {
			label = "(waivers)"
		}
		parts = append(parts, strings.Join(runs, ", ")+" "+label)
	}
	return strings.Join(parts, ", ")
}

func pointOf(id string) string {
	if strings.HasPrefix(id, "W.") {
		return "W"
	}
	return strings.TrimPrefix(id[:strings.IndexByte(id, '.')], "P")
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

const noReader = "Informational: no requirement reads it."

// expectedReads is, per schema property, the requirements that read it:
// a leaf's from the Reads lines, §4 and derivedReads; an object's or list's
// also every requirement that reads a key inside it.
func expectedReads(t *testing.T) (*specReads, []*schemaNode, map[string]map[string]bool) {
	t.Helper()
	spec := parseRequirements(t)
	for path, list := range derivedReads {
		for _, id := range spec.expand(t, list) {
			spec.add(path, id)
		}
	}
	nodes, byPath := schemaProps(t)
	for path := range spec.reads {
		if byPath[path] == nil {
			t.Errorf("requirements.md reads %s, which is not a property in the schema", path)
		}
	}
	want := map[string]map[string]bool{}
	var collect func(n *schemaNode) map[string]bool
	collect = func(n *schemaNode) map[string]bool {
		if w, ok := want[n.path]; ok {
			return w
		}
		set := map[string]bool{}
		for id := range spec.reads[n.path] {
			set[id] = true
		}
		for _, c := range n.children {
			for id := range collect(byPath[c]) {
				set[id] = true
			}
		}
		want[n.path] = set
		return set
	}
	for _, n := range nodes {
		collect(n)
	}
	return spec, nodes, want
}

// TestSchemaReadBy: every property of the schema says which requirements
// read it, exactly as requirements.md defines them, in the canonical form;
// every ID the schema mentions exists; every requirement is cited.
func TestSchemaReadBy(t *testing.T) {
	spec, nodes, want := expectedReads(t)
	known := map[string]bool{}
	for _, id := range spec.ids {
		known[id] = true
	}
	cited := map[string]bool{}
	for _, n := range nodes {
		w := want[n.path]
		ending := noReader
		if len(w) > 0 {
			ending = "Read by " + readBy(spec.ids, w) + "."
		}
		if !strings.HasSuffix(n.desc, ending) {
			t.Errorf("%s: the description should end with %q; it is %q", n.path, ending, n.desc)
		}
		if _, after, ok := strings.Cut(n.desc, "Read by "); ok {
			for _, id := range spec.expand(t, after) {
				cited[id] = true
			}
		}
	}
	// IDs mentioned anywhere, descriptions of items and $defs included.
	for _, id := range idRE.FindAllString(string(validate.SchemaJSON), -1) {
		if !known[id] {
			t.Errorf("the schema mentions %s, which is not a requirement in %s", id, requirementsFile)
		}
	}
	for _, id := range spec.ids {
		if !cited[id] {
			t.Errorf("no property of the schema cites %s", id)
		}
	}
}

// TestReadByFormat pins the citation format.
func TestReadByFormat(t *testing.T) {
	spec := parseRequirements(t)
	set := func(list string) map[string]bool {
		m := map[string]bool{}
		for _, id := range spec.expand(t, list) {
			m[id] = true
		}
		return m
	}
	for _, c := range []struct{ in, want string }{
		{"P6.2, P6.5", "P6.2, P6.5 (Gp 6)"},
		{"P6.1–P6.6, P7.4", "P6.1–P6.6 (Gp 6), P7.4 (Gp 7)"},
		{"P3.4, P3.5", "P3.4, P3.5 (Gp 3)"},
		{"P1.1–P10.6", "P1.1–P10.6 (Gp 1–10)"},
		{"P2.1–P2.7, P3.1", "P2.1–P2.7 (Gp 2), P3.1 (Gp 3)"},
		{"W.1, W.2, W.3", "W.1–W.3 (waivers)"},
		{"P1.1–P10.6, W.1", "P1.1–P10.6 (Gp 1–10), W.1 (waivers)"},
	} {
		if got := readBy(spec.ids, set(c.in)); got != c.want {
			t.Errorf("readBy(%s) = %q, want %q", c.in, got, c.want)
		}
	}
}
