package smcheck.rules.waivers_test

import data.smcheck.main
import data.smcheck.rules.waivers
import data.smcheck.testutil as t

_valid := {
	"requirement": "P3.7",
	"target": "fb-kommun",
	"justification": "Kanalen listas i nästa webbsläpp.",
	"approved_by": "Kommunikationschef",
	"approved_date": "2026-09-01",
	"expires": "2027-03-01",
}

# An agency whose fb-kommun fails P3.7 (a warning), with the given waivers.
_doc(ws) := object.union(
	t.doc({"channels": [object.remove(t.base.channels[0], ["official_listing_url"])]}),
	{"waivers": ws},
)

_result(id, target) := r if {
	some r in main.results
	r.id == id
	r.target == target
}

test_valid_waiver_passes_all_checks if {
	every id in ["W.1", "W.2", "W.3"] {
		t.status(waivers.results, id, "waivers[0]") == "pass" with input as _doc([_valid])
	}
}

test_valid_waiver_waives_the_failing_finding if {
	r := _result("P3.7", "fb-kommun") with input as _doc([_valid])
	r.status == "waived"
	r.waiver.justification == _valid.justification
	r.waiver.index == 0
}

test_waiver_without_failure_is_unused if {
	unused := main.unused_waivers with input as object.union(t.base, {"waivers": [_valid]})
	count(unused) == 1
	some u in unused
	u.index == 0
}

test_used_waiver_is_not_unused if {
	count(main.unused_waivers) == 0 with input as _doc([_valid])
}

test_w1_missing_field if {
	inp := _doc([object.remove(_valid, ["justification"])])
	t.status(waivers.results, "W.1", "waivers[0]") == "fail" with input as inp
	t.messages(waivers.results, "W.1", "waivers[0]") == "waivers[0].justification is missing" with input as inp
	_result("P3.7", "fb-kommun").status == "fail" with input as inp
}

test_w1_blank_field if {
	t.status(waivers.results, "W.1", "waivers[0]") == "fail" with input as _doc([object.union(_valid, {"approved_by": " "})])
}

test_w1_unknown_requirement if {
	t.status(waivers.results, "W.1", "waivers[0]") == "fail" with input as _doc([object.union(_valid, {"requirement": "P3.8"})])
}

test_w1_w_check_cannot_be_waived if {
	t.status(waivers.results, "W.1", "waivers[0]") == "fail" with input as _doc([object.union(_valid, {"requirement": "W.2"})])
}

test_w1_unknown_channel if {
	inp := _doc([object.union(_valid, {"target": "fb-okand"})])
	t.status(waivers.results, "W.1", "waivers[0]") == "fail" with input as inp
	contains(t.messages(waivers.results, "W.1", "waivers[0]"), "the id of a channel") with input as inp
}

test_w1_agency_requirement_needs_agency_target if {
	inp := _doc([object.union(_valid, {"requirement": "P3.1"})])
	t.status(waivers.results, "W.1", "waivers[0]") == "fail" with input as inp
	t.status(waivers.results, "W.1", "waivers[0]") == "pass" with input as _doc([object.union(_valid, {"requirement": "P3.1", "target": "agency"})])
	t.status(waivers.results, "W.1", "waivers[0]") == "fail" with input as _doc([object.union(_valid, {"requirement": "P3.7", "target": "agency"})])
}

test_w2_expired if {
	inp := _doc([object.union(_valid, {"expires": "2026-10-31", "approved_date": "2026-01-01"})])
	t.status(waivers.results, "W.2", "waivers[0]") == "fail" with input as inp
	_result("P3.7", "fb-kommun").status == "fail" with input as inp
}

test_w2_expires_on_eval_date_passes if {
	t.status(waivers.results, "W.2", "waivers[0]") == "pass" with input as _doc([object.union(_valid, {"expires": "2026-11-01"})])
}

test_w2_w3_not_applicable_without_dates if {
	inp := _doc([object.remove(_valid, ["expires", "approved_date"])])
	t.status(waivers.results, "W.2", "waivers[0]") == "not_applicable" with input as inp
	t.status(waivers.results, "W.3", "waivers[0]") == "not_applicable" with input as inp
	t.status(waivers.results, "W.1", "waivers[0]") == "fail" with input as inp
}

test_w3_validity_boundary if {
	t.status(waivers.results, "W.3", "waivers[0]") == "pass" with input as _doc([object.union(_valid, {"approved_date": "2026-03-01", "expires": "2027-03-01"})])
	t.status(waivers.results, "W.3", "waivers[0]") == "fail" with input as _doc([object.union(_valid, {"approved_date": "2026-02-28", "expires": "2027-03-01"})])
}

# A waiver that "never expires" is not valid for longer than the limit:
# dates beyond time.parse_ns's range (2262) count too.
test_w3_far_future_expiry_fails if {
	t.status(waivers.results, "W.3", "waivers[0]") == "fail" with input as _doc([object.union(_valid, {"expires": "9999-12-31"})])
	t.status(waivers.results, "W.3", "waivers[0]") == "fail" with input as _doc([object.union(_valid, {"approved_date": "1600-01-01"})])
}

test_w3_threshold_configurable if {
	inp := object.union(_doc([_valid]), {"config": {"waiver_max_validity_days": 30}})
	t.status(waivers.results, "W.3", "waivers[0]") == "fail" with input as inp
}

test_latest_expiry_is_shown_and_both_are_used if {
	later := object.union(_valid, {"expires": "2027-05-01", "justification": "Senare"})
	inp := _doc([_valid, later])
	r := _result("P3.7", "fb-kommun") with input as inp
	r.waiver.index == 1
	count(main.unused_waivers) == 0 with input as inp
}

test_same_expiry_lower_index_shown if {
	other := object.union(_valid, {"justification": "Annan"})
	r := _result("P3.7", "fb-kommun") with input as _doc([other, _valid])
	r.waiver.index == 0
}

test_non_mapping_waiver_ignored if {
	count(waivers.results) == 0 with input as object.union(t.base, {"waivers": [null]})
}
