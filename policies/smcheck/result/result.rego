# METADATA
# title: Finding builder
# description: |
#   Builds every result from the requirement's own METADATA (rego.metadata.chain()),
#   so that id, point and severity are written once, in the annotation above the
#   rule. Titles, remediation and references are read from the same annotation by
#   the runner; results carry only what varies per target.
#
#   Only results that are not a pass exist: a requirement passes for every
#   target of its scope (data.smcheck.main.targets) that has no result. Building
#   an object for each of the many passes cost more than all the checks.
package smcheck.result

import data.smcheck.lib

# A result names its target (the channel id, which may repeat: C21) and its
# subject, the path of the object the target is (channels[i], $, waivers[i]),
# which is unique and matches data.smcheck.main.targets.
#
# channel(chain, i, na, problems) is the result of a channel-scope requirement
# for channel i. na is the set of reasons it does not apply, problems the set
# of lib.msg objects naming what failed; undefined when both are empty (pass).
channel(chain, i, na, problems) := _make(chain, t.target, t.path, na, problems) if t := lib.channel_targets[i]

# agency(chain, na, problems) is the result of an agency-scope requirement.
agency(chain, na, problems) := _make(chain, "agency", "$", na, problems)

# waiver(chain, i, na, problems) is the result of a W check for waivers[i].
waiver(chain, i, na, problems) := _make(chain, sprintf("waivers[%d]", [i]), sprintf("waivers[%d]", [i]), na, problems)

# Not applicable wins over problems (requirements.md §1: Applies limits
# evaluation).
_make(chain, target, path, na, problems) := {
	"id": m.id,
	"point": m.point,
	"severity": m.severity,
	"target": target,
	"subject": path,
	"status": "not_applicable",
	"path": path,
	"messages": sort(na),
} if {
	count(na) > 0
	m := chain[0].annotations.custom
}

# Otherwise a fail, pointing at its first problem (_ordered). An else, not a
# second definition: OPA evaluates every definition of a function on each call.
else := {
	"id": m.id,
	"point": m.point,
	"severity": m.severity,
	"target": target,
	"subject": path,
	"status": "fail",
	"path": ordered[0].path,
	"messages": ordered,
} if {
	count(problems) > 0
	m := chain[0].annotations.custom
	ordered := _ordered(problems, object.get(m, "reads", []))
}

# A fail's problems in the order of the condition: first by the list items
# they are in, in document order (goals[2] before goals[10]); within one item
# by the first entry of the requirement's `reads` (the spec's Reads line, in
# its order) that the path is, is inside or contains. The first problem names
# the finding's path.
_ordered(problems, reads) := [p | some [_, _, _, p] in sort({[_indices(p.path), _rank(p.path, reads), p.path, p] | some p in problems})] if {
	count(problems) > 1
} else := [p | some p in problems]

# _indices("channels[0].goals[10].indicator") is [0, 10].
_indices(path) := [to_number(m[1]) | some m in regex.find_all_string_submatch_n(`\[([0-9]+)\]`, path, -1)]

_rank(path, reads) := min(ranks) if {
	pattern := regex.replace(path, `\[[0-9]+\]`, "[]")
	ranks := {i | some i, r in reads; _covers(r, pattern)}
	count(ranks) > 0
} else := count(reads)

# _covers(r, p): the Reads entry r and the path pattern p are the same, or
# one is inside the other.
_covers(r, p) if {
	some [a, b] in [[r, p], [p, r]]
	startswith(a, b)
	substring(concat("", [a, "."]), count(b), 1) in {".", "["}
}
