// Package owner gives every node exactly one accountable owner, and carries business criticality from the
// services that declare it to everything that is part of them or supports them. Two builders live here, both
// in stage "context" (after internal/link/service's part-of edges, made in stage "derive"): owner, which sets
// the derived property "owner" and an owned-by edge, and criticality, which sets "criticality".
//
// Ownership precedence (SPEC.md), highest first; names from every source are resolved to one canonical owner
// node through the aliases seam.yaml declares (group:default/payments, payments and @acme/payments are one team
// when seam.yaml lists them as aliases of @acme/payments):
//
//  1. seam.yaml, in three steps of specificity: an owner's resources glob matching the node ID; the owner of
//     a seam.yaml service the node is part of (or, for the business service itself, its own owner); an owner's
//     paths glob matching the node's file. Within the first and the last, a glob with a longer literal prefix is
//     more specific and wins without a conflict ("infra/payments/**" over "infra/**").
//  2. The Backstage catalog: spec.owner of the entity itself, or of the Component the node is part of.
//  3. Tags and labels: Terraform tags and Kubernetes labels named owner, team or owner-team (compared without
//     case, "_" read as "-"); app.kubernetes.io/managed-by names a tool, not an owner, and is not read.
//  4. CODEOWNERS of the node's file: the first owner on the last matching line (GitHub's rule); the other
//     owners of that line are listed as co-owners among the candidates, never as a conflict.
//  5. Inherited: the owner of a service the node is part of (a Component's System, a business service's).
//
// Decisions:
//   - Conflicts are counted only at the step that decides: two candidates of the same step and specificity
//     naming different canonical owners are a warning at the node's file and line, naming every proposal and
//     the winner. The tie-break is deterministic: tag and label keys in the order owner, team, owner-team,
//     then the rule that comes first in the files (path, then line), then the owner ID.
//   - Shared artefacts take the owner of what uses them, unless a seam.yaml resources glob names them: a
//     package that of the lockfile modules (or images) containing it (source "module"); an image no
//     Dockerfile here builds (a base image, a public image) that of the Dockerfiles building from it (source
//     "dockerfile") and the workloads running it (source "workload"). Several owners among the users are no
//     conflict: every team picks its libraries and base images, none owns golang:1.22 alone.
//   - Implicit nodes (referenced, not defined) have no file of their own: path globs and CODEOWNERS do not
//     apply to them; they are owned through their service.
//   - Owners, data classes, crown jewels, entry points and vulnerabilities get no owner: an owner is not owned,
//     the others are concepts whose findings take the owner of the node they are found on. Business services
//     and configuration files (seam.yaml, CODEOWNERS) are resolved like any node.
//   - A name no source declares as an owner node (a tag team=data-eng) gets an implicit owner node.
//   - Orphans get the derived owner {orphan: true}; the scan summary counts them (an orphan is a gap in the
//     ownership sources, not a problem with an input file, so it is not a diagnostic).
//   - Shared infrastructure (an Ingress, load balancer, network, cluster or node group) that services with
//     different owners share is not theirs: the service steps abstain and the next source decides, without a
//     conflict. A workload, identity or store two services claim is a conflict.
//   - An alias two seam.yaml owners both list belongs to the first by owner ID, with a warning.
//   - Path globs and CODEOWNERS read the file that defines a node first (its provenance); a node several
//     files define (one package in many lockfiles) is not owned by the others' paths.
//   - The derived owner lists at most 20 other proposals (candidates, each with source, rule, file and line;
//     co_owner for CODEOWNERS co-owners); candidates_more counts the rest. The owned-by edge's method is the
//     winning source, its confidence certain for seam.yaml, high for Backstage and tags, medium otherwise.
package owner

import (
	"context"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// Key is the derived property the owner builder sets.
const Key = "owner"

// Builder is the ownership builder. It holds no state and is safe for concurrent use.
type Builder struct{}

// New returns the ownership builder.
func New() *Builder { return &Builder{} }

var _ link.Builder = (*Builder)(nil)

// Name returns "owner".
func (*Builder) Name() string { return "owner" }

// Describe says what the builder derives.
func (*Builder) Describe() string {
	return "one accountable owner per node, by the precedence seam.yaml > Backstage > tags and labels > CODEOWNERS > service, with conflicts and orphans reported"
}

// Inputs lists what the builder reads.
func (*Builder) Inputs() []string {
	return []string{
		"owner aliases, resources and paths (seam.yaml)", "business-service owned-by edges (seam.yaml, Backstage)",
		"Backstage owned-by edges", "part-of edges (link/service)", "Terraform tags and Kubernetes labels",
		"CODEOWNERS rules", "contains edges (module → package)",
	}
}

// Build derives the owner of every node that can have one.
func (b *Builder) Build(ctx context.Context, in *link.Input) (model.Facts, error) {
	r := newResolver(b, in)
	for _, n := range in.Graph.Nodes() {
		if err := ctx.Err(); err != nil {
			return model.Facts{}, err
		}
		if ownable(n) {
			r.emit(n, r.resolve(n))
		}
	}
	r.finish()
	return r.out, nil
}

// ownable reports whether a node gets an owner (see the package comment).
func ownable(n *model.Node) bool {
	switch n.Kind {
	case model.KindOwner, model.KindDataClass, model.KindCrownJewel, model.KindEntryPoint, model.KindVulnerability:
		return false
	}
	return n.Kind.Valid()
}
