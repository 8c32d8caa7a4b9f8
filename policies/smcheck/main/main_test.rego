package smcheck.main_test

import data.smcheck.main
import data.smcheck.testutil as t

test_compliant_agency_has_no_failures if {
	failures := [r | some r in main.results; r.status == "fail"] with input as t.base
	count(failures) == 0
}

test_results_are_never_passes if {
	passes := [r | some r in main.results; r.status == "pass"] with input as t.without(["purpose", "status"])
	count(passes) == 0
}

test_targets_name_every_channel_and_waiver if {
	inp := object.union(t.base, {"waivers": [{"requirement": "P1.1"}]})
	targets := main.targets with input as inp
	[x.target | some x in targets.channel] == [c.id | some c in t.base.channels]
	[x.path | some x in targets.channel] == [sprintf("channels[%d]", [i]) | some i, _ in t.base.channels]
	targets.waiver == [{"target": "waivers[0]", "path": "waivers[0]"}]
	targets.agency == [{"target": "agency", "path": "$"}]
}

test_channel_without_id_is_named_by_its_path if {
	inp := object.union(t.base, {"channels": [object.remove(t.base.channels[0], ["id"])]})
	targets := main.targets with input as inp
	targets.channel == [{"target": "channels[0]", "path": "channels[0]"}]
}

test_report_shape if {
	rep := main.report with input as t.base
	count(rep.results) > 0
	count(rep.unused_waivers) == 0
}

test_stock_opa_falls_back_to_evaluation_date if {
	inp := object.union(object.remove(t.base, ["eval_date"]), {"evaluation_date": "2026-11-01"})
	failures := [r | some r in main.results; r.status == "fail"] with input as inp
	count(failures) == 0
}
