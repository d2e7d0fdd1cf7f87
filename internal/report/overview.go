package report

import (
	"fmt"
	"strings"

	"github.com/seam-sec/seam/internal/model"
)

// overviewKinds are the node kinds a picture of the system shows: what runs, what it is built from, who it
// acts as, what reaches it and what it reaches, and who owns it. Policies, network plumbing, generic
// resources and single packages are left to the full graph; a lockfile module shows its package count.
var overviewKinds = map[model.NodeKind]bool{
	model.KindService: true, model.KindModule: true, model.KindImage: true, model.KindDockerfile: true,
	model.KindVulnerability: true, model.KindCodeFlaw: true, model.KindSecret: true, model.KindAPIOperation: true,
	model.KindWorkload: true, model.KindHost: true, model.KindIdentity: true, model.KindExposure: true,
	model.KindDataStore: true, model.KindCluster: true, model.KindKey: true, model.KindExternal: true,
	model.KindBusinessService: true, model.KindDataClass: true, model.KindEntryPoint: true, model.KindCrownJewel: true,
}

// overviewDropTypes are node types of overview kinds that are plumbing rather than parts of the system.
var overviewDropTypes = map[string]bool{
	"aws_iam_openid_connect_provider": true, "aws_kms_alias": true, "aws_internet_gateway": true, "aws_eip": true,
	"aws_lb_listener": true, "aws_route_table_association": true, "aws_iam_access_key": false,
}

// Overview returns the part of a document a picture of the system needs (see overviewKinds): the nodes of
// those kinds, the edges between them, a package count on each module and the owner in each label. The
// result is a new document; d is not changed.
func Overview(d *Document) *Document {
	out := *d
	keep := map[string]bool{}
	packages := map[string]int{}
	for _, e := range d.Edges {
		if e.Kind == model.EdgeContains && strings.HasPrefix(e.From, "module:") {
			packages[e.From]++
		}
	}
	out.Nodes = nil
	for _, n := range d.Nodes {
		if !overviewKinds[n.Kind] || overviewDropTypes[n.Type] {
			continue
		}
		if n.Kind == model.KindImage && !linked(d, n.ID) {
			continue // a base image nothing in the scan runs directly
		}
		keep[n.ID] = true
		if c := packages[n.ID]; c > 0 {
			n.Name = fmt.Sprintf("%s (%d packages)", n.Name, c)
		}
		if o, ok := n.Derived["owner"]; ok {
			if m, ok := o.Value.(map[string]any); ok {
				if name, ok := m["owner"].(string); ok && name != "" {
					n.Name += "\nowner " + strings.TrimPrefix(name, "owner:")
				}
			}
		}
		out.Nodes = append(out.Nodes, n)
	}
	out.Edges = nil
	for _, e := range d.Edges {
		if keep[e.From] && keep[e.To] && e.Kind != model.EdgeOwnedBy {
			out.Edges = append(out.Edges, e)
		}
	}
	return &out
}

// linked reports whether any edge other than a Dockerfile's base-image edge touches the node.
func linked(d *Document, id string) bool {
	for _, e := range d.Edges {
		if (e.To == id || e.From == id) && !(e.Kind == model.EdgeBuiltFrom && strings.HasPrefix(e.From, "dockerfile:")) {
			return true
		}
	}
	return false
}
