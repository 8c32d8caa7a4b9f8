# METADATA
# title: "P4 Myndighetens ansvar — the agency's responsibility"
# description: Guideline point 4. The agency moderates commentable channels as electronic bulletin boards, keeps enough protected administrator accounts, and has a routine for dialogue on others' media.
# custom:
#   point: 4
package smcheck.rules.p04

import data.smcheck.lib
import data.smcheck.result

# P4.1–P4.3 apply when some channel is commentable: comments make a channel an
# electronic bulletin board (BBS); direct messages are outside BBS (2 § 4).
_unless_any_commentable := set() if lib.any_commentable

else := {lib.reason(
	"no live channel has comments enabled, so no channel is an electronic bulletin board",
	"ingen aktiv kanal har kommentarer påslagna, så ingen kanal är en elektronisk anslagstavla",
)}

_moderation(key) := object.get(input, ["moderation", key], null)

# METADATA
# title: Moderation policy adopted
# description: moderation.policy_ref and moderation.adopted_date are both present.
# custom:
#   id: P4.1
#   point: 4
#   severity: error
#   scope: agency
#   source: [G, L]
#   title_sv: Modereringsrutin fastställd
#   reads: ["moderation.policy_ref", "moderation.adopted_date"]
#   remediation:
#     en: Adopt a moderation routine for the agency's channels.
#     sv: Fastställ en rutin för moderering av myndighetens kanaler.
#   references: [Gp 4, BBS 4 §]
results contains r if {
	chain := rego.metadata.chain()
	r := result.agency(chain, _unless_any_commentable, _p4_1)
}

_p4_1 contains lib.missing(sprintf("moderation.%s", [k])) if {
	some k in ["policy_ref", "adopted_date"]
	not lib.has(input, ["moderation", k])
}

# METADATA
# title: Illegal content to remove is defined
# description: Every category of config.required_illegal_content_categories is in moderation.illegal_content_categories; the finding lists the missing ones.
# custom:
#   id: P4.2
#   point: 4
#   severity: error
#   scope: agency
#   source: [L]
#   title_sv: Olagligt innehåll som ska tas bort är definierat
#   reads: ["moderation.illegal_content_categories"]
#   remediation:
#     en: List in the moderation routine every kind of content the agency must remove.
#     sv: Ange i modereringsrutinen alla slags meddelanden som myndigheten är skyldig att ta bort.
#   references: [BBS 5 §]
results contains r if {
	chain := rego.metadata.chain()
	r := result.agency(chain, _unless_any_commentable, _p4_2)
}

_p4_2 contains msg if {
	have := {x | some x in lib.values(_moderation("illegal_content_categories"))}
	missing := [k | some k in lib.config.required_illegal_content_categories; not k in have]
	count(missing) > 0
	msg := _lacks("moderation.illegal_content_categories", missing)
}

# _lacks(path, items) names the required items a list lacks; an absent list
# lacks all of them.
_lacks(path, items) := lib.lacks(path, items) if lib.has(input, split(path, "."))

else := lib.msg(
	path,
	sprintf("%s is missing; it must include %s", [path, concat(", ", sort(items))]),
	sprintf("%s saknas; den ska innehålla %s", [path, concat(", ", sort(items))]),
)

# METADATA
# title: Removal deadline set
# description: moderation.removal_max_hours is at most config.illegal_content_removal_max_hours.
# custom:
#   id: P4.3
#   point: 4
#   severity: warning
#   scope: agency
#   source: [L, I]
#   title_sv: Tidsgräns för borttagning fastställd
#   reads: ["moderation.removal_max_hours"]
#   remediation:
#     en: Commit to removing illegal content within the configured number of hours after discovery.
#     sv: Fastställ att olagligt innehåll tas bort inom angivet antal timmar efter upptäckt.
#   references: [BBS 4–5 §§]
results contains r if {
	chain := rego.metadata.chain()
	r := result.agency(chain, _unless_any_commentable, _p4_3)
}

_p4_3 contains lib.missing("moderation.removal_max_hours") if not is_number(_moderation("removal_max_hours"))

_p4_3 contains lib.above("moderation.removal_max_hours", v, limit) if {
	v := _moderation("removal_max_hours")
	limit := lib.config.illegal_content_removal_max_hours
	is_number(v)
	v > limit
}

# admins(c) (§1.1): the integer, or the list entries whose agency_staff is not
# false (entries that are not mappings do not count, C29); absent means 0.
_admins(c) := c.administrators if is_number(c.administrators)

else := count([a | some a in c.administrators; is_object(a); not a.agency_staff == false]) if is_array(c.administrators)

