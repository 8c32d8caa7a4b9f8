package smcheck.rules.p06_test

import data.smcheck.rules.p06
import data.smcheck.testutil as t

# fb-kommun uses archiving.profiles[1] (arch-veckovis: every 7 days).
_profile(patch) := t.doc({"archiving": {"profiles": [
	t.base.archiving.profiles[0],
	object.union(t.base.archiving.profiles[1], patch),
	t.base.archiving.profiles[2],
]}})

_profile_without(keys) := t.doc({"archiving": {"profiles": [
	t.base.archiving.profiles[0],
	object.remove(t.base.archiving.profiles[1], keys),
	t.base.archiving.profiles[2],
]}})

# fb-kommun on profile `ref` with the channel changed by patch.
_on(ref, patch) := t.channel(object.union({"archive_profile_ref": ref}, patch))

_with_config(inp, cfg) := object.union(inp, {"config": cfg})

test_compliant_passes if {
	every id in ["P6.1", "P6.2", "P6.3", "P6.4", "P6.5", "P6.6"] {
		every ch in ["fb-kommun", "ig-kommun", "li-kommun", "yt-kommun"] {
			t.status(p06.results, id, ch) == "pass" with input as t.base
		}
	}
}

test_p6_7_not_applicable_to_live_channels if {
	t.status(p06.results, "P6.7", "fb-kommun") == "not_applicable" with input as t.base
	t.messages(p06.results, "P6.7", "fb-kommun") == "the channel is not closed" with input as t.base
}

test_closed_channel_not_applicable if {
	inp := t.channel({"status": "closed", "closed_date": "2026-10-01"})
	every id in ["P6.1", "P6.2", "P6.3", "P6.4", "P6.5", "P6.6"] {
		t.status(p06.results, id, "fb-kommun") == "not_applicable" with input as inp
	}
}

test_paused_channel_applies if {
	inp := t.doc({"channels": [object.union(object.remove(t.base.channels[0], ["archive_profile_ref"]), {"status": "paused"})]})
	t.status(p06.results, "P6.1", "fb-kommun") == "fail" with input as inp
}

# P6.1

test_p6_1_profile_ref_absent if {
	inp := t.without(["archive_profile_ref"])
	t.status(p06.results, "P6.1", "fb-kommun") == "fail" with input as inp
	t.messages(p06.results, "P6.1", "fb-kommun") == "channels[0].archive_profile_ref is missing" with input as inp
	every id in ["P6.2", "P6.3", "P6.4", "P6.5", "P6.6"] {
		t.status(p06.results, id, "fb-kommun") == "not_applicable" with input as inp
	}
}

test_p6_1_profile_ref_blank if {
	t.status(p06.results, "P6.1", "fb-kommun") == "fail" with input as t.channel({"archive_profile_ref": "  "})
}

test_p6_1_unresolved_ref_names_the_id if {
	inp := t.channel({"archive_profile_ref": "arch-okand"})
	t.status(p06.results, "P6.1", "fb-kommun") == "fail" with input as inp
	contains(t.messages(p06.results, "P6.1", "fb-kommun"), "\"arch-okand\" names nothing") with input as inp
	t.status(p06.results, "P6.2", "fb-kommun") == "not_applicable" with input as inp
	contains(t.messages(p06.results, "P6.5", "fb-kommun"), "reported by P6.1") with input as inp
}

test_p6_1_no_profiles_at_all if {
	inp := object.remove(t.base, ["archiving"])
	t.status(p06.results, "P6.1", "fb-kommun") == "fail" with input as inp
	t.status(p06.results, "P6.6", "fb-kommun") == "not_applicable" with input as inp
}

# P6.2 and limit(c)

test_p6_2_high_volume_boundary if {
	# fb-kommun: 180 items per week, limit 7.
	t.status(p06.results, "P6.2", "fb-kommun") == "pass" with input as _profile({"capture_frequency_days": 7})
	t.status(p06.results, "P6.2", "fb-kommun") == "fail" with input as _profile({"capture_frequency_days": 8})
}

test_p6_2_message_names_limit_and_basis if {
	inp := _profile({"capture_frequency_days": 14})
	t.messages(p06.results, "P6.2", "fb-kommun") == "archiving.profiles[1].capture_frequency_days is 14; at most 7 days are allowed for channel fb-kommun (the channel has 180 items per week, at least 100)" with input as inp
}

test_p6_2_items_per_week_threshold_is_inclusive if {
	t.status(p06.results, "P6.2", "fb-kommun") == "fail" with input as _on("arch-manadsvis", {"items_per_week": 100})
	t.status(p06.results, "P6.2", "fb-kommun") == "pass" with input as _on("arch-manadsvis", {"items_per_week": 99})
}

