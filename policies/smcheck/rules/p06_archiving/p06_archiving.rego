# METADATA
# title: "P6 Arkivera — archiving"
# description: Guideline point 6. Every live channel is captured by an archive profile often and completely enough, in preservation formats, into a records system or e-archive, and a closed channel gets a final capture.
# custom:
#   point: 6
package smcheck.rules.p06

import data.smcheck.lib
import data.smcheck.result

# P6.2–P6.6 apply to live channels whose archive_profile_ref resolves; without
# one, P6.1 reports the gap.
_na(c) := lib.unless_live(c) if not lib.unless_live(c) == set()

else := set() if lib.prof(c)

else := {lib.reason("the channel has no usable archive_profile_ref (reported by P6.1)", "kanalen saknar en giltig archive_profile_ref (rapporteras av P6.1)")}

# _na_of[i] is _na of channel i, once per input: several requirements read it.
_na_of := {i: _na(c) | some i, c in lib.channels}

# METADATA
# title: Archive profile assigned
# description: The channel references an archive profile.
# custom:
#   id: P6.1
#   point: 6
#   severity: error
#   scope: channel
#   source: [G, L]
#   title_sv: Arkiveringsprofil tilldelad
#   reads: ["channels[].archive_profile_ref"]
#   remediation:
#     en: Assign an archive profile that captures the channel regularly.
#     sv: Koppla kanalen till en arkiveringsprofil med regelbunden fångst.
#   references: [Gp 6, "AL 3, 6 §§"]
results contains r if {
	chain := rego.metadata.chain()
	na_of := lib.na_live
	ps := _p6_1
	some i in lib.candidates(na_of, ps)
	r := result.channel(chain, i, na_of[i], object.get(ps, i, set()))
}

_p6_1[i] contains lib.missing_ref(c, i, "archive_profile_ref", lib.profiles) if {
	some i, c in lib.channels
	not lib.prof(c)
}

# METADATA
# title: Captured often enough
# description: The profile's capture_frequency_days is at most limit(c), the configured interval for the channel's volume and ephemeral content.
# custom:
#   id: P6.2
#   point: 6
#   severity: error
#   scope: channel
#   source: [G, I]
#   title_sv: Fångst tillräckligt ofta
#   reads: ["archiving.profiles[].capture_frequency_days", "channels[].items_per_week", "channels[].ephemeral_content"]
#   remediation:
#     en: "Capture at least as often as the configured interval: weekly for high-volume channels, daily for stories and other vanishing content."
#     sv: "Fånga minst så ofta som angivet intervall: varje vecka vid stor volym, dagligen vid stories och annat innehåll som försvinner automatiskt."
#   references: [Gp 6, AL 6 §]
results contains r if {
	chain := rego.metadata.chain()
	na_of := _na_of
	ps := _p6_2
	some i in lib.candidates(na_of, ps)
	r := result.channel(chain, i, na_of[i], object.get(ps, i, set()))
}

_p6_2_by[p.i] contains lib.missing(sprintf("archiving.profiles[%d].capture_frequency_days", [p.i])) if {
	some p in lib.profiles
	not is_number(object.get(p.v, "capture_frequency_days", null))
}

_p6_2[i] contains lib.msg(
	path,
	sprintf("%s is %v; at most %v days are allowed for channel %s (%s)", [path, f, limit, lib.target(i), basis.en]),
	sprintf("%s är %v; högst %v dagar är tillåtet för kanalen %s (%s)", [path, f, limit, lib.target(i), basis.sv]),
) if {
	some i, c in lib.channels
	p := lib.prof(c)
	f := p.v.capture_frequency_days
	is_number(f)
	limit := lib.limit(c)
	f > limit
	basis := lib.limit_basis(c)
	path := sprintf("archiving.profiles[%d].capture_frequency_days", [p.i])
}

# required(c) of P6.3: the content types the channel carries.
_required(c) := {"agency_posts", "metadata"} | {t |
	some k, t in {
		"comments_enabled": "outsider_posts",
		"direct_messages_enabled": "direct_messages",
		"ephemeral_content": "ephemeral",
	}
	c[k] == true
}

