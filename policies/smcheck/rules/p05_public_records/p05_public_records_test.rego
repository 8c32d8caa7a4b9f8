package smcheck.rules.p05_test

import data.smcheck.rules.p05
import data.smcheck.testutil as t

# t.doc merges objects recursively, so removed keys would come back: replace
# the whole section instead.
_replace(key, v) := object.union(object.remove(t.base, [key]), {key: v})

_pr(patch) := _replace("public_records", object.union(t.base.public_records, patch))

_pr_without(keys) := _replace("public_records", object.remove(t.base.public_records, keys))

_no_pr := object.remove(t.base, ["public_records"])

_agency_ids := ["P5.1", "P5.2", "P5.3", "P5.5", "P5.6", "P5.7"]

test_compliant_passes if {
	every id in _agency_ids {
		t.status(p05.results, id, "agency") == "pass" with input as t.base
	}
	t.status(p05.results, "P5.4", "fb-kommun") == "pass" with input as t.base
	t.status(p05.results, "P5.4", "ig-kommun") == "pass" with input as t.base
	t.status(p05.results, "P5.4", "li-kommun") == "not_applicable" with input as t.base
	t.status(p05.results, "P5.4", "yt-kommun") == "not_applicable" with input as t.base
}

test_public_records_absent_fails_everything if {
	every id in _agency_ids {
		t.status(p05.results, id, "agency") == "fail" with input as _no_pr
	}
	t.status(p05.results, "P5.4", "fb-kommun") == "fail" with input as _no_pr
	t.messages(p05.results, "P5.4", "fb-kommun") == "public_records.capture_scope is missing; it must include direct_messages | public_records.inbound_messages_routine_ref is missing" with input as _no_pr
}

test_agency_rules_not_applicable_without_live_channel if {
	inp := object.union(object.remove(_no_pr, ["channels"]), {"channels": [object.union(t.base.channels[0], {"status": "closed"})]})
	every id in _agency_ids {
		t.status(p05.results, id, "agency") == "not_applicable" with input as inp
	}
	t.status(p05.results, "P5.4", "fb-kommun") == "not_applicable" with input as inp
	t.messages(p05.results, "P5.1", "agency") == "no channel is live" with input as inp
}

test_no_channels if {
	every id in _agency_ids {
		t.status(p05.results, id, "agency") == "not_applicable" with input as object.remove(_no_pr, ["channels"])
	}
}

# P5.1

test_p5_1_routine_ref_missing if {
	inp := _pr_without(["routine_ref"])
	t.status(p05.results, "P5.1", "agency") == "fail" with input as inp
	t.messages(p05.results, "P5.1", "agency") == "public_records.routine_ref is missing" with input as inp
	t.status(p05.results, "P5.1", "agency") == "fail" with input as _pr({"routine_ref": " "})
}

test_p5_1_adopted_date_missing if {
	inp := _pr_without(["adopted_date"])
	t.status(p05.results, "P5.1", "agency") == "fail" with input as inp
	t.messages(p05.results, "P5.1", "agency") == "public_records.adopted_date is missing" with input as inp
}

test_p5_1_applies_without_comments if {
	# No Applies line: any live channel suffices.
	inp := object.union(object.remove(_no_pr, ["channels"]), {"channels": [object.union(t.base.channels[0], {"comments_enabled": false, "direct_messages_enabled": false})]})
	t.status(p05.results, "P5.1", "agency") == "fail" with input as inp
}

# P5.2

test_p5_2_others_media_items_required_when_allowed if {
	inp := _pr({"capture_scope": ["agency_posts", "outsider_posts", "direct_messages", "agency_posts_on_others_media"]})
	t.status(p05.results, "P5.2", "agency") == "fail" with input as inp
	t.messages(p05.results, "P5.2", "agency") == "public_records.capture_scope lacks outsider_replies_on_others_media" with input as inp
}

test_p5_2_others_media_items_not_required_when_forbidden if {
	inp := object.union(
		_pr({"capture_scope": ["agency_posts", "outsider_posts"]}),
		{"internal_rules": {"others_media_engagement": "forbidden"}},
	)
	t.status(p05.results, "P5.2", "agency") == "pass" with input as inp
}

