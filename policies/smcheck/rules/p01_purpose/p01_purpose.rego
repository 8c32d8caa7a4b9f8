# METADATA
# title: "P1 Tänk igenom mål och syfte — purpose and goals"
# description: Guideline point 1. Every live channel has a stated purpose, goals tied to the agency's mission, a target audience, and is reviewed and accessible.
# custom:
#   point: 1
package smcheck.rules.p01

import data.smcheck.lib
import data.smcheck.result

# METADATA
# title: Purpose stated
# description: The channel's purpose has at least config.purpose_min_length characters.
# custom:
#   id: P1.1
#   point: 1
#   severity: error
#   scope: channel
#   source: [G]
#   title_sv: Syftet är angivet
#   reads: ["channels[].purpose"]
#   remediation:
#     en: State why the agency runs this channel and how it serves the agency's mission.
#     sv: Beskriv varför myndigheten har kanalen och hur den bidrar till myndighetens uppdrag.
#   references: [Gp 1]
results contains r if {
	chain := rego.metadata.chain()
	na_of := lib.na_live
	ps := _p1_1
	some i in lib.candidates(na_of, ps)
	r := result.channel(chain, i, na_of[i], object.get(ps, i, set()))
}

_p1_1[i] contains lib.missing(sprintf("channels[%d].purpose", [i])) if {
	some i, c in lib.channels
	not lib.has(c, "purpose")
}

_p1_1[i] contains lib.msg(
	path,
	sprintf("%s has %d characters; at least %d are required", [path, lib.len(c.purpose), min]),
	sprintf("%s har %d tecken; minst %d krävs", [path, lib.len(c.purpose), min]),
) if {
	some i, c in lib.channels
	lib.present(c.purpose)
	min := lib.config.purpose_min_length
	lib.len(c.purpose) < min
	path := sprintf("channels[%d].purpose", [i])
}

# METADATA
# title: Goal linked to the mission
# description: At least one goal has a mission_objective_ref that names an objective in agency.mission_objectives.
# custom:
#   id: P1.2
#   point: 1
#   severity: error
#   scope: channel
#   source: [G]
#   title_sv: Mål kopplat till uppdraget
#   reads: ["channels[].goals[].mission_objective_ref", "agency.mission_objectives[].id"]
#   remediation:
#     en: Link at least one goal of the channel to an objective in the agency's mission (instruktion, reglemente, verksamhetsmål).
#     sv: Koppla minst ett av kanalens mål till ett mål i myndighetens uppdrag (instruktion, reglemente, verksamhetsmål).
#   references: [Gp 1]
results contains r if {
	chain := rego.metadata.chain()
	na_of := lib.na_live
	ps := _p1_2
	some i in lib.candidates(na_of, ps)
	r := result.channel(chain, i, na_of[i], object.get(ps, i, set()))
}

_p1_2[i] contains msg if {
	some i, c in lib.channels
	not _linked_goal(c)
	msg := _p1_2_msg(i, c)
}

_linked_goal(c) if {
	some g in lib.values(c.goals)
	lib.mission_objectives[g.mission_objective_ref]
}

_p1_2_msg(i, c) := lib.missing(sprintf("channels[%d].goals", [i])) if not lib.has(c, "goals")

else := lib.msg(
	path,
	sprintf("no goal in %s has a mission_objective_ref naming an objective in agency.mission_objectives%s", [path, _dangling(c)]),
	sprintf("inget mål i %s har en mission_objective_ref som anger ett mål i agency.mission_objectives%s", [path, _dangling(c)]),
) if {
	path := sprintf("channels[%d].goals", [i])
}

# _dangling names references that resolve to nothing (IN-09), so the message
# says why a written reference did not count.
_dangling(c) := sprintf(" (unresolved: %s)", [concat(", ", sort(refs))]) if {
	refs := {g.mission_objective_ref |
		some g in lib.values(c.goals)
		lib.present(g.mission_objective_ref)
		not lib.mission_objectives[g.mission_objective_ref]
	}
	count(refs) > 0
} else := ""

# METADATA
# title: Target audience identified
# description: At least one target audience is named.
# custom:
#   id: P1.3
#   point: 1
#   severity: warning
#   scope: channel
#   source: [G]
#   title_sv: Målgrupp angiven
#   reads: ["channels[].target_audience"]
#   remediation:
#     en: Name the user groups the channel should reach and their needs.
#     sv: Ange vilka målgrupper kanalen ska nå och vilka behov de har.
#   references: [Gp 1]
results contains r if {
	chain := rego.metadata.chain()
	na_of := lib.na_live
	ps := _p1_3
	some i in lib.candidates(na_of, ps)
	r := result.channel(chain, i, na_of[i], object.get(ps, i, set()))
}

