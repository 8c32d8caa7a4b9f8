package input

import "gopkg.in/yaml.v3"

// Pos returns the line and column of the value at p: for a mapping entry the
// position of its key, so that a finding points at "purpose:" rather than at
// the text after it. A path that is not in the file (a missing key) resolves
// to its nearest existing ancestor. Merged keys (<<) point at the anchor's
// definition, aliases at the alias.
func (d *Doc) Pos(p Path) (line, col int) {
	if d.root == nil {
		return 0, 0
	}
	n := d.root
	line, col = n.Line, n.Column
	for _, step := range p {
		n = deref(n)
		var key, val *yaml.Node
		switch s := step.(type) {
		case string:
			if n.Kind != yaml.MappingNode {
				return line, col
			}
			key, val = lookup(n, s, 0)
		case int:
			if n.Kind != yaml.SequenceNode || s < 0 || s >= len(n.Content) {
				return line, col
			}
			val = n.Content[s]
		}
		if val == nil {
			return line, col
		}
		if key != nil {
			line, col = key.Line, key.Column
		} else {
			line, col = val.Line, val.Column
		}
		n = val
	}
	return line, col
}

// lookup finds key k in mapping m: the last explicit occurrence (C19), else
// the first merged one (C32).
func lookup(m *yaml.Node, k string, depth int) (key, val *yaml.Node) {
	if depth > 32 {
		return nil, nil
	}
	var merges []*yaml.Node
	for i := 0; i+1 < len(m.Content); i += 2 {
		kn := m.Content[i]
		if kn.Tag == "!!merge" {
			merges = append(merges, m.Content[i+1])
			continue
		}
		if kn.Kind == yaml.ScalarNode && kn.Value == k {
			key, val = kn, m.Content[i+1]
		}
	}
	if val != nil {
		return key, val
	}
	for _, mv := range merges {
		for _, src := range mergeSources(mv) {
			if key, val = lookup(src, k, depth+1); val != nil {
				return key, val
			}
		}
	}
	return nil, nil
}
