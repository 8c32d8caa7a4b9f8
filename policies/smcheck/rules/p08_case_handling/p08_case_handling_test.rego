package smcheck.rules.p08_test

import data.smcheck.rules.p08
import data.smcheck.testutil as t

# _ch(patch) changes case_handling; _ch_without(keys) removes keys from it.
_ch(patch) := t.doc({"case_handling": object.union(t.base.case_handling, patch)})

_ch_without(keys) := object.union(
	object.remove(t.base, ["case_handling"]),
	{"case_handling": object.remove(t.base.case_handling, keys)},
)

_no_case_handling := object.remove(t.base, ["case_handling"])

# _channels(list) is the compliant agency with exactly these channels.
_channels(list) := t.doc({"channels": list})

_plain := object.remove(
	object.union(t.base.channels[0], {
		"used_for_case_handling": false,
		"direct_messages_enabled": false,
	}),
	["case_stages"],
)

_all_closed := _channels([object.union(c, {"status": "closed"}) | some c in t.base.channels])

test_compliant_passes if {
	every id in ["P8.1", "P8.2", "P8.4"] {
		t.status(p08.results, id, "agency") == "pass" with input as t.base
	}
	every id in ["P8.3", "P8.5"] {
		t.status(p08.results, id, "fb-kommun") == "pass" with input as t.base
	}
}

test_five_requirements if {
	ids := {id | some id, _ in data.smcheck.catalogue.scope; startswith(id, "P8.")}
	ids == {"P8.1", "P8.2", "P8.3", "P8.4", "P8.5"}
}

# P8.1

test_p8_1_not_forbidden if {
	inp := _ch({"advice_policy": {"forbids_economic_advice": false}})
	t.status(p08.results, "P8.1", "agency") == "fail" with input as inp
	t.messages(p08.results, "P8.1", "agency") == "case_handling.advice_policy.forbids_economic_advice is not true" with input as inp
}

test_p8_1_document_ref_absent if {
	inp := _ch_without(["advice_policy"])
	t.status(p08.results, "P8.1", "agency") == "fail" with input as inp
	t.messages(p08.results, "P8.1", "agency") == "case_handling.advice_policy.forbids_economic_advice is not true | case_handling.advice_policy.document_ref is missing" with input as inp
	inp2 := _ch({"advice_policy": {"forbids_economic_advice": true, "document_ref": "  "}})
	t.status(p08.results, "P8.1", "agency") == "fail" with input as inp2
	t.messages(p08.results, "P8.1", "agency") == "case_handling.advice_policy.document_ref is missing" with input as inp2
}

test_p8_1_no_case_handling if {
	t.status(p08.results, "P8.1", "agency") == "fail" with input as _no_case_handling
	t.status(p08.results, "P8.1", "agency") == "fail" with input as t.doc({"case_handling": null})
}

test_p8_1_not_applicable_without_live_channel if {
	t.status(p08.results, "P8.1", "agency") == "not_applicable" with input as _all_closed
	t.status(p08.results, "P8.2", "agency") == "not_applicable" with input as object.union(_all_closed, {"case_handling": {}})
}

# P8.2

test_p8_2_redirect_not_true if {
	t.status(p08.results, "P8.2", "agency") == "fail" with input as _ch({"redirect_to_formal_channels": false})
	t.status(p08.results, "P8.2", "agency") == "fail" with input as _ch_without(["redirect_to_formal_channels"])
}

test_p8_2_formal_channels_absent_or_empty if {
	inp := _ch_without(["formal_channels"])
	t.status(p08.results, "P8.2", "agency") == "fail" with input as inp
	t.messages(p08.results, "P8.2", "agency") == "case_handling.formal_channels is missing" with input as inp
	t.status(p08.results, "P8.2", "agency") == "fail" with input as _ch({"formal_channels": []})
	t.status(p08.results, "P8.2", "agency") == "fail" with input as _ch({"formal_channels": [null]})
}

test_p8_2_entry_incomplete if {
	inp := _ch({"formal_channels": [
		{"type": "e_service", "address": "https://www.exempelby.example/e-tjanster"},
		null,
		{"type": "phone"},
		{"address": " "},
	]})
	t.status(p08.results, "P8.2", "agency") == "fail" with input as inp
	t.messages(p08.results, "P8.2", "agency") == "case_handling.formal_channels[2].address is missing | case_handling.formal_channels[3].type is missing | case_handling.formal_channels[3].address is missing" with input as inp
}

test_p8_2_null_items_skipped if {
	inp := _ch({"formal_channels": [null, {"type": "email", "address": "kommun@exempelby.example"}]})
	t.status(p08.results, "P8.2", "agency") == "pass" with input as inp
}

# P8.3

test_p8_3_routine_absent if {
	inp := _ch_without(["registration_routine_ref"])
	t.status(p08.results, "P8.3", "fb-kommun") == "fail" with input as inp
	t.messages(p08.results, "P8.3", "fb-kommun") == "case_handling.registration_routine_ref is missing" with input as inp
	t.status(p08.results, "P8.3", "ig-kommun") == "fail" with input as inp
	t.status(p08.results, "P8.3", "li-kommun") == "not_applicable" with input as inp
	t.status(p08.results, "P8.3", "yt-kommun") == "not_applicable" with input as inp
}