test_p5_2_base_items_always_required if {
	inp := object.union(
		_pr({"capture_scope": ["agency_posts", null]}),
		{"internal_rules": {"others_media_engagement": "forbidden"}},
	)
	t.status(p05.results, "P5.2", "agency") == "fail" with input as inp
	t.messages(p05.results, "P5.2", "agency") == "public_records.capture_scope lacks outsider_posts" with input as inp
}

test_p5_2_absent_engagement_counts_as_allowed if {
	inp := object.union(
		object.remove(_pr({"capture_scope": ["agency_posts", "outsider_posts"]}), ["internal_rules"]),
		{"internal_rules": object.remove(t.base.internal_rules, ["others_media_engagement"])},
	)
	t.status(p05.results, "P5.2", "agency") == "fail" with input as inp
	t.status(p05.results, "P5.2", "agency") == "fail" with input as object.remove(inp, ["internal_rules"])
}

test_p5_2_absent_scope if {
	inp := _pr_without(["capture_scope"])
	t.status(p05.results, "P5.2", "agency") == "fail" with input as inp
	t.messages(p05.results, "P5.2", "agency") == "public_records.capture_scope is missing; it must include agency_posts, agency_posts_on_others_media, outsider_posts, outsider_replies_on_others_media" with input as inp
	t.status(p05.results, "P5.2", "agency") == "fail" with input as _pr({"capture_scope": []})
}

# P5.3

test_p5_3_registered_passes_alone if {
	inp := _pr_without(["secret_records_registered"])
	t.status(p05.results, "P5.3", "agency") == "fail" with input as inp
	t.status(p05.results, "P5.3", "agency") == "pass" with input as _replace("public_records", object.union(object.remove(t.base.public_records, ["secret_records_registered"]), {"ordering": "registered"}))
	t.status(p05.results, "P5.3", "agency") == "pass" with input as _pr({"ordering": "registered", "secret_records_registered": false})
}

test_p5_3_kept_ordered_needs_secret_records_registered if {
	inp := _pr({"secret_records_registered": false})
	t.status(p05.results, "P5.3", "agency") == "fail" with input as inp
	t.messages(p05.results, "P5.3", "agency") == "public_records.secret_records_registered is not true; with ordering kept_ordered, records containing secret information must still be registered" with input as inp
	contains(t.messages(p05.results, "P5.3", "agency"), "secret_records_registered is missing") with input as _pr_without(["secret_records_registered"])
}

test_p5_3_ordering_none_or_absent if {
	t.status(p05.results, "P5.3", "agency") == "fail" with input as _pr({"ordering": "none"})
	t.messages(p05.results, "P5.3", "agency") == "public_records.ordering is none; expected one of kept_ordered, registered" with input as _pr({"ordering": "none"})
	t.status(p05.results, "P5.3", "agency") == "fail" with input as _pr_without(["ordering"])
	t.messages(p05.results, "P5.3", "agency") == "public_records.ordering is missing" with input as _pr_without(["ordering"])
}

# P5.4

test_p5_4_direct_messages_not_captured if {
	inp := _pr({"capture_scope": ["agency_posts", "outsider_posts", "agency_posts_on_others_media", "outsider_replies_on_others_media"]})
	t.status(p05.results, "P5.4", "fb-kommun") == "fail" with input as inp
	t.status(p05.results, "P5.4", "ig-kommun") == "fail" with input as inp
	t.status(p05.results, "P5.4", "li-kommun") == "not_applicable" with input as inp
	t.messages(p05.results, "P5.4", "fb-kommun") == "public_records.capture_scope lacks direct_messages" with input as inp
}

test_p5_4_inbound_routine_missing if {
	inp := _pr_without(["inbound_messages_routine_ref"])
	t.status(p05.results, "P5.4", "fb-kommun") == "fail" with input as inp
	t.messages(p05.results, "P5.4", "fb-kommun") == "public_records.inbound_messages_routine_ref is missing" with input as inp
}

