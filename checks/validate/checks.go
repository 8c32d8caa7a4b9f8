package validate

import (
	"fmt"
	"strings"

	"github.com/smcheck/smcheck/checks/input"
)

// futureDates reports and deletes event dates later than eval (IN-W2). It
// runs on the normalized value, where every remaining date string is a valid
// YYYY-MM-DD date, so that string order is date order.
func futureDates(val map[string]any, sh *shape, eval string) []problem {
	var out []problem
	var walk func(v any, s *shape, p input.Path)
	walk = func(v any, s *shape, p input.Path) {
		if s == nil || !s.hasEvent {
			return
		}
		switch x := v.(type) {
		case map[string]any:
			for k, cs := range s.props {
				if !cs.hasEvent {
					continue
				}
				cv, ok := x[k]
				if !ok {
					continue
				}
				if cs.event {
					if d, ok := cv.(string); ok && len(d) == len(eval) && d > eval {
						out = append(out, problem{
							code: "IN-W2", path: p.Key(k),
							msg: tr("the date %s is later than the evaluation date %s and is treated as absent",
								"datumet %s är senare än utvärderingsdatumet %s och behandlas som om det saknades", d, eval),
							hint: tr("record only things that have happened: correct the date, or check the evaluation date",
								"ange bara sådant som redan har hänt: rätta datumet, eller kontrollera utvärderingsdatumet"),
						})
						delete(x, k)
					}
					continue
				}
				walk(cv, cs, p.Key(k))
			}
		case []any:
			for i, item := range x {
				walk(item, s.items, p.Index(i))
			}
		}
	}
	walk(val, sh, input.Path{})
	return out
}

// checkContact reports agency.contact without any of email, phone and url
// (IN-04). A key with a non-null value counts even if it is erroneous (C25),
// so this reads the document as written.
func checkContact(root map[string]any) []problem {
	agency, _ := root["agency"].(map[string]any)
	contact, ok := agency["contact"].(map[string]any)
	if !ok {
		return nil // missing or wrong type: reported by the schema
	}
	for _, k := range []string{"email", "phone", "url"} {
		if contact[k] != nil {
			return nil
		}
	}
	return []problem{{
		code: "IN-04", path: input.Path{"agency", "contact"},
		msg:  tr("agency.contact has none of email, phone and url", "agency.contact har varken email, phone eller url"),
		hint: tr("give at least one of email, phone or url", "ange minst en av email, phone och url"),
	}}
}

// collection is a list of objects with ids (model.md §16 IN-08).
type collection struct {
	path input.Path
	noun noun // for messages
}

// noun names the objects of a collection in messages. Swedish needs the
// noun's gender for "no …": none is "ingen kanal", "inget avtal".
type noun struct{ en, sv, noneSV string }

// anySV is "någon kanal" for "ingen kanal", "något avtal" for "inget avtal".
func (n noun) anySV() string {
	if rest, ok := strings.CutPrefix(n.noneSV, "inget "); ok {
		return "något " + rest
	}
	return "någon " + strings.TrimPrefix(n.noneSV, "ingen ")
}

var (
	nounMissionObjective  = noun{"mission objective", "uppdragsmål", "inget uppdragsmål"}
	nounChannel           = noun{"channel", "kanal", "ingen kanal"}
	nounAgreement         = noun{"agreement", "avtal", "inget avtal"}
	nounArchiveProfile    = noun{"archive profile", "arkiveringsprofil", "ingen arkiveringsprofil"}
	nounDisposalDecision  = noun{"disposal decision", "gallringsbeslut", "inget gallringsbeslut"}
	nounMonitoringEntry   = noun{"monitoring entry", "bevakningspost", "ingen bevakningspost"}
	nounInformationNotice = noun{"information notice", "informationstext", "ingen informationstext"}
)

var collections = []collection{
	{input.Path{"agency", "mission_objectives"}, nounMissionObjective},
	{input.Path{"channels"}, nounChannel},
	{input.Path{"agreements"}, nounAgreement},
	{input.Path{"archiving", "profiles"}, nounArchiveProfile},
	{input.Path{"disposal", "decisions"}, nounDisposalDecision},
	{input.Path{"monitoring"}, nounMonitoringEntry},
	{input.Path{"info_notices"}, nounInformationNotice},
}

