// Package policies embeds smcheck's OPA bundle: the Rego policies for the ten
// guideline points, their shared lib, the config defaults and the generated
// requirement catalogue. The same tree loads in stock OPA
// (opa test policies, opa eval -b policies …).
package policies

import "embed"

// FS is the bundle: .manifest and the smcheck/ tree.
//
//go:embed .manifest smcheck
var FS embed.FS

// Compiled is the bundle compiled ahead of time (engine.Snapshot), so that a
// run need not parse and compile it: that was most of a one-file check. It
// is derived from FS by `make generate`; the engine uses it only while it
// matches FS and the OPA version, and compiled_test.go fails when it is stale.
// OPA ignores the file: it is neither Rego nor data.
//
//go:embed compiled.bin
var Compiled []byte
