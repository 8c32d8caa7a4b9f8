# METADATA
# title: "P2 Granska avtalet — review the agreement"
# description: Guideline point 2. Every live channel on a third party's platform has the platform's terms on record as an agreement, reviewed and risk-assessed, with personal-data roles, records, DPIA screening and third-country transfers documented.
# custom:
#   point: 2
package smcheck.rules.p02

import data.smcheck.lib
import data.smcheck.result

# _agr(c) is agr(c): the agreement {i, v} the channel references; undefined
# when agreement_ref is absent or unresolved (an unresolved reference counts
# as absent, requirements.md §1.1).
_agr(c) := lib.agreements[c.agreement_ref]

# requires_agreement(c) (requirements.md §1.1): c.third_party_hosted if
# present, else c.platform ∈ config.platforms_requiring_agreement.
# Applies for P2.1: live(c) and requires_agreement(c).
_p2_1_na(c) := lib.unless_live(c) if not lib.unless_live(c) == set()

else := set() if lib.requires_agreement(c)

else := {lib.reason(
	"the channel requires no agreement (third_party_hosted is false, or the platform is not in config.platforms_requiring_agreement)",
	"kanalen kräver inget avtal (third_party_hosted är false, eller plattformen finns inte i config.platforms_requiring_agreement)",
)}

# Applies for P2.2–P2.7: additionally a present agreement_ref that resolves,
# even to an agreement for another platform (clarifications C2); without one,
# P2.1 reports the gap.
_na(c) := _p2_1_na(c) if not _p2_1_na(c) == set()

else := set() if _agr(c)

else := {lib.reason(
	"the channel has no usable agreement_ref (reported by P2.1)",
	"kanalen saknar en giltig agreement_ref (rapporteras av P2.1)",
)}

# _na_of[i] is _na of channel i, once per input: several requirements read it.
_na_of := {i: _na(c) | some i, c in lib.channels}

# _apath(a, key) is the concrete path of a key of agreement a.
_apath(a, key) := sprintf("agreements[%d].%s", [a.i, key])

# _one_of(path, v, allowed) explains a value that is absent or not allowed.
_one_of(path, null, _) := lib.missing(path)

_one_of(path, v, allowed) := lib.not_one_of(path, v, allowed) if v != null

# _required(path, key, v) explains a key required because key has value v.
_required(path, key, v) := lib.msg(
	path,
	sprintf("%s is missing; it is required when %s is %s", [path, key, v]),
	sprintf("%s saknas; den krävs när %s är %s", [path, key, v]),
)

# METADATA
# title: Agreement on record
# description: A live channel whose platform operator's terms apply references an agreement for the channel's platform.
# custom:
#   id: P2.1
#   point: 2
#   severity: error
#   scope: channel
#   source: [G]
#   title_sv: Avtalet finns dokumenterat
#   reads: ["channels[].agreement_ref", "channels[].platform", "channels[].third_party_hosted", "agreements[].platform"]
#   remediation:
#     en: Record the platform's terms of service as an agreement and reference it from the channel.
#     sv: Dokumentera plattformens användarvillkor som ett avtal och hänvisa till det från kanalen.
#   references: [Gp 2]
results contains r if {
	chain := rego.metadata.chain()
	na_of := {i: _p2_1_na(c) | some i, c in lib.channels}
	ps := _p2_1
	some i in lib.candidates(na_of, ps)
	r := result.channel(chain, i, na_of[i], object.get(ps, i, set()))
}

_p2_1[i] contains lib.missing_ref(c, i, "agreement_ref", lib.agreements) if {
	some i, c in lib.channels
	not _agr(c)
}

_p2_1[i] contains lib.msg(
	path,
	sprintf("%s names %s, an agreement for platform %v (%s), not for the channel's platform %v", [path, c.agreement_ref, ap, _apath(a, "platform"), cp]),
	sprintf("%s anger %s, ett avtal för plattformen %v (%s), inte för kanalens plattform %v", [path, c.agreement_ref, ap, _apath(a, "platform"), cp]),
) if {
	some i, c in lib.channels
	a := _agr(c)
	not _same_platform(a, c)
	ap := object.get(a.v, "platform", null)
	cp := object.get(c, "platform", null)
	path := sprintf("channels[%d].agreement_ref", [i])
}

# A comparison on an absent value is false (requirements.md §1.1).
_same_platform(a, c) if {
	lib.present(a.v.platform)
	a.v.platform == c.platform
}

