package rbac

import "strings"

// Wildcard is the value that matches every verb, API group, resource, or non-resource URL.
const Wildcard = "*"

// Allows reports whether the rule admits the request, ignoring where the rule is granted (see Scope.Covers).
func (r *Rule) Allows(req Request) bool {
	if !contains(r.Verbs, req.Verb) {
		return false
	}
	if req.NonResource {
		return urlMatches(r.NonResourceURLs, req.Path)
	}
	return contains(r.APIGroups, req.Group) && resourceMatches(r.Resources, req.Resource, req.Subresource) &&
		nameMatches(r.ResourceNames, req.Name)
}

// contains reports whether list holds v or the wildcard.
func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v || x == Wildcard {
			return true
		}
	}
	return false
}

// containsLiteral reports whether list holds v itself.
func containsLiteral(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// resourceMatches applies the resource rules: "*" matches every resource and subresource, "pods/exec"
// matches only that subresource, "*/exec" the exec subresource of every resource.
func resourceMatches(list []string, resource, sub string) bool {
	combined := resource
	if sub != "" {
		combined = resource + "/" + sub
	}
	for _, x := range list {
		if x == Wildcard || x == combined {
			return true
		}
		if sub != "" && strings.HasPrefix(x, "*/") && x[2:] == sub {
			return true
		}
	}
	return false
}

// nameMatches applies resourceNames: an empty list admits every name, a non-empty one only the names it
// holds — and never a request without a name.
func nameMatches(names []string, name string) bool {
	if len(names) == 0 {
		return true
	}
	return name != "" && containsLiteral(names, name)
}

// urlMatches applies nonResourceURLs: an exact path, "*", or a prefix ending in "*" ("/metrics/*").
func urlMatches(urls []string, path string) bool {
	for _, u := range urls {
		if u == Wildcard || u == path {
			return true
		}
		if strings.HasSuffix(u, "*") && strings.HasPrefix(path, strings.TrimSuffix(u, "*")) {
			return true
		}
	}
	return false
}

// isAllWildcard reports whether the rule is "*" verbs on "*" resources in "*" API groups with no name limit:
// everything a cluster-admin may do on objects.
func (r *Rule) isAllWildcard() bool {
	return containsLiteral(r.Verbs, Wildcard) && containsLiteral(r.APIGroups, Wildcard) &&
		containsLiteral(r.Resources, Wildcard) && len(r.ResourceNames) == 0
}
