# METADATA
# title: "P5 Hantera allmänna handlingar — public records"
# description: Guideline point 5. The agency handles posts, comments and messages as public records (allmänna handlingar) under an adopted routine, registers or keeps them ordered, and releases them on request without delay.
# custom:
#   point: 5
package smcheck.rules.p05

import data.smcheck.lib
import data.smcheck.result

_pr(key) := object.get(input, ["public_records", key], null)

# _scope is public_records.capture_scope as a set, without erroneous items.
_scope := {x | some x in lib.values(_pr("capture_scope"))}

# _lacks(items) names the required items capture_scope lacks; an absent list
# lacks all of them.
_lacks(items) := lib.lacks("public_records.capture_scope", items) if lib.has(input, ["public_records", "capture_scope"])

else := lib.msg(
	"public_records.capture_scope",
	sprintf("public_records.capture_scope is missing; it must include %s", [concat(", ", sort(items))]),
	sprintf("public_records.capture_scope saknas; den ska innehålla %s", [concat(", ", sort(items))]),
)

# _true_msg(path, v) explains why v is not true: absent, or another value.
_true_msg(path, null) := lib.missing(path)

_true_msg(path, v) := lib.not_true(path) if v != null

# METADATA
# title: Public-records routine adopted
# description: public_records.routine_ref and public_records.adopted_date are both present.
# custom:
#   id: P5.1
#   point: 5
#   severity: error
#   scope: agency
#   source: [G, L]
#   title_sv: Rutin för allmänna handlingar fastställd
#   reads: ["public_records.routine_ref", "public_records.adopted_date"]
#   remediation:
#     en: Adopt a routine for handling posts, comments and messages as public records (allmänna handlingar).
#     sv: Fastställ en rutin för att hantera inlägg, kommentarer och meddelanden som allmänna handlingar.
#   references: [Gp 5, "TF 2 kap. 3–4, 9–10 §§"]
results contains r if {
	chain := rego.metadata.chain()
	r := result.agency(chain, lib.unless_any_live, _p5_1)
}

_p5_1 contains lib.missing(sprintf("public_records.%s", [k])) if {
	some k in ["routine_ref", "adopted_date"]
	not lib.has(input, ["public_records", k])
}

# METADATA
# title: Posts and comments treated as public records
# description: capture_scope includes agency_posts and outsider_posts, and, if others_media holds, agency_posts_on_others_media and outsider_replies_on_others_media; the finding lists the missing ones.
# custom:
#   id: P5.2
#   point: 5
#   severity: error
#   scope: agency
#   source: [G, L]
#   title_sv: Inlägg och kommentarer hanteras som allmänna handlingar
#   reads: ["public_records.capture_scope", "internal_rules.others_media_engagement"]
#   remediation:
#     en: Treat the agency's posts, outsiders' posts on agency media, and dialogue on others' media as public records.
#     sv: Hantera myndighetens inlägg, utomståendes inlägg i myndighetens medier och dialog i andras medier som allmänna handlingar.
#   references: [Gp 4–5, "TF 2 kap. 4, 9–10 §§"]
results contains r if {
	chain := rego.metadata.chain()
	r := result.agency(chain, lib.unless_any_live, _p5_2)
}

_p5_2_required contains k if some k in ["agency_posts", "outsider_posts"]

_p5_2_required contains k if {
	lib.others_media
	some k in ["agency_posts_on_others_media", "outsider_replies_on_others_media"]
}

_p5_2 contains _lacks(missing) if {
	missing := [k | some k in _p5_2_required; not k in _scope]
	count(missing) > 0
}

# METADATA
# title: Records registered or kept ordnade
# description: ordering is registered, or ordering is kept_ordered and secret_records_registered is true.
# custom:
#   id: P5.3
#   point: 5
#   severity: error
#   scope: agency
#   source: [L]
#   title_sv: Handlingarna registreras eller hålls ordnade
#   reads: ["public_records.ordering", "public_records.secret_records_registered"]
#   remediation:
#     en: Register the records or keep them ordnade. Always register records containing secret information.
#     sv: Registrera handlingarna eller håll dem ordnade. Handlingar med uppgifter som omfattas av sekretess ska alltid registreras.
#   references: [Gp 5, OSL 5 kap. 1–2 §§]
results contains r if {
	chain := rego.metadata.chain()
	r := result.agency(chain, lib.unless_any_live, _p5_3)
}

_p5_3 contains lib.missing("public_records.ordering") if not lib.has(input, ["public_records", "ordering"])

_p5_3 contains lib.not_one_of("public_records.ordering", v, ["registered", "kept_ordered"]) if {
	v := _pr("ordering")
	lib.present(v)
	not v in {"registered", "kept_ordered"}
}

_p5_3 contains lib.msg(
	path,
	sprintf("%s; with ordering kept_ordered, records containing secret information must still be registered", [m.en]),
	sprintf("%s; med ordering kept_ordered ska handlingar med sekretessbelagda uppgifter ändå registreras", [m.sv]),
) if {
	_pr("ordering") == "kept_ordered"
	not _pr("secret_records_registered") == true
	path := "public_records.secret_records_registered"
	m := _true_msg(path, _pr("secret_records_registered"))
}

