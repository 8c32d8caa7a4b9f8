package smcheck.rules.p02_test

import data.smcheck.rules.p02
import data.smcheck.testutil as t

_ids := ["P2.1", "P2.2", "P2.3", "P2.4", "P2.5", "P2.6", "P2.7"]

# _agr(patch) is the compliant agency with agr-facebook (fb-kommun's
# agreement, agreements[0]) changed by patch; the other agreements stay.
_agr(patch) := _agreement(object.union(t.base.agreements[0], patch))

# _agr_without(paths) removes JSON-pointer-like paths ("review/date") from it.
_agr_without(paths) := _agreement(json.remove(t.base.agreements[0], paths))

_agreement(a) := t.doc({"agreements": array.concat([a], array.slice(t.base.agreements, 1, count(t.base.agreements)))})

_fb(results, id) := t.status(results, id, "fb-kommun")

_msg(id, inp) := m if {
	m := t.messages(p02.results, id, "fb-kommun") with input as inp
}

test_compliant_passes if {
	every id in _ids {
		every c in ["fb-kommun", "ig-kommun", "li-kommun", "yt-kommun"] {
			t.status(p02.results, id, c) == "pass" with input as t.base
		}
	}
}

# Scope: live channels whose platform operator's terms apply.

test_closed_channel_not_applicable if {
	every id in _ids {
		_fb(p02.results, id) == "not_applicable" with input as t.channel({"status": "closed"})
	}
}

test_paused_channel_applies if {
	_fb(p02.results, "P2.1") == "pass" with input as t.channel({"status": "paused"})
}

test_self_hosted_not_applicable if {
	inp := t.doc({"channels": [object.union(object.remove(t.base.channels[0], ["agreement_ref"]), {"third_party_hosted": false})]})
	every id in _ids {
		_fb(p02.results, id) == "not_applicable" with input as inp
	}
	contains(_msg("P2.1", inp), "requires no agreement")
}

test_platform_not_requiring_agreement_not_applicable if {
	inp := t.without(["agreement_ref"])
	every id in _ids {
		_fb(p02.results, id) == "not_applicable" with input as object.union(inp, {"config": {"platforms_requiring_agreement": ["x"]}})
	}
	_fb(p02.results, "P2.1") == "not_applicable" with input as t.channel({"platform": "blog"})
	_fb(p02.results, "P2.1") == "not_applicable" with input as t.channel({"platform": "blog", "third_party_hosted": false})
}

test_third_party_hosted_overrides_platform if {
	# A blog on a third party's service needs an agreement although blog is
	# not in platforms_requiring_agreement.
	inp := t.channel({"platform": "blog", "third_party_hosted": true})
	_fb(p02.results, "P2.1") == "fail" with input as inp
	_fb(p02.results, "P2.2") == "pass" with input as inp
	_fb(p02.results, "P2.1") == "pass" with input as t.channel({"third_party_hosted": true})
}

# P2.1

test_p2_1_agreement_ref_absent if {
	inp := t.without(["agreement_ref"])
	_fb(p02.results, "P2.1") == "fail" with input as inp
	_msg("P2.1", inp) == "channels[0].agreement_ref is missing"
	every id in array.slice(_ids, 1, 7) {
		_fb(p02.results, id) == "not_applicable" with input as inp
	}
	contains(_msg("P2.4", inp), "reported by P2.1")
}

test_p2_1_unresolved_ref_counts_as_absent if {
	inp := t.channel({"agreement_ref": "agr-okand"})
	_fb(p02.results, "P2.1") == "fail" with input as inp
	contains(_msg("P2.1", inp), "\"agr-okand\" names nothing")
	_fb(p02.results, "P2.2") == "not_applicable" with input as inp
	_fb(p02.results, "P2.7") == "not_applicable" with input as inp
}

test_p2_1_agreement_for_another_platform if {
	# C2: P2.2–P2.7 still apply to the agreement referenced.
	inp := t.channel({"agreement_ref": "agr-youtube"})
	_fb(p02.results, "P2.1") == "fail" with input as inp
	_msg("P2.1", inp) == "channels[0].agreement_ref names agr-youtube, an agreement for platform youtube (agreements[3].platform), not for the channel's platform facebook"
	every id in array.slice(_ids, 1, 7) {
		_fb(p02.results, id) == "pass" with input as inp
	}
}

