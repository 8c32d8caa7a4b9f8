# METADATA
# title: smcheck report
# description: |
#   The one query the runner evaluates: every result that is not a pass (fail,
#   not_applicable, and waived: a fail with a valid waiver, requirements.md §5),
#   the targets of each scope (a requirement passes for every target without a
#   result), and the valid waivers nothing used. Stock OPA gives the same
#   answer: opa eval -b policies -i agency.json data.smcheck.main.report
package smcheck.main

import data.smcheck.lib
import data.smcheck.rules.waivers

raw contains r if some r in data.smcheck.rules[_].results

# A fail covered by a valid waiver is waived; the waiver shown is the one that
# expires last, the lower index on a tie (C7).
results contains _apply(r) if some r in raw

_apply(r) := object.union(r, {"status": "waived", "waiver": waivers.shown[[r.id, r.target]]}) if r.status == "fail"

else := r

# Valid waivers that match no failing finding (C4): severity info, not results.
unused_waivers contains w if {
	some i, w in waivers.valid
	not _failing[[w.requirement, w.target]]
}

_failing contains [r.id, r.target] if {
	some r in raw
	r.status == "fail"
}

# The targets of each scope. A requirement passes for every target of its
# scope that has no result (smcheck.result builds only the others).
targets := {
	"agency": [{"target": "agency", "path": "$"}],
	"channel": [{"target": lib.target(i), "path": sprintf("channels[%d]", [i])} | some i, _ in lib.channels],
	"waiver": [{"target": t, "path": t} | some i, _ in waivers.items; t := sprintf("waivers[%d]", [i])],
}

report := {
	"results": results,
	"targets": targets,
	"unused_waivers": unused_waivers,
}
