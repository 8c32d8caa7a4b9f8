package smcheck.rules.p03_test

import data.smcheck.rules.p03
import data.smcheck.testutil as t

_agency_ids := ["P3.1", "P3.2", "P3.4", "P3.5"]

_channel_ids := ["P3.3", "P3.6", "P3.7"]

# _rules(patch) is the compliant agency with internal_rules changed by patch.
_rules(patch) := t.doc({"internal_rules": object.union(t.base.internal_rules, patch)})

# _rules_without(paths) removes paths ("private_accounts/policy_exists") from
# internal_rules.
_rules_without(paths) := object.union(
	object.remove(t.base, ["internal_rules"]),
	{"internal_rules": json.remove(t.base.internal_rules, paths)},
)

_speakers(list) := _rules({"spokespersons": list})

_msg(id, target, inp) := m if {
	m := t.messages(p03.results, id, target) with input as inp
}

test_compliant_passes if {
	every id in _agency_ids {
		t.status(p03.results, id, "agency") == "pass" with input as t.base
	}
	every id in _channel_ids {
		every c in ["fb-kommun", "ig-kommun", "li-kommun", "yt-kommun"] {
			t.status(p03.results, id, c) == "pass" with input as t.base
		}
	}
}

# Scope: agency requirements apply if a channel is live; channel requirements
# to live channels.

test_no_live_channel_not_applicable if {
	inp := t.channel({"status": "closed"})
	every id in _agency_ids {
		t.status(p03.results, id, "agency") == "not_applicable" with input as inp
	}
	every id in _channel_ids {
		t.status(p03.results, id, "fb-kommun") == "not_applicable" with input as inp
	}
	_msg("P3.1", "agency", inp) == "no channel is live"
}

test_no_channels_not_applicable if {
	t.status(p03.results, "P3.1", "agency") == "not_applicable" with input as t.doc({"channels": []})
}

test_paused_channel_applies if {
	inp := object.union(t.channel({"status": "paused"}), {"internal_rules": {"adopted_by": ""}})
	t.status(p03.results, "P3.1", "agency") == "fail" with input as inp
	t.status(p03.results, "P3.6", "fb-kommun") == "pass" with input as inp
}

# P3.1

test_p3_1_each_field_required if {
	every k in ["document_ref", "adopted_date", "adopted_by"] {
		t.status(p03.results, "P3.1", "agency") == "fail" with input as _rules_without([k])
		_msg("P3.1", "agency", _rules_without([k])) == sprintf("internal_rules.%s is missing", [k])
	}
	t.status(p03.results, "P3.1", "agency") == "fail" with input as _rules({"adopted_by": "  "})
}

test_p3_1_no_internal_rules if {
	inp := object.remove(t.base, ["internal_rules"])
	t.status(p03.results, "P3.1", "agency") == "fail" with input as inp
	_msg("P3.1", "agency", inp) == "internal_rules.document_ref is missing | internal_rules.adopted_date is missing | internal_rules.adopted_by is missing"
}

# P3.2

test_p3_2_boundary_age if {
	inp := _rules_without(["last_reviewed"])
	t.status(p03.results, "P3.2", "agency") == "pass" with input as object.union(inp, {"internal_rules": {"adopted_date": "2024-11-01"}})
	old := object.union(inp, {"internal_rules": {"adopted_date": "2024-10-31"}})
	t.status(p03.results, "P3.2", "agency") == "fail" with input as old
	_msg("P3.2", "agency", old) == "internal_rules.adopted_date is 2024-10-31, 731 days before the evaluation date; at most 730 days are allowed"
}

test_p3_2_latest_date_counts if {
	inp := _rules({"adopted_date": "2020-01-01", "last_reviewed": "2024-11-01"})
	t.status(p03.results, "P3.2", "agency") == "pass" with input as inp
	old := _rules({"adopted_date": "2020-01-01", "last_reviewed": "2024-10-31"})
	t.status(p03.results, "P3.2", "agency") == "fail" with input as old
	_msg("P3.2", "agency", old) == "internal_rules.last_reviewed is 2024-10-31, 731 days before the evaluation date; at most 730 days are allowed"
}

