// Package builders lists every cross-layer link builder Seam runs, grouped in the stages they run in. A new
// builder is one new package under internal/link plus one line here; a test fails when a builder package
// exists but is not listed.
package builders

import (
	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/link/access"
	"github.com/seam-sec/seam/internal/link/data"
	"github.com/seam-sec/seam/internal/link/exposure"
	"github.com/seam-sec/seam/internal/link/flaw"
	"github.com/seam-sec/seam/internal/link/handling"
	"github.com/seam-sec/seam/internal/link/identity"
	"github.com/seam-sec/seam/internal/link/image"
	"github.com/seam-sec/seam/internal/link/owner"
	"github.com/seam-sec/seam/internal/link/rbac"
	"github.com/seam-sec/seam/internal/link/secret"
	"github.com/seam-sec/seam/internal/link/service"
)

// Stages returns fresh instances of every builder, grouped in the order their stages run. Builders of one
// stage read the same graph; the next stage sees what they made.
func Stages() []link.Stage {
	return []link.Stage{
		// join: the direct cross-layer joins, each from the extractors' facts alone.
		{Name: "join", Builders: []link.Builder{
			access.New(),
			data.New(),
			exposure.New(),
			flaw.New(),
			identity.New(),
			image.New(),
			rbac.New(),
		}},
		// derive: what follows from the joins (who handles which data, which service each node belongs to).
		{Name: "derive", Builders: []link.Builder{
			handling.New(),
			service.New(), // here, not in context, so that owner and criticality see its part-of edges
			secret.New(),  // after image (built-from) and data (connects-to credentials_from)
		}},
		// context: ownership and business criticality over the joined graph.
		{Name: "context", Builders: []link.Builder{
			owner.New(),
			owner.NewCriticality(),
		}},
	}
}
