package smcheck.rules.p09_test

import data.smcheck.rules.p09
import data.smcheck.testutil as t

# _mon(patch) changes the one monitoring entry; _mon_without(keys) removes keys.
_mon(patch) := t.doc({"monitoring": [object.union(t.base.monitoring[0], patch)]})

_mon_without(keys) := t.doc({"monitoring": [object.remove(t.base.monitoring[0], keys)]})

_staffing_without(keys) := t.doc({"monitoring": [object.union(
	object.remove(t.base.monitoring[0], ["staffing"]),
	{"staffing": object.remove(t.base.monitoring[0].staffing, keys)},
)]})

_round_the_clock := {"days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], "from": "00:00", "to": "23:59"}

test_compliant_passes if {
	every id in ["P9.1", "P9.2", "P9.3", "P9.4", "P9.5", "P9.6"] {
		t.status(p09.results, id, "fb-kommun") == "pass" with input as t.base
	}
}

test_compliant_other_channels if {
	# li-kommun: comments only; yt-kommun: neither comments nor DMs.
	t.status(p09.results, "P9.6", "li-kommun") == "pass" with input as t.base
	every id in ["P9.1", "P9.2", "P9.3", "P9.4", "P9.5", "P9.6"] {
		t.status(p09.results, id, "yt-kommun") == "not_applicable" with input as t.base
	}
}

test_six_requirements if {
	ids := {r.id | some r in p09.results} with input as t.base
	ids == {"P9.1", "P9.2", "P9.3", "P9.4", "P9.5", "P9.6"}
}

# P9.1

test_p9_1_monitoring_ref_absent if {
	inp := t.without(["monitoring_ref"])
	t.status(p09.results, "P9.1", "fb-kommun") == "fail" with input as inp
	t.messages(p09.results, "P9.1", "fb-kommun") == "channels[0].monitoring_ref is missing" with input as inp
	every id in ["P9.2", "P9.3", "P9.4", "P9.5", "P9.6"] {
		t.status(p09.results, id, "fb-kommun") == "not_applicable" with input as inp
	}
}

test_p9_1_blank_ref if {
	t.status(p09.results, "P9.1", "fb-kommun") == "fail" with input as t.channel({"monitoring_ref": " "})
}

test_p9_1_dangling_ref_names_the_id if {
	inp := t.channel({"monitoring_ref": "mon-okand"})
	t.status(p09.results, "P9.1", "fb-kommun") == "fail" with input as inp
	contains(t.messages(p09.results, "P9.1", "fb-kommun"), "channels[0].monitoring_ref \"mon-okand\" names nothing") with input as inp
	t.status(p09.results, "P9.2", "fb-kommun") == "not_applicable" with input as inp
	contains(t.messages(p09.results, "P9.2", "fb-kommun"), "reported by P9.1") with input as inp
}

test_p9_1_interactive_through_one_switch if {
	dm := t.doc({"channels": [object.union(object.remove(t.base.channels[0], ["monitoring_ref"]), {"comments_enabled": false})]})
	t.status(p09.results, "P9.1", "fb-kommun") == "fail" with input as dm
	cm := t.doc({"channels": [object.union(object.remove(t.base.channels[0], ["monitoring_ref"]), {"direct_messages_enabled": false})]})
	t.status(p09.results, "P9.1", "fb-kommun") == "fail" with input as cm
}

test_p9_1_not_applicable if {
	quiet := t.channel({"comments_enabled": false, "direct_messages_enabled": false})
	t.status(p09.results, "P9.1", "fb-kommun") == "not_applicable" with input as quiet
	contains(t.messages(p09.results, "P9.1", "fb-kommun"), "neither comments nor direct messages") with input as quiet
	absent := t.without(["comments_enabled", "direct_messages_enabled", "monitoring_ref"])
	t.status(p09.results, "P9.1", "fb-kommun") == "not_applicable" with input as absent
	closed := t.channel({"status": "closed"})
	every id in ["P9.1", "P9.2", "P9.6"] {
		t.status(p09.results, id, "fb-kommun") == "not_applicable" with input as closed
	}
	t.status(p09.results, "P9.1", "fb-kommun") == "pass" with input as t.channel({"status": "paused"})
}

# P9.2

test_p9_2_same_after_trim_and_case_fold if {
	inp := _mon({"responsible": "Webbredaktör", "deputy": " WEBBREDAKTÖR "})
	t.status(p09.results, "P9.2", "fb-kommun") == "fail" with input as inp
	t.messages(p09.results, "P9.2", "fb-kommun") == "monitoring[0].deputy \" WEBBREDAKTÖR \" is the same as monitoring[0].responsible \"Webbredaktör\" after trimming and case-folding" with input as inp
	t.status(p09.results, "P9.2", "ig-kommun") == "fail" with input as inp
}

# Case-folding, not just lower-casing: final sigma folds to sigma and long s
# to s (Unicode simple case folding), so these pairs are the same role.
test_p9_2_case_folding_beyond_lower if {
	t.status(p09.results, "P9.2", "fb-kommun") == "fail" with input as _mon({"responsible": "ΟΔΟΣ", "deputy": "οδος"})
	t.status(p09.results, "P9.2", "fb-kommun") == "fail" with input as _mon({"responsible": "Webbredaktör", "deputy": "WEBBREDAKTÖR"})
	t.status(p09.results, "P9.2", "fb-kommun") == "fail" with input as _mon({"responsible": "ſtab", "deputy": "Stab"})
}

# Case folding keeps the dotless ı and the dotted İ apart from I and i,
# which upper and lower case map them onto.
test_p9_2_dotless_and_dotted_i_differ if {
	t.status(p09.results, "P9.2", "fb-kommun") == "pass" with input as _mon({"responsible": "İ", "deputy": "i"})
	t.status(p09.results, "P9.2", "fb-kommun") == "pass" with input as _mon({"responsible": "I", "deputy": "ı"})
	t.status(p09.results, "P9.2", "fb-kommun") == "fail" with input as _mon({"responsible": "ı", "deputy": "ı"})
}

test_p9_2_different_passes if {
	t.status(p09.results, "P9.2", "fb-kommun") == "pass" with input as _mon({"responsible": "Webbredaktör", "deputy": "Webbredaktör 2"})
}

test_p9_2_absent if {
	inp := _mon_without(["deputy"])
	t.status(p09.results, "P9.2", "fb-kommun") == "fail" with input as inp
	t.messages(p09.results, "P9.2", "fb-kommun") == "monitoring[0].deputy is missing" with input as inp
	both := _mon_without(["deputy", "responsible"])
	t.messages(p09.results, "P9.2", "fb-kommun") == "monitoring[0].responsible is missing | monitoring[0].deputy is missing" with input as both

	# The finding points at the first failing part of the condition, in the
	# order of the requirement's Reads line, not the alphabetically first.
	t.path(p09.results, "P9.2", "fb-kommun") == "monitoring[0].responsible" with input as both
	t.status(p09.results, "P9.2", "fb-kommun") == "fail" with input as _mon({"responsible": "  "})
}

# P9.3

test_p9_3_across_midnight_fails if {
	inp := _mon({"staffing": {"from": "17:00", "to": "08:00"}})
	t.status(p09.results, "P9.3", "fb-kommun") == "fail" with input as inp
	t.messages(p09.results, "P9.3", "fb-kommun") == "monitoring[0].staffing.from 17:00 is not before monitoring[0].staffing.to 08:00; a staffed period across midnight cannot be expressed" with input as inp
}

test_p9_3_equal_times_fail if {
	t.status(p09.results, "P9.3", "fb-kommun") == "fail" with input as _mon({"staffing": {"from": "08:00", "to": "08:00"}})
}

test_p9_3_one_minute_period_passes if {
	t.status(p09.results, "P9.3", "fb-kommun") == "pass" with input as _mon({"staffing": {"from": "08:00", "to": "08:01"}})
	t.status(p09.results, "P9.3", "fb-kommun") == "pass" with input as _mon({"staffing": _round_the_clock})
}

test_p9_3_absent_parts if {
	days := _staffing_without(["days"])
	t.status(p09.results, "P9.3", "fb-kommun") == "fail" with input as days
	t.messages(p09.results, "P9.3", "fb-kommun") == "monitoring[0].staffing.days is missing" with input as days
	t.status(p09.results, "P9.3", "fb-kommun") == "fail" with input as _mon({"staffing": {"days": []}})
	from := _staffing_without(["from"])
	t.messages(p09.results, "P9.3", "fb-kommun") == "monitoring[0].staffing.from is missing" with input as from
	to := _staffing_without(["to"])
	t.messages(p09.results, "P9.3", "fb-kommun") == "monitoring[0].staffing.to is missing" with input as to
	none := _mon_without(["staffing"])
	t.messages(p09.results, "P9.3", "fb-kommun") == "monitoring[0].staffing.days is missing | monitoring[0].staffing.from is missing | monitoring[0].staffing.to is missing" with input as none
}

# P9.4

test_p9_4_boundary if {
	t.status(p09.results, "P9.4", "fb-kommun") == "pass" with input as _mon({"max_response_hours": 8})
	inp := _mon({"max_response_hours": 8.5})
	t.status(p09.results, "P9.4", "fb-kommun") == "fail" with input as inp
	t.messages(p09.results, "P9.4", "fb-kommun") == "monitoring[0].max_response_hours is 8.5; at most 8 is allowed" with input as inp
}

test_p9_4_absent if {
	inp := _mon_without(["max_response_hours"])
	t.status(p09.results, "P9.4", "fb-kommun") == "fail" with input as inp
	t.messages(p09.results, "P9.4", "fb-kommun") == "monitoring[0].max_response_hours is missing" with input as inp
}

test_p9_4_threshold_configurable if {
	inp := object.union(_mon({"max_response_hours": 24}), {"config": {"max_response_hours": 24}})
	t.status(p09.results, "P9.4", "fb-kommun") == "pass" with input as inp
}

# P9.5

test_p9_5_boundary if {
	t.status(p09.results, "P9.5", "fb-kommun") == "pass" with input as _mon({"check_interval_hours": 4})
	inp := _mon({"check_interval_hours": 5})
	t.status(p09.results, "P9.5", "fb-kommun") == "fail" with input as inp
	t.messages(p09.results, "P9.5", "fb-kommun") == "monitoring[0].check_interval_hours is 5; at most 4 is allowed" with input as inp
}

test_p9_5_absent if {
	t.status(p09.results, "P9.5", "fb-kommun") == "fail" with input as _mon_without(["check_interval_hours"])
}

test_p9_5_threshold_configurable if {
	inp := object.union(_mon({"check_interval_hours": 1}), {"config": {"comment_check_max_interval_hours": 0.5}})
	t.status(p09.results, "P9.5", "fb-kommun") == "fail" with input as inp
}

# P9.6

test_p9_6_measures_absent_or_empty if {
	inp := _mon_without(["off_hours_measures"])
	t.status(p09.results, "P9.6", "fb-kommun") == "fail" with input as inp
	t.messages(p09.results, "P9.6", "fb-kommun") == "monitoring[0].off_hours_measures is missing" with input as inp
	t.status(p09.results, "P9.6", "fb-kommun") == "fail" with input as _mon({"off_hours_measures": []})
	t.status(p09.results, "P9.6", "fb-kommun") == "pass" with input as _mon({"off_hours_measures": ["on_call"]})
}

test_p9_6_not_applicable_around_the_clock if {
	inp := object.union(_mon_without(["off_hours_measures"]), {"monitoring": [object.union(object.remove(t.base.monitoring[0], ["off_hours_measures"]), {"staffing": _round_the_clock})]})
	t.status(p09.results, "P9.6", "fb-kommun") == "not_applicable" with input as inp
	contains(t.messages(p09.results, "P9.6", "fb-kommun"), "around the clock") with input as inp
}

test_p9_6_almost_around_the_clock_applies if {
	six := object.union(_round_the_clock, {"days": ["mon", "tue", "wed", "thu", "fri", "sat"]})
	inp := t.doc({"monitoring": [object.union(object.remove(t.base.monitoring[0], ["off_hours_measures"]), {"staffing": six})]})
	t.status(p09.results, "P9.6", "fb-kommun") == "fail" with input as inp
	late := object.union(_round_the_clock, {"to": "23:58"})
	inp2 := t.doc({"monitoring": [object.union(object.remove(t.base.monitoring[0], ["off_hours_measures"]), {"staffing": late})]})
	t.status(p09.results, "P9.6", "fb-kommun") == "fail" with input as inp2
	early := object.union(_round_the_clock, {"from": "00:01"})
	inp3 := t.doc({"monitoring": [object.union(object.remove(t.base.monitoring[0], ["off_hours_measures"]), {"staffing": early})]})
	t.status(p09.results, "P9.6", "fb-kommun") == "fail" with input as inp3
	nostaff := t.doc({"monitoring": [object.remove(t.base.monitoring[0], ["off_hours_measures", "staffing"])]})
	t.status(p09.results, "P9.6", "fb-kommun") == "fail" with input as nostaff
}

test_p9_6_not_applicable_without_comments if {
	inp := object.union(_mon_without(["off_hours_measures"]), {"channels": [object.union(t.base.channels[0], {"comments_enabled": false})]})
	t.status(p09.results, "P9.6", "fb-kommun") == "not_applicable" with input as inp
	contains(t.messages(p09.results, "P9.6", "fb-kommun"), "comments are not enabled") with input as inp
	t.status(p09.results, "P9.5", "fb-kommun") == "pass" with input as inp
}

test_p9_6_not_applicable_without_monitoring_ref if {
	inp := t.without(["monitoring_ref"])
	contains(t.messages(p09.results, "P9.6", "fb-kommun"), "reported by P9.1") with input as inp
}

test_shared_entry_fails_for_each_channel if {
	inp := _mon({"check_interval_hours": 8})
	every id in ["fb-kommun", "ig-kommun", "li-kommun"] {
		t.status(p09.results, "P9.5", id) == "fail" with input as inp
	}
}

test_second_entry_path if {
	second := object.union(t.base.monitoring[0], {"id": "mon-hr", "max_response_hours": 48})
	inp := t.doc({
		"monitoring": [t.base.monitoring[0], second],
		"channels": [object.union(t.base.channels[0], {"monitoring_ref": "mon-hr"})],
	})
	t.messages(p09.results, "P9.4", "fb-kommun") == "monitoring[1].max_response_hours is 48; at most 8 is allowed" with input as inp
}

# A blank monitoring_ref is absent (§1.1 present) even when an object has the
# same blank id (an IN-07 id that C20 still uses for resolution): P9.1 fails
# and P9.2–P9.6 do not apply.
test_p9_1_blank_ref_never_resolves if {
	inp := t.doc({
		"channels": [object.union(t.base.channels[0], {"monitoring_ref": "  "})],
		"monitoring": [object.union(t.base.monitoring[0], {"id": "  "})],
	})
	t.status(p09.results, "P9.1", "fb-kommun") == "fail" with input as inp
	t.messages(p09.results, "P9.1", "fb-kommun") == "channels[0].monitoring_ref is missing" with input as inp
	t.status(p09.results, "P9.2", "fb-kommun") == "not_applicable" with input as inp
}
