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
