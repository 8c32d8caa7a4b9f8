# Archiving and disposal definitions (no METADATA: lib.rego holds the
# package annotation). The notation of requirements.md §1.1 used by P6 and
# P7: limit(c), prof(c) and SM, plus the grace-factor floor of P6.5
# (clarification C11) and the text matching of P7.2 (C10).
package smcheck.lib

# limit(c) (§1.1, C8): the longest allowed capture interval of channel c. An
# absent items_per_week counts as high volume.
limit(c) := config.archive_max_interval_days_ephemeral if {
	c.ephemeral_content == true
} else := config.archive_max_interval_days if {
	_low_volume(c)
} else := config.archive_max_interval_days_high_volume

_low_volume(c) if {
	n := object.get(c, "items_per_week", null)
	is_number(n)
	n < config.high_volume_items_per_week
}

# limit_basis(c) says, in English and Swedish, why limit(c) is what it is.
limit_basis(c) := reason(
	"the channel has ephemeral content",
	"kanalen har innehåll som försvinner",
) if {
	c.ephemeral_content == true
} else := reason(
	sprintf("the channel has %v items per week, below %v", [c.items_per_week, config.high_volume_items_per_week]),
	sprintf("kanalen har %v poster per vecka, färre än %v", [c.items_per_week, config.high_volume_items_per_week]),
) if {
	_low_volume(c)
} else := reason(
	sprintf("the channel has %v items per week, at least %v", [c.items_per_week, config.high_volume_items_per_week]),
	sprintf("kanalen har %v poster per vecka, minst %v", [c.items_per_week, config.high_volume_items_per_week]),
) if {
	is_number(object.get(c, "items_per_week", null))
} else := reason(
	"items_per_week is not stated, so the channel counts as high volume",
	"items_per_week saknas, så kanalen räknas som en kanal med stor volym",
)

# prof(c) (§1.1) is the archive profile {i, v} the channel references;
# undefined when the reference is absent or unresolved.
prof(c) := profiles[c.archive_profile_ref]

# grace_floor(f, g) is floor(f × g) (P6.5). The product is exact in decimal
# arithmetic; 1e-9 guards against binary floating point (C11: 90 × 1.4 → 126).
grace_floor(f, g) := floor((f * g) + 0.000000001)

# SM (§1.1): the disposal decisions that cover social media, by their index in
# disposal.decisions so that messages name the decision the user wrote.
sm := {j: d |
	some j, d in values_indexed(object.get(input, ["disposal", "decisions"], []))
	is_object(d)
	d.covers_social_media == true
}

# normalize_text(s) (C10): trimmed, runs of ASCII whitespace collapsed to one
# space, in Unicode lower case.
normalize_text(s) := lower(trim_space(regex.replace(s, `[ \t\r\n\f\v]+`, " ")))

# repealed_refs maps each non-blank entry of config.repealed_disposal_references
# to its normalized text.
repealed_refs := {r: n |
	some r in values(config.repealed_disposal_references)
	is_string(r)
	n := normalize_text(r)
	n != ""
}

# repealed_in(s) is the set of entries of config.repealed_disposal_references
# whose normalized text occurs in the normalized string s (empty if s is not a
# string).
repealed_in(s) := {r |
	is_string(s)
	some r, n in repealed_refs
	contains(normalize_text(s), n)
}
