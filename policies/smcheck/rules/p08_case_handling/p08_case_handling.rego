# METADATA
# title: "P8 Hantera ärenden — case handling"
# description: Guideline point 8. The agency gives no advice with economic consequences on social media, redirects cases to formal channels, registers case-related messages without delay and uses channels only for suitable case stages.
# custom:
#   point: 8
package smcheck.rules.p08

import data.smcheck.lib
import data.smcheck.result

# The case_handling mapping; {} when absent, so that every key reads as absent.
_ch := ch if {
	ch := object.get(input, "case_handling", {})
	is_object(ch)
} else := {}

# METADATA
# title: No advice with economic consequences
# description: A written policy forbids advice with economic consequences on social media.
# custom:
#   id: P8.1
#   point: 8
#   severity: error
#   scope: agency
#   source: [G, I]
#   title_sv: Inga råd med ekonomiska konsekvenser
#   reads: ["case_handling.advice_policy.forbids_economic_advice", "case_handling.advice_policy.document_ref"]
#   remediation:
#     en: Forbid in writing advice with economic consequences (grants, fees, benefits) on social media; refer such questions to formal channels.
#     sv: Inför ett skriftligt förbud mot att ge råd med ekonomiska konsekvenser (bidrag, avgifter, ersättningar) i sociala medier; hänvisa sådana frågor till formella kontaktvägar.
#   references: [Gp 8, SkL 3 kap. 2–3 §§]
results contains r if {
	chain := rego.metadata.chain()
	r := result.agency(chain, lib.unless_any_live, _p8_1)
}

_p8_1 contains lib.not_true("case_handling.advice_policy.forbids_economic_advice") if {
	not _ch.advice_policy.forbids_economic_advice == true
}

_p8_1 contains lib.missing("case_handling.advice_policy.document_ref") if {
	not lib.has(_ch, ["advice_policy", "document_ref"])
}

# METADATA
# title: Redirect to formal channels
# description: Case-related questions are redirected to formal channels, each with a type and an address.
# custom:
#   id: P8.2
#   point: 8
#   severity: error
#   scope: agency
#   source: [G, L]
#   title_sv: Hänvisning till formella kontaktvägar
#   reads: ["case_handling.redirect_to_formal_channels", "case_handling.formal_channels[].type", "case_handling.formal_channels[].address"]
#   remediation:
#     en: Define the formal channels (e-service, e-mail, phone) that case-related questions are redirected to.
#     sv: Ange de formella kontaktvägar (e-tjänst, e-post, telefon) som ärendefrågor hänvisas till.
#   references: [Gp 8, FL 6–7 §§]
results contains r if {
	chain := rego.metadata.chain()
	r := result.agency(chain, lib.unless_any_live, _p8_2)
}

_p8_2 contains lib.not_true("case_handling.redirect_to_formal_channels") if {
	not _ch.redirect_to_formal_channels == true
}

_p8_2 contains lib.missing("case_handling.formal_channels") if {
	not lib.has(_ch, "formal_channels")
}

_p8_2 contains lib.missing(sprintf("case_handling.formal_channels[%d].%s", [j, k])) if {
	some j, f in lib.values_indexed(object.get(_ch, "formal_channels", null))
	some k in ["type", "address"]
	not _has_field(f, k)
}

# _has_field(x, k) is lib.has for list items that should be mappings.
_has_field(x, k) if {
	is_object(x)
	lib.has(x, k)
}

# METADATA
# title: Case-related messages registered
# description: For every channel that can receive cases, the agency has a routine for registering case-related messages.
# custom:
#   id: P8.3
#   point: 8
#   severity: error
#   scope: channel
#   source: [L]
#   title_sv: Ärenderelaterade meddelanden registreras
#   reads: ["channels[].used_for_case_handling", "channels[].case_stages", "channels[].direct_messages_enabled", "case_handling.registration_routine_ref"]
#   remediation:
#     en: Adopt a routine for registering case-related messages received through the channel.
#     sv: Inför en rutin för att registrera ärenderelaterade meddelanden som kommer in via kanalen.
#   references: [Gp 8, OSL 5 kap. 1 §]
results contains r if {
	chain := rego.metadata.chain()
	na_of := {i: _p8_3_na(c) | some i, c in lib.channels}
	ps := _p8_3
	some i in lib.candidates(na_of, ps)
	r := result.channel(chain, i, na_of[i], object.get(ps, i, set()))
}

