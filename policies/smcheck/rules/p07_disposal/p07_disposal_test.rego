package smcheck.rules.p07_test

import data.smcheck.rules.p07
import data.smcheck.testutil as t

_d0 := t.base.disposal.decisions[0]

_decisions(ds) := t.doc({"disposal": {"decisions": ds}})

# The compliant decision changed by patch.
_decision(patch) := _decisions([object.union(_d0, patch)])

_decision_without(keys) := _decisions([object.remove(_d0, keys)])

# The compliant decision with its rules replaced.
_rules(rules) := _decision({"rules": rules})

_with_config(inp, cfg) := object.union(inp, {"config": cfg})

_all_closed := t.doc({"channels": [object.union(c, {"status": "closed"}) | some c in t.base.channels]})

test_compliant_passes if {
	every id in ["P7.1", "P7.2", "P7.3", "P7.4", "P7.5"] {
		t.status(p07.results, id, "agency") == "pass" with input as t.base
	}
}

test_no_live_channel_not_applicable if {
	every id in ["P7.1", "P7.2", "P7.3", "P7.4"] {
		t.status(p07.results, id, "agency") == "not_applicable" with input as _all_closed
		t.messages(p07.results, id, "agency") == "no channel is live" with input as _all_closed
	}
	t.status(p07.results, "P7.5", "agency") == "not_applicable" with input as _all_closed
}

test_no_sm_decision_not_applicable if {
	inp := _decision({"covers_social_media": false})
	every id in ["P7.2", "P7.3", "P7.4", "P7.5"] {
		t.status(p07.results, id, "agency") == "not_applicable" with input as inp
		t.messages(p07.results, id, "agency") == "no disposal decision covers social media (reported by P7.1)" with input as inp
	}
}

# P7.1

test_p7_1_no_disposal_section if {
	inp := object.remove(t.base, ["disposal"])
	t.status(p07.results, "P7.1", "agency") == "fail" with input as inp
	t.messages(p07.results, "P7.1", "agency") == "disposal.decisions is missing" with input as inp
	t.status(p07.results, "P7.2", "agency") == "not_applicable" with input as inp
}

test_p7_1_no_decision_covers_social_media if {
	t.status(p07.results, "P7.1", "agency") == "fail" with input as _decision({"covers_social_media": false})
	t.messages(p07.results, "P7.1", "agency") == "no entry of disposal.decisions has covers_social_media: true" with input as _decision({"covers_social_media": false})
	t.status(p07.results, "P7.1", "agency") == "fail" with input as _decision_without(["covers_social_media"])
}

test_p7_1_incomplete_decisions_named if {
	a := object.remove(_d0, ["issuer"])
	b := object.union(object.remove(_d0, ["decision_date"]), {"id": "b", "reference": " "})
	inp := _decisions([a, b])
	t.status(p07.results, "P7.1", "agency") == "fail" with input as inp
	t.messages(p07.results, "P7.1", "agency") == "disposal.decisions[0].issuer is missing | disposal.decisions[1].reference is missing | disposal.decisions[1].decision_date is missing" with input as inp
}

test_p7_1_one_complete_decision_is_enough if {
	a := object.remove(_d0, ["issuer"])
	b := object.union(_d0, {"id": "b"})
	t.status(p07.results, "P7.1", "agency") == "pass" with input as _decisions([a, b])
}

test_p7_1_non_sm_decision_does_not_count if {
	other := object.union(_d0, {"id": "other", "covers_social_media": false})
	t.status(p07.results, "P7.1", "agency") == "fail" with input as _decisions([other, object.remove(_d0, ["issuer"])])
}

# P7.2

test_p7_2_repealed_basis if {
	inp := _decision({"basis": "Riksarkivets föreskrifter RA-FS 1991:6"})
	t.status(p07.results, "P7.2", "agency") == "fail" with input as inp
	t.messages(p07.results, "P7.2", "agency") == "disposal.decisions[0].basis \"Riksarkivets föreskrifter RA-FS 1991:6\" refers to repealed rules (RA-FS 1991:6)" with input as inp
}

