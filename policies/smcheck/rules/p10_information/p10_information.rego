# METADATA
# title: "P10 Informera — information in the medium"
# description: Guideline point 10. Every live channel tells its users, in the channel, who is responsible, what the channel is for and what rules apply.
# custom:
#   point: 10
package smcheck.rules.p10

import data.smcheck.lib
import data.smcheck.result

# n(c) is the information notice the channel references.
_note(c) := lib.notices[c.info_notice_ref]

# P10.2–P10.6 apply to live channels whose info_notice_ref resolves; without
# one, P10.1 reports the gap.
_na(c) := lib.unless_live(c) if not lib.unless_live(c) == set()

else := set() if _note(c)

else := {lib.reason("the channel has no usable info_notice_ref (reported by P10.1)", "kanalen saknar en giltig info_notice_ref (rapporteras av P10.1)")}

# _na_of[i] is _na of channel i, once per input: several requirements read it.
_na_of := {i: _na(c) | some i, c in lib.channels}

# METADATA
# title: Information notice published
# description: The channel references an information notice that has a url and a published_date.
# custom:
#   id: P10.1
#   point: 10
#   severity: error
#   scope: channel
#   source: [G, L]
#   title_sv: Informationstext publicerad
#   reads: ["channels[].info_notice_ref", "info_notices[].url", "info_notices[].published_date"]
#   remediation:
#     en: Publish an information notice for the channel.
#     sv: Publicera en informationstext för kanalen.
#   references: [Gp 10, BBS 3 §]
results contains r if {
	chain := rego.metadata.chain()
	na_of := lib.na_live
	ps := _p10_1
	some i in lib.candidates(na_of, ps)
	r := result.channel(chain, i, na_of[i], object.get(ps, i, set()))
}

_p10_1[i] contains lib.missing_ref(c, i, "info_notice_ref", lib.notices) if {
	some i, c in lib.channels
	not _note(c)
}

_p10_1_by[n.i] contains lib.missing(sprintf("info_notices[%d].%s", [n.i, k])) if {
	some n in lib.notices
	some k in ["url", "published_date"]
	not lib.has(n.v, k)
}

_items := [
	"agency_responsible",
	"purpose",
	"availability_of_posts",
	"public_records_notice",
	"prohibited_content",
	"enforcement_actions",
]

# METADATA
# title: Six mandatory items
# description: The notice states all six items of guideline point 10; the finding lists the missing ones.
# custom:
#   id: P10.2
#   point: 10
#   severity: error
#   scope: channel
#   source: [G, L]
#   title_sv: Sex obligatoriska uppgifter
#   reads: ["info_notices[].contents.agency_responsible", "info_notices[].contents.purpose", "info_notices[].contents.availability_of_posts", "info_notices[].contents.public_records_notice", "info_notices[].contents.prohibited_content", "info_notices[].contents.enforcement_actions"]
#   remediation:
#     en: State that the agency is responsible, the purpose, how far posts are visible to others, that posts become public records, what may not be published, and what happens when rules are broken.
#     sv: Ange att myndigheten är ansvarig, syftet, i vilken utsträckning inlägg blir tillgängliga för andra, att inlägg blir allmänna handlingar, vad som inte får publiceras och vad som händer om reglerna inte följs.
#   references: [Gp 10, BBS 3 §]
results contains r if {
	chain := rego.metadata.chain()
	na_of := _na_of
	ps := _p10_2
	some i in lib.candidates(na_of, ps)
	r := result.channel(chain, i, na_of[i], object.get(ps, i, set()))
}

_p10_2_by[n.i] contains lib.lacks(sprintf("info_notices[%d].contents", [n.i]), missing) if {
	some n in lib.notices
	missing := [k | some k in _items; not n.v.contents[k] == true]
	count(missing) > 0
}

# METADATA
# title: Notice reachable in the medium
# description: The notice is in the channel itself, in the profile text, a pinned post or a link from the profile.
# custom:
#   id: P10.3
#   point: 10
#   severity: error
#   scope: channel
#   source: [G]
#   title_sv: Informationen nås i kanalen
#   reads: ["info_notices[].location"]
#   remediation:
#     en: Put the notice in the channel itself, in the profile, a pinned post or a link from the profile.
#     sv: 'Gör informationen tillgänglig i själva kanalen: i profilen, i ett fäst inlägg eller via en länk från profilen.'
#   references: [Gp 10]
results contains r if {
	chain := rego.metadata.chain()
	na_of := _na_of
	ps := _p10_3
	some i in lib.candidates(na_of, ps)
	r := result.channel(chain, i, na_of[i], object.get(ps, i, set()))
}

_in_medium := {"profile_text", "pinned_post", "linked_from_profile"}

_p10_3_by[n.i] contains msg if {
	some n in lib.notices
	not object.get(n.v, "location", null) in _in_medium
	path := sprintf("info_notices[%d].location", [n.i])
	msg := _location_msg(path, object.get(n.v, "location", null))
}

