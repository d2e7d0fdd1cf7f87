// Package link holds the cross-layer edge builders: the joins between what different extractors found (an
// image and the Dockerfile that builds it, a ServiceAccount and the IAM role it assumes, exposure, access).
// The engine runs them after the graph is built from extractor facts. Each builder is self-describing and
// listed in Builders.
package link

import (
	"context"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/model"
)

// Builder derives cross-layer facts from a built graph.
type Builder interface {
	// Name is the builder's stable name, recorded as the extractor in the provenance of what it makes.
	Name() string
	// Describe says what the builder joins and from which inputs.
	Describe() string
	// Build returns the facts to add. It must not change g.
	Build(ctx context.Context, g *graph.Graph) (model.Facts, error)
}

// Builders lists every link builder in the order they run.
func Builders() []Builder {
	// TODO(#3): image↔Dockerfile↔packages, workload→identity (IRSA, instance profiles, task and Lambda roles),
	// exposure, access (IAM and RBAC evaluation), secrets and data classes, ownership.
	return nil
}