test_p7_2_matching_ignores_case_and_whitespace_runs if {
	t.status(p07.results, "P7.2", "agency") == "fail" with input as _decision({"reference": "beslut enligt ra-fs  \t1991:6 §§ 3"})
	t.status(p07.results, "P7.2", "agency") == "fail" with input as _decision({"basis": "RA-FS\n1991:6"})
	cfg := {"repealed_disposal_references": ["  Ra-Fs\t\t1991:6 "]}
	t.status(p07.results, "P7.2", "agency") == "fail" with input as _with_config(_decision({"basis": "RA-FS 1991:6"}), cfg)
}

test_p7_2_other_text_passes if {
	t.status(p07.results, "P7.2", "agency") == "pass" with input as _decision({"basis": "RA-FS 2021:6"})
	t.status(p07.results, "P7.2", "agency") == "pass" with input as _decision({"basis": "RA-FS1991:6"})
}

test_p7_2_blank_config_entries_ignored if {
	cfg := {"repealed_disposal_references": ["", "   "]}
	t.status(p07.results, "P7.2", "agency") == "pass" with input as _with_config(t.base, cfg)
}

test_p7_2_non_sm_decision_ignored if {
	other := object.union(_d0, {"id": "other", "covers_social_media": false, "basis": "RA-FS 1991:6"})
	t.status(p07.results, "P7.2", "agency") == "pass" with input as _decisions([_d0, other])
}

test_p7_2_valid_until_boundary if {
	t.status(p07.results, "P7.2", "agency") == "pass" with input as _decision({"valid_until": "2026-11-01"})
	t.status(p07.results, "P7.2", "agency") == "pass" with input as _decision({"valid_until": "2030-12-31"})
	t.status(p07.results, "P7.2", "agency") == "fail" with input as _decision({"valid_until": "2026-10-31"})
	t.messages(p07.results, "P7.2", "agency") == "disposal.decisions[0].valid_until is 2026-10-31, before the evaluation date 2026-11-01: the decision has expired" with input as _decision({"valid_until": "2026-10-31"})
}

test_p7_2_valid_until_absent_passes if {
	t.status(p07.results, "P7.2", "agency") == "pass" with input as _decision_without(["valid_until", "reference", "basis"])
}

# P7.3

test_p7_3_retention_boundary if {
	t.status(p07.results, "P7.3", "agency") == "pass" with input as _rules([{"record_type": "outsider_posts", "action": "dispose", "retention_months": 12}])
	inp := _rules([{"record_type": "outsider_posts", "action": "dispose", "retention_months": 11}])
	t.status(p07.results, "P7.3", "agency") == "fail" with input as inp
	t.messages(p07.results, "P7.3", "agency") == "disposal.decisions[0].rules[0].retention_months is 11 for outsider_posts; at least 12 months are required" with input as inp
}

test_p7_3_retention_absent if {
	inp := _rules([{"record_type": "direct_messages", "action": "dispose"}])
	t.status(p07.results, "P7.3", "agency") == "fail" with input as inp
	t.messages(p07.results, "P7.3", "agency") == "disposal.decisions[0].rules[0].retention_months is missing" with input as inp
}

test_p7_3_exempt_rules if {
	rules := [
		{"record_type": "obviously_insignificant", "action": "dispose", "retention_months": 0},
		{"record_type": "agency_posts", "action": "retain"},
		{"action": "dispose", "retention_months": 0},
	]
	t.status(p07.results, "P7.3", "agency") == "pass" with input as _rules(rules)
}

test_p7_3_threshold_configurable if {
	inp := _rules([{"record_type": "outsider_posts", "action": "dispose", "retention_months": 0}])
	t.status(p07.results, "P7.3", "agency") == "fail" with input as inp
	t.status(p07.results, "P7.3", "agency") == "pass" with input as _with_config(inp, {"disposal_min_retention_months": 0})
}

