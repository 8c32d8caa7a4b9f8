package smcheck.rules.p10_test

import data.smcheck.rules.p10
import data.smcheck.testutil as t

_notice(patch) := t.doc({"info_notices": [object.union(t.base.info_notices[0], patch)]})

_notice_without(keys) := t.doc({"info_notices": [object.remove(t.base.info_notices[0], keys)]})

test_compliant_passes if {
	every id in ["P10.1", "P10.2", "P10.3", "P10.4", "P10.5", "P10.6"] {
		t.status(p10.results, id, "fb-kommun") == "pass" with input as t.base
	}
}

test_p10_1_no_notice_ref if {
	t.status(p10.results, "P10.1", "fb-kommun") == "fail" with input as t.without(["info_notice_ref"])
}

test_p10_1_dangling_ref_names_the_id if {
	inp := t.channel({"info_notice_ref": "notice-okand"})
	t.status(p10.results, "P10.1", "fb-kommun") == "fail" with input as inp
	contains(t.messages(p10.results, "P10.1", "fb-kommun"), "\"notice-okand\" names nothing") with input as inp
	t.status(p10.results, "P10.2", "fb-kommun") == "not_applicable" with input as inp
}

test_p10_1_notice_without_url_or_date if {
	t.status(p10.results, "P10.1", "fb-kommun") == "fail" with input as _notice_without(["url"])
	t.status(p10.results, "P10.1", "fb-kommun") == "fail" with input as _notice_without(["published_date"])
}

test_p10_2_lists_missing_items if {
	inp := _notice({"contents": {"public_records_notice": false, "enforcement_actions": null}})
	t.status(p10.results, "P10.2", "fb-kommun") == "fail" with input as inp
	t.messages(p10.results, "P10.2", "fb-kommun") == "info_notices[0].contents lacks enforcement_actions, public_records_notice" with input as inp
}

test_p10_3_location if {
	t.status(p10.results, "P10.3", "fb-kommun") == "fail" with input as _notice({"location": "agency_website_only"})
	t.status(p10.results, "P10.3", "fb-kommun") == "fail" with input as _notice_without(["location"])
	t.status(p10.results, "P10.3", "fb-kommun") == "pass" with input as _notice({"location": "pinned_post"})
}

test_p10_4_latest_date_counts if {
	t.status(p10.results, "P10.4", "fb-kommun") == "fail" with input as _notice({"published_date": "2020-01-01", "last_reviewed": "2025-10-31"})
	t.status(p10.results, "P10.4", "fb-kommun") == "pass" with input as _notice({"published_date": "2020-01-01", "last_reviewed": "2025-11-01"})
	t.status(p10.results, "P10.4", "fb-kommun") == "fail" with input as _notice_without(["published_date", "last_reviewed"])
}

test_p10_5_personal_data if {
	t.status(p10.results, "P10.5", "fb-kommun") == "fail" with input as _notice({"contents": {"personal_data_info": false}})
}

test_p10_6_formal_contact if {
	t.status(p10.results, "P10.6", "fb-kommun") == "fail" with input as _notice({"contents": {"formal_contact_channels": null}})
}

test_not_applicable_when_closed if {
	t.status(p10.results, "P10.1", "fb-kommun") == "not_applicable" with input as t.channel({"status": "closed"})
}

test_p10_1_blank_ref_and_paths if {
	t.status(p10.results, "P10.1", "fb-kommun") == "fail" with input as t.channel({"info_notice_ref": "  "})
	t.messages(p10.results, "P10.1", "fb-kommun") == "channels[0].info_notice_ref is missing" with input as t.channel({"info_notice_ref": "  "})
	t.messages(p10.results, "P10.1", "fb-kommun") == "info_notices[0].url is missing" with input as _notice({"url": " "})
}

# C21: a duplicated notice id resolves to the first notice with it.
test_duplicate_notice_id_first_wins if {
	first := object.union(t.base.info_notices[0], {"location": "agency_website_only"})
	inp := t.doc({"info_notices": [first, t.base.info_notices[0], t.base.info_notices[1]]})
	t.status(p10.results, "P10.3", "fb-kommun") == "fail" with input as inp
	second := t.doc({"info_notices": [t.base.info_notices[0], first, t.base.info_notices[1]]})
	t.status(p10.results, "P10.3", "fb-kommun") == "pass" with input as second
}

test_p10_2_contents_absent_lists_all_six if {
	inp := _notice_without(["contents"])
	t.messages(p10.results, "P10.2", "fb-kommun") == "info_notices[0].contents lacks agency_responsible, availability_of_posts, enforcement_actions, prohibited_content, public_records_notice, purpose" with input as inp
	t.status(p10.results, "P10.5", "fb-kommun") == "fail" with input as inp
	t.status(p10.results, "P10.6", "fb-kommun") == "fail" with input as inp
}

# within() is inclusive: 365 days old passes, 366 fails (eval 2026-11-01).
test_p10_4_boundary_published_date_only if {
	t.status(p10.results, "P10.4", "fb-kommun") == "pass" with input as _notice_without_patch(["last_reviewed"], {"published_date": "2025-11-01"})
	inp := _notice_without_patch(["last_reviewed"], {"published_date": "2025-10-31"})
	t.status(p10.results, "P10.4", "fb-kommun") == "fail" with input as inp
	t.messages(p10.results, "P10.4", "fb-kommun") == "info_notices[0].published_date is 2025-10-31, 366 days before the evaluation date; at most 365 days are allowed" with input as inp
}

# C1: P10.4 still applies (and fails) when P10.1 reports published_date missing.
test_p10_4_no_chaining_after_p10_1 if {
	inp := _notice_without_patch(["published_date"], {"last_reviewed": "2025-10-31"})
	t.status(p10.results, "P10.1", "fb-kommun") == "fail" with input as inp
	t.status(p10.results, "P10.4", "fb-kommun") == "fail" with input as inp
	t.status(p10.results, "P10.4", "fb-kommun") == "pass" with input as _notice_without_patch(["published_date"], {"last_reviewed": "2026-11-01"})
}

test_p10_4_threshold_configurable if {
	inp := object.union(_notice_without_patch(["last_reviewed"], {"published_date": "2025-10-31"}), {"config": {"info_notice_max_age_days": 366}})
	t.status(p10.results, "P10.4", "fb-kommun") == "pass" with input as inp
}

_notice_without_patch(keys, patch) := t.doc({"info_notices": [object.union(object.remove(t.base.info_notices[0], keys), patch)]})
