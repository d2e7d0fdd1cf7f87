package rbac

import "sort"

// Held is a dangerous capability a subject holds in one scope, with the grants behind it.
type Held struct {
	Capability Capability
	Scope      Scope
	// Verbs are the verbs of the capability's probes the grants give, sorted.
	Verbs []string
	// ResourceNames is nil when the capability applies to every object; otherwise the grants are limited by
	// resourceNames and these are the names they allow.
	ResourceNames []string
	Grants        []Grant
	// AdminEquivalent is set when the capability, held cluster-wide, makes the subject a cluster-admin
	// (impersonating system:masters, binding cluster-admin, approving kube-apiserver-client certificates…);
	// AdminGrants are the grants that make it so.
	AdminEquivalent bool
	AdminGrants     []Grant
}

// hitAt is a capability hit in a grant.
type hitAt struct {
	h     capHit
	grant Grant
	order int // position of the permission, to keep grants in the order Permissions gave them
}

// Capabilities returns the dangerous capabilities the permissions add up to, one per capability and scope,
// in catalogue order, the cluster scope first. A capability held cluster-wide is not repeated for a
// namespace. Wildcards count for every capability they cover: '*' verbs on '*' resources holds them all.
func Capabilities(perms []Permission) []Held {
	byCap := make([][]hitAt, len(catalogue))
	for i := range perms {
		pm := &perms[i]
		for _, h := range pm.hits {
			c := &catalogue[h.cap]
			sc := pm.Grant.Scope
			switch {
			case !sc.IsCluster() && !h.namespaced,
				c.literal && !c.namespaced && !sc.IsCluster(),
				c.namespaced && sc.IsCluster(),
				c.Namespace != "" && !sc.Covers(c.Namespace):
				continue
			}
			byCap[h.cap] = append(byCap[h.cap], hitAt{h: h, grant: pm.Grant, order: i})
		}
	}
	var out []Held
	for ci, hits := range byCap {
		if len(hits) == 0 {
			continue
		}
		out = append(out, heldOf(&catalogue[ci], hits)...)
	}
	return out
}

// heldOf turns the hits of one capability into one Held per scope where all its needs are met.
func heldOf(c *Capability, hits []hitAt) []Held {
	var scopes []Scope
	seen := map[Scope]bool{Cluster: true}
	for _, h := range hits {
		if !seen[h.grant.Scope] {
			seen[h.grant.Scope] = true
			scopes = append(scopes, h.grant.Scope)
		}
	}
	sort.Slice(scopes, func(i, j int) bool { return scopes[i].Namespace < scopes[j].Namespace })
	scopes = append([]Scope{Cluster}, scopes...)
	var out []Held
	clusterMet := false
	for _, sc := range scopes {
		var in []hitAt
		for _, h := range hits {
			if !h.h.admin && (h.grant.Scope == sc || h.grant.Scope.IsCluster()) {
				in = append(in, h)
			}
		}
		if !needsMet(len(c.needs), in) {
			continue
		}
		if sc.IsCluster() {
			clusterMet = true
		} else if clusterMet {
			continue
		}
		held := Held{Capability: *c, Scope: sc}
		held.Verbs, held.ResourceNames, held.Grants = summarise(len(c.needs), in)
		if sc.IsCluster() {
			held.AdminEquivalent, held.AdminGrants = adminOf(c, hits)
		}
		out = append(out, held)
	}
	return out
}

func needsMet(n int, hits []hitAt) bool {
	for i := 0; i < n; i++ {
		ok := false
		for _, h := range hits {
			if h.h.need == i {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// summarise collects the verbs, name limits and grants of the hits. Names are nil when every need is met by
// a grant without a name limit.
func summarise(n int, hits []hitAt) (verbs, names []string, grants []Grant) {
	unlimited := make([]bool, n)
	for _, h := range hits {
		if h.h.names == nil {
			unlimited[h.h.need] = true
		}
	}
	allUnlimited := true
	for _, u := range unlimited {
		allUnlimited = allUnlimited && u
	}
	for _, h := range hits {
		verbs = union(verbs, h.h.verbs)
		if !allUnlimited && !unlimited[h.h.need] {
			names = union(names, h.h.names)
		}
	}
	sort.Strings(verbs)
	sort.Strings(names)
	return verbs, names, grantsOf(hits)
}

// grantsOf returns the distinct grants of hits in permission order.
func grantsOf(hits []hitAt) []Grant {
	sorted := append([]hitAt(nil), hits...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].order < sorted[j].order })
	var out []Grant
	last := -1
	for _, h := range sorted {
		if h.order == last {
			continue
		}
		last = h.order
		out = append(out, h.grant)
	}
	return out
}

// adminOf reports whether the cluster-wide hits meet every admin need of a capability (a literal '*' rule
// always does).
func adminOf(c *Capability, hits []hitAt) (bool, []Grant) {
	var in []hitAt
	for _, h := range hits {
		if !h.grant.Scope.IsCluster() {
			continue
		}
		if c.literal || h.h.admin {
			in = append(in, h)
		}
	}
	if c.literal {
		return len(in) > 0, grantsOf(in)
	}
	if len(c.admin) == 0 || !needsMet(len(c.admin), in) {
		return false, nil
	}
	return true, grantsOf(in)
}