test_p7_3_non_sm_decision_ignored if {
	other := object.union(_d0, {"id": "other", "covers_social_media": false, "rules": [{"record_type": "outsider_posts", "action": "dispose", "retention_months": 1}]})
	t.status(p07.results, "P7.3", "agency") == "pass" with input as _decisions([_d0, other])
}

# P7.4

_without_dm_rule := [r | some r in _d0.rules; r.record_type != "direct_messages"]

test_p7_4_uncovered_type if {
	inp := _rules(_without_dm_rule)
	t.status(p07.results, "P7.4", "agency") == "fail" with input as inp
	t.messages(p07.results, "P7.4", "agency") == "archiving.profiles[0].content_types (used by ig-kommun) has direct_messages, which no rule of a social-media disposal decision addresses | archiving.profiles[1].content_types (used by fb-kommun) has direct_messages, which no rule of a social-media disposal decision addresses" with input as inp
}

test_p7_4_rule_in_another_sm_decision_counts if {
	other := {"id": "other", "covers_social_media": true, "rules": [{"record_type": "direct_messages", "action": "retain"}]}
	t.status(p07.results, "P7.4", "agency") == "pass" with input as _decisions([object.union(_d0, {"rules": _without_dm_rule}), other])
}

test_p7_4_non_sm_decision_does_not_count if {
	other := {"id": "other", "covers_social_media": false, "rules": [{"record_type": "direct_messages", "action": "retain"}]}
	t.status(p07.results, "P7.4", "agency") == "fail" with input as _decisions([object.union(_d0, {"rules": _without_dm_rule}), other])
}

test_p7_4_only_live_channels_with_a_profile_count if {
	# Only fb-kommun (weekly profile, captures direct_messages): closed or
	# without a profile, nothing is captured.
	closed := object.union(_rules(_without_dm_rule), {"channels": [object.union(t.base.channels[0], {"status": "closed"}), t.base.channels[2]]})
	t.status(p07.results, "P7.4", "agency") == "pass" with input as closed
	no_profile := object.union(_rules(_without_dm_rule), {"channels": [object.remove(t.base.channels[0], ["archive_profile_ref"])]})
	t.status(p07.results, "P7.4", "agency") == "pass" with input as no_profile
	t.status(p07.results, "P7.4", "agency") == "fail" with input as object.union(_rules(_without_dm_rule), {"channels": [t.base.channels[0]]})
}

test_p7_4_rules_absent if {
	inp := _decision_without(["rules"])
	t.status(p07.results, "P7.4", "agency") == "fail" with input as inp
	contains(t.messages(p07.results, "P7.4", "agency"), "archiving.profiles[2].content_types (used by li-kommun, yt-kommun) has agency_posts, metadata, outsider_posts") with input as inp
}

# P7.5

test_p7_5_case_records_not_excluded if {
	t.status(p07.results, "P7.5", "agency") == "fail" with input as _decision({"excludes_case_records": false})
	t.messages(p07.results, "P7.5", "agency") == "disposal.decisions[0].excludes_case_records is not true" with input as _decision({"excludes_case_records": false})
}

test_p7_5_excludes_case_records_absent if {
	inp := _decision_without(["excludes_case_records"])
	t.status(p07.results, "P7.5", "agency") == "fail" with input as inp
	t.messages(p07.results, "P7.5", "agency") == "disposal.decisions[0].excludes_case_records is missing" with input as inp
}

test_p7_5_not_applicable_without_case_capable_channel if {
	# li-kommun and yt-kommun: no DMs, no case handling.
	inp := object.union(_decision({"excludes_case_records": false}), {"channels": [t.base.channels[2], t.base.channels[3]]})
	t.status(p07.results, "P7.5", "agency") == "not_applicable" with input as inp
	contains(t.messages(p07.results, "P7.5", "agency"), "no live channel can receive cases") with input as inp
}

test_p7_5_case_stages_make_a_channel_case_capable if {
	li := object.union(t.base.channels[2], {"case_stages": ["collect_views"]})
	inp := object.union(_decision({"excludes_case_records": false}), {"channels": [li]})
	t.status(p07.results, "P7.5", "agency") == "fail" with input as inp
}