_p8_3_na(c) := lib.unless_live(c) if not lib.unless_live(c) == set()

else := set() if lib.case_capable(c)

else := {lib.reason(
	"the channel neither handles cases nor has direct messages enabled",
	"kanalen används inte för ärenden och har inte direktmeddelanden påslagna",
)}

_p8_3[i] contains lib.missing("case_handling.registration_routine_ref") if {
	some i, c in lib.channels
	lib.case_capable(c)
	not lib.has(_ch, "registration_routine_ref")
}

# METADATA
# title: Registration without delay
# description: Case-related messages are registered within config.case_registration_max_days days of receipt.
# custom:
#   id: P8.4
#   point: 8
#   severity: warning
#   scope: agency
#   source: [L, I]
#   title_sv: Registrering utan dröjsmål
#   reads: ["case_handling.registration_target_days"]
#   remediation:
#     en: Register case-related messages within the configured number of days of receipt.
#     sv: Registrera ärenderelaterade meddelanden inom angivet antal dagar efter att de har kommit in.
#   references: [OSL 5 kap. 1 §]
results contains r if {
	chain := rego.metadata.chain()
	r := result.agency(chain, _p8_4_na, _p8_4)
}

_p8_4_na := set() if lib.any_case_capable

else := {lib.reason(
	"no live channel handles cases or has direct messages enabled",
	"ingen aktiv kanal används för ärenden eller har direktmeddelanden påslagna",
)}

_p8_4 contains lib.missing("case_handling.registration_target_days") if {
	not lib.has(_ch, "registration_target_days")
}

_p8_4 contains lib.above("case_handling.registration_target_days", days, limit) if {
	days := _ch.registration_target_days
	limit := lib.config.case_registration_max_days
	days > limit
}

# METADATA
# title: Only suitable case stages
# description: A live channel used for case handling states its case stages, and all of them are in config.permitted_case_stages.
# custom:
#   id: P8.5
#   point: 8
#   severity: error
#   scope: channel
#   source: [G, I]
#   title_sv: Endast lämpliga moment i ärendehanteringen
#   reads: ["channels[].used_for_case_handling", "channels[].case_stages"]
#   remediation:
#     en: Use the channel only for suitable stages such as collecting views; refer individual advice and decisions to formal channels.
#     sv: Använd kanalen bara för lämpliga moment som att samla in synpunkter; hänvisa individuell rådgivning och beslut till formella kontaktvägar.
#   references: [Gp 8, SkL 3 kap. 3 §]
results contains r if {
	chain := rego.metadata.chain()
	na_of := {i: _p8_5_na(c) | some i, c in lib.channels}
	ps := _p8_5
	some i in lib.candidates(na_of, ps)
	r := result.channel(chain, i, na_of[i], object.get(ps, i, set()))
}

_p8_5_na(c) := lib.unless_live(c) if not lib.unless_live(c) == set()

else := set() if lib.handles_cases(c)

else := {lib.reason(
	"the channel is not used for case handling",
	"kanalen används inte för ärendehandläggning",
)}

# Without case_stages a channel handles cases only if used_for_case_handling
# is true; for the others P8.5 does not apply (_p8_5_na), and the message
# would be built only to be discarded.
_p8_5[i] contains lib.missing(sprintf("channels[%d].case_stages", [i])) if {
	some i, c in lib.channels
	c.used_for_case_handling == true
	not lib.has(c, "case_stages")
}

_p8_5[i] contains lib.msg(
	path,
	sprintf("%s has %s, which config.permitted_case_stages (%s) does not permit", [path, concat(", ", sort(bad)), _permitted_text]),
	sprintf("%s innehåller %s, som config.permitted_case_stages (%s) inte tillåter", [path, concat(", ", sort(bad)), _permitted_text]),
) if {
	some i, c in lib.channels
	path := sprintf("channels[%d].case_stages", [i])
	bad := {s | some s in lib.values(c.case_stages); not s in _permitted}
	count(bad) > 0
}

_permitted := {s | some s in lib.values(lib.config.permitted_case_stages)}

_permitted_text := concat(", ", sort(_permitted)) if count(_permitted) > 0

else := "none"