test_p2_1_agreement_without_platform if {
	_fb(p02.results, "P2.1") == "fail" with input as _agr_without(["platform"])
}

# P2.2

test_p2_2_not_reviewed if {
	inp := _agr({"review": {"reviewed": false}})
	_fb(p02.results, "P2.2") == "fail" with input as inp
	_msg("P2.2", inp) == "agreements[0].review.reviewed is not true"
	_fb(p02.results, "P2.2") == "fail" with input as _agr_without(["review/reviewed"])
}

test_p2_2_reviewer_missing if {
	inp := _agr_without(["review/reviewed_by"])
	_fb(p02.results, "P2.2") == "fail" with input as inp
	_msg("P2.2", inp) == "agreements[0].review.reviewed_by is missing"
	_fb(p02.results, "P2.2") == "fail" with input as _agr({"review": {"reviewed_by": " "}})
}

test_p2_2_terms_version_date_missing if {
	# Also a future terms_version_date, which validation removes (C12).
	inp := _agr_without(["terms_version_date"])
	_fb(p02.results, "P2.2") == "fail" with input as inp
	_msg("P2.2", inp) == "agreements[0].terms_version_date is missing"
}

test_p2_2_review_date_missing if {
	inp := _agr_without(["review/date"])
	_fb(p02.results, "P2.2") == "fail" with input as inp
	_msg("P2.2", inp) == "agreements[0].review.date is missing"
	_fb(p02.results, "P2.2") == "fail" with input as _agr_without(["review"])
}

test_p2_2_reviewed_before_current_terms if {
	inp := _agr({"terms_version_date": "2026-02-11"})
	_fb(p02.results, "P2.2") == "fail" with input as inp
	contains(_msg("P2.2", inp), "agreements[0].review.date is 2026-02-10, before agreements[0].terms_version_date 2026-02-11")
}

test_p2_2_reviewed_on_the_day_of_the_terms if {
	_fb(p02.results, "P2.2") == "pass" with input as _agr({"terms_version_date": "2026-02-10"})
}

# P2.3

test_p2_3_boundary_age if {
	_fb(p02.results, "P2.3") == "pass" with input as _agr({"risk_assessment": {"date": "2025-11-01"}})
	inp := _agr({"risk_assessment": {"date": "2025-10-31"}})
	_fb(p02.results, "P2.3") == "fail" with input as inp
	_msg("P2.3", inp) == "agreements[0].risk_assessment.date is 2025-10-31, 366 days before the evaluation date; at most 365 days are allowed"
}

test_p2_3_threshold_configurable if {
	inp := object.union(_agr({"risk_assessment": {"date": "2025-10-31"}}), {"config": {"agreement_risk_assessment_max_age_days": 366}})
	_fb(p02.results, "P2.3") == "pass" with input as inp
}

test_p2_3_date_missing if {
	inp := _agr_without(["risk_assessment/date"])
	_fb(p02.results, "P2.3") == "fail" with input as inp
	_msg("P2.3", inp) == "agreements[0].risk_assessment.date is missing"
}

test_p2_3_risks_missing if {
	inp := _agr_without(["risk_assessment/agency_risks"])
	_fb(p02.results, "P2.3") == "fail" with input as inp
	_msg("P2.3", inp) == "agreements[0].risk_assessment.agency_risks is missing"
	_fb(p02.results, "P2.3") == "fail" with input as _agr({"risk_assessment": {"user_risks": []}})
}

test_p2_3_conclusion if {
	inp := _agr({"risk_assessment": {"conclusion": "reject"}})
	_fb(p02.results, "P2.3") == "fail" with input as inp
	_msg("P2.3", inp) == "agreements[0].risk_assessment.conclusion is reject; expected one of accept, accept_with_measures"
	_fb(p02.results, "P2.3") == "fail" with input as _agr_without(["risk_assessment/conclusion"])
	_fb(p02.results, "P2.3") == "pass" with input as _agr({"risk_assessment": {"conclusion": "accept"}})
}