func lookupPath(v any, p input.Path) any {
	for _, step := range p {
		switch x := v.(type) {
		case map[string]any:
			k, _ := step.(string)
			v = x[k]
		case []any:
			i, ok := step.(int)
			if !ok || i < 0 || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

// idIndex holds the ids of one collection, in order of first appearance.
type idIndex struct {
	set   map[string]bool
	order []string
}

// crossChecks reports duplicate ids (IN-08) and unresolved references
// (IN-09, §15) on the normalized value. Waiver targets are not checked here:
// they are W.1 findings.
func crossChecks(val map[string]any) []problem {
	var out []problem
	ids := make(map[string]*idIndex, len(collections))
	for _, c := range collections {
		idx := &idIndex{set: map[string]bool{}}
		ids[c.path.String()] = idx
		list, _ := lookupPath(val, c.path).([]any)
		first := map[string]int{}
		for i, item := range list {
			m, _ := item.(map[string]any)
			id, ok := m["id"].(string)
			if !ok || strings.TrimSpace(id) == "" {
				continue // a blank id (IN-07) is no target: a blank reference names nothing
			}
			if j, dup := first[id]; dup {
				out = append(out, problem{
					code: "IN-08", path: c.path.Index(i).Key("id"),
					msg: tr("the id '%s' is already used by %s; references resolve to the first",
						"id:t '%s' används redan av %s; referenser pekar på den första posten", id, c.path.Index(j)),
					hint: tr("give each %s a unique id", "ge varje %s ett unikt id", input.Text{EN: c.noun.en, SV: c.noun.sv}),
				})
				continue
			}
			first[id] = i
			idx.set[id] = true
			idx.order = append(idx.order, id)
		}
	}

	ref := func(p input.Path, v any, target string, n noun) {
		s, ok := v.(string)
		if !ok {
			return // absent, or a type error reported by the schema
		}
		// A blank string counts as absent in requirement conditions only
		// (model.md §1 Types); as a ref it must equal an id (§15), and none
		// is blank.
		if strings.TrimSpace(s) == "" {
			out = append(out, problem{code: "IN-09", path: p,
				msg:  tr("the reference is blank: it names no %s in %s", "referensen är tom och pekar inte på %s i %s", input.Text{EN: n.en, SV: n.anySV()}, target),
				hint: tr("write the id of an entry in %s, or remove the key", "skriv id:t för en post i %s, eller ta bort nyckeln", target)})
			return
		}
		idx := ids[target]
		if idx.set[s] {
			return
		}
		msg := input.Text{
			EN: fmt.Sprintf("no %s in %s has the id '%s'", n.en, target, s),
			SV: fmt.Sprintf("%s i %s har id:t '%s'", n.noneSV, target, s),
		}
		hint := tr("use the id of an entry in %s, or add an entry with this id", "använd id:t för en post i %s, eller lägg till en post med det här id:t", target)
		if sug := suggest(s, idx.order); sug != "" {
			msg = msg.Add(didYouMean(sug))
			hint = tr("write %s", "skriv %s", sug)
		}
		out = append(out, problem{code: "IN-09", path: p, msg: msg, hint: hint})
	}

	channels, _ := val["channels"].([]any)
	for i, item := range channels {
		ch, ok := item.(map[string]any)
		if !ok {
			continue
		}
		p := input.Path{"channels", i}
		for _, r := range [...]struct {
			key, target string
			noun        noun
		}{
			{"agreement_ref", "agreements", nounAgreement},
			{"monitoring_ref", "monitoring", nounMonitoringEntry},
			{"archive_profile_ref", "archiving.profiles", nounArchiveProfile},
			{"info_notice_ref", "info_notices", nounInformationNotice},
		} {
			if v, ok := ch[r.key]; ok {
				ref(p.Key(r.key), v, r.target, r.noun)
			}
		}
		goals, _ := ch["goals"].([]any)
		for j, g := range goals {
			gm, _ := g.(map[string]any)
			if v, ok := gm["mission_objective_ref"]; ok {
				ref(p.Key("goals").Index(j).Key("mission_objective_ref"), v, "agency.mission_objectives", nounMissionObjective)
			}
		}
	}

	rules, _ := val["internal_rules"].(map[string]any)
	spokes, _ := rules["spokespersons"].([]any)
	for i, sp := range spokes {
		sm, _ := sp.(map[string]any)
		chs, _ := sm["channels"].([]any)
		for j, c := range chs {
			if c == "all" {
				continue
			}
			ref(input.Path{"internal_rules", "spokespersons", i, "channels", j}, c, "channels", nounChannel)
		}
	}
	return out
}
