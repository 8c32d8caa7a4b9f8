# METADATA
# title: Shared definitions
# description: |
#   The notation of requirements.md §1.1 (present, age, within, live,
#   commentable, …), the effective configuration and the evaluation date, and
#   id indexes of every collection, built once per input so that no rule walks
#   a collection to resolve a reference.
package smcheck.lib

# The effective configuration: the runner merges defaults, the input's
# `config:` block and its own --config file into input.config; stock OPA gets
# the shipped defaults for any key not given.
config := object.union(data.smcheck.config.provided, object.get(input, "config", {}))

# The evaluation date (model.md §1). The runner always sets eval_date; stock
# OPA users may rely on the file's own evaluation_date. Never the wall clock.
eval_date := input.eval_date

eval_date := input.evaluation_date if not input.eval_date

eval_day := day(eval_date)

# present(x) (§1.1): exists, not null, not a blank string, not an empty list.
# Null list items are erroneous values removed by validation; they do not count.
present(x) if {
	is_string(x)
	trim_space(x) != ""
}

present(x) if {
	is_array(x)
	some v in x
	v != null
}

# Numbers, booleans and objects. One definition, not one per type: OPA
# evaluates every definition of a function on each call.
present(x) if {
	x != null
	not is_string(x)
	not is_array(x)
	not is_set(x)
}

# has(obj, key) is present(obj[key]) for a key or a path of keys. Rules read
# optional keys through has and object.get(obj, key, null): OPA evaluates a call's arguments outside
# a negation, so `not present(c.purpose)` would be undefined, not true, when
# purpose is absent, and the failure would silently vanish.
has(obj, key) if present(object.get(obj, key, null))

# values(x) is the list x without erroneous (null) items; [] if x is no list.
values(x) := [v | some v in x; v != null] if is_array(x)

else := []

# len(s) (§1.1): code points of the trimmed string.
len(s) := count(trim_space(s))

# age(d) in days; d is a YYYY-MM-DD string. Future event dates never get here:
# validation reports them (IN-W2) and removes them.
age(d) := eval_day - day(d)

days_between(from, to) := day(to) - day(from)

# within(d, n) is present(d) and age(d) <= n. After validation every date is
# a valid YYYY-MM-DD string, so that is d >= the date floor(n) days before the
# evaluation date: a string comparison against a cutoff computed once per n
# (OPA caches function results), instead of reading d on every call.
within(d, n) if {
	is_string(d)
	d >= _cutoff(n)
}

# _cutoff(n) is the earliest date whose age is at most n; before year 0000
# every valid date is within, after 9999 none (validation keeps every limit
# positive, stock OPA on unvalidated input need not).
_cutoff(n) := date(eval_day - floor(n)) if {
	eval_day - floor(n) >= _day0
	eval_day - floor(n) <= 2932896 # 9999-12-31
} else := "0000-00-00" if {
	eval_day - floor(n) < _day0
} else := "9999-99-99"

_day0 := -719528 # day("0000-01-01")

# Dates as day numbers: day(d) counts days from 1970-01-01 in the proleptic
# Gregorian calendar, date(n) is its inverse. OPA's time builtins only reach
# 1677-09-22 … 2262-04-11, and model.md allows every YYYY-MM-DD, such as a
# waiver that expires 9999-12-31: beyond that range plain arithmetic takes
# over, which in OPA costs about ten times as much.
day(d) := n if {
	n := round(time.parse_ns("2006-01-02", d) / 86400000000000)
} else := civil_day(d)

date(n) := time.format([n * 86400000000000, "UTC", "2006-01-02"]) if {
	n >= -106751 # 1677-09-22
	n <= 106751 # 2262-04-11
}

else := civil_date(n)