test_p6_2_low_volume_limit_boundary if {
	inp := _on("arch-manadsvis", {"items_per_week": 15})
	t.status(p06.results, "P6.2", "fb-kommun") == "pass" with input as inp
	t.status(p06.results, "P6.2", "fb-kommun") == "fail" with input as _with_config(inp, {"archive_max_interval_days": 29})
	contains(t.messages(p06.results, "P6.2", "fb-kommun"), "15 items per week, below 100") with input as _with_config(inp, {"archive_max_interval_days": 29})
}

test_p6_2_absent_items_per_week_counts_as_high_volume if {
	# C8: without items_per_week the stricter high-volume interval applies.
	ch := object.union(object.remove(t.base.channels[0], ["items_per_week"]), {"archive_profile_ref": "arch-manadsvis"})
	inp := t.doc({"channels": [ch]})
	t.status(p06.results, "P6.2", "fb-kommun") == "fail" with input as inp
	contains(t.messages(p06.results, "P6.2", "fb-kommun"), "items_per_week is not stated") with input as inp
}

test_p6_2_ephemeral_content_needs_daily_capture if {
	t.status(p06.results, "P6.2", "fb-kommun") == "fail" with input as t.channel({"ephemeral_content": true})
	contains(t.messages(p06.results, "P6.2", "fb-kommun"), "ephemeral content") with input as t.channel({"ephemeral_content": true})
	t.status(p06.results, "P6.2", "fb-kommun") == "pass" with input as _on("arch-daglig", {"ephemeral_content": true})
}

test_p6_2_capture_frequency_absent if {
	inp := _profile_without(["capture_frequency_days"])
	t.status(p06.results, "P6.2", "fb-kommun") == "fail" with input as inp
	t.messages(p06.results, "P6.2", "fb-kommun") == "archiving.profiles[1].capture_frequency_days is missing" with input as inp
}

test_p6_2_threshold_configurable if {
	inp := _with_config(_profile({"capture_frequency_days": 14}), {"archive_max_interval_days_high_volume": 14})
	t.status(p06.results, "P6.2", "fb-kommun") == "pass" with input as inp
}

# P6.3

test_p6_3_missing_types_listed if {
	inp := _profile({"content_types": ["agency_posts", "outsider_posts"]})
	t.status(p06.results, "P6.3", "fb-kommun") == "fail" with input as inp
	t.messages(p06.results, "P6.3", "fb-kommun") == "archiving.profiles[1].content_types lacks direct_messages, metadata, which channel fb-kommun carries" with input as inp
}

test_p6_3_requirements_follow_the_channel if {
	# Comments and DMs off: only agency_posts and metadata are required.
	quiet := {"comments_enabled": false, "direct_messages_enabled": false}
	inp := object.union(_profile({"content_types": ["agency_posts", "metadata"]}), {"channels": [object.union(t.base.channels[0], quiet)]})
	t.status(p06.results, "P6.3", "fb-kommun") == "pass" with input as inp
	t.status(p06.results, "P6.3", "fb-kommun") == "fail" with input as _profile({"content_types": ["agency_posts", "metadata"]})
}

test_p6_3_ephemeral_required if {
	t.status(p06.results, "P6.3", "fb-kommun") == "fail" with input as t.channel({"ephemeral_content": true})
	t.status(p06.results, "P6.3", "fb-kommun") == "pass" with input as _on("arch-daglig", {"ephemeral_content": true})
}

test_p6_3_content_types_absent if {
	inp := _profile_without(["content_types"])
	t.status(p06.results, "P6.3", "fb-kommun") == "fail" with input as inp
	contains(t.messages(p06.results, "P6.3", "fb-kommun"), "lacks agency_posts, direct_messages, metadata, outsider_posts") with input as inp
}

# P6.4

test_p6_4_unaccepted_format if {
	inp := _profile({"formats": ["pdf_a", "json"]})
	t.status(p06.results, "P6.4", "fb-kommun") == "fail" with input as inp
	startswith(t.messages(p06.results, "P6.4", "fb-kommun"), "archiving.profiles[1].formats[1] is json, which is not in config.accepted_preservation_formats") with input as inp
}

test_p6_4_formats_absent_or_empty if {
	t.status(p06.results, "P6.4", "fb-kommun") == "fail" with input as _profile_without(["formats"])
	t.messages(p06.results, "P6.4", "fb-kommun") == "archiving.profiles[1].formats is missing" with input as _profile_without(["formats"])
	t.status(p06.results, "P6.4", "fb-kommun") == "fail" with input as _profile({"formats": []})
}

test_p6_4_accepted_list_configurable if {
	inp := _with_config(_profile({"formats": ["pdf_a", "json"]}), {"accepted_preservation_formats": ["pdf_a", "json"]})
	t.status(p06.results, "P6.4", "fb-kommun") == "pass" with input as inp
}

test_p6_4_working_formats_ignored if {
	t.status(p06.results, "P6.4", "fb-kommun") == "pass" with input as _profile({"working_formats": ["json", "html"]})
}

# P6.5

