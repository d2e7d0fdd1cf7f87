package iam

// The decision rule of AWS's policy evaluation logic, for the policy types found in files
// (docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html, "Determining whether a
// request is allowed or denied within an account", and reference_policies_evaluation-logic-cross-account.html).
// It works on bit sets so that one evaluation can decide many actions at once: bit i of each word is about
// action i. The single-request evaluation uses one bit.

// ruleMode is which form of the rule applies to a request.
type ruleMode uint8

const (
	// modeResourceOnly: the principal has no identity policies here (a service, a federated session, an
	// anonymous caller); only the resource-based policy can allow.
	modeResourceOnly ruleMode = iota
	// modeSame: principal and resource in one account; an identity policy or a resource policy naming the
	// principal allows.
	modeSame
	// modeStrict: the resource's own policy must allow, directly or by delegating to the account (KMS key
	// policies, role trust policies), in one account.
	modeStrict
	// modeCross: principal and resource in different accounts; the identity policy and the resource policy
	// must both allow.
	modeCross
)

// sides holds, per action bit, what each kind of policy says. "A" is "applies to some of the resource",
// "F" is "applies to all of it". id: identity policies; b: the permissions boundary (all ones when there is
// none); rd: resource policy statements naming the principal; rg: those naming only its account; d: explicit
// denies from any of them.
type sides struct {
	idA, idF, bA, bF, rdA, rdF, rgA, rgF, dA, dF uint64
}

// grant is what the rule allows, and through which policies.
type grant struct {
	some, full       uint64
	viaID, viaRD     uint64 // identity policies were needed; a resource policy naming the principal was
	viaRG, boundCaps uint64 // a resource policy delegating to the account was; the boundary removed access
}

// decide applies the rule. uncapped says a resource policy's grant to the principal directly is not limited
// by its permissions boundary: AWS's rule for IAM users in the same account. A grant to a role ARN is limited
// by the role's boundary (reference_policies_evaluation-logic.html, "Identity-based policies with resource-based
// policies" and "Permissions boundaries").
func (s *sides) decide(m ruleMode, uncapped bool) grant {
	capA, capF := s.bA, s.bF
	if uncapped {
		capA, capF = ^uint64(0), ^uint64(0)
	}
	var g grant
	switch m {
	case modeResourceOnly:
		g.some, g.full, g.viaRD = s.rdA, s.rdF, s.rdA
	case modeSame:
		id, rd := s.idA&s.bA, s.rdA&capA
		g.some = id | rd
		g.full = s.idF&s.bF | s.rdF&capF
		g.viaID, g.viaRD = id, rd
		g.boundCaps = (s.idA | s.rdA) &^ g.some
	case modeStrict:
		rd, rg := s.rdA&capA, s.rgA&s.idA&s.bA
		g.some = rd | rg
		g.full = s.rdF&capF | s.rgF&s.idF&s.bF
		g.viaRD, g.viaRG, g.viaID = rd, rg, rg
		g.boundCaps = (s.rdA | s.rgA&s.idA) &^ g.some
	case modeCross:
		id := s.idA & s.bA & (s.rdA | s.rgA)
		g.some = id
		g.full = s.idF & s.bF & (s.rdF | s.rgF)
		g.viaID, g.viaRD, g.viaRG = id, id&s.rdA, id&s.rgA
		g.boundCaps = s.idA & (s.rdA | s.rgA) &^ id
	}
	g.some &^= s.dF
	g.full &= g.some
	g.full &^= s.dA
	g.viaID &= g.some
	g.viaRD &= g.some
	g.viaRG &= g.some
	return g
}