test_p8_3_blank_routine if {
	t.status(p08.results, "P8.3", "fb-kommun") == "fail" with input as _ch({"registration_routine_ref": ""})
}

test_p8_3_case_capable_each_way if {
	base := _ch_without(["registration_routine_ref"])

	# through direct messages only
	dm := object.union(base, {"channels": [object.union(_plain, {"direct_messages_enabled": true})]})
	t.status(p08.results, "P8.3", "fb-kommun") == "fail" with input as dm

	# through used_for_case_handling only
	uc := object.union(base, {"channels": [object.union(_plain, {"used_for_case_handling": true})]})
	t.status(p08.results, "P8.3", "fb-kommun") == "fail" with input as uc

	# through case_stages only
	cs := object.union(base, {"channels": [object.union(_plain, {"case_stages": ["collect_views"]})]})
	t.status(p08.results, "P8.3", "fb-kommun") == "fail" with input as cs

	# none of them
	no := object.union(base, {"channels": [_plain]})
	t.status(p08.results, "P8.3", "fb-kommun") == "not_applicable" with input as no
}

test_p8_3_not_applicable_when_closed if {
	t.status(p08.results, "P8.3", "fb-kommun") == "not_applicable" with input as t.channel({"status": "closed"})
	t.status(p08.results, "P8.3", "fb-kommun") == "fail" with input as object.union(_ch_without(["registration_routine_ref"]), {"channels": [object.union(t.base.channels[0], {"status": "paused"})]})
}

# P8.4

test_p8_4_boundary if {
	t.status(p08.results, "P8.4", "agency") == "pass" with input as _ch({"registration_target_days": 1})
	t.status(p08.results, "P8.4", "agency") == "pass" with input as _ch({"registration_target_days": 0.5})
	inp := _ch({"registration_target_days": 1.5})
	t.status(p08.results, "P8.4", "agency") == "fail" with input as inp
	t.messages(p08.results, "P8.4", "agency") == "case_handling.registration_target_days is 1.5; at most 1 is allowed" with input as inp
}

test_p8_4_absent if {
	inp := _ch_without(["registration_target_days"])
	t.status(p08.results, "P8.4", "agency") == "fail" with input as inp
	t.messages(p08.results, "P8.4", "agency") == "case_handling.registration_target_days is missing" with input as inp
}

test_p8_4_threshold_configurable if {
	inp := object.union(_ch({"registration_target_days": 3}), {"config": {"case_registration_max_days": 3}})
	t.status(p08.results, "P8.4", "agency") == "pass" with input as inp
}

test_p8_4_not_applicable_without_case_capable_channel if {
	inp := object.union(_ch({"registration_target_days": 9}), {"channels": [_plain]})
	t.status(p08.results, "P8.4", "agency") == "not_applicable" with input as inp

	# a closed channel that handles cases does not count
	closed := object.union(_ch({"registration_target_days": 9}), {"channels": [_plain, object.union(t.base.channels[0], {"id": "fb-gammal", "status": "closed"})]})
	t.status(p08.results, "P8.4", "agency") == "not_applicable" with input as closed
}

# P8.5

test_p8_5_case_stages_absent if {
	inp := t.without(["case_stages"])
	t.status(p08.results, "P8.5", "fb-kommun") == "fail" with input as inp
	t.messages(p08.results, "P8.5", "fb-kommun") == "channels[0].case_stages is missing" with input as inp
	t.status(p08.results, "P8.5", "fb-kommun") == "fail" with input as t.channel({"case_stages": []})
}

test_p8_5_stage_not_permitted if {
	inp := t.channel({"case_stages": ["collect_views", "decision_notification", "individual_advice"]})
	t.status(p08.results, "P8.5", "fb-kommun") == "fail" with input as inp
	t.messages(p08.results, "P8.5", "fb-kommun") == "channels[0].case_stages has decision_notification, individual_advice, which config.permitted_case_stages (collect_views) does not permit" with input as inp
}

test_p8_5_handles_cases_through_case_stages_alone if {
	inp := t.doc({"channels": [object.union(_plain, {"case_stages": ["receive_submissions"]})]})
	t.status(p08.results, "P8.5", "fb-kommun") == "fail" with input as inp
}

test_p8_5_permitted_stages_configurable if {
	inp := object.union(t.channel({"case_stages": ["collect_views", "receive_submissions"]}), {"config": {"permitted_case_stages": ["collect_views", "receive_submissions"]}})
	t.status(p08.results, "P8.5", "fb-kommun") == "pass" with input as inp
	none := object.union(t.base, {"config": {"permitted_case_stages": []}})
	t.status(p08.results, "P8.5", "fb-kommun") == "fail" with input as none
	contains(t.messages(p08.results, "P8.5", "fb-kommun"), "(none)") with input as none
}

test_p8_5_not_applicable if {
	# not used for case handling, even with direct messages
	t.status(p08.results, "P8.5", "ig-kommun") == "not_applicable" with input as t.base
	t.status(p08.results, "P8.5", "fb-kommun") == "not_applicable" with input as t.doc({"channels": [object.union(_plain, {"direct_messages_enabled": true})]})
	t.status(p08.results, "P8.5", "fb-kommun") == "not_applicable" with input as t.channel({"status": "closed", "case_stages": ["individual_advice"]})
}
