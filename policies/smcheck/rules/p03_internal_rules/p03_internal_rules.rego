# METADATA
# title: "P3 Sätt upp interna regler — internal rules"
# description: Guideline point 3. The agency has adopted and current internal rules for social media, designated spokespersons for every live channel, rules for staff's private accounts, and runs its channels from accounts it owns and lists on its website.
# custom:
#   point: 3
package smcheck.rules.p03

import data.smcheck.lib
import data.smcheck.result

# _ir(key) is internal_rules.<key> (a key or a path of keys), null when absent.
_ir(key) := object.get(input, array.concat(["internal_rules"], _keys(key)), null)

_keys(key) := key if is_array(key)

else := [key]

# _true_msg(path, v) explains why v, read at path, is not true.
_true_msg(path, null) := lib.missing(path)

_true_msg(path, v) := lib.not_true(path) if v != null

# METADATA
# title: Internal rules adopted
# description: The internal rules for social media have a document_ref, an adopted_date and an adopted_by.
# custom:
#   id: P3.1
#   point: 3
#   severity: error
#   scope: agency
#   source: [G]
#   title_sv: Interna regler är beslutade
#   reads: ["internal_rules.document_ref", "internal_rules.adopted_date", "internal_rules.adopted_by"]
#   remediation:
#     en: Have the head of agency or the committee adopt internal rules for social media, and register them.
#     sv: Låt myndighetschefen eller nämnden besluta interna regler för sociala medier och diarieför beslutet.
#   references: [Gp 3]
results contains r if {
	chain := rego.metadata.chain()
	r := result.agency(chain, lib.unless_any_live, _p3_1)
}

_p3_1 contains lib.missing(sprintf("internal_rules.%s", [k])) if {
	some k in ["document_ref", "adopted_date", "adopted_by"]
	not lib.present(_ir(k))
}

# METADATA
# title: Internal rules current
# description: The internal rules were adopted or last reviewed within config.internal_rules_max_age_days days.
# custom:
#   id: P3.2
#   point: 3
#   severity: warning
#   scope: agency
#   source: [I]
#   title_sv: De interna reglerna är aktuella
#   reads: ["internal_rules.last_reviewed", "internal_rules.adopted_date"]
#   remediation:
#     en: Review the internal rules and record the review date.
#     sv: Se över de interna reglerna och dokumentera datumet.
#   references: [Gp 3]
results contains r if {
	chain := rego.metadata.chain()
	r := result.agency(chain, lib.unless_any_live, _p3_2)
}

_p3_2 contains msg if {
	limit := lib.config.internal_rules_max_age_days
	d := _ir("last_reviewed")
	p := _ir("adopted_date")
	not lib.within(lib.latest(d, p), limit)
	msg := _p3_2_msg(d, p, limit)
}

_p3_2_msg(d, p, limit) := lib.too_old(path, lib.latest(d, p), limit) if {
	path := sprintf("internal_rules.%s", [_latest_key(d, p)])
} else := lib.msg(
	"internal_rules",
	"internal_rules has neither last_reviewed nor adopted_date",
	"internal_rules saknar både last_reviewed och adopted_date",
)

_latest_key(d, p) := "last_reviewed" if {
	lib.present(d)
	lib.latest(d, p) == d
} else := "adopted_date"

# METADATA
# title: Spokesperson designated for the channel
# description: Some entry of internal_rules.spokespersons has a role and a mandate, and its channels contain all or the channel's id.
# custom:
#   id: P3.3
#   point: 3
#   severity: error
#   scope: channel
#   source: [G]
#   title_sv: Talesperson utsedd för kanalen
#   reads: ["internal_rules.spokespersons[].role", "internal_rules.spokespersons[].mandate", "internal_rules.spokespersons[].channels", "channels[].id"]
#   remediation:
#     en: Decide who may speak for the agency in this channel and set limits on what they may say.
#     sv: Bestäm vem som får uttala sig för myndigheten i kanalen och inom vilka ramar.
#   references: [Gp 3]
results contains r if {
	chain := rego.metadata.chain()
	na_of := lib.na_live
	ps := _p3_3
	some i in lib.candidates(na_of, ps)
	r := result.channel(chain, i, na_of[i], object.get(ps, i, set()))
}

# The spokespersons by their original index.
_spokespersons := {j: s | some j, s in lib.values_indexed(_ir("spokespersons")); is_object(s)}

# _covers(s, c): the spokesperson's channels contain all or the channel's id.
_covers(s, _) if "all" in lib.values(s.channels)

_covers(s, c) if {
	is_string(c.id)
	c.id in lib.values(s.channels)
}

_complete(s) if {
	lib.has(s, "role")
	lib.has(s, "mandate")
}

# _covered holds the channel ids (and "all") that complete spokespersons
# name, once per input: _designated(c) is a lookup, not a walk of every
# spokesperson for every channel.
_covered contains id if {
	some s in _spokespersons
	_complete(s)
	some id in lib.values(s.channels)
}

_designated(_) if "all" in _covered

_designated(c) if {
	is_string(c.id)
	c.id in _covered
}

_p3_3[i] contains msg if {
	some i, c in lib.channels
	not _designated(c)
	msg := _p3_3_msg(c, lib.target(i))
}

_p3_3_msg(c, target) := lib.missing("internal_rules.spokespersons") if not lib.present(_ir("spokespersons"))

else := lib.msg(
	"internal_rules.spokespersons",
	sprintf("no entry of internal_rules.spokespersons has a role, a mandate and channels containing all or %s%s", [target, _incomplete(c)]),
	sprintf("ingen post i internal_rules.spokespersons har roll, mandat och channels som innehåller all eller %s%s", [target, _incomplete_sv(c)]),
)