# civil_day and civil_date are H. Hinnant's days_from_civil and
# civil_from_days. Years are counted from -400 (one 400-year era, 146097
# days, earlier) so that no quotient is negative.
civil_day(d) := n if {
	m := to_number(substring(d, 5, 2))
	y := (to_number(substring(d, 0, 4)) + 400) - _jan_feb(m)
	dd := to_number(substring(d, 8, 2))
	era := floor(y / 400)
	yoe := y - (era * 400)
	doy := (floor(((153 * ((m + 9) % 12)) + 2) / 5) + dd) - 1
	doe := (((yoe * 365) + floor(yoe / 4)) - floor(yoe / 100)) + doy
	n := (((era * 146097) + doe) - 719468) - 146097
}

# civil_date(n) is defined for n >= day("0000-01-01").
civil_date(n) := sprintf("%04d-%02d-%02d", [(y + _jan_feb(m)) - 400, m, d]) if {
	z := (n + 719468) + 146097
	era := floor(z / 146097)
	doe := z - (era * 146097)
	yoe := floor((((doe - floor(doe / 1460)) + floor(doe / 36524)) - floor(doe / 146096)) / 365)
	y := yoe + (era * 400)
	doy := doe - (((365 * yoe) + floor(yoe / 4)) - floor(yoe / 100))
	mp := floor(((5 * doy) + 2) / 153)
	d := (doy - floor(((153 * mp) + 2) / 5)) + 1
	m := ((mp + 2) % 12) + 1
}

_jan_feb(m) := 1 if m <= 2

else := 0

# latest(a, b): the later of the present ones. ISO dates order as strings.
# null when neither is present, so that callers can negate within() safely.
latest(a, b) := max(ds) if {
	ds := {d | some d in [a, b]; present(d)}
	count(ds) > 0
} else := null

# Collections, as lists of objects with their index kept for paths.
_list(path) := v if {
	v := object.get(input, path, [])
	is_array(v)
} else := []

channels := {i: c | some i, c in _list(["channels"]); is_object(c)}

# The finding target of channel i: its id, else its path (clarifications C20).
target(i) := id if {
	id := channels[i].id
	is_string(id)
} else := sprintf("channels[%d]", [i])

# channel_targets[i] is channel i's target and path, once per input.
channel_targets := {i: {"target": target(i), "path": sprintf("channels[%d]", [i])} | some i, _ in channels}

# index(path) maps each id of a collection to {i, v}; a duplicated id resolves
# to its first object (C21). A blank id is left out: a reference equal to it
# is blank, so absent (§1.1), and must not resolve.
index(path) := {id: {"i": i, "v": items[i]} |
	items := _list(path)
	ids := [_id(x) | some x in items]
	some i, id in ids
	is_string(id)
	trim_space(id) != ""
	not id in array.slice(ids, 0, i)
}

# _id(x) is x's id when x is an object with a string id, else null.
_id(x) := x.id if {
	is_object(x)
	is_string(x.id)
} else := null

agreements := index(["agreements"])

monitoring := index(["monitoring"])

profiles := index(["archiving", "profiles"])

notices := index(["info_notices"])

mission_objectives := index(["agency", "mission_objectives"])

# Requirement predicates of §1.1.
live(c) if c.status in {"active", "paused"}

commentable(c) if {
	live(c)
	c.comments_enabled == true
}

interactive(c) if {
	live(c)
	c.comments_enabled == true
}

interactive(c) if {
	live(c)
	c.direct_messages_enabled == true
}

requires_agreement(c) if c.third_party_hosted == true

requires_agreement(c) if {
	not has_boolean(c, "third_party_hosted")
	c.platform in config.platforms_requiring_agreement
}

has_boolean(obj, key) if is_boolean(object.get(obj, key, null))

handles_cases(c) if c.used_for_case_handling == true

handles_cases(c) if present(c.case_stages)

case_capable(c) if {
	live(c)
	handles_cases(c)
}

case_capable(c) if {
	live(c)
	c.direct_messages_enabled == true
}

others_media if input.internal_rules.others_media_engagement != "forbidden"

