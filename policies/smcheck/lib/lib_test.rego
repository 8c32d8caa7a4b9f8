package smcheck.lib_test

import data.smcheck.lib

# Day numbers agree with the calendar (1970-01-01 is day 0) over the whole
# range of YYYY-MM-DD, where time.parse_ns stops at 1677 and 2262.
test_day_numbers if {
	lib.day("1970-01-01") == 0
	lib.day("1970-03-01") == 59
	lib.day("2000-03-01") - lib.day("2000-02-28") == 2 # 2000 is a leap year
	lib.day("1900-03-01") - lib.day("1900-02-28") == 1 # 1900 is not
	lib.day("2026-11-01") == time.parse_ns("2006-01-02", "2026-11-01") / 86400000000000
	lib.day("1677-09-22") == ceil(time.parse_ns("2006-01-02", "1677-09-22") / 86400000000000)
	lib.day("9999-12-31") == 2932896
	lib.day("0000-01-01") == -719528
}

# The arithmetic, used beyond the time builtins' range, agrees with them
# within it.
test_civil_day_and_date_agree_with_the_time_builtins if {
	every y in numbers.range_step(1678, 2261, 7) {
		every md in ["-01-01", "-02-28", "-03-01", "-12-31"] {
			d := sprintf("%04d%s", [y, md])
			lib.civil_day(d) == lib.day(d)
			lib.civil_date(lib.day(d)) == d
		}
	}
	lib.civil_day("1677-09-22") == -106751
	lib.civil_day("2262-04-11") == 106751
}

test_date_is_the_inverse_of_day if {
	every d in ["0000-01-01", "0000-02-29", "1600-01-01", "1677-09-21", "1970-01-01", "2024-02-29", "2026-12-31", "2262-04-12", "9999-12-31"] {
		lib.date(lib.day(d)) == d
	}
}

test_age_beyond_time_parse_ns_range if {
	lib.age("1600-01-01") == 155898 with input.eval_date as "2026-11-01"
	lib.age("2026-11-01") == 86258 with input.eval_date as "2263-01-01"
	lib.days_between("2026-01-01", "9999-12-31") == 2912442
}

test_within_at_the_limit if {
	lib.within("2025-11-01", 365) with input.eval_date as "2026-11-01"
	not lib.within("2025-10-31", 365) with input.eval_date as "2026-11-01"
}

test_within_far_dates if {
	not lib.within("2026-05-20", 365) with input.eval_date as "2262-04-12"
	not lib.within("2026-05-20", 365) with input.eval_date as "9999-12-31"
	lib.within("1600-01-01", 200000) with input.eval_date as "2026-11-01"
	not lib.within("1600-01-01", 100000) with input.eval_date as "2026-11-01"
	lib.within("0000-01-01", 5000000) with input.eval_date as "2026-11-01"
	not lib.within("9999-12-31", -3000000) with input.eval_date as "2026-11-01"
}

# A channel whose status validation removed is not live, and the reason says
# why rather than calling it closed.
test_not_live_reasons if {
	lib.unless_live({"status": "active"}) == set()
	lib.unless_live({"status": "paused"}) == set()
	lib.unless_live({"status": "closed"}) == {lib.not_live}
	lib.unless_live({}) == {lib.no_status}
}
