// Package orggraph generates the graph an organisation-wide Seam server holds after merging many
// repositories' scans: thousands of services on many clusters, their identities, images and packages, data
// stores and the grants between them — with the edges and derived properties the extractors and the link
// stage make, so the attack-path search runs on it as on a real scan. It is deterministic for a seed.
package orggraph

import (
	"fmt"
	"math/rand"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/model"
)

// Options size the organisation. The defaults make about 1,000,000 nodes and 5,000,000 edges.
type Options struct {
	Seed             int64
	Services         int // workloads, each with a ServiceAccount, an IRSA role, an image and a lockfile
	Clusters         int // EKS clusters, each with NodeGroups node groups
	NodeGroups       int
	Stores           int // buckets and databases; a third hold personal data
	Packages         int // distinct packages
	PackagesPerImage int
	GrantsPerRole    int     // can edges from each role
	Exposed          float64 // share of services the internet reaches
	Flawed           float64 // share of services with a code flaw
	IMDSv1           float64 // share of node groups whose launch template allows IMDSv1
	Privileged       float64 // share of workloads with a privileged container
}

// DefaultOptions is the SPEC's organisation: 1,000,000 nodes and 5,000,000 edges.
func DefaultOptions() Options {
	return Options{Seed: 1, Services: 20000, Clusters: 20, NodeGroups: 5, Stores: 20000, Packages: 860000,
		PackagesPerImage: 230, GrantsPerRole: 6, Exposed: 0.2, Flawed: 0.05, IMDSv1: 0.3, Privileged: 0.01}
}

// Generate builds the frozen graph.
func Generate(opt Options) *graph.Graph {
	r := rand.New(rand.NewSource(opt.Seed))
	g := graph.New()
	f := model.Facts{Edges: make([]model.Edge, 0, opt.Services*(opt.PackagesPerImage+opt.GrantsPerRole+opt.NodeGroups+12))}
	prov := func(file string, line int) model.Provenance {
		return model.Provenance{File: file, Line: line, Extractor: "orggraph"}
	}
	node := func(id string, k model.NodeKind, typ, name, file string, attrs map[string]any) {
		f.Nodes = append(f.Nodes, model.Node{ID: id, Kind: k, Type: typ, Name: name, Attrs: attrs, Prov: prov(file, 1)})
	}
	edge := func(from string, k model.EdgeKind, to, file string, attrs map[string]any) {
		f.Edges = append(f.Edges, model.Edge{From: from, To: to, Kind: k, Attrs: attrs, Prov: prov(file, 2)})
	}
	node(model.InternetID, model.KindEntryPoint, "internet", "internet", "seam.yaml", nil)
	for _, c := range []string{"pii", "pci"} {
		node(model.DataClassID(c), model.KindDataClass, "data-class", c, "seam.yaml", nil)
	}
	pkgs := make([]string, opt.Packages)
	for p := range pkgs {
		pkgs[p] = fmt.Sprintf("pkg:npm/lib-%06d@1.%d.0", p, p%9)
		node(pkgs[p], model.KindPackage, "npm", pkgs[p][8:18], "pkg", nil)
	}
	groups := map[int][]string{}
	for c := 0; c < opt.Clusters; c++ {
		tf := fmt.Sprintf("infra/c%02d/eks.tf", c)
		for n := 0; n < opt.NodeGroups; n++ {
			ng := fmt.Sprintf("infra/c%02d:aws_eks_node_group.g%d", c, n)
			lt := fmt.Sprintf("infra/c%02d:aws_launch_template.g%d", c, n)
			role := fmt.Sprintf("infra/c%02d:aws_iam_role.node%d", c, n)
			tokens := "required"
			if r.Float64() < opt.IMDSv1 {
				tokens = "optional"
			}
			node(ng, model.KindHost, "aws_eks_node_group", fmt.Sprintf("g%d", n), tf, nil)
			node(lt, model.KindWorkload, "aws_launch_template", fmt.Sprintf("g%d", n), tf, map[string]any{
				"metadata_options": []any{map[string]any{"http_tokens": tokens, "http_put_response_hop_limit": 2}}})
			node(role, model.KindIdentity, "aws_iam_role", fmt.Sprintf("c%02d-node%d", c, n), tf, map[string]any{"name": fmt.Sprintf("c%02d-node%d", c, n)})
			edge(ng, model.EdgeRuns, lt, tf, nil)
			edge(ng, model.EdgeUsesIdentity, role, tf, nil)
			groups[c] = append(groups[c], ng)
		}
	}
	stores := make([]string, opt.Stores)
	for s := range stores {
		id := fmt.Sprintf("infra/data%03d:aws_s3_bucket.b%05d", s%100, s)
		stores[s] = id
		node(id, model.KindDataStore, "aws_s3_bucket", fmt.Sprintf("b%05d", s), fmt.Sprintf("infra/data%03d/s3.tf", s%100),
			map[string]any{"bucket": fmt.Sprintf("b%05d", s)})
		if s%3 == 0 {
			edge(id, model.EdgeHolds, model.DataClassID([]string{"pii", "pci"}[s%2]), fmt.Sprintf("infra/data%03d/s3.tf", s%100), map[string]any{"method": "tag"})
		}
	}
	for i := 0; i < opt.Services; i++ {
		service(&f, r, opt, i, groups[i%opt.Clusters], stores, pkgs, node, edge)
	}
	derived := f.Derived
	f.Derived = nil
	g.Add(f)
	g.Freeze()
	g.Extend(model.Facts{Derived: derived})
	return g
}

