package engine

import (
	"context"
	"fmt"
	"io/fs"
	"time"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/vuln"
)

// vulnStage runs the vulnerability stage after the graph is built and before the link stages, so that
// ownership and criticality reach the vulnerability nodes like every other node.
func vulnStage(ctx context.Context, fsys fs.FS, g *graph.Graph, opt *vuln.StageOptions) Stage {
	start := time.Now()
	o := vuln.StageOptions{}
	if opt != nil {
		o = *opt
	}
	if o.FS == nil {
		o.FS = fsys
	}
	facts := vuln.Stage(ctx, g, o)
	g.Extend(facts)
	st := Stage{Name: "vulnerabilities", Status: "ok", Duration: time.Since(start)}
	for _, d := range facts.Diagnostics {
		if d.Severity == model.SeverityError {
			st.Status = "partial"
		}
	}
	if o.DB == nil && len(facts.Edges) == 0 {
		st.Status, st.Detail = "skipped", "no vulnerability database (seam db update fetches one; --vuln-db names one) and no imported findings: known vulnerabilities were not checked"
		return st
	}
	if o.DB == nil {
		st.Detail = fmt.Sprintf("no vulnerability database (seam db update fetches one); %d affected packages from imported reports", len(facts.Edges))
		return st
	}
	info := o.DB.Info()
	st.Detail = fmt.Sprintf("%d affected packages, %d vulnerabilities; database of %d advisories", len(facts.Edges), len(facts.Nodes), info.Advisories)
	return st
}