test_p3_2_review_without_adoption_date if {
	# C1: P3.2 reads latest(last_reviewed, adopted_date) even when P3.1 fails.
	inp := _rules_without(["adopted_date"])
	t.status(p03.results, "P3.2", "agency") == "pass" with input as inp
	t.status(p03.results, "P3.1", "agency") == "fail" with input as inp
}

test_p3_2_no_dates if {
	inp := _rules_without(["adopted_date", "last_reviewed"])
	t.status(p03.results, "P3.2", "agency") == "fail" with input as inp
	_msg("P3.2", "agency", inp) == "internal_rules has neither last_reviewed nor adopted_date"
	t.status(p03.results, "P3.2", "agency") == "fail" with input as object.remove(t.base, ["internal_rules"])
}

test_p3_2_threshold_configurable if {
	inp := object.union(_rules({"adopted_date": "2020-01-01", "last_reviewed": "2024-10-31"}), {"config": {"internal_rules_max_age_days": 731}})
	t.status(p03.results, "P3.2", "agency") == "pass" with input as inp
}

# P3.3

test_p3_3_all_covers_every_channel if {
	inp := _speakers([{"role": "Kommunikationschef", "mandate": "Allt", "channels": ["all"]}])
	every c in ["fb-kommun", "ig-kommun", "li-kommun", "yt-kommun"] {
		t.status(p03.results, "P3.3", c) == "pass" with input as inp
	}
}

test_p3_3_channel_id_listed if {
	inp := _speakers([{"role": "Webbredaktör", "mandate": "Service", "channels": ["ig-kommun", "fb-kommun"]}])
	t.status(p03.results, "P3.3", "fb-kommun") == "pass" with input as inp
	t.status(p03.results, "P3.3", "li-kommun") == "fail" with input as inp
	_msg("P3.3", "li-kommun", inp) == "no entry of internal_rules.spokespersons has a role, a mandate and channels containing all or li-kommun"
}

test_p3_3_spokesperson_without_mandate_does_not_count if {
	inp := _speakers([
		{"role": "Kommunikationschef", "channels": ["all"]},
		{"role": "HR-strateg", "mandate": "Rekrytering", "channels": []},
		{"role": "Webbredaktör", "mandate": "Service"},
	])
	t.status(p03.results, "P3.3", "fb-kommun") == "fail" with input as inp
	_msg("P3.3", "fb-kommun", inp) == "no entry of internal_rules.spokespersons has a role, a mandate and channels containing all or fb-kommun (missing: internal_rules.spokespersons[0].mandate)"
	blank := _speakers([{"role": " ", "mandate": "Service", "channels": ["fb-kommun"]}])
	t.status(p03.results, "P3.3", "fb-kommun") == "fail" with input as blank
	contains(_msg("P3.3", "fb-kommun", blank), "(missing: internal_rules.spokespersons[0].role)")
}

test_p3_3_no_spokespersons if {
	inp := _rules_without(["spokespersons"])
	t.status(p03.results, "P3.3", "fb-kommun") == "fail" with input as inp
	_msg("P3.3", "fb-kommun", inp) == "internal_rules.spokespersons is missing"
	t.status(p03.results, "P3.3", "fb-kommun") == "fail" with input as _speakers([])
}

test_p3_3_channel_without_id_needs_all if {
	# A channel whose id is absent (erroneous) is only covered by `all`.
	no_id := t.doc({"channels": [object.remove(t.base.channels[0], ["id"])]})
	t.status(p03.results, "P3.3", "channels[0]") == "pass" with input as no_id
	listed := object.union(no_id, {"internal_rules": {"spokespersons": [{"role": "R", "mandate": "M", "channels": ["fb-kommun"]}]}})
	t.status(p03.results, "P3.3", "channels[0]") == "fail" with input as listed
}

