package paths

// ownerOf returns the owner the link stage derived for a node, "" when it has none.
func ownerOf(c *Context, id string) string {
	n := c.Node(id)
	if n == nil {
		return ""
	}
	d, ok := n.Derived["owner"]
	if !ok {
		return ""
	}
	m, _ := d.Value.(map[string]any)
	o, _ := m["owner"].(string)
	return o
}

// accountable returns a path's one accountable owner and why, by this rule (docs/design/attack-paths.md):
// the owner of the crown jewel the path reaches — who answers for the asset answers for the risk to it;
// failing that, the owner of the control that breaks the most likely-to-be-fixed hop (the first hop whose
// control has an owner); failing that, none: the path is an orphan and reported as such.
func accountable(c *Context, p Path) (string, string) {
	if o := ownerOf(c, p.Target.Node); o != "" {
		return o, "owner of the crown jewel " + p.TargetName
	}
	for _, h := range p.Hops {
		if h.FixOwner != "" {
			return h.FixOwner, "the crown jewel has no owner; owner of the first fix on the path (" + h.Control.Title + ")"
		}
	}
	return "", "no owner is known for the crown jewel or any fix on the path"
}