# METADATA
# title: Current terms reviewed
# description: The agreement was reviewed (review.reviewed is true, review.reviewed_by is stated) on or after the date of the current terms_version_date.
# custom:
#   id: P2.2
#   point: 2
#   severity: error
#   scope: channel
#   source: [G]
#   title_sv: Gällande villkor är granskade
#   reads: ["agreements[].review.reviewed", "agreements[].review.date", "agreements[].review.reviewed_by", "agreements[].terms_version_date"]
#   remediation:
#     en: Review the current version of the terms, including a legal review, and record who reviewed them and when.
#     sv: Granska den gällande versionen av villkoren, även juridiskt, och dokumentera vem som granskade och när.
#   references: [Gp 2]
results contains r if {
	chain := rego.metadata.chain()
	na_of := _na_of
	ps := _p2_2
	some i in lib.candidates(na_of, ps)
	r := result.channel(chain, i, na_of[i], object.get(ps, i, set()))
}

_p2_2_by[a.i] contains lib.not_true(_apath(a, "review.reviewed")) if {
	some a in lib.agreements
	not a.v.review.reviewed == true
}

_p2_2_by[a.i] contains lib.missing(_apath(a, "review.reviewed_by")) if {
	some a in lib.agreements
	not lib.has(a.v, ["review", "reviewed_by"])
}

_p2_2_by[a.i] contains lib.missing(_apath(a, "terms_version_date")) if {
	some a in lib.agreements
	not lib.has(a.v, "terms_version_date")
}

_p2_2_by[a.i] contains lib.missing(_apath(a, "review.date")) if {
	some a in lib.agreements
	not lib.has(a.v, ["review", "date"])
}

_p2_2_by[a.i] contains lib.msg(
	path,
	sprintf("%s is %s, before %s %s: the current terms have not been reviewed", [path, d, _apath(a, "terms_version_date"), tv]),
	sprintf("%s är %s, före %s %s: de gällande villkoren har inte granskats", [path, d, _apath(a, "terms_version_date"), tv]),
) if {
	some a in lib.agreements
	d := a.v.review.date
	tv := a.v.terms_version_date
	lib.present(d)
	lib.present(tv)
	d < tv
	path := _apath(a, "review.date")
}

# METADATA
# title: Risk assessment current
# description: The agreement's risk assessment is at most config.agreement_risk_assessment_max_age_days days old, names risks for the agency and for users, and concludes accept or accept_with_measures.
# custom:
#   id: P2.3
#   point: 2
#   severity: error
#   scope: channel
#   source: [G, I]
#   title_sv: Riskbedömningen är aktuell
#   reads: ["agreements[].risk_assessment.date", "agreements[].risk_assessment.agency_risks", "agreements[].risk_assessment.user_risks", "agreements[].risk_assessment.conclusion"]
#   remediation:
#     en: Assess the risks of the terms for the agency and for users, decide whether to accept them, and repeat this periodically.
#     sv: Bedöm villkorens risker för myndigheten och användarna, ta ställning till om de kan godtas och upprepa bedömningen regelbundet.
#   references: [Gp 2]
results contains r if {
	chain := rego.metadata.chain()
	na_of := _na_of
	ps := _p2_3
	some i in lib.candidates(na_of, ps)
	r := result.channel(chain, i, na_of[i], object.get(ps, i, set()))
}

_accepted_conclusions := {"accept", "accept_with_measures"}

_p2_3_by[a.i] contains lib.stale(_apath(a, "risk_assessment.date"), d, limit) if {
	some a in lib.agreements
	d := object.get(a.v, ["risk_assessment", "date"], null)
	limit := lib.config.agreement_risk_assessment_max_age_days
	not lib.within(d, limit)
}

_p2_3_by[a.i] contains lib.missing(_apath(a, sprintf("risk_assessment.%s", [k]))) if {
	some a in lib.agreements
	some k in ["agency_risks", "user_risks"]
	not lib.has(a.v, ["risk_assessment", k])
}

_p2_3_by[a.i] contains _one_of(_apath(a, "risk_assessment.conclusion"), v, _accepted_conclusions) if {
	some a in lib.agreements
	v := object.get(a.v, ["risk_assessment", "conclusion"], null)
	not v in _accepted_conclusions
}

