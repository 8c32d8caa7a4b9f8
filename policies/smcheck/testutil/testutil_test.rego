# METADATA
# title: Test helpers
# description: |
#   A compliant agency (the spec's examples/compliant.yaml, as validation
#   leaves it) and helpers that change one part of it, so each test states only
#   what it breaks.
package smcheck.testutil

import data.smcheck.main

base := {
	"agency": {
		"contact": {
			"email": "kommun@exempelby.example",
			"phone": "+46 999 123 00",
			"url": "https://www.exempelby.example/kontakt",
		},
		"mission_objectives": [
			{
				"id": "mo-service",
				"text": "Invånare och företag får enkel, tillgänglig och rättssäker service och information.",
			},
			{
				"id": "mo-delaktighet",
				"text": "Invånarna har insyn i och kan påverka kommunens beslut, bland annat översiktsplaneringen.",
			},
			{
				"id": "mo-kris",
				"text": "Kommunen informerar snabbt och samordnat vid kriser och extraordinära händelser.",
			},
			{
				"id": "mo-kompetens",
				"text": "Kommunen är en attraktiv arbetsgivare som kan rekrytera och behålla rätt kompetens.",
			},
		],
		"mission_url": "https://www.exempelby.example/kommun-och-politik/styrdokument/reglemente-kommunstyrelsen",
		"name": "Exempelby kommun",
		"org_number": "212999-4733",
		"responsible_body": "Kommunstyrelsen",
		"type": "municipality",
	},
	"agreements": [
		{
			"accepted_by": "Kommunikationschef enligt delegationsordningen",
			"accepted_date": "2014-03-01",
			"id": "agr-facebook",
			"personal_data": {
				"arrangement_ref": "KS 2026/0045 (Page Insights Controller Addendum)",
				"dpia": {
					"ref": "KS 2026/0046 (förhandsbedömning)",
					"status": "not_required",
				},
				"platform_role": "joint_controller",
				"ropa_ref": "Registerförteckning KS, behandling 14",
			},
			"platform": "facebook",
			"provider": "Meta Platforms Ireland Ltd",
			"review": {
				"date": "2026-02-10",
				"reviewed": true,
				"reviewed_by": "Kommunjurist och kommunikationschef",
			},
			"risk_assessment": {
				"agency_risks": [
					"Ensidiga villkorsändringar",
					"Utländsk lag och domstol",
					"Kontot kan stängas av utan förvarning",
				],
				"conclusion": "accept_with_measures",
				"date": "2026-02-10",
				"document_ref": "KS 2026/0045",
				"user_risks": [
					"Plattformens profilering och annonsering",
					"Personuppgifter förs till tredjeland",
				],
			},
			"terms_url": "https://www.facebook.com/terms",
			"terms_version_date": "2026-01-01",
			"third_country_transfer": {
				"basis": "adequacy_dpf",
				"dpf_verified_date": "2026-09-01",
				"status": "transfers",
			},
			"title": "Metas användarvillkor, villkor för sidor och tillägg om gemensamt personuppgiftsansvar (Page Insights)",
		},
		{
			"accepted_by": "Kommunikationschef enligt delegationsordningen",
			"accepted_date": "2017-09-01",
			"id": "agr-instagram",
			"personal_data": {
				"arrangement_ref": "KS 2026/0047 (Metas tillägg för statistik)",
				"dpia": {
					"status": "not_required",
				},
				"platform_role": "joint_controller",
				"ropa_ref": "Registerförteckning KS, behandling 15",
			},
			"platform": "instagram",
			"provider": "Meta Platforms Ireland Ltd",
			"review": {
				"date": "2026-02-10",
				"reviewed": true,
				"reviewed_by": "Kommunjurist och kommunikationschef",
			},
			"risk_assessment": {
				"agency_risks": [
					"Ensidiga villkorsändringar",
					"Utländsk lag och domstol",
				],
				"conclusion": "accept_with_measures",
				"date": "2026-02-10",
				"document_ref": "KS 2026/0047",
				"user_risks": [
					"Profilering av unga användare",
					"Personuppgifter förs till tredjeland",
				],
			},
			"terms_url": "https://help.instagram.com/581066165581870",
			"terms_version_date": "2026-01-01",
			"third_country_transfer": {
				"basis": "adequacy_dpf",
				"dpf_verified_date": "2026-09-01",
				"status": "transfers",
			},
			"title": "Instagrams användarvillkor och Metas tillägg om gemensamt personuppgiftsansvar",
		},
		{
			"accepted_by": "HR-chef enligt delegationsordningen",
			"accepted_date": "2019-02-01",
			"id": "agr-linkedin",
			"personal_data": {
				"arrangement_ref": "KS 2026/0052 (LinkedIns tillägg om gemensamt personuppgiftsansvar)",
				"dpia": {
					"status": "not_required",
				},
				"platform_role": "joint_controller",
				"ropa_ref": "Registerförteckning KS, behandling 16",
			},
			"platform": "linkedin",
			"provider": "LinkedIn Ireland Unlimited Company",
			"review": {
				"date": "2026-03-02",
				"reviewed": true,
				"reviewed_by": "Kommunjurist",
			},
			"risk_assessment": {
				"agency_risks": [
					"Ensidiga villkorsändringar",
				],
				"conclusion": "accept",
				"date": "2026-03-02",
				"document_ref": "KS 2026/0052",
				"user_risks": [
					"Profilering i rekryteringssyfte",
				],
			},
			"terms_url": "https://www.linkedin.com/legal/user-agreement",
			"terms_version_date": "2025-11-03",
			"third_country_transfer": {
				"basis": "adequacy_dpf",
				"dpf_verified_date": "2026-09-01",
				"status": "transfers",
			},
			"title": "LinkedIns användaravtal, villkor för sidor och tillägg om gemensamt personuppgiftsansvar för sidstatistik",
		},
		{
			"accepted_by": "Kanslichef enligt delegationsordningen",
			"accepted_date": "2020-03-15",
			"id": "agr-youtube",
			"personal_data": {
				"dpia": {
					"status": "not_required",
				},
				"platform_role": "independent_controller",
				"ropa_ref": "Registerförteckning KS, behandling 17",
			},
			"platform": "youtube",
			"provider": "Google Ireland Limited",
			"review": {
				"date": "2026-03-02",
				"reviewed": true,
				"reviewed_by": "Kommunjurist",
			},
			"risk_assessment": {
				"agency_risks": [
					"Rekommenderade videor från andra avsändare visas i anslutning till sändningar",
				],
				"conclusion": "accept_with_measures",
				"date": "2026-03-02",
				"document_ref": "KS 2026/0053",
				"user_risks": [
					"Spårning vid uppspelning",
				],
			},
			"terms_url": "https://www.youtube.com/t/terms",
			"terms_version_date": "2025-12-15",
			"third_country_transfer": {
				"basis": "adequacy_dpf",
				"dpf_verified_date": "2026-09-01",
				"status": "transfers",
			},
			"title": "YouTubes användarvillkor och Googles villkor",
		},
	],
	"archiving": {
		"archive_responsible": "Kommunarkivarie",
		"profiles": [
			{
				"capture_frequency_days": 1,
				"content_types": [
					"agency_posts",
					"outsider_posts",
					"direct_messages",
					"metadata",
					"ephemeral",
				],
				"destination": "e_archive",
				"formats": [
					"pdf_a",
					"xml",
					"jpeg",
					"png",
					"mpeg4",
				],
				"id": "arch-daglig",
				"method": "capture_service",
				"tool": "Upphandlad fångsttjänst för sociala medier (avtal KS 2024/0400)",
				"working_formats": [
					"json",
				],
			},
			{
				"capture_frequency_days": 7,
				"content_types": [
					"agency_posts",
					"outsider_posts",
					"direct_messages",
					"metadata",
				],
				"destination": "e_archive",
				"formats": [
					"pdf_a",
					"xml",
					"jpeg",
					"png",
					"mpeg4",
				],
				"id": "arch-veckovis",
				"method": "capture_service",
				"tool": "Upphandlad fångsttjänst för sociala medier (avtal KS 2024/0400)",
				"working_formats": [
					"json",
				],
			},
			{
				"capture_frequency_days": 30,
				"content_types": [
					"agency_posts",
					"outsider_posts",
					"metadata",
				],
				"destination": "e_archive",
				"formats": [
					"pdf_a",
					"xml",
					"jpeg",
					"png",
					"mpeg4",
				],
				"id": "arch-manadsvis",
				"method": "api_export",
				"tool": "Plattformarnas exportfunktioner, konverteras i e-arkivets mottagning",
			},
		],
	},
	"case_handling": {
		"advice_policy": {
			"document_ref": "Riktlinjer för kommunens närvaro i sociala medier, avsnitt 6 (KS 2025/0210)",
			"forbids_economic_advice": true,
		},
		"formal_channels": [
			{
				"address": "https://www.exempelby.example/e-tjanster",
				"type": "e_service",
			},
			{
				"address": "kommun@exempelby.example",
				"type": "email",
			},
			{
				"address": "+46 999 123 00",
				"type": "phone",
			},
		],
		"redirect_to_formal_channels": true,
		"registration_routine_ref": "Rutin för registrering av ärenden från sociala medier, KS 2025/0215",
		"registration_target_days": 1,
	},
	"channels": [
		{
			"accessibility": {
				"alt_text": "provided",
				"captions": "provided",
			},
			"account_owner": "agency",
			"administrators": [
				{
					"role": "Kommunikationschef",
				},
				{
					"role": "Webbredaktör",
				},
				{
					"role": "Kommunikatör, samhällsbyggnadsförvaltningen",
				},
			],
			"agreement_ref": "agr-facebook",
			"archive_profile_ref": "arch-veckovis",
			"case_stages": [
				"collect_views",
			],
			"comments_enabled": true,
			"direct_messages_enabled": true,
			"ephemeral_content": false,
			"established_date": "2014-03-01",
			"goals": [
				{
					"category": "service",
					"indicator": "Andel som känner till e-tjänsterna i medborgarundersökningen.",
					"mission_objective_ref": "mo-service",
					"text": "Fler invånare känner till och använder kommunens e-tjänster.",
				},
				{
					"category": "dialogue",
					"indicator": "Antal synpunkter via kanalen och deras åldersfördelning.",
					"mission_objective_ref": "mo-delaktighet",
					"text": "Fler och bredare grupper lämnar synpunkter i samrådet om översiktsplanen.",
				},
				{
					"category": "crisis_communication",
					"indicator": "Räckvidd inom två timmar för krismeddelanden.",
					"mission_objective_ref": "mo-kris",
					"text": "Viktig information når invånarna snabbt vid kriser.",
				},
			],
			"handle": "exempelbykommun",
			"id": "fb-kommun",
			"info_notice_ref": "notice-sociala-medier",
			"items_per_week": 180,
			"last_capture_date": "2026-10-29",
			"last_reviewed": "2026-04-15",
			"mfa_enabled": true,
			"monitoring_ref": "mon-kommunikation",
			"official_listing_url": "https://www.exempelby.example/sociala-medier",
			"owner_unit": "Kommunledningsförvaltningen, kommunikationsenheten",
			"platform": "facebook",
			"purpose": "Informera invånarna om kommunens service, händelser och beslut, föra dialog och samla in synpunkter i samrådet om den nya översiktsplanen.",
			"status": "active",
			"target_audience": [
				"Invånare 25–65 år",
				"Föreningar",
				"Lokala företagare",
			],
			"url": "https://www.facebook.com/exempelbykommun",
			"used_for_case_handling": true,
		},
		{
			"accessibility": {
				"alt_text": "provided",
				"captions": "provided",
			},
			"account_owner": "agency",
			"administrators": 3,
			"agreement_ref": "agr-instagram",
			"archive_profile_ref": "arch-daglig",
			"comments_enabled": true,
			"direct_messages_enabled": true,
			"ephemeral_content": true,
			"established_date": "2017-09-01",
			"goals": [
				{
					"category": "reach_new_groups",
					"indicator": "Andel följare 18–29 år och klick till evenemangskalendern.",
					"mission_objective_ref": "mo-service",
					"text": "Fler unga vuxna tar del av kommunens fritids- och kulturutbud.",
				},
				{
					"category": "recruitment",
					"indicator": "Antal ansökningar där kanalen anges som källa.",
					"mission_objective_ref": "mo-kompetens",
					"text": "Fler söker jobb i kommunen.",
				},
			],
			"handle": "exempelbykommun",
			"id": "ig-kommun",
			"info_notice_ref": "notice-sociala-medier",
			"items_per_week": 60,
			"last_capture_date": "2026-11-01",
			"last_reviewed": "2026-04-15",
			"mfa_enabled": true,
			"monitoring_ref": "mon-kommunikation",
			"official_listing_url": "https://www.exempelby.example/sociala-medier",
			"owner_unit": "Kommunledningsförvaltningen, kommunikationsenheten",
			"platform": "instagram",
			"purpose": "Nå unga vuxna med information om kultur, fritid och kommunens service och väcka intresse för att arbeta i kommunen.",
			"status": "active",
			"target_audience": [
				"Unga vuxna 18–29 år",
				"Potentiella medarbetare",
			],
			"url": "https://www.instagram.com/exempelbykommun",
			"used_for_case_handling": false,
		},
		{
			"accessibility": {
				"alt_text": "provided",
				"captions": "not_applicable",
			},
			"account_owner": "agency",
			"administrators": [
				{
					"role": "HR-strateg, employer branding",
				},
				{
					"role": "Webbredaktör",
				},
			],
			"agreement_ref": "agr-linkedin",
			"archive_profile_ref": "arch-manadsvis",
			"comments_enabled": true,
			"direct_messages_enabled": false,
			"established_date": "2019-02-01",
			"goals": [
				{
					"category": "recruitment",
					"indicator": "Antal sökande per annons för bristyrken.",
					"mission_objective_ref": "mo-kompetens",
					"text": "Fler kvalificerade sökande till bristyrken.",
				},
			],
			"handle": "exempelby-kommun",
			"id": "li-kommun",
			"info_notice_ref": "notice-sociala-medier",
			"items_per_week": 15,
			"last_capture_date": "2026-10-05",
			"last_reviewed": "2026-05-20",
			"mfa_enabled": true,
			"monitoring_ref": "mon-kommunikation",
			"official_listing_url": "https://www.exempelby.example/sociala-medier",
			"owner_unit": "HR-avdelningen",
			"platform": "linkedin",
			"purpose": "Stärka kommunen som arbetsgivare och nå yrkesverksamma med information om lediga tjänster och kommunens utvecklingsarbete.",
			"status": "active",
			"target_audience": [
				"Yrkesverksamma",
				"Studenter i slutet av utbildningen",
			],
			"url": "https://www.linkedin.com/company/exempelby-kommun",
			"used_for_case_handling": false,
		},
		{
			"accessibility": {
				"alt_text": "not_applicable",
				"captions": "provided",
			},
			"account_owner": "agency",
			"administrators": [
				{
					"role": "Kommunsekreterare",
				},
				{
					"role": "Webbredaktör",
				},
			],
			"agreement_ref": "agr-youtube",
			"archive_profile_ref": "arch-manadsvis",
			"comments_enabled": false,
			"direct_messages_enabled": false,
			"established_date": "2020-03-15",
			"goals": [
				{
					"category": "information",
					"indicator": "Antal visningar per sammanträde.",
					"mission_objective_ref": "mo-delaktighet",
					"text": "Fler invånare följer kommunfullmäktiges sammanträden.",
				},
			],
			"handle": "@exempelbykommun",
			"id": "yt-kommun",
			"info_notice_ref": "notice-youtube",
			"items_per_week": 3,
			"last_capture_date": "2026-10-05",
			"last_reviewed": "2026-05-20",
			"mfa_enabled": true,
			"official_listing_url": "https://www.exempelby.example/sociala-medier",
			"owner_unit": "Kommunledningsförvaltningen, kansliet",
			"platform": "youtube",
			"purpose": "Sända och tillgängliggöra kommunfullmäktiges sammanträden och förklarande filmer om kommunens service.",
			"status": "active",
			"target_audience": [
				"Invånare",
				"Lokala medier",
			],
			"url": "https://www.youtube.com/@exempelbykommun",
			"used_for_case_handling": false,
		},
	],
	"disposal": {
		"decisions": [
			{
				"basis": "Arkivreglemente för Exempelby kommun",
				"covers_social_media": true,
				"decision_date": "2025-03-18",
				"excludes_case_records": true,
				"id": "ihp-ks-2025",
				"issuer": "archive_authority",
				"reference": "Informationshanteringsplan för kommunstyrelsen, KS 2025-03-18 § 45 (KS 2025/0112)",
				"rules": [
					{
						"action": "retain",
						"record_type": "agency_posts",
					},
					{
						"action": "retain",
						"record_type": "metadata",
					},
					{
						"action": "retain",
						"record_type": "ephemeral",
					},
					{
						"action": "dispose",
						"record_type": "outsider_posts",
						"retention_months": 24,
					},
					{
						"action": "dispose",
						"record_type": "direct_messages",
						"retention_months": 24,
					},
					{
						"action": "dispose",
						"record_type": "obviously_insignificant",
						"retention_months": 0,
					},
				],
			},
		],
	},
	"evaluation_date": "2026-11-01",
	"info_notices": [
		{
			"contents": {
				"agency_responsible": true,
				"availability_of_posts": true,
				"enforcement_actions": true,
				"formal_contact_channels": true,
				"personal_data_info": true,
				"prohibited_content": true,
				"public_records_notice": true,
				"purpose": true,
			},
			"id": "notice-sociala-medier",
			"languages": [
				"sv",
				"en",
			],
			"last_reviewed": "2026-03-10",
			"location": "linked_from_profile",
			"published_date": "2025-06-01",
			"url": "https://www.exempelby.example/sociala-medier/regler",
		},
		{
			"contents": {
				"agency_responsible": true,
				"availability_of_posts": true,
				"enforcement_actions": true,
				"formal_contact_channels": true,
				"personal_data_info": true,
				"prohibited_content": true,
				"public_records_notice": true,
				"purpose": true,
			},
			"id": "notice-youtube",
			"languages": [
				"sv",
			],
			"last_reviewed": "2026-03-10",
			"location": "profile_text",
			"published_date": "2025-06-01",
			"url": "https://www.youtube.com/@exempelbykommun/about",
		},
	],
	"internal_rules": {
		"adopted_by": "Kommunstyrelsen",
		"adopted_date": "2025-05-20",
		"document_ref": "Riktlinjer för kommunens närvaro i sociala medier, KS 2025/0210",
		"last_reviewed": "2026-03-10",
		"others_media_engagement": "allowed",
		"private_accounts": {
			"forbids_agency_statements": true,
			"forbids_answering_agency_questions": true,
			"policy_exists": true,
			"redirect_instruction": true,
		},
		"spokespersons": [
			{
				"channels": [
					"all",
				],
				"mandate": "Uttalar sig för kommunen i alla kanaler; politiska ställningstaganden görs av förtroendevalda.",
				"role": "Kommunikationschef",
			},
			{
				"channels": [
					"fb-kommun",
					"ig-kommun",
					"li-kommun",
					"yt-kommun",
				],
				"mandate": "Besvarar allmänna frågor om service och hänvisar ärenden till formella kontaktvägar; lämnar inga besked i enskilda ärenden.",
				"role": "Webbredaktör",
			},
			{
				"channels": [
					"li-kommun",
				],
				"mandate": "Informerar om kommunen som arbetsgivare och om lediga tjänster.",
				"role": "HR-strateg, employer branding",
			},
		],
	},
	"moderation": {
		"adopted_date": "2025-05-20",
		"external_dialogue_routine_ref": "Rutin för dialog i andras kanaler, KS 2025/0212",
		"illegal_content_categories": [
			"unlawful_threat",
			"unlawful_privacy_violation",
			"incitement",
			"agitation_against_group",
			"child_sexual_abuse_material",
			"unlawful_depiction_of_violence",
			"terrorist_provocation",
			"copyright_infringement",
		],
		"policy_ref": "Rutin för moderering av sociala medier, KS 2025/0211",
		"removal_max_hours": 12,
	},
	"monitoring": [
		{
			"check_interval_hours": 2,
			"deputy": "Kommunikatör i veckoberedskap, kommunikationsenheten",
			"id": "mon-kommunikation",
			"max_response_hours": 8,
			"off_hours_measures": [
				"keyword_filter",
				"staffed_hours_notice",
				"on_call",
			],
			"responsible": "Webbredaktör, kommunikationsenheten",
			"staffing": {
				"days": [
					"mon",
					"tue",
					"wed",
					"thu",
					"fri",
				],
				"from": "08:00",
				"to": "17:00",
			},
			"tools": [
				"Plattformarnas modereringsverktyg",
				"Ordfilter",
			],
		},
	],
	"public_records": {
		"adopted_date": "2025-05-20",
		"capture_before_removal": true,
		"capture_scope": [
			"agency_posts",
			"outsider_posts",
			"direct_messages",
			"agency_posts_on_others_media",
			"outsider_replies_on_others_media",
		],
		"inbound_messages_routine_ref": "Rutin för direktmeddelanden, KS 2025/0214",
		"ordering": "kept_ordered",
		"release_routine_ref": "Rutin för utlämnande av allmänna handlingar, KS 2024/0301",
		"release_target_days": 1,
		"routine_ref": "Rutin för allmänna handlingar i sociala medier, KS 2025/0213",
		"secrecy_review_included": true,
		"secret_records_registered": true,
	},
	"schema_version": 1,
	"waivers": [],
	"eval_date": "2026-11-01",
}

# doc(patch) is the compliant agency with patch merged in (objects merge
# recursively, lists are replaced).
doc(patch) := object.union(base, patch)

# channel(patch) is an agency with one channel: fb-kommun changed by patch.
channel(patch) := doc({"channels": [object.union(base.channels[0], patch)]})

# without(keys) is an agency with one channel: fb-kommun without the keys.
without(keys) := doc({"channels": [object.remove(base.channels[0], keys)]})

# status(results, id, target) is the status of one requirement for one target.
status(results, id, target) := r.status if {
	some r in results
	r.id == id
	r.target == target
} else := "pass" if {
	# Only non-passing results exist; a pass is the absence of one, for a
	# target the input really has (so a mistyped target does not pass).
	some t in main.targets[_]
	t.target == target
}

# path(results, id, target) is the path the finding points at.
path(results, id, target) := r.path if {
	some r in results
	r.id == id
	r.target == target
}

# messages(results, id, target) is the English text of its messages.
messages(results, id, target) := concat(" | ", [m.en | some m in r.messages]) if {
	some r in results
	r.id == id
	r.target == target
}