else := 0

# METADATA
# title: Enough administrators
# description: admins(c) is at least config.min_administrators.
# custom:
#   id: P4.4
#   point: 4
#   severity: error
#   scope: channel
#   source: [I]
#   title_sv: Tillräckligt många administratörer
#   reads: ["channels[].administrators"]
#   remediation:
#     en: Give at least the configured number of staff admin rights, so that the agency can always act on content it is responsible for.
#     sv: Ge minst angivet antal anställda administratörsbehörighet så att myndigheten alltid kan agera på innehåll den ansvarar för.
#   references: [Gp 4]
results contains r if {
	chain := rego.metadata.chain()
	na_of := lib.na_live
	ps := _p4_4
	some i in lib.candidates(na_of, ps)
	r := result.channel(chain, i, na_of[i], object.get(ps, i, set()))
}

_p4_4[i] contains _p4_4_msg(i, c, n, least) if {
	some i, c in lib.channels
	least := lib.config.min_administrators
	n := _admins(c)
	n < least
}

_p4_4_msg(i, c, n, least) := lib.msg(
	path,
	sprintf("%s is %v; at least %d administrators are required", [path, n, least]),
	sprintf("%s är %v; minst %d administratörer krävs", [path, n, least]),
) if {
	path := sprintf("channels[%d].administrators", [i])
	is_number(c.administrators)
} else := lib.msg(
	path,
	sprintf("%s counts %d agency-staff administrator(s) (entries with agency_staff false do not count); at least %d are required", [path, n, least]),
	sprintf("%s räknar %d anställd(a) administratör(er) (poster med agency_staff false räknas inte); minst %d krävs", [path, n, least]),
) if {
	path := sprintf("channels[%d].administrators", [i])
	is_array(c.administrators)
} else := lib.msg(
	path,
	sprintf("%s is missing, so the channel has 0 administrators; at least %d are required", [path, least]),
	sprintf("%s saknas, så kanalen har 0 administratörer; minst %d krävs", [path, least]),
) if {
	path := sprintf("channels[%d].administrators", [i])
}

# METADATA
# title: Account protected by MFA
# description: mfa_enabled is true.
# custom:
#   id: P4.5
#   point: 4
#   severity: error
#   scope: channel
#   source: [I]
#   title_sv: Kontot skyddas med flerfaktorsinloggning
#   reads: ["channels[].mfa_enabled"]
#   remediation:
#     en: Require multi-factor authentication for every administrator login.
#     sv: Kräv flerfaktorsinloggning för alla administratörer.
#   references: [Gp 4]
results contains r if {
	chain := rego.metadata.chain()
	na_of := lib.na_live
	ps := _p4_5
	some i in lib.candidates(na_of, ps)
	r := result.channel(chain, i, na_of[i], object.get(ps, i, set()))
}

_p4_5[i] contains _true_msg(sprintf("channels[%d].mfa_enabled", [i]), object.get(c, "mfa_enabled", null)) if {
	some i, c in lib.channels
	not c.mfa_enabled == true
}

# _true_msg(path, v) explains why v is not true: absent, or another value.
_true_msg(path, null) := lib.missing(path)

_true_msg(path, v) := lib.not_true(path) if v != null

# P4.6 applies when some channel is live and others_media holds.
_p4_6_na := lib.unless_any_live if not lib.unless_any_live == set()

else := set() if lib.others_media

else := {lib.reason(
	"internal_rules.others_media_engagement is forbidden: the agency does not engage on others' media",
	"internal_rules.others_media_engagement är forbidden: myndigheten deltar inte i andras medier",
)}

# METADATA
# title: Routine for dialogue on others' media
# description: moderation.external_dialogue_routine_ref is present when some channel is live and the agency may engage on others' media.
# custom:
#   id: P4.6
#   point: 4
#   severity: warning
#   scope: agency
#   source: [G]
#   title_sv: Rutin för dialog i andras medier
#   reads: ["internal_rules.others_media_engagement", "moderation.external_dialogue_routine_ref"]
#   remediation:
#     en: Adopt a routine for the agency's posts on other actors' media and for outsiders' replies to them.
#     sv: Inför en rutin för myndighetens inlägg i andras medier och för svar från utomstående på dem.
#   references: [Gp 4]
results contains r if {
	chain := rego.metadata.chain()
	r := result.agency(chain, _p4_6_na, _p4_6)
}

_p4_6 contains lib.missing("moderation.external_dialogue_routine_ref") if {
	not lib.has(input, ["moderation", "external_dialogue_routine_ref"])
}