# METADATA
# title: Capture complete
# description: The profile captures every kind of content the channel carries, with metadata.
# custom:
#   id: P6.3
#   point: 6
#   severity: error
#   scope: channel
#   source: [G, A]
#   title_sv: Fångsten är fullständig
#   reads: ["archiving.profiles[].content_types", "channels[].comments_enabled", "channels[].direct_messages_enabled", "channels[].ephemeral_content"]
#   remediation:
#     en: Include every kind of content the channel carries, with metadata, in the capture.
#     sv: Se till att fångsten omfattar allt innehåll i kanalen, inklusive metadata.
#   references: [Gp 5–6, "RA-FS 2009:1"]
results contains r if {
	chain := rego.metadata.chain()
	na_of := _na_of
	ps := _p6_3
	some i in lib.candidates(na_of, ps)
	r := result.channel(chain, i, na_of[i], object.get(ps, i, set()))
}

_p6_3[i] contains lib.msg(
	path,
	sprintf("%s lacks %s, which channel %s carries", [path, concat(", ", sort(missing)), lib.target(i)]),
	sprintf("%s saknar %s, som kanalen %s innehåller", [path, concat(", ", sort(missing)), lib.target(i)]),
) if {
	some i, c in lib.channels
	p := lib.prof(c)
	missing := _required(c) - {t | some t in lib.values(object.get(p.v, "content_types", null))}
	count(missing) > 0
	path := sprintf("archiving.profiles[%d].content_types", [p.i])
}

# METADATA
# title: Preservation formats acceptable
# description: The profile names its preservation formats and each is in config.accepted_preservation_formats.
# custom:
#   id: P6.4
#   point: 6
#   severity: error
#   scope: channel
#   source: [L, A, I]
#   title_sv: Godtagbara bevarandeformat
#   reads: ["archiving.profiles[].formats"]
#   remediation:
#     en: Keep captures in accepted preservation formats. Treat JSON or HTML exports as working copies unless the archive authority has accepted them.
#     sv: Bevara fångsterna i godkända bevarandeformat. Behandla JSON- eller HTML-exporter som arbetskopior om arkivmyndigheten inte har godkänt dem.
#   references: ["RA-FS 2009:2", "AL 5–6 §§"]
results contains r if {
	chain := rego.metadata.chain()
	na_of := _na_of
	ps := _p6_4
	some i in lib.candidates(na_of, ps)
	r := result.channel(chain, i, na_of[i], object.get(ps, i, set()))
}

_p6_4_by[p.i] contains lib.missing(sprintf("archiving.profiles[%d].formats", [p.i])) if {
	some p in lib.profiles
	not lib.has(p.v, "formats")
}

# Once per profile, not per channel: the message names no channel.
_p6_4_by[p.i] contains lib.msg(
	path,
	sprintf("%s is %v, which is not in config.accepted_preservation_formats (%s)", [path, fmt, _accepted_text]),
	sprintf("%s är %v, som inte finns i config.accepted_preservation_formats (%s)", [path, fmt, _accepted_text]),
) if {
	some p in lib.profiles
	some k, fmt in lib.values_indexed(object.get(p.v, "formats", null))
	not fmt in lib.config.accepted_preservation_formats
	path := sprintf("archiving.profiles[%d].formats[%d]", [p.i, k])
}

_accepted_text := concat(", ", sort([x | some x in lib.values(lib.config.accepted_preservation_formats)]))

# METADATA
# title: Captures up to date
# description: The channel's last capture is at most floor(f × config.archive_grace_factor) days old, where f is the profile's capture_frequency_days, else limit(c).
# custom:
#   id: P6.5
#   point: 6
#   severity: error
#   scope: channel
#   source: [G, I]
#   title_sv: Fångsterna är aktuella
#   reads: ["channels[].last_capture_date", "channels[].items_per_week", "channels[].ephemeral_content", "archiving.profiles[].capture_frequency_days"]
#   remediation:
#     en: Run the overdue capture and check that scheduled captures actually run.
#     sv: Genomför den försenade fångsten och kontrollera att schemalagda fångster faktiskt körs.
#   references: [Gp 6, AL 3 §]
results contains r if {
	chain := rego.metadata.chain()
	na_of := _na_of
	ps := _p6_5
	some i in lib.candidates(na_of, ps)
	r := result.channel(chain, i, na_of[i], object.get(ps, i, set()))
}

# _interval(c, p) is f of P6.5: the planned interval, else limit(c).
_interval(c, p) := f if {
	f := object.get(p, "capture_frequency_days", null)
	is_number(f)
} else := lib.limit(c)