test_p6_5_boundary_weekly_profile if {
	# f = 7, floor(7 × 1.5) = 10 days.
	t.status(p06.results, "P6.5", "fb-kommun") == "pass" with input as t.channel({"last_capture_date": "2026-10-22"})
	t.status(p06.results, "P6.5", "fb-kommun") == "fail" with input as t.channel({"last_capture_date": "2026-10-21"})
	t.messages(p06.results, "P6.5", "fb-kommun") == "channels[0].last_capture_date is 2026-10-21, 11 days before the evaluation date; at most 10 days are allowed" with input as t.channel({"last_capture_date": "2026-10-21"})
}

test_p6_5_last_capture_absent if {
	inp := t.without(["last_capture_date"])
	t.status(p06.results, "P6.5", "fb-kommun") == "fail" with input as inp
	t.messages(p06.results, "P6.5", "fb-kommun") == "channels[0].last_capture_date is missing" with input as inp
}

test_p6_5_falls_back_to_limit if {
	# No capture_frequency_days: f = limit(c) = 7 for fb-kommun, allowed 10.
	inp := _profile_without(["capture_frequency_days"])
	t.status(p06.results, "P6.5", "fb-kommun") == "pass" with input as object.union(inp, {"channels": [object.union(t.base.channels[0], {"last_capture_date": "2026-10-22"})]})
	t.status(p06.results, "P6.5", "fb-kommun") == "fail" with input as object.union(inp, {"channels": [object.union(t.base.channels[0], {"last_capture_date": "2026-10-21"})]})
}

test_p6_5_grace_floor_is_exact if {
	# C11: floor(90 × 1.4) = 126.
	cfg := {"archive_grace_factor": 1.4}
	base := _profile({"capture_frequency_days": 90})
	ok := object.union(base, {"channels": [object.union(t.base.channels[0], {"last_capture_date": "2026-06-28"})]})
	late := object.union(base, {"channels": [object.union(t.base.channels[0], {"last_capture_date": "2026-06-27"})]})
	t.status(p06.results, "P6.5", "fb-kommun") == "pass" with input as _with_config(ok, cfg)
	t.status(p06.results, "P6.5", "fb-kommun") == "fail" with input as _with_config(late, cfg)
}

# P6.6

test_p6_6_destination if {
	t.status(p06.results, "P6.6", "fb-kommun") == "fail" with input as _profile({"destination": "file_share"})
	t.messages(p06.results, "P6.6", "fb-kommun") == "archiving.profiles[1].destination is file_share; expected one of e_archive, records_system" with input as _profile({"destination": "file_share"})
	t.status(p06.results, "P6.6", "fb-kommun") == "pass" with input as _profile({"destination": "records_system"})
}

test_p6_6_destination_absent if {
	t.status(p06.results, "P6.6", "fb-kommun") == "fail" with input as _profile_without(["destination"])
	t.messages(p06.results, "P6.6", "fb-kommun") == "archiving.profiles[1].destination is missing" with input as _profile_without(["destination"])
}

# P6.7

_closed(patch) := t.channel(object.union({"status": "closed", "closed_date": "2026-06-30", "last_capture_date": "2026-06-30"}, patch))

test_p6_7_final_capture_on_or_after_closing if {
	t.status(p06.results, "P6.7", "fb-kommun") == "pass" with input as _closed({})
	t.status(p06.results, "P6.7", "fb-kommun") == "pass" with input as _closed({"last_capture_date": "2026-07-01"})
	t.status(p06.results, "P6.7", "fb-kommun") == "fail" with input as _closed({"last_capture_date": "2026-06-29"})
	t.messages(p06.results, "P6.7", "fb-kommun") == "channels[0].last_capture_date is 2026-06-29, before channels[0].closed_date 2026-06-30: no final capture after closing" with input as _closed({"last_capture_date": "2026-06-29"})
}

test_p6_7_dates_absent if {
	no_closed := t.doc({"channels": [object.union(object.remove(t.base.channels[0], ["closed_date"]), {"status": "closed"})]})
	t.status(p06.results, "P6.7", "fb-kommun") == "fail" with input as no_closed
	t.messages(p06.results, "P6.7", "fb-kommun") == "channels[0].closed_date is missing" with input as no_closed
	no_capture := t.doc({"channels": [object.union(object.remove(t.base.channels[0], ["last_capture_date"]), {"status": "closed", "closed_date": "2026-06-30"})]})
	t.status(p06.results, "P6.7", "fb-kommun") == "fail" with input as no_capture
	t.messages(p06.results, "P6.7", "fb-kommun") == "channels[0].last_capture_date is missing" with input as no_capture
}

# A blank archive_profile_ref is absent even when a profile has that blank id.
test_p6_1_blank_ref_never_resolves if {
	inp := t.doc({
		"channels": [object.union(t.base.channels[0], {"archive_profile_ref": " "})],
		"archiving": {"profiles": [object.union(t.base.archiving.profiles[1], {"id": " "})]},
	})
	t.status(p06.results, "P6.1", "fb-kommun") == "fail" with input as inp
	t.status(p06.results, "P6.2", "fb-kommun") == "not_applicable" with input as inp
}
