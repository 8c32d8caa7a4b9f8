package smcheck.rules.p04_test

import data.smcheck.rules.p04
import data.smcheck.testutil as t

_mod(patch) := t.doc({"moderation": object.union(t.base.moderation, patch)})

# t.doc merges objects recursively, so removed keys are put back: replace the
# whole section instead.
_replace(key, v) := object.union(object.remove(t.base, [key]), {key: v})

_mod_without(keys) := _replace("moderation", object.remove(t.base.moderation, keys))

# One live channel without comments: nothing is commentable.
_no_comments := t.channel({"comments_enabled": false})

_closed := t.channel({"status": "closed"})

test_compliant_passes if {
	every id in ["P4.1", "P4.2", "P4.3", "P4.6"] {
		t.status(p04.results, id, "agency") == "pass" with input as t.base
	}
	every id in ["P4.4", "P4.5"] {
		every target in ["fb-kommun", "ig-kommun", "li-kommun", "yt-kommun"] {
			t.status(p04.results, id, target) == "pass" with input as t.base
		}
	}
}

test_one_result_per_target if {
	count([r | some r in p04.results; r.id == "P4.1"]) == 1 with input as _mod_without(["policy_ref"])
	closed := t.doc({"channels": [object.union(c, {"status": "closed"}) | some c in t.base.channels]})
	count([r | some r in p04.results; r.id == "P4.4"]) == 4 with input as closed
}

# P4.1

test_p4_1_policy_ref_missing if {
	inp := _mod_without(["policy_ref"])
	t.status(p04.results, "P4.1", "agency") == "fail" with input as inp
	t.messages(p04.results, "P4.1", "agency") == "moderation.policy_ref is missing" with input as inp
}

test_p4_1_adopted_date_missing_or_blank if {
	t.status(p04.results, "P4.1", "agency") == "fail" with input as _mod_without(["adopted_date"])
	t.status(p04.results, "P4.1", "agency") == "fail" with input as _mod({"policy_ref": "  "})
}

test_p4_1_moderation_absent_names_both if {
	inp := object.remove(t.base, ["moderation"])
	t.status(p04.results, "P4.1", "agency") == "fail" with input as inp
	t.messages(p04.results, "P4.1", "agency") == "moderation.policy_ref is missing | moderation.adopted_date is missing" with input as inp
}

test_p4_1_to_3_not_applicable_without_commentable_channel if {
	every id in ["P4.1", "P4.2", "P4.3"] {
		t.status(p04.results, id, "agency") == "not_applicable" with input as object.remove(_no_comments, ["moderation"])
		t.status(p04.results, id, "agency") == "not_applicable" with input as object.remove(_closed, ["moderation"])
	}
}

test_p4_1_applies_with_comments_absent_counts_as_off if {
	t.status(p04.results, "P4.1", "agency") == "not_applicable" with input as object.remove(t.without(["comments_enabled"]), ["moderation"])
}

test_p4_1_direct_messages_alone_do_not_make_it_apply if {
	inp := object.remove(t.channel({"comments_enabled": false, "direct_messages_enabled": true}), ["moderation"])
	t.status(p04.results, "P4.1", "agency") == "not_applicable" with input as inp
}

test_p4_1_paused_commentable_channel_applies if {
	t.status(p04.results, "P4.1", "agency") == "fail" with input as object.remove(t.channel({"status": "paused"}), ["moderation"])
}

# P4.2

test_p4_2_lists_missing_categories if {
	cats := [c | some c in t.base.moderation.illegal_content_categories; not c in {"incitement", "copyright_infringement"}]
	inp := _mod({"illegal_content_categories": cats})
	t.status(p04.results, "P4.2", "agency") == "fail" with input as inp
	t.messages(p04.results, "P4.2", "agency") == "moderation.illegal_content_categories lacks copyright_infringement, incitement" with input as inp
}

test_p4_2_absent_list_lists_all_required if {
	inp := _mod_without(["illegal_content_categories"])
	t.status(p04.results, "P4.2", "agency") == "fail" with input as inp
	contains(t.messages(p04.results, "P4.2", "agency"), "moderation.illegal_content_categories is missing; it must include agitation_against_group, child_sexual_abuse_material") with input as inp
}