_p1_3[i] contains lib.missing(sprintf("channels[%d].target_audience", [i])) if {
	some i, c in lib.channels
	not _some_audience(c)
}

_some_audience(c) if {
	some a in lib.values(c.target_audience)
	lib.present(a)
}

# METADATA
# title: Goals can be followed up
# description: Every goal of a live channel that has goals has an indicator.
# custom:
#   id: P1.4
#   point: 1
#   severity: warning
#   scope: channel
#   source: [I]
#   title_sv: Målen kan följas upp
#   reads: ["channels[].goals[].indicator"]
#   remediation:
#     en: Add an indicator to each goal so that goal attainment can be followed up.
#     sv: Ange en indikator för varje mål så att måluppfyllelsen kan följas upp.
#   references: [Gp 1]
results contains r if {
	chain := rego.metadata.chain()
	na_of := {i: _p1_4_na(c) | some i, c in lib.channels}
	ps := _p1_4
	some i in lib.candidates(na_of, ps)
	r := result.channel(chain, i, na_of[i], object.get(ps, i, set()))
}

_p1_4_na(c) := lib.unless_live(c) if not lib.unless_live(c) == set()

else := {lib.reason("the channel has no goals (reported by P1.2)", "kanalen saknar mål (rapporteras av P1.2)")} if not lib.has(c, "goals")

else := set()

_p1_4[i] contains lib.missing(sprintf("channels[%d].goals[%d].indicator", [i, j])) if {
	some i, c in lib.channels
	some j, g in lib.values_indexed(c.goals)
	not lib.has(g, "indicator")
}

# METADATA
# title: Channel reviewed periodically
# description: The channel's purpose and goal attainment were reviewed within config.channel_review_max_age_days days.
# custom:
#   id: P1.5
#   point: 1
#   severity: warning
#   scope: channel
#   source: [I]
#   title_sv: Kanalen prövas regelbundet
#   reads: ["channels[].last_reviewed"]
#   remediation:
#     en: Review whether the channel still meets its purpose and goals, record the date, and close channels that no longer do.
#     sv: Pröva om kanalen fortfarande uppfyller syfte och mål, dokumentera datumet och avveckla kanaler som inte gör det.
#   references: [Gp 1]
results contains r if {
	chain := rego.metadata.chain()
	na_of := lib.na_live
	ps := _p1_5
	some i in lib.candidates(na_of, ps)
	r := result.channel(chain, i, na_of[i], object.get(ps, i, set()))
}

_p1_5[i] contains lib.stale(sprintf("channels[%d].last_reviewed", [i]), d, limit) if {
	some i, c in lib.channels
	d := object.get(c, "last_reviewed", null)
	limit := lib.config.channel_review_max_age_days
	not lib.within(d, limit)
}

# METADATA
# title: Content accessible as far as possible
# description: Both accessibility.alt_text and accessibility.captions are stated and neither is missing.
# custom:
#   id: P1.6
#   point: 1
#   severity: warning
#   scope: channel
#   source: [L, A]
#   title_sv: Innehållet är tillgängligt så långt möjligt
#   reads: ["channels[].accessibility.alt_text", "channels[].accessibility.captions"]
#   remediation:
#     en: Give images text alternatives and videos captions as far as the platform allows.
#     sv: Ge bilder textalternativ och texta videor så långt plattformen tillåter.
#   references: ["DOS (digital service provided through a third party, e.g. social media, accessible as far as possible: DIGG guidance)", "FL 6 §"]
results contains r if {
	chain := rego.metadata.chain()
	na_of := lib.na_live
	ps := _p1_6
	some i in lib.candidates(na_of, ps)
	r := result.channel(chain, i, na_of[i], object.get(ps, i, set()))
}

_p1_6[i] contains lib.missing(path) if {
	some i, c in lib.channels
	some k in ["alt_text", "captions"]
	not lib.has(c, ["accessibility", k])
	path := sprintf("channels[%d].accessibility.%s", [i, k])
}

_p1_6[i] contains lib.msg(
	path,
	sprintf("%s is missing: the content lacks it", [path]),
	sprintf("%s är missing: innehållet saknar det", [path]),
) if {
	some i, c in lib.channels
	some k in ["alt_text", "captions"]
	c.accessibility[k] == "missing"
	path := sprintf("channels[%d].accessibility.%s", [i, k])
}
