package service

import (
	"fmt"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// Methods of direct claims, recorded on the part-of edges.
const (
	MethodResources      = "seam.yaml-resources"          // a service's resources glob matches the node ID
	MethodPaths          = "seam.yaml-paths"              // a service's paths glob matches the node's file
	MethodLabelSelector  = "backstage-label-selector"     // backstage.io/kubernetes-label-selector
	MethodKubernetesID   = "backstage-kubernetes-id"      // the object carries the backstage.io/kubernetes-id label
	MethodKubernetesName = "backstage-kubernetes-id-name" // a workload named after the kubernetes-id
	MethodSourceLocation = "backstage-source-location"    // the node's file is under the source location
	MethodPropagated     = "propagated"                   // reached from a claimed node along an edge
)

// seamClaims claims the nodes a seam.yaml business service's resources and paths globs match.
func (w *work) seamClaims(svc *model.Node) {
	for _, glob := range link.Strings(svc.Attrs["resources"]) {
		for _, n := range w.ids.match(glob) {
			if !claimable(n) {
				continue
			}
			w.add(svc, &claim{node: n, method: MethodResources, conf: link.Certain,
				reason: fmt.Sprintf("seam.yaml lists %s in service %s (resources glob %q)", n.ID, svc.Name, glob),
				evidence: []model.Evidence{
					link.Evidence(svc, fmt.Sprintf("service %s: resources %q", svc.Name, glob)),
					link.Evidence(n, n.Type+" "+n.Name),
				}})
		}
	}
	for _, glob := range link.Strings(svc.Attrs["paths"]) {
		for _, file := range w.files.match(glob) {
			for _, n := range w.files.nodes[file] {
				w.add(svc, &claim{node: n, method: MethodPaths, conf: link.High,
					reason: fmt.Sprintf("%s is defined in %s, which seam.yaml puts in service %s (paths glob %q)",
						n.ID, file, svc.Name, glob),
					evidence: []model.Evidence{
						link.Evidence(svc, fmt.Sprintf("service %s: paths %q", svc.Name, glob)),
						link.Evidence(n, n.Type+" "+n.Name),
					}})
			}
		}
	}
}
