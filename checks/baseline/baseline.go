// Package baseline records a run's failed findings in a baseline file and
// compares later runs with it, so that a gate fails only on new failures
// (smcheck baseline, smcheck check --baseline; docs/baseline.md).
//
// A finding is matched by its agency (org_number and name, as written in
// the file) and its fingerprint (checks.Fingerprint: requirement, target and
// the object at fault, without line numbers or list positions). The file
// path is recorded for people, not matched: files can be moved and renamed.
package baseline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strings"

	"github.com/smcheck/smcheck/internal/jsonerr"

	"github.com/smcheck/smcheck/checks"
)

// Version is the baseline_version this package writes and reads. It is
// bumped on a breaking change of the file or of checks.FingerprintVersion.
const Version = "1"

// File is a baseline file. Its field order is the output order.
type File struct {
	BaselineVersion string `json:"baseline_version"`
	Tool            Tool   `json:"tool"`
	// AsOf is the --as-of date the baseline was made with, or nil.
	AsOf     *string `json:"as_of"`
	Findings []Entry `json:"findings"`
}

// Tool is what wrote the baseline (for people; not compared).
type Tool struct {
	Name         string `json:"name"`
	Version      string `json:"version"`
	PolicySHA256 string `json:"policy_sha256"`
}

// Entry is one failed finding. OrgNumber, Agency and Fingerprint are
// matched; the rest is recorded so that people can read and review the
// baseline (and is stable across edits that keep the finding: no line).
type Entry struct {
	File        string `json:"file"`
	Agency      string `json:"agency"`
	OrgNumber   string `json:"org_number"`
	Requirement string `json:"requirement"`
	Target      string `json:"target"`
	Severity    string `json:"severity"`
	Path        string `json:"path"`
	// Message is the English message at the time of the baseline.
	Message     string `json:"message"`
	Fingerprint string `json:"fingerprint"`
}

// agency identifies an agency across runs.
type agency struct{ org, name string }

type key struct {
	agency
	fp string
}

func (e Entry) key() key { return key{agency{e.OrgNumber, e.Agency}, e.Fingerprint} }

func identity(r *checks.Result) agency { return agency{r.OrgNumber, r.Agency} }

// ErrInvalidInput is returned by Add for a file with input errors: input
// errors are never baselined.
var ErrInvalidInput = errors.New("input errors cannot be baselined")

// Builder collects the failed findings of a run.
type Builder struct {
	f *File
}

// NewBuilder starts a baseline. asOf is the run's --as-of ("" if none).
func NewBuilder(tool Tool, asOf string) *Builder {
	f := &File{BaselineVersion: Version, Tool: tool, Findings: []Entry{}}
	if asOf != "" {
		f.AsOf = &asOf
	}
	return &Builder{f: f}
}

// Add records r's failed findings, of every severity. A file with input
// errors is refused with ErrInvalidInput.
func (b *Builder) Add(r *checks.Result) error {
	if r.HasInputErrors() {
		return ErrInvalidInput
	}
	for _, f := range r.Findings {
		if f.Status != checks.StatusFail {
			continue
		}
		b.f.Findings = append(b.f.Findings, Entry{
			File: r.File, Agency: r.Agency, OrgNumber: r.OrgNumber,
			Requirement: f.ID, Target: f.Target, Severity: f.Severity, Path: f.Path,
			Message: englishMessage(f), Fingerprint: f.Fingerprint,
		})
	}
	return nil
}

// File returns the baseline: findings in file order, and within a file in
// the order of reports (requirement, then target; clarification C5).
func (b *Builder) File() *File {
	sort.SliceStable(b.f.Findings, func(i, j int) bool { return b.f.Findings[i].File < b.f.Findings[j].File })
	return b.f
}

func englishMessage(f checks.Finding) string {
	parts := make([]string, 0, len(f.Messages))
	for _, m := range f.Messages {
		parts = append(parts, m.EN)
	}
	return strings.Join(parts, "; ")
}

// Write writes f as indented JSON with a final newline.
func Write(w io.Writer, f *File) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(f); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// Read reads and checks a baseline file.
func Read(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("cannot read the baseline: %w", err)
	}
	return Parse(data)
}

