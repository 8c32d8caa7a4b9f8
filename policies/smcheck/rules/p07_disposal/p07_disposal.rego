# METADATA
# title: "P7 Gallra — disposal"
# description: Guideline point 7. Social-media records are disposed of only under a disposal decision in force that covers them, keeps them long enough, addresses every captured record type and leaves case records to the case's own rules.
# custom:
#   point: 7
package smcheck.rules.p07

import data.smcheck.lib
import data.smcheck.result

_no_sm := lib.reason(
	"no disposal decision covers social media (reported by P7.1)",
	"inget gallringsbeslut omfattar sociala medier (rapporteras av P7.1)",
)

# P7.2–P7.5 apply when some channel is live and SM is present.
_na := lib.unless_any_live if not lib.unless_any_live == set()

else := set() if count(lib.sm) > 0

else := {_no_sm}

_decision(j) := sprintf("disposal.decisions[%d]", [j])

# METADATA
# title: Disposal decision covers social media
# description: Some disposal decision with covers_social_media true has a reference, an issuer and a decision_date.
# custom:
#   id: P7.1
#   point: 7
#   severity: error
#   scope: agency
#   source: [G, L]
#   title_sv: Gallringsbeslut omfattar sociala medier
#   reads: ["disposal.decisions[].covers_social_media", "disposal.decisions[].reference", "disposal.decisions[].issuer", "disposal.decisions[].decision_date"]
#   remediation:
#     en: Obtain or apply a disposal decision (gallringsbeslut) that expressly covers social-media records; without one, none may be destroyed.
#     sv: Se till att det finns gallringsföreskrifter eller ett gallringsbeslut som uttryckligen omfattar handlingar från sociala medier, och tillämpa dem; utan sådant stöd får inga handlingar gallras.
#   references: [Gp 7, AL 10 §, "AF 12, 14 §§", "RA-FS 2021:6"]
results contains r if {
	chain := rego.metadata.chain()
	r := result.agency(chain, lib.unless_any_live, _p7_1)
}

_p7_1_keys := ["reference", "issuer", "decision_date"]

_complete(d) if {
	every k in _p7_1_keys {
		lib.has(d, k)
	}
}

_p7_1 contains lib.missing("disposal.decisions") if {
	not lib.has(input, ["disposal", "decisions"])
}

_p7_1 contains lib.msg(
	"disposal.decisions",
	"no entry of disposal.decisions has covers_social_media: true",
	"ingen post i disposal.decisions har covers_social_media: true",
) if {
	lib.has(input, ["disposal", "decisions"])
	count(lib.sm) == 0
}

_p7_1 contains lib.missing(sprintf("%s.%s", [_decision(j), k])) if {
	not _some_complete
	some j, d in lib.sm
	some k in _p7_1_keys
	not lib.has(d, k)
}

_some_complete if {
	some d in lib.sm
	_complete(d)
}

# METADATA
# title: Decision in force
# description: No social-media disposal decision is based on repealed rules (config.repealed_disposal_references) or has expired.
# custom:
#   id: P7.2
#   point: 7
#   severity: error
#   scope: agency
#   source: [L]
#   title_sv: Beslutet gäller
#   reads: ["disposal.decisions[].reference", "disposal.decisions[].basis", "disposal.decisions[].valid_until"]
#   remediation:
#     en: Replace decisions based on repealed rules. For example, RA-FS 1991:6 was replaced by RA-FS 2021:6 on 2022-01-01.
#     sv: Ersätt beslut som bygger på upphävda föreskrifter. Till exempel ersattes RA-FS 1991:6 av RA-FS 2021:6 den 1 januari 2022.
#   references: [AL 10 §, "RA-FS 2021:6"]
results contains r if {
	chain := rego.metadata.chain()
	r := result.agency(chain, _na, _p7_2)
}

_p7_2 contains lib.msg(
	path,
	sprintf("%s %q refers to repealed rules (%s)", [path, d[k], concat(", ", sort(repealed))]),
	sprintf("%s %q hänvisar till upphävda föreskrifter (%s)", [path, d[k], concat(", ", sort(repealed))]),
) if {
	some j, d in lib.sm
	some k in ["reference", "basis"]
	repealed := lib.repealed_in(object.get(d, k, null))
	count(repealed) > 0
	path := sprintf("%s.%s", [_decision(j), k])
}

_p7_2 contains lib.msg(
	path,
	sprintf("%s is %s, before the evaluation date %s: the decision has expired", [path, d.valid_until, lib.eval_date]),
	sprintf("%s är %s, före utvärderingsdatumet %s: beslutet har upphört att gälla", [path, d.valid_until, lib.eval_date]),
) if {
	some j, d in lib.sm
	lib.present(d.valid_until)
	d.valid_until < lib.eval_date
	path := sprintf("%s.valid_until", [_decision(j)])
}