# METADATA
# title: Personal-data roles assessed
# description: The platform's personal-data role is joint_controller (with an arrangement_ref), processor (with a dpa_ref) or independent_controller.
# custom:
#   id: P2.4
#   point: 2
#   severity: error
#   scope: channel
#   source: [L]
#   title_sv: Personuppgiftsrollerna är bedömda
#   reads: ["agreements[].personal_data.platform_role", "agreements[].personal_data.arrangement_ref", "agreements[].personal_data.dpa_ref"]
#   remediation:
#     en: Determine the platform's role (for page statistics normally joint controllership) and file the Art. 26 arrangement or Art. 28 agreement.
#     sv: Fastställ plattformens roll (för sidstatistik normalt gemensamt personuppgiftsansvar) och dokumentera arrangemanget enligt art. 26 eller biträdesavtalet enligt art. 28.
#   references: ["GDPR Art. 5(2), 24, 26, 28", "CJEU C-210/16 Wirtschaftsakademie"]
results contains r if {
	chain := rego.metadata.chain()
	na_of := _na_of
	ps := _p2_4
	some i in lib.candidates(na_of, ps)
	r := result.channel(chain, i, na_of[i], object.get(ps, i, set()))
}

_roles := {"joint_controller", "processor", "independent_controller"}

# The document each role requires, under personal_data.
_role_document := {"joint_controller": "arrangement_ref", "processor": "dpa_ref"}

_p2_4_by[a.i] contains _one_of(_apath(a, "personal_data.platform_role"), v, _roles) if {
	some a in lib.agreements
	v := object.get(a.v, ["personal_data", "platform_role"], null)
	not v in _roles
}

_p2_4_by[a.i] contains _required(_apath(a, sprintf("personal_data.%s", [k])), _apath(a, "personal_data.platform_role"), role) if {
	some a in lib.agreements
	role := a.v.personal_data.platform_role
	k := _role_document[role]
	not lib.has(a.v, ["personal_data", k])
}

# METADATA
# title: Processing recorded
# description: The processing on the channel is entered in the record of processing activities (personal_data.ropa_ref).
# custom:
#   id: P2.5
#   point: 2
#   severity: error
#   scope: channel
#   source: [L]
#   title_sv: Behandlingen finns i registerförteckningen
#   reads: ["agreements[].personal_data.ropa_ref"]
#   remediation:
#     en: Enter the processing on the channel in the record of processing activities.
#     sv: För in kanalens personuppgiftsbehandling i registerförteckningen.
#   references: [GDPR Art. 30]
results contains r if {
	chain := rego.metadata.chain()
	na_of := _na_of
	ps := _p2_5
	some i in lib.candidates(na_of, ps)
	r := result.channel(chain, i, na_of[i], object.get(ps, i, set()))
}

_p2_5_by[a.i] contains lib.missing(_apath(a, "personal_data.ropa_ref")) if {
	some a in lib.agreements
	not lib.has(a.v, ["personal_data", "ropa_ref"])
}

# METADATA
# title: DPIA screened
# description: The need for a DPIA was screened (dpia.status not_required or completed); a completed DPIA has a ref.
# custom:
#   id: P2.6
#   point: 2
#   severity: warning
#   scope: channel
#   source: [L, A]
#   title_sv: Behovet av konsekvensbedömning är prövat
#   reads: ["agreements[].personal_data.dpia.status", "agreements[].personal_data.dpia.ref"]
#   remediation:
#     en: Screen whether a data protection impact assessment is required (IMY's list under Art. 35(4)) and carry it out if so.
#     sv: Bedöm om en konsekvensbedömning krävs (IMY:s förteckning enligt art. 35.4) och genomför den i så fall.
#   references: [GDPR Art. 35]
results contains r if {
	chain := rego.metadata.chain()
	na_of := _na_of
	ps := _p2_6
	some i in lib.candidates(na_of, ps)
	r := result.channel(chain, i, na_of[i], object.get(ps, i, set()))
}

_dpia_statuses := {"not_required", "completed"}

_p2_6_by[a.i] contains _one_of(_apath(a, "personal_data.dpia.status"), v, _dpia_statuses) if {
	some a in lib.agreements
	v := object.get(a.v, ["personal_data", "dpia", "status"], null)
	not v in _dpia_statuses
}

_p2_6_by[a.i] contains _required(_apath(a, "personal_data.dpia.ref"), _apath(a, "personal_data.dpia.status"), "completed") if {
	some a in lib.agreements
	a.v.personal_data.dpia.status == "completed"
	not lib.has(a.v, ["personal_data", "dpia", "ref"])
}

