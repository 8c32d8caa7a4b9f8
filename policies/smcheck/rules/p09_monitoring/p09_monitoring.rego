# METADATA
# title: "P9 Håll uppsikt — monitoring"
# description: Guideline point 9. Every channel that takes comments or messages is monitored by a named role with a deputy, during defined staffed hours, with committed response and check intervals and measures for the hours outside them.
# custom:
#   point: 9
package smcheck.rules.p09

import data.smcheck.lib
import data.smcheck.result

# m = mon(c): the monitoring entry the channel references, as {i, v}.
_mon(c) := lib.monitoring[c.monitoring_ref]

# P9.1 applies to interactive channels.
_p9_1_na(c) := lib.unless_live(c) if not lib.unless_live(c) == set()

else := set() if lib.interactive(c)

else := {lib.reason(
	"the channel has neither comments nor direct messages enabled",
	"kanalen har varken kommentarer eller direktmeddelanden påslagna",
)}

# P9.2–P9.6 apply additionally only when monitoring_ref resolves; without one,
# P9.1 reports the gap.
_na(c) := _p9_1_na(c) if not _p9_1_na(c) == set()

else := set() if _mon(c)

else := {lib.reason(
	"the channel has no usable monitoring_ref (reported by P9.1)",
	"kanalen saknar en giltig monitoring_ref (rapporteras av P9.1)",
)}

# _na_of[i] is _na of channel i, once per input: several requirements read it.
_na_of := {i: _na(c) | some i, c in lib.channels}

# METADATA
# title: Monitoring assigned
# description: Every live channel with comments or direct messages references a monitoring entry.
# custom:
#   id: P9.1
#   point: 9
#   severity: error
#   scope: channel
#   source: [G, L]
#   title_sv: Bevakning är tilldelad
#   reads: ["channels[].monitoring_ref", "channels[].comments_enabled", "channels[].direct_messages_enabled"]
#   remediation:
#     en: Assign monitoring to the channel, or switch off comments and messages.
#     sv: Se till att kanalen bevakas, eller stäng av kommentarer och meddelanden.
#   references: [Gp 9, BBS 4 §, FL 6 §]
results contains r if {
	chain := rego.metadata.chain()
	na_of := {i: _p9_1_na(c) | some i, c in lib.channels}
	ps := _p9_1
	some i in lib.candidates(na_of, ps)
	r := result.channel(chain, i, na_of[i], object.get(ps, i, set()))
}

# Interactive channels only: for the others P9.1 does not apply (_p9_1_na),
# and the message would be built only to be discarded.
_p9_1[i] contains lib.missing_ref(c, i, "monitoring_ref", lib.monitoring) if {
	some i, c in lib.channels
	not _mon(c)
	lib.interactive(c)
}

# METADATA
# title: Named responsible and deputy
# description: The monitoring entry names a responsible role and a different deputy.
# custom:
#   id: P9.2
#   point: 9
#   severity: error
#   scope: channel
#   source: [G, I]
#   title_sv: Utsedd ansvarig och ersättare
#   reads: ["monitoring[].responsible", "monitoring[].deputy"]
#   remediation:
#     en: Name a role responsible for monitoring and a deputy for absences.
#     sv: Utse en ansvarig funktion för bevakningen och en ersättare vid frånvaro.
#   references: [Gp 9]
results contains r if {
	chain := rego.metadata.chain()
	na_of := _na_of
	ps := _p9_2
	some i in lib.candidates(na_of, ps)
	r := result.channel(chain, i, na_of[i], object.get(ps, i, set()))
}

_p9_2_by[m.i] contains lib.missing(sprintf("monitoring[%d].%s", [m.i, k])) if {
	some m in lib.monitoring
	some k in ["responsible", "deputy"]
	not lib.has(m.v, k)
}

