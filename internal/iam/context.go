package iam

import (
	"sort"
	"strings"
)

// ctxView is the condition-key view of one request: the request's own context, then the principal's and the
// resource's, then the global keys the request itself implies (aws:PrincipalArn, aws:PrincipalAccount,
// aws:username, aws:PrincipalType, aws:ResourceAccount, aws:PrincipalServiceName).
// Source: docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html.
type ctxView struct {
	layers    [3]Context
	principal *Principal
	pAcct     string // the principal's account, read once
	resAcct   string
}

func newCtxView(req, principal, resource Context, p *Principal, pAcct, resAcct string) ctxView {
	return ctxView{layers: [3]Context{req, principal, resource}, principal: p, pAcct: pAcct, resAcct: resAcct}
}

// lookup returns the values of a key and whether the request is known to carry (or lack) it.
func (cx *ctxView) lookup(key string) ([]string, bool) {
	for _, c := range cx.layers {
		if v, ok := c.lookup(key); ok {
			return v, true
		}
	}
	return cx.implied(strings.ToLower(key))
}

// implied answers the global keys a request implies from its principal and resource.
func (cx *ctxView) implied(key string) ([]string, bool) {
	p := cx.principal
	if p == nil {
		return nil, false
	}
	one := func(s string) ([]string, bool) {
		if s == "" {
			return nil, false
		}
		return []string{s}, true
	}
	switch key {
	case "aws:principalarn":
		if p.hasIdentityPolicies() {
			return one(p.ARN)
		}
	case "aws:principalaccount":
		if p.hasIdentityPolicies() || p.Kind == PrincipalAccount {
			return one(cx.pAcct)
		}
	case "aws:username":
		if p.Kind == PrincipalUser {
			return one(roleName(p.ARN))
		}
	case "aws:principaltype":
		switch p.Kind {
		case PrincipalRole:
			return one("AssumedRole")
		case PrincipalUser:
			return one("User")
		case PrincipalAccount:
			return one("Account")
		case PrincipalAnonymous:
			return one("Anonymous")
		}
	case "aws:principalservicename":
		if p.Kind == PrincipalService {
			return one(p.ARN)
		}
	case "aws:resourceaccount":
		return one(cx.resAcct)
	}
	return nil, false
}

// impliedKeys are the global keys implied lists, in the spelling keysMatching reports.
var impliedKeys = []string{"aws:PrincipalAccount", "aws:PrincipalArn", "aws:PrincipalServiceName",
	"aws:PrincipalType", "aws:ResourceAccount", "aws:username"}

// keysMatching returns the keys the request knows that a key pattern with tokens may stand for, sorted.
func (cx *ctxView) keysMatching(pattern *glob) []string {
	var out []string
	seen := map[string]bool{}
	consider := func(k string) {
		lk := strings.ToLower(k)
		if seen[lk] {
			return
		}
		v := compileGlob(k, false, true)
		if overlap(pattern, &v) != no {
			seen[lk] = true
			out = append(out, k)
		}
	}
	for _, c := range cx.layers {
		for _, k := range sortedContextKeys(c) {
			consider(k)
		}
	}
	for _, k := range impliedKeys {
		if _, ok := cx.implied(strings.ToLower(k)); ok {
			consider(k)
		}
	}
	sort.Strings(out)
	return out
}

// substitute replaces the policy variables of s (${aws:username}) that the request supplies with exactly
// one value; the rest stay tokens.
func (cx *ctxView) substitute(s string) string {
	if !strings.Contains(s, "${") {
		return s
	}
	var b strings.Builder
	changed := false
	for i := 0; i < len(s); i++ {
		if s[i] != '$' || i+1 >= len(s) || s[i+1] != '{' {
			b.WriteByte(s[i])
			continue
		}
		end := tokenEnd(s, i)
		if end < 0 {
			b.WriteString(s[i:])
			break
		}
		name := strings.TrimSpace(s[i+2 : end])
		if k, _, ok := strings.Cut(name, ","); ok { // ${aws:PrincipalTag/team, 'default'}
			name = strings.TrimSpace(k)
		}
		if vals, ok := cx.lookup(name); ok && len(vals) == 1 && isVariableName(name) {
			b.WriteString(vals[0])
			changed = true
		} else {
			b.WriteString(s[i : end+1])
		}
		i = end
	}
	if !changed {
		return s
	}
	return b.String()
}

// isVariableName reports whether a token's name has the form of a condition key ("aws:username",
// "aws:PrincipalTag/team", "s3:prefix"), as opposed to a Terraform expression.
func isVariableName(name string) bool {
	svc, key, ok := strings.Cut(name, ":")
	if !ok || svc == "" || key == "" {
		return false
	}
	for i := 0; i < len(svc); i++ {
		c := svc[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// resolvePattern returns p with the request's policy variables substituted, or p itself when there is
// nothing to substitute.
func (cx *ctxView) resolvePattern(p *ResourcePattern) *ResourcePattern {
	if !p.HasTokens() {
		return p
	}
	s := cx.substitute(p.raw)
	if s == p.raw {
		return p
	}
	q := CompileResource(s)
	return &q
}
