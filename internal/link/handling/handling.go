// Package handling finds the workloads that handle each class of sensitive data: a workload that can read or
// write a data store holding a class becomes a handler of it, as a handles edge workload → data class with
// the chain that gives it the access, the access levels and the evidence. It runs in stage "derive", over the
// join stage's edges: uses-identity (workload → ServiceAccount → IAM role, instance profile → role), can
// (identity → data store, attribute access), connects-to (workload → data store), reads-secret and mounts
// (workload → Secret or ConfigMap) and holds (data store → data class).
//
// Decisions:
//   - Reach is the workload's own: the identities it holds through uses-identity (any depth up to four, so
//     pod → ServiceAccount → role and instance → profile → role), their can edges, and the workload's own
//     connects-to, reads-secret and mounts edges. can-assume and runs-on are not followed: assuming another
//     role, or stealing the node's credentials, is a step of an attack path (internal/paths), not access the
//     workload is given.
//   - A can edge makes a handler when its access includes read, write or admin. List-only access (and
//     tagging or permissions-management alone) does not: it reveals names, not data; when that is all a
//     workload has to a classified store, the link is refused with that reason. A can edge without an access
//     attribute is assumed to give read and write, and says so.
//   - connects-to gives the access its access attribute states; without one, read and write are assumed (a
//     workload configured with a database's address and credentials can usually do both), and said. A Secret
//     or ConfigMap read through the environment or a volume gives read.
//   - One handles edge per workload and class. Its via lists up to ten chains (shortest first, each as edge
//     keys from the workload to the class), via_count how many there are; access is the union of the levels,
//     stores the stores reached, confidence that of the surest chain (a chain is as sure as its least sure edge).
package handling

import (
	"context"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// Name is the builder's name; its facts have provenance extractor "link/handling".
const Name = "handling"

// Methods of handles edges: how the workload reaches the store.
const (
	MethodGrant   = "identity-grant"   // an identity the workload holds can read or write the store
	MethodConnect = "connects-to"      // the workload is configured to use the store
	MethodSecret  = "secret-reference" // the workload reads the Secret or ConfigMap (environment or volume)
)

// maxChains caps the chains a handles edge lists.
const maxChains = 10

// maxIdentityDepth bounds the uses-identity hops followed from a workload.
const maxIdentityDepth = 4

// Builder is the data handling builder. It holds no state and is safe for concurrent use.
type Builder struct{}

// New returns the data handling builder.
func New() *Builder { return &Builder{} }

var _ link.Builder = (*Builder)(nil)

// Name returns "handling".
func (*Builder) Name() string { return Name }

// Describe says what the builder joins.
func (*Builder) Describe() string {
	return "workloads to the data classes they can read or write, through their identities' grants, their database connections and the secrets they read"
}

// Inputs lists what the builder reads.
func (*Builder) Inputs() []string {
	return []string{"workloads", "edges uses-identity, can (access), connects-to, reads-secret, mounts, holds"}
}

// Build makes a handles edge per workload and data class it reaches.
func (b *Builder) Build(ctx context.Context, in *link.Input) (model.Facts, error) {
	var out model.Facts
	for _, w := range in.Graph.NodesOfKind(model.KindWorkload) {
		if err := ctx.Err(); err != nil {
			return model.Facts{}, err
		}
		r := reachOf(in.Graph, w)
		b.emit(&out, w, r)
	}
	model.SortBrokenLinks(out.Broken)
	model.SortAssumptions(out.Assumptions)
	out.Assumptions = dedupe(out.Assumptions) // one access edge can lead to several classes
	return out, nil
}

// dedupe drops repeated assumptions from a sorted list.
func dedupe(as []model.Assumption) []model.Assumption {
	out := as[:0]
	for i, a := range as {
		if i == 0 || a != as[i-1] {
			out = append(out, a)
		}
	}
	return out
}