# METADATA
# title: Direct messages handled as incoming records
# description: For a live channel with direct messages enabled, direct_messages is in public_records.capture_scope and public_records.inbound_messages_routine_ref is present.
# custom:
#   id: P5.4
#   point: 5
#   severity: error
#   scope: channel
#   source: [G, L]
#   title_sv: Direktmeddelanden hanteras som inkomna handlingar
#   reads: ["channels[].direct_messages_enabled", "public_records.capture_scope", "public_records.inbound_messages_routine_ref"]
#   remediation:
#     en: Handle direct messages as incoming public records under a written routine, or switch them off.
#     sv: Hantera direktmeddelanden som inkomna allmänna handlingar enligt en skriftlig rutin, eller stäng av funktionen.
#   references: [Gp 5, TF 2 kap. 9 §, OSL 5 kap. 1 §]
results contains r if {
	chain := rego.metadata.chain()
	na_of := {i: _p5_4_na(c) | some i, c in lib.channels}
	ps := _p5_4
	some i in lib.candidates(na_of, ps)
	r := result.channel(chain, i, na_of[i], object.get(ps, i, set()))
}

_p5_4_na(c) := lib.unless_live(c) if not lib.unless_live(c) == set()

else := set() if c.direct_messages_enabled == true

else := {lib.reason("direct messages are not enabled on the channel", "direktmeddelanden är inte påslagna i kanalen")}

_p5_4[i] contains _lacks(["direct_messages"]) if {
	some i, c in lib.channels
	c.direct_messages_enabled == true
	not "direct_messages" in _scope
}

_p5_4[i] contains lib.missing("public_records.inbound_messages_routine_ref") if {
	some i, c in lib.channels
	c.direct_messages_enabled == true
	not lib.has(input, ["public_records", "inbound_messages_routine_ref"])
}

# METADATA
# title: Release on request
# description: public_records.release_routine_ref is present and secrecy_review_included is true.
# custom:
#   id: P5.5
#   point: 5
#   severity: error
#   scope: agency
#   source: [L]
#   title_sv: Utlämnande på begäran
#   reads: ["public_records.release_routine_ref", "public_records.secrecy_review_included"]
#   remediation:
#     en: Make sure the release routine covers social-media records and includes a secrecy review.
#     sv: Se till att rutinen för utlämnande omfattar handlingar från sociala medier och innehåller sekretessprövning.
#   references: [Gp 5, "TF 2 kap. 15–16 §§", OSL 6 kap. 3 §]
results contains r if {
	chain := rego.metadata.chain()
	r := result.agency(chain, lib.unless_any_live, _p5_5)
}

_p5_5 contains lib.missing("public_records.release_routine_ref") if not lib.has(input, ["public_records", "release_routine_ref"])

_p5_5 contains _true_msg("public_records.secrecy_review_included", _pr("secrecy_review_included")) if {
	not _pr("secrecy_review_included") == true
}

# METADATA
# title: Release without delay
# description: public_records.release_target_days is at most config.release_target_max_days.
# custom:
#   id: P5.6
#   point: 5
#   severity: warning
#   scope: agency
#   source: [L, I]
#   title_sv: Utlämnande utan dröjsmål
#   reads: ["public_records.release_target_days"]
#   remediation:
#     en: Set a handling target that meets "genast eller så snart det är möjligt".
#     sv: Sätt ett mål för handläggningstiden som uppfyller kravet "genast eller så snart det är möjligt".
#   references: ["TF 2 kap. 15–16 §§ (JO normally expects a decision the same day)"]
results contains r if {
	chain := rego.metadata.chain()
	r := result.agency(chain, lib.unless_any_live, _p5_6)
}

_p5_6 contains lib.missing("public_records.release_target_days") if not is_number(_pr("release_target_days"))

_p5_6 contains lib.above("public_records.release_target_days", v, limit) if {
	v := _pr("release_target_days")
	limit := lib.config.release_target_max_days
	is_number(v)
	v > limit
}

# P5.7 applies when some channel is commentable.
_unless_any_commentable := set() if lib.any_commentable

else := {lib.reason(
	"no live channel has comments enabled, so there are no comments to capture",
	"ingen aktiv kanal har kommentarer påslagna, så det finns inga kommentarer att spara",
)}

# METADATA
# title: Content captured before removal
# description: public_records.capture_before_removal is true when some channel is commentable.
# custom:
#   id: P5.7
#   point: 5
#   severity: warning
#   scope: agency
#   source: [L, I]
#   title_sv: Innehåll sparas innan det tas bort
#   reads: ["public_records.capture_before_removal"]
#   remediation:
#     en: 'Capture comments before hiding or deleting them; deletion without a disposal decision destroys a public record. Do not keep material that is criminal to possess: log the removal and report it to the police.'
#     sv: 'Spara kommentarer innan de döljs eller raderas; radering utan stöd i gallringsbeslut eller gallringsföreskrifter förstör en allmän handling. Material som är brottsligt att inneha sparas inte: dokumentera borttagandet och polisanmäl.'
#   references: ["TF 2 kap. 4, 9 §§", AL 10 §]
results contains r if {
	chain := rego.metadata.chain()
	r := result.agency(chain, _unless_any_commentable, _p5_7)
}

_p5_7 contains _true_msg("public_records.capture_before_removal", _pr("capture_before_removal")) if {
	not _pr("capture_before_removal") == true
}