test_p5_4_not_applicable if {
	inp := _pr_without(["inbound_messages_routine_ref"])
	t.status(p05.results, "P5.4", "fb-kommun") == "not_applicable" with input as object.union(inp, {"channels": [object.union(t.base.channels[0], {"direct_messages_enabled": false})]})
	t.status(p05.results, "P5.4", "fb-kommun") == "not_applicable" with input as object.union(inp, {"channels": [object.remove(t.base.channels[0], ["direct_messages_enabled"])]})
	t.status(p05.results, "P5.4", "fb-kommun") == "not_applicable" with input as object.union(inp, {"channels": [object.union(t.base.channels[0], {"status": "closed"})]})
	t.messages(p05.results, "P5.4", "fb-kommun") == "direct messages are not enabled on the channel" with input as object.union(inp, {"channels": [object.union(t.base.channels[0], {"direct_messages_enabled": false})]})
}

test_p5_4_paused_channel_applies if {
	inp := object.union(_pr_without(["inbound_messages_routine_ref"]), {"channels": [object.union(t.base.channels[0], {"status": "paused"})]})
	t.status(p05.results, "P5.4", "fb-kommun") == "fail" with input as inp
}

# P5.5

test_p5_5_release_routine_missing if {
	inp := _pr_without(["release_routine_ref"])
	t.status(p05.results, "P5.5", "agency") == "fail" with input as inp
	t.messages(p05.results, "P5.5", "agency") == "public_records.release_routine_ref is missing" with input as inp
}

test_p5_5_secrecy_review if {
	t.status(p05.results, "P5.5", "agency") == "fail" with input as _pr_without(["secrecy_review_included"])
	t.messages(p05.results, "P5.5", "agency") == "public_records.secrecy_review_included is missing" with input as _pr_without(["secrecy_review_included"])
	t.status(p05.results, "P5.5", "agency") == "fail" with input as _pr({"secrecy_review_included": false})
	t.messages(p05.results, "P5.5", "agency") == "public_records.secrecy_review_included is not true" with input as _pr({"secrecy_review_included": false})
}

# P5.6

test_p5_6_boundary if {
	t.status(p05.results, "P5.6", "agency") == "pass" with input as _pr({"release_target_days": 1})
	t.status(p05.results, "P5.6", "agency") == "pass" with input as _pr({"release_target_days": 0.5})
	t.status(p05.results, "P5.6", "agency") == "fail" with input as _pr({"release_target_days": 1.5})
	t.messages(p05.results, "P5.6", "agency") == "public_records.release_target_days is 5; at most 1 is allowed" with input as _pr({"release_target_days": 5})
}

test_p5_6_absent if {
	inp := _pr_without(["release_target_days"])
	t.status(p05.results, "P5.6", "agency") == "fail" with input as inp
	t.messages(p05.results, "P5.6", "agency") == "public_records.release_target_days is missing" with input as inp
}

test_p5_6_threshold_configurable if {
	inp := object.union(_pr({"release_target_days": 5}), {"config": {"release_target_max_days": 5}})
	t.status(p05.results, "P5.6", "agency") == "pass" with input as inp
}

# P5.7

test_p5_7_capture_before_removal if {
	t.status(p05.results, "P5.7", "agency") == "fail" with input as _pr({"capture_before_removal": false})
	t.messages(p05.results, "P5.7", "agency") == "public_records.capture_before_removal is not true" with input as _pr({"capture_before_removal": false})
	t.status(p05.results, "P5.7", "agency") == "fail" with input as _pr_without(["capture_before_removal"])
	t.messages(p05.results, "P5.7", "agency") == "public_records.capture_before_removal is missing" with input as _pr_without(["capture_before_removal"])
}

test_p5_7_not_applicable_without_commentable_channel if {
	base := _pr_without(["capture_before_removal"])
	no_comments := object.union(base, {"channels": [object.union(t.base.channels[0], {"comments_enabled": false})]})
	t.status(p05.results, "P5.7", "agency") == "not_applicable" with input as no_comments
	contains(t.messages(p05.results, "P5.7", "agency"), "no live channel has comments enabled") with input as no_comments
	absent := object.union(base, {"channels": [object.remove(t.base.channels[0], ["comments_enabled"])]})
	t.status(p05.results, "P5.7", "agency") == "not_applicable" with input as absent
	closed := object.union(base, {"channels": [object.union(t.base.channels[0], {"status": "closed"})]})
	t.status(p05.results, "P5.7", "agency") == "not_applicable" with input as closed
}
