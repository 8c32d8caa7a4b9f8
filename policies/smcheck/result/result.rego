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
channel(chain, i, na, problems) := _make(chain, lib.target(i), sprintf("channels[%d]", [i]), na, problems)

# agency(chain, na, problems) is the result of an agency-scope requirement.
agency(chain, na, problems) := _make(chain, "agency", "$", na, problems)

# waiver(chain, i, na, problems) is the result of a W check for waivers[i].
waiver(chain, i, na, problems) := _make(chain, sprintf("waivers[%d]", [i]), sprintf("waivers[%d]", [i]), na, problems)

_make(chain, target, path, na, problems) := {
	"id": m.id,
	"point": m.point,
	"severity": m.severity,
	"target": target,
	"subject": path,
	"status": _status(na),
	"path": _path(path, na, problems),
	"messages": _messages(na, problems),
} if {
	count(na) + count(problems) > 0
	m := chain[0].annotations.custom
}

_status(na) := "not_applicable" if count(na) > 0

else := "fail"

# The path of a fail is its first problem path in document order: list indices
# compare as numbers (goals[2] before goals[10]), the rest as strings.
_path(default_path, na, problems) := min({[_order(p.path), p.path] | some p in problems})[1] if {
	count(na) == 0
	count(problems) > 0
} else := default_path

# _order("channels[0].goals[10].indicator") is ["channels", 0, ".goals", 10, ".indicator"].
_order(path) := [_part(s) | some s in regex.split(`[\[\]]`, path)]

_part(s) := to_number(s) if regex.match(`^[0-9]+$`, s)

else := s

_messages(na, problems) := sort(na) if count(na) > 0

else := sort(problems)