# METADATA
# title: Minimum retention before disposal
# description: Every dispose rule of a social-media decision, except for obviously insignificant records, keeps records at least config.disposal_min_retention_months months.
# custom:
#   id: P7.3
#   point: 7
#   severity: warning
#   scope: agency
#   source: [I]
#   title_sv: Minsta bevarandetid före gallring
#   reads: ["disposal.decisions[].rules[].record_type", "disposal.decisions[].rules[].action", "disposal.decisions[].rules[].retention_months"]
#   remediation:
#     en: Keep records at least the configured minimum before disposal, so that release and review remain possible.
#     sv: Behåll handlingarna minst den angivna tiden innan de gallras, så att utlämnande och granskning förblir möjliga.
#   references: [Gp 7, AL 10 §]
results contains r if {
	chain := rego.metadata.chain()
	r := result.agency(chain, _na, _p7_3)
}

# _disposals(d): the rules of decision d that dispose of records that are
# not obviously insignificant, by index. A rule without record_type is not
# compared (§1.1: a comparison on an absent value is false).
_disposals(d) := {k: rule |
	some k, rule in lib.values_indexed(object.get(d, "rules", null))
	is_object(rule)
	rule.action == "dispose"
	rule.record_type != "obviously_insignificant"
}

_p7_3 contains lib.missing(sprintf("%s.rules[%d].retention_months", [_decision(j), k])) if {
	some j, d in lib.sm
	some k, rule in _disposals(d)
	not is_number(object.get(rule, "retention_months", null))
}

_p7_3 contains lib.msg(
	path,
	sprintf("%s is %v for %s; at least %v months are required", [path, rule.retention_months, rule.record_type, min]),
	sprintf("%s är %v för %s; minst %v månader krävs", [path, rule.retention_months, rule.record_type, min]),
) if {
	some j, d in lib.sm
	some k, rule in _disposals(d)
	is_number(rule.retention_months)
	min := lib.config.disposal_min_retention_months
	rule.retention_months < min
	path := sprintf("%s.rules[%d].retention_months", [_decision(j), k])
}

# METADATA
# title: Every captured record type addressed
# description: Every content type captured by the profile of a live channel is the record_type of some rule of a social-media disposal decision.
# custom:
#   id: P7.4
#   point: 7
#   severity: warning
#   scope: agency
#   source: [I]
#   title_sv: Varje fångad handlingstyp hanteras
#   reads: ["disposal.decisions[].rules[].record_type", "archiving.profiles[].content_types", "channels[].archive_profile_ref"]
#   remediation:
#     en: State in the decision for every captured record type whether it is retained or disposed of, and when.
#     sv: Ange i beslutet för varje fångad handlingstyp om den ska bevaras eller gallras och när.
#   references: [Gp 7]
results contains r if {
	chain := rego.metadata.chain()
	r := result.agency(chain, _na, _p7_4)
}

_addressed := {rule.record_type |
	some d in lib.sm
	some rule in lib.values(object.get(d, "rules", null))
	is_object(rule)
	rule.record_type
}

# _captured[id] are the live channels whose archive profile has that id.
_captured[c.archive_profile_ref] contains lib.target(i) if {
	some i, c in lib.channels
	lib.live(c)
	lib.prof(c)
}

_p7_4 contains lib.msg(
	path,
	sprintf("%s (used by %s) has %s, which no rule of a social-media disposal decision addresses", [path, users, types]),
	sprintf("%s (används av %s) har %s, som ingen regel i ett gallringsbeslut för sociala medier tar upp", [path, users, types]),
) if {
	some ref, ids in _captured
	p := lib.profiles[ref]
	unaddressed := {t | some t in lib.values(object.get(p.v, "content_types", null))} - _addressed
	count(unaddressed) > 0
	path := sprintf("archiving.profiles[%d].content_types", [p.i])
	users := concat(", ", sort(ids))
	types := concat(", ", sort(unaddressed))
}

# METADATA
# title: Case records excluded
# description: Every social-media disposal decision excludes records that belong to a case, when some live channel can receive cases.
# custom:
#   id: P7.5
#   point: 7
#   severity: warning
#   scope: agency
#   source: [G, I]
#   title_sv: Ärendehandlingar undantas
#   reads: ["disposal.decisions[].excludes_case_records"]
#   remediation:
#     en: Limit the social-media disposal rules to records of little or temporary importance. Case records follow the case's own retention rules.
#     sv: Begränsa gallringen till handlingar av tillfällig eller ringa betydelse. Handlingar i ärenden följer ärendets bevarande- och gallringsregler.
#   references: [Gp 7]
results contains r if {
	chain := rego.metadata.chain()
	r := result.agency(chain, _p7_5_na, _p7_5)
}

_p7_5_na := {lib.reason(
	"no live channel can receive cases (case handling or direct messages)",
	"ingen aktiv kanal kan ta emot ärenden (ärendehandläggning eller direktmeddelanden)",
)} if {
	not lib.any_case_capable
} else := {_no_sm} if {
	count(lib.sm) == 0
} else := set()

_p7_5 contains lib.missing(path) if {
	some j, d in lib.sm
	not is_boolean(object.get(d, "excludes_case_records", null))
	path := sprintf("%s.excludes_case_records", [_decision(j)])
}

_p7_5 contains lib.not_true(path) if {
	some j, d in lib.sm
	d.excludes_case_records == false
	path := sprintf("%s.excludes_case_records", [_decision(j)])
}