# METADATA
# title: Third-country transfer basis recorded
# description: The agreement records no_transfers, or transfers on a basis in config.accepted_transfer_bases that is documented (adequacy_dpf needs a dpf_verified_date within config.dpf_verification_max_age_days days; sccs and bcrs need a tia_ref).
# custom:
#   id: P2.7
#   point: 2
#   severity: error
#   scope: channel
#   source: [L]
#   title_sv: Grunden för överföring till tredjeland är dokumenterad
#   reads: ["agreements[].third_country_transfer.status", "agreements[].third_country_transfer.basis", "agreements[].third_country_transfer.dpf_verified_date", "agreements[].third_country_transfer.tia_ref"]
#   remediation:
#     en: Establish whether personal data leaves the EU/EEA and record the transfer basis. For the Data Privacy Framework, check regularly that the recipient is still certified.
#     sv: Utred om personuppgifter överförs till tredjeland (utanför EU/EES) och dokumentera överföringsgrunden. Om överföringen grundas på Data Privacy Framework, kontrollera regelbundet att mottagaren fortfarande är certifierad.
#   references: ["GDPR Art. 44–46 (Art. 49 derogations, meant for occasional transfers, are not accepted by default)", "CJEU C-311/18 (Schrems II)", "DPF adequacy decision of 2023-07-10 (Implementing Decision (EU) 2023/1795)"]
results contains r if {
	chain := rego.metadata.chain()
	na_of := _na_of
	ps := _p2_7
	some i in lib.candidates(na_of, ps)
	r := result.channel(chain, i, na_of[i], object.get(ps, i, set()))
}

_transfer_statuses := {"no_transfers", "transfers"}

# Bases whose documentation is a transfer impact assessment (tia_ref).
_tia_bases := {"sccs", "bcrs"}

_p2_7_by[a.i] contains _one_of(_apath(a, "third_country_transfer.status"), v, _transfer_statuses) if {
	some a in lib.agreements
	v := object.get(a.v, ["third_country_transfer", "status"], null)
	not v in _transfer_statuses
}

_p2_7_by[a.i] contains _one_of(_apath(a, "third_country_transfer.basis"), v, accepted) if {
	some a in lib.agreements
	a.v.third_country_transfer.status == "transfers"
	v := object.get(a.v, ["third_country_transfer", "basis"], null)
	accepted := lib.config.accepted_transfer_bases
	not v in accepted
}

# The basis is documented. Only an accepted basis is checked further; a basis
# with no documentation rule passes (clarifications C3).
_accepted_basis(a) := b if {
	a.v.third_country_transfer.status == "transfers"
	b := a.v.third_country_transfer.basis
	b in lib.config.accepted_transfer_bases
}

_p2_7_by[a.i] contains lib.stale(_apath(a, "third_country_transfer.dpf_verified_date"), d, limit) if {
	some a in lib.agreements
	_accepted_basis(a) == "adequacy_dpf"
	d := object.get(a.v, ["third_country_transfer", "dpf_verified_date"], null)
	limit := lib.config.dpf_verification_max_age_days
	not lib.within(d, limit)
}

_p2_7_by[a.i] contains _required(_apath(a, "third_country_transfer.tia_ref"), _apath(a, "third_country_transfer.basis"), b) if {
	some a in lib.agreements
	b := _accepted_basis(a)
	b in _tia_bases
	not lib.has(a.v, ["third_country_transfer", "tia_ref"])
}

# _a_of[i] is the index of the object channel i references; the checks
# of that object run once per object (_px_y_by), not once per channel.
_a_of := {i: x.i | some i, c in lib.channels; x := _agr(c)}

_p2_2[i] contains x if {
	by := _p2_2_by
	some i, j in _a_of
	some x in by[j]
}

_p2_3[i] contains x if {
	by := _p2_3_by
	some i, j in _a_of
	some x in by[j]
}

_p2_4[i] contains x if {
	by := _p2_4_by
	some i, j in _a_of
	some x in by[j]
}

_p2_5[i] contains x if {
	by := _p2_5_by
	some i, j in _a_of
	some x in by[j]
}

_p2_6[i] contains x if {
	by := _p2_6_by
	some i, j in _a_of
	some x in by[j]
}

_p2_7[i] contains x if {
	by := _p2_7_by
	some i, j in _a_of
	some x in by[j]
}