test_p4_2_null_items_do_not_count if {
	cats := array.concat([null], t.base.moderation.illegal_content_categories)
	t.status(p04.results, "P4.2", "agency") == "pass" with input as _mod({"illegal_content_categories": cats})
}

test_p4_2_configured_subset if {
	inp := object.union(_mod({"illegal_content_categories": ["unlawful_threat"]}), {"config": {"required_illegal_content_categories": ["unlawful_threat"]}})
	t.status(p04.results, "P4.2", "agency") == "pass" with input as inp
}

test_p4_2_empty_required_set_passes_even_when_absent if {
	# C9
	inp := object.union(_mod_without(["illegal_content_categories"]), {"config": {"required_illegal_content_categories": []}})
	t.status(p04.results, "P4.2", "agency") == "pass" with input as inp
}

# P4.3

test_p4_3_boundary if {
	t.status(p04.results, "P4.3", "agency") == "pass" with input as _mod({"removal_max_hours": 24})
	t.status(p04.results, "P4.3", "agency") == "fail" with input as _mod({"removal_max_hours": 24.5})
	t.messages(p04.results, "P4.3", "agency") == "moderation.removal_max_hours is 48; at most 24 is allowed" with input as _mod({"removal_max_hours": 48})
	t.status(p04.results, "P4.3", "agency") == "pass" with input as _mod({"removal_max_hours": 0})
}

test_p4_3_absent if {
	inp := _mod_without(["removal_max_hours"])
	t.status(p04.results, "P4.3", "agency") == "fail" with input as inp
	t.messages(p04.results, "P4.3", "agency") == "moderation.removal_max_hours is missing" with input as inp
}

test_p4_3_threshold_configurable if {
	inp := object.union(_mod({"removal_max_hours": 48}), {"config": {"illegal_content_removal_max_hours": 48}})
	t.status(p04.results, "P4.3", "agency") == "pass" with input as inp
}

# P4.4

test_p4_4_integer if {
	t.status(p04.results, "P4.4", "fb-kommun") == "fail" with input as t.channel({"administrators": 1})
	t.messages(p04.results, "P4.4", "fb-kommun") == "channels[0].administrators is 1; at least 2 administrators are required" with input as t.channel({"administrators": 1})
	t.status(p04.results, "P4.4", "fb-kommun") == "pass" with input as t.channel({"administrators": 2})
	t.status(p04.results, "P4.4", "fb-kommun") == "fail" with input as t.channel({"administrators": 0})
}

test_p4_4_non_staff_entries_do_not_count if {
	admins := [{"role": "Kommunikationschef"}, {"role": "Konsult", "agency_staff": false}]
	inp := t.channel({"administrators": admins})
	t.status(p04.results, "P4.4", "fb-kommun") == "fail" with input as inp
	contains(t.messages(p04.results, "P4.4", "fb-kommun"), "counts 1 agency-staff administrator(s)") with input as inp
}

test_p4_4_explicit_staff_and_null_entries if {
	admins := [{"role": "A", "agency_staff": true}, null, {"role": "B"}]
	t.status(p04.results, "P4.4", "fb-kommun") == "pass" with input as t.channel({"administrators": admins})
	t.status(p04.results, "P4.4", "fb-kommun") == "fail" with input as t.channel({"administrators": [{"role": "A"}, null]})
}

test_p4_4_absent_means_zero if {
	inp := t.without(["administrators"])
	t.status(p04.results, "P4.4", "fb-kommun") == "fail" with input as inp
	t.messages(p04.results, "P4.4", "fb-kommun") == "channels[0].administrators is missing, so the channel has 0 administrators; at least 2 are required" with input as inp
	t.status(p04.results, "P4.4", "fb-kommun") == "fail" with input as t.channel({"administrators": []})
}

test_p4_4_threshold_configurable if {
	inp := object.union(t.channel({"administrators": 1}), {"config": {"min_administrators": 1}})
	t.status(p04.results, "P4.4", "fb-kommun") == "pass" with input as inp
}