test_p2_3_no_risk_assessment if {
	inp := _agr_without(["risk_assessment"])
	_fb(p02.results, "P2.3") == "fail" with input as inp
	_msg("P2.3", inp) == "agreements[0].risk_assessment.date is missing | agreements[0].risk_assessment.agency_risks is missing | agreements[0].risk_assessment.user_risks is missing | agreements[0].risk_assessment.conclusion is missing"
}

# P2.4

test_p2_4_role_not_assessed if {
	inp := _agr({"personal_data": {"platform_role": "not_assessed"}})
	_fb(p02.results, "P2.4") == "fail" with input as inp
	_msg("P2.4", inp) == "agreements[0].personal_data.platform_role is not_assessed; expected one of independent_controller, joint_controller, processor"
}

test_p2_4_role_missing if {
	inp := _agr_without(["personal_data/platform_role"])
	_fb(p02.results, "P2.4") == "fail" with input as inp
	_msg("P2.4", inp) == "agreements[0].personal_data.platform_role is missing"
	_fb(p02.results, "P2.4") == "fail" with input as _agr_without(["personal_data"])
}

test_p2_4_joint_controller_needs_arrangement if {
	inp := _agr_without(["personal_data/arrangement_ref"])
	_fb(p02.results, "P2.4") == "fail" with input as inp
	_msg("P2.4", inp) == "agreements[0].personal_data.arrangement_ref is missing; it is required when agreements[0].personal_data.platform_role is joint_controller"
}

test_p2_4_processor_needs_dpa if {
	inp := _agr({"personal_data": {"platform_role": "processor"}})
	_fb(p02.results, "P2.4") == "fail" with input as inp
	_msg("P2.4", inp) == "agreements[0].personal_data.dpa_ref is missing; it is required when agreements[0].personal_data.platform_role is processor"
	_fb(p02.results, "P2.4") == "pass" with input as _agr({"personal_data": {"platform_role": "processor", "dpa_ref": "KS 2026/0099"}})
}

test_p2_4_independent_controller_needs_nothing if {
	a := json.remove(t.base.agreements[0], ["personal_data/arrangement_ref"])
	_fb(p02.results, "P2.4") == "pass" with input as _agreement(object.union(a, {"personal_data": {"platform_role": "independent_controller"}}))
}

# P2.5

test_p2_5_ropa_ref if {
	inp := _agr_without(["personal_data/ropa_ref"])
	_fb(p02.results, "P2.5") == "fail" with input as inp
	_msg("P2.5", inp) == "agreements[0].personal_data.ropa_ref is missing"
	_fb(p02.results, "P2.5") == "fail" with input as _agr({"personal_data": {"ropa_ref": "   "}})
}

# P2.6

test_p2_6_status if {
	inp := _agr({"personal_data": {"dpia": {"status": "pending"}}})
	_fb(p02.results, "P2.6") == "fail" with input as inp
	_msg("P2.6", inp) == "agreements[0].personal_data.dpia.status is pending; expected one of completed, not_required"
	_fb(p02.results, "P2.6") == "fail" with input as _agr({"personal_data": {"dpia": {"status": "not_assessed"}}})
	_fb(p02.results, "P2.6") == "fail" with input as _agr_without(["personal_data/dpia"])
}

test_p2_6_completed_needs_ref if {
	a := json.remove(t.base.agreements[0], ["personal_data/dpia/ref"])
	inp := _agreement(object.union(a, {"personal_data": {"dpia": {"status": "completed"}}}))
	_fb(p02.results, "P2.6") == "fail" with input as inp
	_msg("P2.6", inp) == "agreements[0].personal_data.dpia.ref is missing; it is required when agreements[0].personal_data.dpia.status is completed"
	_fb(p02.results, "P2.6") == "fail" with input as _agr({"personal_data": {"dpia": {"status": "completed", "ref": " "}}})
	_fb(p02.results, "P2.6") == "pass" with input as _agr({"personal_data": {"dpia": {"status": "completed"}}})
}

# P2.7