_p6_5[i] contains lib.stale(sprintf("channels[%d].last_capture_date", [i]), d, limit) if {
	some i, c in lib.channels
	p := lib.prof(c)
	limit := lib.grace_floor(_interval(c, p.v), lib.config.archive_grace_factor)
	d := object.get(c, "last_capture_date", null)
	not lib.within(d, limit)
}

# METADATA
# title: Preserved in a records system or e-archive
# description: The profile's destination is e_archive or records_system.
# custom:
#   id: P6.6
#   point: 6
#   severity: warning
#   scope: channel
#   source: [A, I]
#   title_sv: Bevaras i e-arkiv eller dokumenthanteringssystem
#   reads: ["archiving.profiles[].destination"]
#   remediation:
#     en: Transfer captures to an e-archive or a records management system rather than a file share.
#     sv: För över fångsterna till ett e-arkiv eller ett dokumenthanteringssystem i stället för att lagra dem på en filserver.
#   references: [Gp 6, "RA-FS 2009:1"]
results contains r if {
	chain := rego.metadata.chain()
	na_of := _na_of
	ps := _p6_6
	some i in lib.candidates(na_of, ps)
	r := result.channel(chain, i, na_of[i], object.get(ps, i, set()))
}

_destinations := {"e_archive", "records_system"}

_p6_6_by[p.i] contains msg if {
	some p in lib.profiles
	dest := object.get(p.v, "destination", null)
	not dest in _destinations
	msg := _destination_msg(sprintf("archiving.profiles[%d].destination", [p.i]), dest)
}

_destination_msg(path, null) := lib.missing(path)

_destination_msg(path, dest) := lib.not_one_of(path, dest, _destinations) if dest != null

# METADATA
# title: Final capture of a closed channel
# description: A closed channel has a closed_date and a last capture on or after it.
# custom:
#   id: P6.7
#   point: 6
#   severity: error
#   scope: channel
#   source: [G, L]
#   title_sv: Slutfångst av avvecklad kanal
#   reads: ["channels[].status", "channels[].closed_date", "channels[].last_capture_date"]
#   remediation:
#     en: Make a complete final capture when the channel is closed, before the account is deleted.
#     sv: Gör en fullständig slutfångst när kanalen avvecklas, innan kontot raderas.
#   references: [Gp 6, "AL 3, 6 §§"]
results contains r if {
	chain := rego.metadata.chain()
	na_of := {i: _p6_7_na(c) | some i, c in lib.channels}
	ps := _p6_7
	some i in lib.candidates(na_of, ps)
	r := result.channel(chain, i, na_of[i], object.get(ps, i, set()))
}

_p6_7_na(c) := set() if c.status == "closed"

else := {lib.reason("the channel is not closed", "kanalen är inte avvecklad")}

# Closed channels only: for the others P6.7 does not apply (_p6_7_na), and
# their problems would be built only to be discarded.
_p6_7[i] contains lib.missing(sprintf("channels[%d].%s", [i, k])) if {
	some i, c in lib.channels
	c.status == "closed"
	some k in ["closed_date", "last_capture_date"]
	not lib.has(c, k)
}

_p6_7[i] contains lib.msg(
	path,
	sprintf("%s is %s, before %s %s: no final capture after closing", [path, c.last_capture_date, closed, c.closed_date]),
	sprintf("%s är %s, före %s %s: ingen slutfångst efter avvecklingen", [path, c.last_capture_date, closed, c.closed_date]),
) if {
	some i, c in lib.channels
	c.status == "closed"
	lib.present(c.closed_date)
	lib.present(c.last_capture_date)
	c.last_capture_date < c.closed_date
	path := sprintf("channels[%d].last_capture_date", [i])
	closed := sprintf("channels[%d].closed_date", [i])
}

# _p_of[i] is the index of the object channel i references; the checks
# of that object run once per object (_px_y_by), not once per channel.
_p_of := {i: x.i | some i, c in lib.channels; x := lib.prof(c)}

_p6_2[i] contains x if {
	by := _p6_2_by
	some i, j in _p_of
	some x in by[j]
}

_p6_4[i] contains x if {
	by := _p6_4_by
	some i, j in _p_of
	some x in by[j]
}

_p6_6[i] contains x if {
	by := _p6_6_by
	some i, j in _p_of
	some x in by[j]
}
