package app_test

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/paths"
	"github.com/seam-sec/seam/internal/paths/pathtest"
	"github.com/seam-sec/seam/internal/paths/rules"
	"github.com/seam-sec/seam/internal/paths/rules/app"
)

// TestWithEveryRuleSet analyses fixture systems with every registered rule set and foothold source (as
// seam scan does), to check how this package's steps compose with the others': what a file read gives is
// the Kubernetes rules' to decide, and with no token and no Secret on disk it gives nothing. Only chains
// that pass through this package's states are checked, so other rule sets' own paths do not matter here.
func TestWithEveryRuleSet(t *testing.T) {
	fixtureSystems := map[string]system{
		"traversal":       {base: "traversal", flaws: []fixtureFlaw{filesTraversal}},
		"traversal-token": {base: "traversal", overlay: "traversal-token", flaws: []fixtureFlaw{filesTraversal}},
		"rce":             {base: "rce", flaws: []fixtureFlaw{thumbsInjection}},
		"ssrf":            {base: "ssrf", flaws: []fixtureFlaw{previewForgery, reportsInjection, billingInjection}},
	}
	tests := []struct {
		system string
		want   []string // the chains through a file-read, forge or exec state
	}{
		// no token, no Secret: the traversal's file read leads nowhere
		{"traversal", nil},
		// the token mounted: the file read takes the ServiceAccount's credentials
		{"traversal-token", []string{"entry(internet) → reach(k8s:docs/Deployment/files) → file-read(k8s:docs/Deployment/files) → creds(k8s:docs/ServiceAccount/files)"}},
		// the thumbs pods mount no token and reach nothing the crown jewel does not already name
		{"rce", []string{"entry(internet) → reach(k8s:media/Deployment/thumbs) → exec(k8s:media/Deployment/thumbs)"}},
		// forged requests from the api still reach reports only, and billing stays out of reach
		{"ssrf", []string{
			"entry(internet) → reach(k8s:store/Deployment/api) → forge(k8s:store/Deployment/api) → reach(k8s:store/Deployment/reports) → read(infra:aws_db_instance.reports)",
			"entry(internet) → reach(k8s:store/Deployment/api) → forge(k8s:store/Deployment/api) → reach(k8s:store/Deployment/reports) → write(infra:aws_db_instance.reports)",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.system, func(t *testing.T) {
			g := fixtureSystems[tt.system].scan(t)
			res := paths.Analyze(context.Background(), g, paths.Options{Rules: rules.All(), Footholds: rules.Footholds()})
			var got []string
			for _, ch := range pathtest.Chains(res) {
				if strings.Contains(ch, "file-read(") || strings.Contains(ch, "forge(") || strings.Contains(ch, "exec(") {
					got = append(got, ch)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("chains through app states (-want +got):\n%s", diff)
			}
		})
	}
}

// TestRegistered checks that the registry lists this package's rules and its foothold source.
func TestRegistered(t *testing.T) {
	ids := map[string]bool{}
	for _, r := range rules.All() {
		ids[r.Meta().ID] = true
	}
	for _, r := range app.Rules() {
		if !ids[r.Meta().ID] {
			t.Errorf("rules.All() lacks %s", r.Meta().ID)
		}
	}
	found := false
	for _, s := range rules.Footholds() {
		found = found || s.Name() == app.CodeFlawSource
	}
	if !found {
		t.Errorf("rules.Footholds() lacks %q", app.CodeFlawSource)
	}
}
