package checks

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"

	"github.com/smcheck/smcheck/checks/input"
)

// Baseline states of a failed finding when a run is compared with a baseline
// (check --baseline); the names are SARIF's baselineState values.
const (
	// BaselineNew: the failure is not in the baseline. It fails the run.
	BaselineNew = "new"
	// BaselineUnchanged: the failure is in the baseline. It is still
	// reported with status fail, but does not fail the run.
	BaselineUnchanged = "unchanged"
)

// FingerprintVersion names the fingerprint recipe below; it is hashed into
// every fingerprint, so a change of recipe changes every fingerprint instead
// of silently matching different findings.
const FingerprintVersion = "smcheck-finding-v1"

// A finding's fingerprint identifies it within its agency across runs, so
// that a baseline (checks/baseline) and other tools can recognise the same
// finding after the file was edited. It is the first 128 bits, in hex, of
//
//	sha256(FingerprintVersion NUL requirement NUL target NUL subject)
//
// where
//
//   - target is the finding's target; a waiver target waivers[i] is named by
//     what the waiver covers, waivers[P6.2@fb-x], instead of its position
//     (#n is added to the second and later waivers covering the same thing,
//     and an incomplete waiver without requirement or target keeps its
//     index, waivers[#i]);
//   - subject is the object at fault: the finding's path with every list
//     index replaced by the item's id (channels[id=fb-x], agreements[id=…],
//     archiving.profiles[id=…], …; waivers as above; items of lists without
//     ids, such as goals or administrators, become [*]), cut after the last
//     step named by an id, and "" when no step is.
//
// Deliberately not part of it:
//
//   - line and column, and list positions: inserting lines, comments or
//     whole channels above, or reordering channels, agreements or profiles,
//     keeps the fingerprint;
//   - the key at the end of the path and the message: a requirement that
//     checks several keys of one object names the first one that fails
//     (P2.3 risk_assessment.agency_risks, then .conclusion …), and the
//     message carries the values (capture every 90 days, then every 30).
//     Fixing part of a failure, or changing a value that still fails, is
//     the same finding. Messages are also reworded between versions;
//   - the agency and the file: a fingerprint is unique within one agency's
//     results (one result per requirement and target). A baseline pairs it
//     with the agency's org_number and name.
//
// A failure that changes substance gets a new fingerprint: another
// requirement, another target, or another object at fault (the channel now
// refers to a different agreement or archive profile that also fails, or
// P10.1 moves from "no info_notice_ref" on the channel to an incomplete
// info_notices[id=…]).
func Fingerprint(requirement, target, subject string) string {
	sum := sha256.Sum256([]byte(FingerprintVersion + "\x00" + requirement + "\x00" + target + "\x00" + subject))
	return hex.EncodeToString(sum[:16])
}

// setFingerprints fills OrgNumber and every finding's Fingerprint from the
// normalised document the findings were computed from.
func setFingerprints(res *Result, doc map[string]any) {
	if a, ok := doc["agency"].(map[string]any); ok {
		res.OrgNumber, _ = a["org_number"].(string)
	}
	names := waiverNames(doc)
	for i := range res.Findings {
		f := &res.Findings[i]
		f.Fingerprint = Fingerprint(f.ID, stableTarget(f.Target, names), Subject(f.Path, doc))
	}
}

// stableTarget names a waiver target by what the waiver covers.
func stableTarget(target string, waivers []string) string {
	if !strings.HasPrefix(target, "waivers[") {
		return target
	}
	i, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(target, "waivers["), "]"))
	if err != nil || i < 0 || i >= len(waivers) {
		return target
	}
	return "waivers[" + waivers[i] + "]"
}

// waiverNames names each waiver requirement@target, in list order.
func waiverNames(doc map[string]any) []string {
	list, _ := doc["waivers"].([]any)
	names := make([]string, len(list))
	seen := map[string]int{}
	for i, item := range list {
		w, _ := item.(map[string]any)
		req, _ := w["requirement"].(string)
		tgt, _ := w["target"].(string)
		if req == "" || tgt == "" {
			names[i] = "#" + strconv.Itoa(i)
			continue
		}
		name := req + "@" + tgt
		seen[name]++
		if n := seen[name]; n > 1 {
			name += "#" + strconv.Itoa(n)
		}
		names[i] = name
	}
	return names
}

// Subject is the object a finding's path points into, named by ids instead
// of list positions (see Fingerprint): channels[3].account_owner is
// channels[id=tt-naturum], and agreements[2].review.date is
// agreements[id=agr-tiktok].
func Subject(path string, doc map[string]any) string {
	var b strings.Builder
	keep := 0
	var cur any = doc
	var waivers []string
	for i, step := range input.ParsePath(path) {
		switch s := step.(type) {
		case string:
			if i > 0 {
				b.WriteByte('.')
			}
			b.WriteString(s)
			m, _ := cur.(map[string]any)
			cur = m[s]
		case int:
			list, _ := cur.([]any)
			var item any
			if s >= 0 && s < len(list) {
				item = list[s]
			}
			name := ""
			if i == 1 && b.String() == "waivers" {
				if waivers == nil {
					waivers = waiverNames(doc)
				}
				if s >= 0 && s < len(waivers) {
					name = waivers[s]
				}
			} else if m, ok := item.(map[string]any); ok {
				if id, ok := m["id"].(string); ok && id != "" {
					name = "id=" + id
				}
			}
			if name == "" {
				b.WriteString("[*]")
			} else {
				b.WriteString("[" + name + "]")
				keep = b.Len()
			}
			cur = item
		}
	}
	return b.String()[:keep]
}
