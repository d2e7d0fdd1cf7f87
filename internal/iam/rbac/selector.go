package rbac

// Selector is a Kubernetes label selector, as a ClusterRole's aggregationRule holds them: every MatchLabels
// pair and every expression must hold. An empty selector matches every label set.
type Selector struct {
	MatchLabels      map[string]string
	MatchExpressions []Expression
}

// Expression is one matchExpressions entry.
type Expression struct {
	Key      string
	Operator string // In, NotIn, Exists, DoesNotExist
	Values   []string
}

// Matches reports whether labels satisfy the selector. An expression with an unknown operator matches
// nothing, as the API server refuses such a selector.
func (s Selector) Matches(labels map[string]string) bool {
	for k, v := range s.MatchLabels {
		if got, ok := labels[k]; !ok || got != v {
			return false
		}
	}
	for _, e := range s.MatchExpressions {
		if !e.matches(labels) {
			return false
		}
	}
	return true
}

func (e Expression) matches(labels map[string]string) bool {
	v, ok := labels[e.Key]
	switch e.Operator {
	case "In":
		return ok && containsLiteral(e.Values, v)
	case "NotIn":
		return !ok || !containsLiteral(e.Values, v)
	case "Exists":
		return ok
	case "DoesNotExist":
		return !ok
	}
	return false
}