var fingerprintRE = regexp.MustCompile(`^[0-9a-f]{32}$`)

// Parse checks and decodes a baseline. Unknown fields are ignored (later
// versions may add some); missing or malformed ones are errors.
func Parse(data []byte) (*File, error) {
	var head struct {
		Version  *string          `json:"baseline_version"`
		Findings *json.RawMessage `json:"findings"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("not a baseline file: %s", jsonerr.Describe(data, err))
	}
	switch {
	case head.Version == nil:
		return nil, errors.New(`not a baseline file: no "baseline_version" (write one with smcheck baseline)`)
	case *head.Version != Version:
		return nil, fmt.Errorf("baseline_version %q is not supported: this smcheck reads %q; write the baseline again with smcheck baseline", *head.Version, Version)
	case head.Findings == nil || bytes.Equal(*head.Findings, []byte("null")):
		return nil, errors.New(`no "findings" list`)
	}
	var f File
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, errors.New(jsonerr.Describe(data, err))
	}
	for i, e := range f.Findings {
		var problem string
		switch {
		case e.Requirement == "":
			problem = "requirement is missing"
		case !fingerprintRE.MatchString(e.Fingerprint):
			problem = "fingerprint is missing or not 32 lower-case hexadecimal digits"
		case e.OrgNumber == "" && e.Agency == "":
			problem = "org_number and agency are both missing"
		}
		if problem != "" {
			return nil, fmt.Errorf("findings[%d] (%s): %s", i, strings.TrimSpace(e.Requirement+" "+e.Target), problem)
		}
	}
	return &f, nil
}

// Status is the outcome of comparing a run with a baseline.
type Status struct {
	// File is the baseline file as given on the command line.
	File string
	// New and Unchanged count the run's failed findings that are not, and
	// are, in the baseline.
	New, Unchanged int
	// Fixed are the baseline's findings of agencies checked in this run
	// (valid files only) that no longer fail: fixed, waived, no longer
	// applicable, or their channel is gone. In baseline order.
	Fixed []Entry
	// NotChecked counts the baseline's findings of agencies that no valid
	// file of this run describes (other files, or a file that is invalid now).
	NotChecked int
}

// Matcher compares the results of a run with a baseline.
type Matcher struct {
	file    string
	entries []Entry
	left    map[key][]int // unmatched entry indexes, in baseline order
	seen    map[agency]bool
	st      Status
}

// NewMatcher compares with f, read from file (the name is for reports).
func NewMatcher(file string, f *File) *Matcher {
	m := &Matcher{file: file, entries: f.Findings, left: map[key][]int{}, seen: map[agency]bool{}}
	for i, e := range f.Findings {
		m.left[e.key()] = append(m.left[e.key()], i)
	}
	return m
}

// Mark sets Baseline on r's failed findings: BaselineUnchanged for one that
// matches an entry not matched yet, else BaselineNew. Results must be
// marked in a fixed order (path order) for a deterministic outcome when
// several files describe the same agency. Files with input errors are left
// alone: they fail the run anyway, and their findings may be incomplete.
func (m *Matcher) Mark(r *checks.Result) {
	if r.HasInputErrors() {
		return
	}
	id := identity(r)
	m.seen[id] = true
	for i := range r.Findings {
		f := &r.Findings[i]
		if f.Status != checks.StatusFail {
			continue
		}
		k := key{id, f.Fingerprint}
		if idx := m.left[k]; len(idx) > 0 {
			m.left[k] = idx[1:]
			f.Baseline = checks.BaselineUnchanged
			m.st.Unchanged++
		} else {
			f.Baseline = checks.BaselineNew
			m.st.New++
		}
	}
}

// Status is the comparison after every result was marked.
func (m *Matcher) Status() *Status {
	st := m.st
	st.File = m.file
	st.Fixed = []Entry{}
	var rest []int
	for _, idx := range m.left {
		rest = append(rest, idx...)
	}
	sort.Ints(rest)
	for _, i := range rest {
		e := m.entries[i]
		if m.seen[agency{e.OrgNumber, e.Agency}] {
			st.Fixed = append(st.Fixed, e)
		} else {
			st.NotChecked++
		}
	}
	return &st
}
