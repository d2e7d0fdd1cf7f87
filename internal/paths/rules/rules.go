// Package rules lists every attack-path step rule Seam applies, in one place: a new rule set is one package
// under internal/paths/rules plus one line here.
package rules

import (
	"github.com/seam-sec/seam/internal/paths"
	"github.com/seam-sec/seam/internal/paths/rules/app"
	"github.com/seam-sec/seam/internal/paths/rules/aws"
	"github.com/seam-sec/seam/internal/paths/rules/entry"
	"github.com/seam-sec/seam/internal/paths/rules/k8s"
	"github.com/seam-sec/seam/internal/paths/rules/vuln"
)

// All returns every rule, in a fixed order.
func All() []paths.Rule {
	var out []paths.Rule
	out = append(out, entry.Rules()...)
	out = append(out, app.Rules()...)
	out = append(out, app.SecretRules()...)
	out = append(out, k8s.Rules()...)
	out = append(out, aws.Rules()...)
	return out
}

// Footholds returns every source of application footholds.
func Footholds() []paths.FootholdSource {
	return []paths.FootholdSource{app.CodeFlaws{}, vuln.Vulnerabilities{}}
}