test_p2_7_no_transfers if {
	_fb(p02.results, "P2.7") == "pass" with input as _agreement(object.union(t.base.agreements[0], {"third_country_transfer": {"status": "no_transfers"}}))
	_fb(p02.results, "P2.7") == "pass" with input as _agreement(object.union(t.base.agreements[0], {"third_country_transfer": {"status": "no_transfers", "basis": "derogation_art49"}}))
}

test_p2_7_status_unknown_or_missing if {
	inp := _agr({"third_country_transfer": {"status": "unknown"}})
	_fb(p02.results, "P2.7") == "fail" with input as inp
	_msg("P2.7", inp) == "agreements[0].third_country_transfer.status is unknown; expected one of no_transfers, transfers"
	inp2 := _agr_without(["third_country_transfer"])
	_fb(p02.results, "P2.7") == "fail" with input as inp2
	_msg("P2.7", inp2) == "agreements[0].third_country_transfer.status is missing"
}

test_p2_7_basis_not_accepted if {
	inp := _agr({"third_country_transfer": {"basis": "derogation_art49"}})
	_fb(p02.results, "P2.7") == "fail" with input as inp
	_msg("P2.7", inp) == "agreements[0].third_country_transfer.basis is derogation_art49; expected one of adequacy_dpf, adequacy_other, bcrs, sccs"
	_fb(p02.results, "P2.7") == "fail" with input as _agr_without(["third_country_transfer/basis"])
}

test_p2_7_basis_without_documentation_rule_passes if {
	# C3: adequacy_other, and derogation_art49 once accepted.
	_fb(p02.results, "P2.7") == "pass" with input as _agr({"third_country_transfer": {"basis": "adequacy_other"}})
	inp := object.union(_agr({"third_country_transfer": {"basis": "derogation_art49"}}), {"config": {"accepted_transfer_bases": ["derogation_art49"]}})
	_fb(p02.results, "P2.7") == "pass" with input as inp
}

test_p2_7_dpf_removed_from_accepted_bases if {
	inp := object.union(t.base, {"config": {"accepted_transfer_bases": ["sccs"]}})
	_fb(p02.results, "P2.7") == "fail" with input as inp
	_msg("P2.7", inp) == "agreements[0].third_country_transfer.basis is adequacy_dpf; expected one of sccs"
}

test_p2_7_dpf_verification_boundary if {
	_fb(p02.results, "P2.7") == "pass" with input as _agr({"third_country_transfer": {"dpf_verified_date": "2025-11-01"}})
	inp := _agr({"third_country_transfer": {"dpf_verified_date": "2025-10-31"}})
	_fb(p02.results, "P2.7") == "fail" with input as inp
	_msg("P2.7", inp) == "agreements[0].third_country_transfer.dpf_verified_date is 2025-10-31, 366 days before the evaluation date; at most 365 days are allowed"
	_fb(p02.results, "P2.7") == "pass" with input as object.union(inp, {"config": {"dpf_verification_max_age_days": 366}})
}

test_p2_7_dpf_verification_missing if {
	inp := _agr_without(["third_country_transfer/dpf_verified_date"])
	_fb(p02.results, "P2.7") == "fail" with input as inp
	_msg("P2.7", inp) == "agreements[0].third_country_transfer.dpf_verified_date is missing"
}

test_p2_7_sccs_and_bcrs_need_tia if {
	inp := _agr({"third_country_transfer": {"basis": "sccs"}})
	_fb(p02.results, "P2.7") == "fail" with input as inp
	_msg("P2.7", inp) == "agreements[0].third_country_transfer.tia_ref is missing; it is required when agreements[0].third_country_transfer.basis is sccs"
	_fb(p02.results, "P2.7") == "fail" with input as _agr({"third_country_transfer": {"basis": "bcrs"}})
	_fb(p02.results, "P2.7") == "pass" with input as _agr({"third_country_transfer": {"basis": "bcrs", "tia_ref": "KS 2026/0100"}})
}

# Messages are bilingual.
test_swedish_messages if {
	some r in p02.results with input as t.without(["agreement_ref"])
	r.id == "P2.1"
	r.messages == [{"path": "channels[0].agreement_ref", "en": "channels[0].agreement_ref is missing", "sv": "channels[0].agreement_ref saknas"}]
	r.path == "channels[0].agreement_ref"
}