# P3.4

test_p3_4_statements_forbidden if {
	inp := _rules({"private_accounts": {"forbids_agency_statements": false}})
	t.status(p03.results, "P3.4", "agency") == "fail" with input as inp
	_msg("P3.4", "agency", inp) == "internal_rules.private_accounts.forbids_agency_statements is not true"
}

test_p3_4_absent_keys if {
	inp := _rules_without(["private_accounts/policy_exists"])
	t.status(p03.results, "P3.4", "agency") == "fail" with input as inp
	_msg("P3.4", "agency", inp) == "internal_rules.private_accounts.policy_exists is missing"
	none := _rules_without(["private_accounts"])
	_msg("P3.4", "agency", none) == "internal_rules.private_accounts.policy_exists is missing | internal_rules.private_accounts.forbids_agency_statements is missing"
}

# P3.5

test_p3_5_each_flag_required if {
	every k in ["policy_exists", "forbids_answering_agency_questions", "redirect_instruction"] {
		t.status(p03.results, "P3.5", "agency") == "fail" with input as _rules({"private_accounts": {k: false}})
		_msg("P3.5", "agency", _rules_without([sprintf("private_accounts/%s", [k])])) == sprintf("internal_rules.private_accounts.%s is missing", [k])
	}
}

test_p3_5_independent_of_p3_4 if {
	# C1: P3.5 does not depend on P3.4.
	inp := _rules({"private_accounts": {"forbids_agency_statements": false}})
	t.status(p03.results, "P3.5", "agency") == "pass" with input as inp
	inp2 := _rules({"private_accounts": {"policy_exists": false}})
	t.status(p03.results, "P3.4", "agency") == "fail" with input as inp2
	t.status(p03.results, "P3.5", "agency") == "fail" with input as inp2
}

# P3.6

test_p3_6_account_owner if {
	inp := t.channel({"account_owner": "private_person"})
	t.status(p03.results, "P3.6", "fb-kommun") == "fail" with input as inp
	_msg("P3.6", "fb-kommun", inp) == "channels[0].account_owner is private_person, not agency: the account is not registered to the agency"
	t.status(p03.results, "P3.6", "fb-kommun") == "fail" with input as t.channel({"account_owner": "unknown"})
}

test_p3_6_account_owner_absent if {
	inp := t.without(["account_owner"])
	t.status(p03.results, "P3.6", "fb-kommun") == "fail" with input as inp
	_msg("P3.6", "fb-kommun", inp) == "channels[0].account_owner is missing"
}

# P3.7

test_p3_7_listing_url if {
	inp := t.without(["official_listing_url"])
	t.status(p03.results, "P3.7", "fb-kommun") == "fail" with input as inp
	_msg("P3.7", "fb-kommun", inp) == "channels[0].official_listing_url is missing"
	t.status(p03.results, "P3.7", "fb-kommun") == "fail" with input as t.channel({"official_listing_url": " "})
}

# Messages are bilingual and the result names the failing path.
test_swedish_messages if {
	some r in p03.results with input as _rules_without(["adopted_by"])
	r.id == "P3.1"
	r.messages == [{"path": "internal_rules.adopted_by", "en": "internal_rules.adopted_by is missing", "sv": "internal_rules.adopted_by saknas"}]
	r.path == "internal_rules.adopted_by"
	r.severity == "error"
	r.point == 3
}

test_swedish_spokesperson_message if {
	some r in p03.results with input as _speakers([{"role": "R", "channels": ["all"]}])
	r.id == "P3.3"
	r.target == "fb-kommun"
	r.messages[0].sv == "ingen post i internal_rules.spokespersons har roll, mandat och channels som innehåller all eller fb-kommun (saknas: internal_rules.spokespersons[0].mandate)"
}