others_media if not input.internal_rules.others_media_engagement

any_live if {
	some c in channels
	live(c)
}

any_commentable if {
	some c in channels
	commentable(c)
}

any_case_capable if {
	some c in channels
	case_capable(c)
}

# Messages. Every finding message is bilingual and names the path it is about.
msg(path, en, sv) := {"path": path, "en": en, "sv": sv}

missing(path) := msg(path, sprintf("%s is missing", [path]), sprintf("%s saknas", [path]))

not_true(path) := msg(path, sprintf("%s is not true", [path]), sprintf("%s är inte true", [path]))

too_old(path, d, limit) := msg(
	path,
	sprintf("%s is %s, %d days before the evaluation date; at most %d days are allowed", [path, d, age(d), limit]),
	sprintf("%s är %s, %d dagar före utvärderingsdatumet; högst %d dagar är tillåtet", [path, d, age(d), limit]),
)

above(path, v, limit) := msg(
	path,
	sprintf("%s is %v; at most %v is allowed", [path, v, limit]),
	sprintf("%s är %v; högst %v är tillåtet", [path, v, limit]),
)

not_one_of(path, v, allowed) := msg(
	path,
	sprintf("%s is %v; expected one of %s", [path, v, concat(", ", sort(allowed))]),
	sprintf("%s är %v; förväntat ett av %s", [path, v, concat(", ", sort(allowed))]),
)

lacks(path, missing_items) := msg(
	path,
	sprintf("%s lacks %s", [path, concat(", ", sort(missing_items))]),
	sprintf("%s saknar %s", [path, concat(", ", sort(missing_items))]),
)

# Reasons a requirement does not apply.
reason(en, sv) := {"en": en, "sv": sv}

not_live := reason("the channel is closed", "kanalen är avvecklad")

no_live_channel := reason("no channel is live", "ingen kanal är aktiv")

# unless_live(c) is the set of reasons channel requirement scope excludes c.
unless_live(c) := set() if live(c)

else := {not_live} if c.status == "closed"

else := {no_status}

# A status that is absent or invalid (IN-04, IN-06; removed by validation)
# is not live either, but the channel is not known to be closed.
no_status := reason("the channel has no valid status, so it is not live", "kanalen har ingen giltig status och räknas inte som aktiv")

# na_live[i] is unless_live of channel i, once per input: most channel
# requirements apply to live channels only.
na_live := {i: unless_live(c) | some i, c in channels}

# candidates(na_of, problems) are the channels that do not pass: those with a
# reason not to apply (na_of[i] non-empty) or with problems (problems[i]).
# Requirements build results only for these; the others pass (result.rego).
candidates(na_of, problems) := {i | some i, na in na_of; count(na) > 0} | object.keys(problems)

unless_any_live := set() if any_live

else := {no_live_channel}

# values_indexed(x) is x's non-null items by their original index, so that
# paths in messages name the item the user wrote.
values_indexed(x) := {j: v | some j, v in x; v != null} if is_array(x)

else := {}

# stale(path, d, limit) explains a failed within(d, limit). Pass d through
# object.get: an undefined argument would make the message, and so the
# failure, silently disappear.
stale(path, d, limit) := too_old(path, d, limit) if present(d)

else := missing(path)

# unresolved(path, id) names a reference that resolves to nothing (IN-09).
unresolved(path, id) := msg(
	path,
	sprintf("%s %q names nothing: no object has that id", [path, id]),
	sprintf("%s %q pekar inte på något: inget objekt har det id:t", [path, id]),
)

# missing_ref(c, i, key, idx) explains why a channel's reference is unusable.
missing_ref(c, i, key, idx) := unresolved(path, c[key]) if {
	path := sprintf("channels[%d].%s", [i, key])
	present(c[key])
	not idx[c[key]]
} else := missing(sprintf("channels[%d].%s", [i, key]))