_location_msg(path, null) := lib.missing(path)

_location_msg(path, loc) := lib.not_one_of(path, loc, _in_medium) if loc != null

# METADATA
# title: Notice current
# description: The notice was published or last reviewed within config.info_notice_max_age_days days.
# custom:
#   id: P10.4
#   point: 10
#   severity: warning
#   scope: channel
#   source: [I]
#   title_sv: Informationen är aktuell
#   reads: ["info_notices[].last_reviewed", "info_notices[].published_date"]
#   remediation:
#     en: Review the notice and record the review date.
#     sv: Se över informationstexten och dokumentera datumet.
#   references: [Gp 10]
results contains r if {
	chain := rego.metadata.chain()
	na_of := _na_of
	ps := _p10_4
	some i in lib.candidates(na_of, ps)
	r := result.channel(chain, i, na_of[i], object.get(ps, i, set()))
}

_p10_4_by[n.i] contains msg if {
	some n in lib.notices
	limit := lib.config.info_notice_max_age_days
	d := object.get(n.v, "last_reviewed", null)
	p := object.get(n.v, "published_date", null)
	not lib.within(lib.latest(d, p), limit)
	msg := _p10_4_msg(n.i, d, p, limit)
}

_p10_4_msg(j, d, p, limit) := lib.too_old(path, lib.latest(d, p), limit) if {
	path := sprintf("info_notices[%d].%s", [j, _latest_key(d, p)])
} else := lib.msg(
	sprintf("info_notices[%d]", [j]),
	sprintf("info_notices[%d] has neither last_reviewed nor published_date", [j]),
	sprintf("info_notices[%d] saknar både last_reviewed och published_date", [j]),
)

_latest_key(d, p) := "last_reviewed" if {
	lib.present(d)
	lib.latest(d, p) == d
} else := "published_date"

# METADATA
# title: Personal-data information
# description: The notice informs users how their personal data is processed.
# custom:
#   id: P10.5
#   point: 10
#   severity: error
#   scope: channel
#   source: [L]
#   title_sv: Information om personuppgifter
#   reads: ["info_notices[].contents.personal_data_info"]
#   remediation:
#     en: Inform users how their personal data is processed, and give the essence of any joint-controller arrangement.
#     sv: Informera om hur personuppgifter behandlas och om det väsentliga innehållet i ett arrangemang om gemensamt personuppgiftsansvar.
#   references: ["GDPR Art. 5(1)(a), 13–14, 26(2)"]
results contains r if {
	chain := rego.metadata.chain()
	na_of := _na_of
	ps := _p10_5
	some i in lib.candidates(na_of, ps)
	r := result.channel(chain, i, na_of[i], object.get(ps, i, set()))
}

_p10_5_by[n.i] contains lib.not_true(sprintf("info_notices[%d].contents.personal_data_info", [n.i])) if {
	some n in lib.notices
	not n.v.contents.personal_data_info == true
}

# METADATA
# title: Formal contact routes stated
# description: The notice tells users where to submit cases and formal requests.
# custom:
#   id: P10.6
#   point: 10
#   severity: warning
#   scope: channel
#   source: [G, L]
#   title_sv: Formella kontaktvägar angivna
#   reads: ["info_notices[].contents.formal_contact_channels"]
#   remediation:
#     en: Tell users where to submit cases and formal requests.
#     sv: Ange var ärenden och formella framställningar ska lämnas.
#   references: ["Gp 8, 10", FL 7 §]
results contains r if {
	chain := rego.metadata.chain()
	na_of := _na_of
	ps := _p10_6
	some i in lib.candidates(na_of, ps)
	r := result.channel(chain, i, na_of[i], object.get(ps, i, set()))
}

_p10_6_by[n.i] contains lib.not_true(sprintf("info_notices[%d].contents.formal_contact_channels", [n.i])) if {
	some n in lib.notices
	not n.v.contents.formal_contact_channels == true
}

# _n_of[i] is the index of the object channel i references; the checks
# of that object run once per object (_px_y_by), not once per channel.
_n_of := {i: x.i | some i, c in lib.channels; x := _note(c)}

_p10_1[i] contains x if {
	by := _p10_1_by
	some i, j in _n_of
	some x in by[j]
}

_p10_2[i] contains x if {
	by := _p10_2_by
	some i, j in _n_of
	some x in by[j]
}

_p10_3[i] contains x if {
	by := _p10_3_by
	some i, j in _n_of
	some x in by[j]
}

_p10_4[i] contains x if {
	by := _p10_4_by
	some i, j in _n_of
	some x in by[j]
}

_p10_5[i] contains x if {
	by := _p10_5_by
	some i, j in _n_of
	some x in by[j]
}

_p10_6[i] contains x if {
	by := _p10_6_by
	some i, j in _n_of
	some x in by[j]
}
