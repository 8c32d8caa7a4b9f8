package smcheck.rules.p01_test

import data.smcheck.rules.p01
import data.smcheck.testutil as t

test_compliant_passes if {
	every id in ["P1.1", "P1.2", "P1.3", "P1.4", "P1.5", "P1.6"] {
		t.status(p01.results, id, "fb-kommun") == "pass" with input as t.base
	}
}

test_closed_channel_not_applicable if {
	t.status(p01.results, "P1.1", "fb-kommun") == "not_applicable" with input as t.channel({"status": "closed"})
}

test_p1_1_purpose_missing if {
	t.status(p01.results, "P1.1", "fb-kommun") == "fail" with input as t.without(["purpose"])
}

test_p1_1_purpose_blank if {
	t.status(p01.results, "P1.1", "fb-kommun") == "fail" with input as t.channel({"purpose": "   "})
}

test_p1_1_purpose_too_short_counts_trimmed_code_points if {
	# 19 code points after trimming, with non-ASCII letters.
	t.status(p01.results, "P1.1", "fb-kommun") == "fail" with input as t.channel({"purpose": "  Åäö informerar nu  "})
	t.status(p01.results, "P1.1", "fb-kommun") == "pass" with input as t.channel({"purpose": "Åäö informerar nu!!!"})
}

test_p1_1_threshold_configurable if {
	t.status(p01.results, "P1.1", "fb-kommun") == "pass" with input as object.union(t.channel({"purpose": "Kort syfte"}), {"config": {"purpose_min_length": 5}})
}

test_p1_2_no_goals if {
	t.status(p01.results, "P1.2", "fb-kommun") == "fail" with input as t.channel({"goals": []})
}

test_p1_2_no_linked_goal if {
	t.status(p01.results, "P1.2", "fb-kommun") == "fail" with input as t.channel({"goals": [{"text": "Mål", "indicator": "x"}]})
}

test_p1_2_unresolved_reference_counts_as_absent if {
	inp := t.channel({"goals": [{"text": "Mål", "mission_objective_ref": "mo-okand"}]})
	t.status(p01.results, "P1.2", "fb-kommun") == "fail" with input as inp
	contains(t.messages(p01.results, "P1.2", "fb-kommun"), "unresolved: mo-okand") with input as inp
}

test_p1_2_one_linked_goal_is_enough if {
	goals := [{"text": "A"}, {"text": "B", "mission_objective_ref": "mo-kris"}]
	t.status(p01.results, "P1.2", "fb-kommun") == "pass" with input as t.channel({"goals": goals})
}

test_p1_3_audience_missing if {
	t.status(p01.results, "P1.3", "fb-kommun") == "fail" with input as t.channel({"target_audience": [" "]})
}

test_p1_4_goal_without_indicator if {
	goals := [{"text": "A", "mission_objective_ref": "mo-kris"}]
	t.status(p01.results, "P1.4", "fb-kommun") == "fail" with input as t.channel({"goals": goals})
}

# A finding's path is its first failing path in document order: list indices
# compare as numbers, so goals[2] comes before goals[10].
_goal(j) := {"text": sprintf("Mål %d", [j])} if j in {2, 10}

else := {"text": sprintf("Mål %d", [j]), "indicator": "Antal"}

test_p1_4_path_is_first_failing_goal_by_index if {
	inp := t.channel({"goals": [_goal(j) | some j in numbers.range(0, 10)]})
	r := [x | some x in p01.results; x.id == "P1.4"; x.target == "fb-kommun"][0] with input as inp
	r.path == "channels[0].goals[2].indicator"
}

test_p1_4_not_applicable_without_goals if {
	t.status(p01.results, "P1.4", "fb-kommun") == "not_applicable" with input as t.without(["goals"])
}

test_p1_5_review_missing_or_old if {
	t.status(p01.results, "P1.5", "fb-kommun") == "fail" with input as t.without(["last_reviewed"])
	t.status(p01.results, "P1.5", "fb-kommun") == "fail" with input as t.channel({"last_reviewed": "2025-10-31"})
	t.status(p01.results, "P1.5", "fb-kommun") == "pass" with input as t.channel({"last_reviewed": "2025-11-01"})
}

# Ages are counted for every YYYY-MM-DD, beyond time.parse_ns's 1677–2262:
# an old review fails with its age, not as missing, and a late evaluation
# date still sees it as old.
test_p1_5_dates_beyond_2262_and_before_1677 if {
	t.status(p01.results, "P1.5", "fb-kommun") == "fail" with input as object.union(t.channel({"last_reviewed": "2026-05-20"}), {"eval_date": "2263-01-01"})
	old := t.channel({"last_reviewed": "1600-01-01"})
	contains(t.messages(p01.results, "P1.5", "fb-kommun"), "155898 days before the evaluation date") with input as old
	t.status(p01.results, "P1.5", "fb-kommun") == "pass" with input as object.union(old, {"config": {"channel_review_max_age_days": 200000}})
}

test_p1_6_accessibility if {
	t.status(p01.results, "P1.6", "fb-kommun") == "fail" with input as t.channel({"accessibility": {"alt_text": "missing", "captions": "provided"}})
	t.status(p01.results, "P1.6", "fb-kommun") == "fail" with input as t.doc({"channels": [object.union(object.remove(t.base.channels[0], ["accessibility"]), {"accessibility": {"alt_text": "provided"}})]})
	t.status(p01.results, "P1.6", "fb-kommun") == "pass" with input as t.channel({"accessibility": {"alt_text": "not_applicable", "captions": "provided"}})
}

test_p1_3_audience_absent if {
	t.status(p01.results, "P1.3", "fb-kommun") == "fail" with input as t.without(["target_audience"])
}

test_p1_2_goals_absent if {
	t.status(p01.results, "P1.2", "fb-kommun") == "fail" with input as t.without(["goals"])
}