test_p4_4_p4_5_closed_not_applicable if {
	inp := t.doc({"channels": [object.union(object.remove(t.base.channels[0], ["administrators", "mfa_enabled"]), {"status": "closed"})]})
	t.status(p04.results, "P4.4", "fb-kommun") == "not_applicable" with input as inp
	t.status(p04.results, "P4.5", "fb-kommun") == "not_applicable" with input as inp
}

test_p4_4_p4_5_apply_without_comments if {
	# Channel scope has no Applies line: every live channel.
	inp := t.doc({"channels": [object.union(object.remove(t.base.channels[0], ["mfa_enabled"]), {"comments_enabled": false, "direct_messages_enabled": false, "administrators": 1})]})
	t.status(p04.results, "P4.4", "fb-kommun") == "fail" with input as inp
	t.status(p04.results, "P4.5", "fb-kommun") == "fail" with input as inp
}

# P4.5

test_p4_5_mfa if {
	t.status(p04.results, "P4.5", "fb-kommun") == "fail" with input as t.without(["mfa_enabled"])
	t.messages(p04.results, "P4.5", "fb-kommun") == "channels[0].mfa_enabled is missing" with input as t.without(["mfa_enabled"])
	t.status(p04.results, "P4.5", "fb-kommun") == "fail" with input as t.channel({"mfa_enabled": false})
	t.messages(p04.results, "P4.5", "fb-kommun") == "channels[0].mfa_enabled is not true" with input as t.channel({"mfa_enabled": false})
	t.status(p04.results, "P4.5", "fb-kommun") == "pass" with input as t.channel({"mfa_enabled": true})
}

test_p4_5_target_is_path_without_id if {
	inp := t.doc({"channels": [object.remove(t.base.channels[0], ["id", "mfa_enabled"])]})
	t.status(p04.results, "P4.5", "channels[0]") == "fail" with input as inp
}

# P4.6

test_p4_6_routine_missing if {
	inp := _mod_without(["external_dialogue_routine_ref"])
	t.status(p04.results, "P4.6", "agency") == "fail" with input as inp
	t.messages(p04.results, "P4.6", "agency") == "moderation.external_dialogue_routine_ref is missing" with input as inp
	t.status(p04.results, "P4.6", "agency") == "fail" with input as _mod({"external_dialogue_routine_ref": ""})
}

test_p4_6_not_applicable_when_forbidden if {
	inp := object.union(_mod_without(["external_dialogue_routine_ref"]), {"internal_rules": {"others_media_engagement": "forbidden"}})
	t.status(p04.results, "P4.6", "agency") == "not_applicable" with input as inp
	contains(t.messages(p04.results, "P4.6", "agency"), "forbidden") with input as inp
}

test_p4_6_absent_engagement_counts_as_allowed if {
	inp := object.union(
		object.remove(t.base, ["internal_rules", "moderation"]),
		{
			"internal_rules": object.remove(t.base.internal_rules, ["others_media_engagement"]),
			"moderation": object.remove(t.base.moderation, ["external_dialogue_routine_ref"]),
		},
	)
	t.status(p04.results, "P4.6", "agency") == "fail" with input as inp
	t.status(p04.results, "P4.6", "agency") == "fail" with input as object.remove(inp, ["internal_rules"])
}

test_p4_6_not_applicable_without_live_channel if {
	inp := object.remove(_closed, ["moderation"])
	t.status(p04.results, "P4.6", "agency") == "not_applicable" with input as inp
	t.messages(p04.results, "P4.6", "agency") == "no channel is live" with input as inp
}

test_p4_6_applies_without_comments if {
	t.status(p04.results, "P4.6", "agency") == "fail" with input as object.remove(_no_comments, ["moderation"])
}

test_no_channels if {
	inp := object.remove(t.base, ["channels"])
	every id in ["P4.1", "P4.2", "P4.3", "P4.6"] {
		t.status(p04.results, id, "agency") == "not_applicable" with input as inp
	}
}
