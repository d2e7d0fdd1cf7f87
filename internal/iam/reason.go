package iam

// reason says in one sentence why the rule decided as it did.
func (e *evaluation) reason(g grant) string {
	d := &e.d
	if d.Allowed {
		s := e.allowReason(g)
		if d.Partial {
			s += ", for only part of " + e.tgt.raw
		}
		return s
	}
	if d.ExplicitDeny {
		return "explicitly denied by " + d.Denying[0].String()
	}
	if g.boundCaps != 0 {
		return "the permissions boundary " + e.p.Boundary.Source.Node + " does not allow " + e.act.raw
	}
	return e.denyReason()
}

func (e *evaluation) allowReason(g grant) string {
	switch e.mode {
	case modeResourceOnly:
		return "the " + e.rpKind + " admits " + describePrincipal(e.p)
	case modeStrict:
		if g.viaRD != 0 {
			return "the " + e.rpKind + " admits " + describePrincipal(e.p) + " directly"
		}
		return "the " + e.rpKind + " delegates to the account and an identity policy allows " + e.act.raw
	case modeCross:
		return "cross-account: an identity policy allows " + e.act.raw + " and the " + e.rpKind + " admits the principal"
	}
	if g.viaID != 0 {
		return "an identity policy allows " + e.act.raw
	}
	return "the " + e.rpKind + " names " + describePrincipal(e.p)
}

func (e *evaluation) denyReason() string {
	s := &e.s
	switch e.mode {
	case modeResourceOnly:
		if e.rp == nil {
			return describePrincipal(e.p) + " has no identity policies and the resource has no resource policy: implicitly denied"
		}
		return "the " + e.rpKind + " does not admit " + describePrincipal(e.p) + ": implicitly denied"
	case modeStrict:
		if s.rgA != 0 {
			return "the " + e.rpKind + " delegates to the account, but no identity policy allows " + e.act.raw
		}
		return "the " + e.rpKind + " does not admit " + describePrincipal(e.p) + " or its account"
	case modeCross:
		if s.idA == 0 {
			return "cross-account: no identity policy allows " + e.act.raw
		}
		if e.rp == nil {
			return "cross-account: the resource has no " + e.rpKind + " to admit the principal"
		}
		return "cross-account: the " + e.rpKind + " does not admit the principal or its account"
	}
	return "no identity policy allows " + e.act.raw + " on " + e.tgt.raw + " and no resource policy names the principal: implicitly denied"
}