_p9_2_by[m.i] contains lib.msg(
	path,
	sprintf("%s %q is the same as monitoring[%d].responsible %q after trimming and case-folding", [path, m.v.deputy, m.i, m.v.responsible]),
	sprintf("%s %q är densamma som monitoring[%d].responsible %q efter trimning och skiftlägesutjämning", [path, m.v.deputy, m.i, m.v.responsible]),
) if {
	some m in lib.monitoring
	lib.present(m.v.responsible)
	lib.present(m.v.deputy)
	_fold(m.v.responsible) == _fold(m.v.deputy)
	path := sprintf("monitoring[%d].deputy", [m.i])
}

# _fold(s) is s trimmed and case-folded. lower(upper(s)) is Unicode simple
# case folding for all but a handful of code points (lower alone leaves final
# sigma ς and long s ſ unfolded). Of those, the dotless ı and the dotted İ,
# which upper and lower map onto I and i and case folding does not, are
# first set aside as noncharacters, which have no case and no place in text.
_fold(s) := lower(upper(strings.replace_n({"ı": "\ufdd0", "İ": "\ufdd1"}, trim_space(s))))

# METADATA
# title: Staffed hours defined
# description: The monitoring entry states the staffed days, and a from time before its to time (a period across midnight cannot be expressed, C6).
# custom:
#   id: P9.3
#   point: 9
#   severity: error
#   scope: channel
#   source: [G]
#   title_sv: Bemannade tider angivna
#   reads: ["monitoring[].staffing.days", "monitoring[].staffing.from", "monitoring[].staffing.to"]
#   remediation:
#     en: Allocate staff and state on which days and hours the channel is monitored.
#     sv: Avsätt resurser och ange vilka dagar och tider kanalen bevakas.
#   references: [Gp 9]
results contains r if {
	chain := rego.metadata.chain()
	na_of := _na_of
	ps := _p9_3
	some i in lib.candidates(na_of, ps)
	r := result.channel(chain, i, na_of[i], object.get(ps, i, set()))
}

_p9_3_by[m.i] contains lib.missing(sprintf("monitoring[%d].staffing.%s", [m.i, k])) if {
	some m in lib.monitoring
	some k in ["days", "from", "to"]
	not lib.has(m.v, ["staffing", k])
}

_p9_3_by[m.i] contains lib.msg(
	path,
	sprintf("%s %s is not before monitoring[%d].staffing.to %s; a staffed period across midnight cannot be expressed", [path, from, m.i, to]),
	sprintf("%s %s är inte före monitoring[%d].staffing.to %s; en bemannad period över midnatt kan inte anges", [path, from, m.i, to]),
) if {
	some m in lib.monitoring
	from := m.v.staffing.from
	to := m.v.staffing.to
	not _minutes(from) < _minutes(to)
	path := sprintf("monitoring[%d].staffing.from", [m.i])
}

# _minutes(t) is the "HH:MM" time t in minutes after midnight (C6: times are
# compared as times, not as strings).
_minutes(t) := (to_number(parts[0]) * 60) + to_number(parts[1]) if {
	is_string(t)
	parts := split(trim_space(t), ":")
	count(parts) == 2
}

# METADATA
# title: Response time committed
# description: The monitoring entry commits to an answer or referral within config.max_response_hours staffed hours.
# custom:
#   id: P9.4
#   point: 9
#   severity: warning
#   scope: channel
#   source: [L, I]
#   title_sv: Utlovad svarstid
#   reads: ["monitoring[].max_response_hours"]
#   remediation:
#     en: Commit to answering or referring questions within the configured number of staffed hours.
#     sv: Bestäm att frågor ska besvaras eller hänvisas vidare inom angivet antal timmar, räknat i bemannad tid.
#   references: [FL 6 §]
results contains r if {
	chain := rego.metadata.chain()
	na_of := _na_of
	ps := _p9_4
	some i in lib.candidates(na_of, ps)
	r := result.channel(chain, i, na_of[i], object.get(ps, i, set()))
}

_p9_4_by[m.i] contains msg if {
	some m in lib.monitoring
	msg := _at_most(m, "max_response_hours", lib.config.max_response_hours)
}

