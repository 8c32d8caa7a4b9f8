package smcheck.main_test

import data.smcheck.main
import data.smcheck.testutil as t

test_compliant_agency_has_no_failures if {
	failures := [r | some r in main.results; r.status == "fail"] with input as t.base
	count(failures) == 0
}

test_every_requirement_reports_every_channel if {
	ids := {r.id | some r in main.results} with input as t.base
	count(ids) == 62
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
