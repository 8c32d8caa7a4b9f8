# METADATA
# title: Waivers
# description: |
#   requirements.md §5. A waiver turns a fail of one requirement for one target
#   into `waived` when it is complete (W.1), not expired (W.2) and not valid for
#   too long (W.3). Each W check is evaluated once per waiver, target waivers[i].
# custom:
#   point: 0
package smcheck.rules.waivers

import data.smcheck.lib
import data.smcheck.result

_fields := ["requirement", "target", "justification", "approved_by", "approved_date", "expires"]

# items are the waivers W.1–W.3 check, by index; main.targets names them.
items := {i: w | some i, w in lib._list(["waivers"]); is_object(w)}

# The requirement catalogue (id → scope) is generated from the rules'
# annotations into catalogue/data.json (make generate; a test keeps it fresh),
# because Rego cannot read another rule's METADATA.
_scope := data.smcheck.catalogue.scope

# METADATA
# title: Waiver complete and well-formed
# description: All six fields are present; requirement is a P-ID; target is agency for an agency-scope requirement or an existing channel id for a channel-scope one.
# custom:
#   id: W.1
#   point: 0
#   severity: error
#   scope: waiver
#   source: []
#   title_sv: Undantaget är fullständigt och korrekt
#   remediation:
#     en: Complete the waiver and correct its requirement or target.
#     sv: Komplettera undantaget och rätta angivet krav eller angiven kanal.
#   references: ["requirements.md §5"]
results contains r if {
	chain := rego.metadata.chain()
	some i, w in items
	r := result.waiver(chain, i, set(), {m | some m in _w1[i]})
}

_w1[i] contains lib.missing(sprintf("waivers[%d].%s", [i, f])) if {
	some i, w in items
	some f in _fields
	not lib.has(w, f)
}

_w1[i] contains lib.msg(
	path,
	sprintf("%s %q is not a requirement ID (P1.1 … P10.6)", [path, w.requirement]),
	sprintf("%s %q är inte ett krav-id (P1.1 … P10.6)", [path, w.requirement]),
) if {
	some i, w in items
	lib.present(w.requirement)
	not _scope[w.requirement]
	path := sprintf("waivers[%d].requirement", [i])
}

_w1[i] contains lib.msg(
	path,
	sprintf("%s %q is not %s", [path, w.target, _expected_target(scope)]),
	sprintf("%s %q är inte %s", [path, w.target, _expected_target_sv(scope)]),
) if {
	some i, w in items
	lib.present(w.target)
	scope := _scope[w.requirement]
	not _target_ok(scope, w.target)
	path := sprintf("waivers[%d].target", [i])
}

_target_ok("agency", "agency")

_target_ok("channel", t) if {
	some c in lib.channels
	c.id == t
}

_expected_target("agency") := "agency (the requirement has agency scope)"

_expected_target("channel") := "the id of a channel (the requirement has channel scope)"

_expected_target_sv("agency") := "agency (kravet gäller myndigheten)"

_expected_target_sv("channel") := "id för en kanal (kravet gäller kanaler)"

# METADATA
# title: Waiver not expired
# description: The waiver's expiry date is on or after the evaluation date.
# custom:
#   id: W.2
#   point: 0
#   severity: error
#   scope: waiver
#   source: []
#   title_sv: Undantaget har inte löpt ut
#   remediation:
#     en: Renew the waiver with a new decision, or remedy the gap.
#     sv: Förnya undantaget genom ett nytt beslut eller åtgärda bristen.
#   references: ["requirements.md §5"]
results contains r if {
	chain := rego.metadata.chain()
	some i, w in items
	r := result.waiver(chain, i, _na_dates(w, ["expires"]), {m | some m in _w2[i]})
}

_w2[i] contains lib.msg(
	path,
	sprintf("%s is %s, before the evaluation date %s", [path, w.expires, lib.eval_date]),
	sprintf("%s är %s, före utvärderingsdatumet %s", [path, w.expires, lib.eval_date]),
) if {
	some i, w in items
	lib.present(w.expires)
	w.expires < lib.eval_date
	path := sprintf("waivers[%d].expires", [i])
}

# METADATA
# title: Waiver validity period
# description: The waiver is valid for at most config.waiver_max_validity_days days from its approval.
# custom:
#   id: W.3
#   point: 0
#   severity: error
#   scope: waiver
#   source: []
#   title_sv: Undantagets giltighetstid
#   remediation:
#     en: Shorten the waiver's validity and reassess it when it expires.
#     sv: Korta undantagets giltighetstid och ompröva det när det löper ut.
#   references: ["requirements.md §5"]
results contains r if {
	chain := rego.metadata.chain()
	some i, w in items
	r := result.waiver(chain, i, _na_dates(w, ["approved_date", "expires"]), {m | some m in _w3[i]})
}

_w3[i] contains lib.msg(
	path,
	sprintf("the waiver is valid for %d days (%s to %s); at most %d days are allowed", [days, w.approved_date, w.expires, max_days]),
	sprintf("undantaget gäller i %d dagar (%s till %s); högst %d dagar är tillåtet", [days, w.approved_date, w.expires, max_days]),
) if {
	some i, w in items
	lib.present(w.approved_date)
	lib.present(w.expires)
	days := lib.days_between(w.approved_date, w.expires)
	max_days := lib.config.waiver_max_validity_days
	days > max_days
	path := sprintf("waivers[%d].expires", [i])
}

_na_dates(w, fields) := {lib.reason(
	sprintf("%s is absent (reported by W.1)", [concat(", ", missing)]),
	sprintf("%s saknas (rapporteras av W.1)", [concat(", ", missing)]),
) |
	missing := [f | some f in fields; not lib.has(w, f)]
	count(missing) > 0
}

# valid is the waivers that pass W.1–W.3, as {requirement, target, …, index}.
valid[i] := object.union(w, {"index": i}) if {
	some i, w in items
	not _w1[i]
	not _w2[i]
	not _w3[i]
}

# shown[[requirement, target]] is the valid waiver displayed for that finding:
# the one that expires last, the lower index on a tie (§5, C7).
shown[key] := valid[i] if {
	some key, candidates in _by_finding
	latest := max({valid[j].expires | some j in candidates})
	i := min({j | some j in candidates; valid[j].expires == latest})
}

# _by_finding[[requirement, target]] is the indices of the valid waivers for
# that finding, grouped in one pass over them.
_by_finding[[w.requirement, w.target]] contains j if some j, w in valid