# _at_most(m, key, limit) explains why m.v[key] ≤ limit does not hold;
# undefined when it holds.
_at_most(m, key, limit) := lib.missing(path) if {
	path := sprintf("monitoring[%d].%s", [m.i, key])
	not is_number(object.get(m.v, key, null))
} else := lib.above(path, v, limit) if {
	path := sprintf("monitoring[%d].%s", [m.i, key])
	v := m.v[key]
	v > limit
}

# METADATA
# title: Comments checked frequently
# description: Comments and messages are checked at least every config.comment_check_max_interval_hours staffed hours.
# custom:
#   id: P9.5
#   point: 9
#   severity: error
#   scope: channel
#   source: [G, L, I]
#   title_sv: Kommentarer granskas ofta
#   reads: ["monitoring[].check_interval_hours"]
#   remediation:
#     en: Check comments and messages at least at the configured interval during staffed hours.
#     sv: Gå igenom kommentarer och meddelanden minst med angivet intervall under bemannad tid.
#   references: [Gp 9, BBS 4 §]
results contains r if {
	chain := rego.metadata.chain()
	na_of := _na_of
	ps := _p9_5
	some i in lib.candidates(na_of, ps)
	r := result.channel(chain, i, na_of[i], object.get(ps, i, set()))
}

_p9_5_by[m.i] contains msg if {
	some m in lib.monitoring
	msg := _at_most(m, "check_interval_hours", lib.config.comment_check_max_interval_hours)
}

# P9.6 applies additionally to commentable channels whose monitoring is not
# staffed around the clock.
_p9_6_na(c) := _na(c) if not _na(c) == set()

else := {lib.reason("comments are not enabled on the channel", "kanalen har inte kommentarer påslagna")} if not lib.commentable(c)

else := {lib.reason(
	"the channel's monitoring is staffed around the clock",
	"kanalens bevakning är bemannad dygnet runt",
)} if {
	_around_the_clock(_mon(c).v)
}

else := set()

_week := {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}

_around_the_clock(m) if {
	days := {d | some d in lib.values(m.staffing.days)}
	count(_week - days) == 0
	m.staffing.from == "00:00"
	m.staffing.to == "23:59"
}

# METADATA
# title: Measures outside staffed hours
# description: A commentable channel not monitored around the clock has measures that protect it outside staffed hours.
# custom:
#   id: P9.6
#   point: 9
#   severity: warning
#   scope: channel
#   source: [I]
#   title_sv: Åtgärder utanför bemannad tid
#   reads: ["monitoring[].off_hours_measures", "monitoring[].staffing.days", "monitoring[].staffing.from", "monitoring[].staffing.to"]
#   remediation:
#     en: Decide what protects the channel outside staffed hours, such as filters, limited comments, a notice of staffed hours or on-call staff.
#     sv: Bestäm hur kanalen skyddas utanför bemannad tid, till exempel med filter, begränsade kommentarer, information om bemannade tider eller beredskap.
#   references: [Gp 9, BBS 4 §]
results contains r if {
	chain := rego.metadata.chain()
	na_of := {i: _p9_6_na(c) | some i, c in lib.channels}
	ps := _p9_6
	some i in lib.candidates(na_of, ps)
	r := result.channel(chain, i, na_of[i], object.get(ps, i, set()))
}

_p9_6_by[m.i] contains lib.missing(sprintf("monitoring[%d].off_hours_measures", [m.i])) if {
	some m in lib.monitoring
	not lib.has(m.v, "off_hours_measures")
}

# _m_of[i] is the index of the object channel i references; the checks
# of that object run once per object (_px_y_by), not once per channel.
_m_of := {i: x.i | some i, c in lib.channels; x := _mon(c)}

_p9_2[i] contains x if {
	by := _p9_2_by
	some i, j in _m_of
	some x in by[j]
}

_p9_3[i] contains x if {
	by := _p9_3_by
	some i, j in _m_of
	some x in by[j]
}

_p9_4[i] contains x if {
	by := _p9_4_by
	some i, j in _m_of
	some x in by[j]
}

_p9_5[i] contains x if {
	by := _p9_5_by
	some i, j in _m_of
	some x in by[j]
}

_p9_6[i] contains x if {
	by := _p9_6_by
	some i, j in _m_of
	some x in by[j]
}