# _incomplete names the entries that cover the channel but lack a role or a
# mandate, so the message says why they did not count.
_incomplete_paths(c) := sort([sprintf("internal_rules.spokespersons[%d].%s", [j, k]) |
	some j, s in _spokespersons
	_covers(s, c)
	some k in ["role", "mandate"]
	not lib.has(s, k)
])

_incomplete(c) := sprintf(" (missing: %s)", [concat(", ", _incomplete_paths(c))]) if count(_incomplete_paths(c)) > 0

else := ""

_incomplete_sv(c) := sprintf(" (saknas: %s)", [concat(", ", _incomplete_paths(c))]) if count(_incomplete_paths(c)) > 0

else := ""

# METADATA
# title: No agency statements from private accounts
# description: The internal rules cover private accounts (private_accounts.policy_exists) and forbid staff to speak for the agency from them (forbids_agency_statements).
# custom:
#   id: P3.4
#   point: 3
#   severity: error
#   scope: agency
#   source: [G]
#   title_sv: Inga uttalanden för myndigheten från privata konton
#   reads: ["internal_rules.private_accounts.policy_exists", "internal_rules.private_accounts.forbids_agency_statements"]
#   remediation:
#     en: Add a rule that staff never speak for the agency from private accounts, and that the agency speaks only through its own accounts.
#     sv: Inför en regel om att anställda aldrig uttalar sig för myndigheten från privata konton och att myndigheten bara talar genom sina egna konton.
#   references: [Gp 3]
results contains r if {
	chain := rego.metadata.chain()
	r := result.agency(chain, lib.unless_any_live, _p3_4)
}

_p3_4 contains _true_msg(sprintf("internal_rules.private_accounts.%s", [k]), v) if {
	some k in ["policy_exists", "forbids_agency_statements"]
	v := _ir(["private_accounts", k])
	v != true
}

# METADATA
# title: Questions to the agency not answered privately
# description: The internal rules cover private accounts and tell staff not to answer questions addressed to the agency from them but to redirect the person to an agency channel or the registry.
# custom:
#   id: P3.5
#   point: 3
#   severity: error
#   scope: agency
#   source: [G, L]
#   title_sv: Frågor till myndigheten besvaras inte från privata konton
#   reads: ["internal_rules.private_accounts.policy_exists", "internal_rules.private_accounts.forbids_answering_agency_questions", "internal_rules.private_accounts.redirect_instruction"]
#   remediation:
#     en: Tell staff not to answer questions addressed to the agency from private accounts, and to refer the person to an agency channel or the registry.
#     sv: Instruera anställda att inte besvara frågor till myndigheten från privata konton utan hänvisa till myndighetens kanaler eller registraturen.
#   references: [Gp 3, "TF 2 kap. 4, 8–9 §§", "OSL 5 kap. 1 §"]
results contains r if {
	chain := rego.metadata.chain()
	r := result.agency(chain, lib.unless_any_live, _p3_5)
}

_p3_5 contains _true_msg(sprintf("internal_rules.private_accounts.%s", [k]), v) if {
	some k in ["policy_exists", "forbids_answering_agency_questions", "redirect_instruction"]
	v := _ir(["private_accounts", k])
	v != true
}

# METADATA
# title: Account owned by the agency
# description: The channel's account is registered to the agency (account_owner is agency).
# custom:
#   id: P3.6
#   point: 3
#   severity: error
#   scope: channel
#   source: [G]
#   title_sv: Kontot tillhör myndigheten
#   reads: ["channels[].account_owner"]
#   remediation:
#     en: Move the channel to an account registered to the agency (functional mailbox, organisation account) or close it.
#     sv: Flytta kanalen till ett konto som tillhör myndigheten (funktionsbrevlåda, organisationskonto) eller avveckla den.
#   references: [Gp 3]
results contains r if {
	chain := rego.metadata.chain()
	na_of := lib.na_live
	ps := _p3_6
	some i in lib.candidates(na_of, ps)
	r := result.channel(chain, i, na_of[i], object.get(ps, i, set()))
}

_p3_6[i] contains _owner_msg(sprintf("channels[%d].account_owner", [i]), v) if {
	some i, c in lib.channels
	v := object.get(c, "account_owner", null)
	v != "agency"
}

_owner_msg(path, null) := lib.missing(path)

_owner_msg(path, v) := lib.msg(
	path,
	sprintf("%s is %v, not agency: the account is not registered to the agency", [path, v]),
	sprintf("%s är %v, inte agency: kontot är inte registrerat på myndigheten", [path, v]),
) if v != null

# METADATA
# title: Channel verifiable from the agency's website
# description: The channel has an official_listing_url, a page on the agency's website that lists it as official.
# custom:
#   id: P3.7
#   point: 3
#   severity: warning
#   scope: channel
#   source: [I]
#   title_sv: Kanalen kan verifieras på myndighetens webbplats
#   reads: ["channels[].official_listing_url"]
#   remediation:
#     en: List the channel on the agency's website so that users can check that it is genuine.
#     sv: Lista kanalen på myndighetens webbplats så att användare kan kontrollera att den är äkta.
#   references: ["Gp 3 (users must be able to trust that it is the agency speaking)"]
results contains r if {
	chain := rego.metadata.chain()
	na_of := lib.na_live
	ps := _p3_7
	some i in lib.candidates(na_of, ps)
	r := result.channel(chain, i, na_of[i], object.get(ps, i, set()))
}

_p3_7[i] contains lib.missing(sprintf("channels[%d].official_listing_url", [i])) if {
	some i, c in lib.channels
	not lib.has(c, "official_listing_url")
}