// service adds one service: its Deployment, ServiceAccount, IRSA role and grants, image, lockfile and packages.
func service(f *model.Facts, r *rand.Rand, opt Options, i int, groups, stores, pkgs []string,
	node func(string, model.NodeKind, string, string, string, map[string]any), edge func(string, model.EdgeKind, string, string, map[string]any)) {
	ns := fmt.Sprintf("team%03d", i%500)
	name := fmt.Sprintf("svc%05d", i)
	file := fmt.Sprintf("repos/%s/deploy/k8s.yaml", name)
	wl := model.K8sID(ns, "Deployment", name)
	sa := model.K8sID(ns, "ServiceAccount", name)
	role := fmt.Sprintf("repos/%s/infra:aws_iam_role.app", name)
	img := model.ImageID(fmt.Sprintf("registry.example.com/%s:1.0.%d", name, i%7))
	mod := model.FileNodeID(model.KindModule, "repos/"+name+"/package-lock.json")
	privileged := r.Float64() < opt.Privileged
	attrs := map[string]any{"namespace": ns, "automount_effective": true, "host_pid": false, "host_network": false,
		"containers": []any{map[string]any{"name": name, "image": img[len("image:"):], "security_context": map[string]any{"privileged": privileged}}}}
	if r.Float64() < opt.Exposed {
		ing := model.K8sID(ns, "Ingress", name)
		node(ing, model.KindExposure, "Ingress", name, file, nil)
		edge(model.InternetID, model.EdgeExposes, ing, file, map[string]any{"method": "ingress", "authentication": "none"})
		edge(ing, model.EdgeRoutesTo, wl, file, nil)
		f.Derived = append(f.Derived, model.Derived{Node: wl, Key: "exposure", Prov: model.Provenance{File: file, Line: 3, Extractor: "orggraph"},
			Value: map[string]any{"internet": true, "authentication": "none", "routes": []any{map[string]any{
				"entry": ing, "authentication": "none", "hops": []any{model.InternetID, ing, wl}}}}})
	}
	node(wl, model.KindWorkload, "Deployment", name, file, attrs)
	node(sa, model.KindIdentity, "ServiceAccount", name, file, map[string]any{"namespace": ns})
	node(role, model.KindIdentity, "aws_iam_role", name, "repos/"+name+"/infra/iam.tf", map[string]any{"name": name})
	node(img, model.KindImage, "container image", name, file, nil)
	node(mod, model.KindModule, "package-lock.json", name, "repos/"+name+"/package-lock.json", nil)
	edge(wl, model.EdgeUsesIdentity, sa, file, nil)
	edge(sa, model.EdgeUsesIdentity, role, file, map[string]any{"method": "irsa"})
	edge(wl, model.EdgeRuns, img, file, nil)
	edge(img, model.EdgeContains, mod, file, map[string]any{"method": "dockerfile-copy"})
	for _, ng := range groups {
		edge(wl, model.EdgeRunsOn, ng, file, map[string]any{"method": "cluster-nodes"})
	}
	for p := 0; p < opt.PackagesPerImage; p++ {
		k := (i*opt.PackagesPerImage + p*7919) % opt.Packages
		edge(mod, model.EdgeContains, pkgs[k], mod, nil)
	}
	for g := 0; g < opt.GrantsPerRole; g++ {
		access := []any{"list", "read"}
		if r.Intn(4) == 0 {
			access = append(access, "write")
		}
		edge(role, model.EdgeCan, stores[r.Intn(len(stores))], "repos/"+name+"/infra/iam.tf",
			map[string]any{"access": access, "method": "iam-policy"})
	}
	if r.Float64() < opt.Flawed {
		fl := "code-flaw:repos/" + name + "/src/handler.go:42:go-ssrf"
		class := []string{"ssrf", "command-injection", "sql-injection", "path-traversal"}[r.Intn(4)]
		node(fl, model.KindCodeFlaw, class, class+" in handler", "repos/"+name+"/src/handler.go", map[string]any{"class": class, "confidence": "high"})
		edge(img, model.EdgeHasFlaw, fl, file, map[string]any{"method": "build-context"})
		edge(wl, model.EdgeHasFlaw, fl, file, map[string]any{"method": "build-context"})
	}
}
