// Package data is the link builder that says where sensitive data lives and who is configured to use it:
// holds edges from each data store to the data classes it holds, references edges from each Backstage
// Resource to the Terraform or Kubernetes data store it describes, and connects-to edges from each workload
// to the data stores its configuration names. It runs in stage "join", over the extractors' facts alone.
//
// # holds (data store → data class)
//
//   - tag / label: a resource tag (Terraform tags_all, else tags) or a Kubernetes label matching a seam.yaml
//     data class's tags glob (key exact, value glob; certain), or a conventional key alone (high):
//     data_classification, data-classification, dataClassification, classification, sensitivity, data_class
//     (compared without case, "_", "-" or ".", after any "prefix/"). Its value names classes, several split
//     by "," ";" "|" or spaces: pii (also personal, personal-data), pci (pci-dss, cardholder, cardholder-data),
//     phi (hipaa, health), credentials (credential, creds), or a class seam.yaml declares. Sensitivity levels
//     — confidential, secret, restricted, sensitive, highly-confidential, strictly-confidential, top-secret —
//     say how sensitive the data is, not what it is: they map to the class "confidential", never to
//     credentials (a bucket tagged sensitivity=secret holds secret documents, not keys). public, internal,
//     none, non-sensitive, unclassified and general name no class. Any other value is an info diagnostic.
//   - seam.yaml: a data class's resources glob matching a data store's ID (certain); a glob that matches a
//     Backstage Resource applies to the stores that Resource is matched to. A glob that matches no data
//     store is a warning.
//   - catalog: a Backstage Resource's tags pii, pci, phi, credentials (or a declared class name), once the
//     Resource is matched to the store (below), as sure as the match. Component tags are not read: a
//     Component handles data, it does not hold it, and which of its dependencies holds what it does not say.
//   - default: a Kubernetes Secret (defined or only referenced) and an AWS Secrets Manager secret hold
//     credentials (high), as does an SSM parameter of type SecureString.
//
// A class no seam.yaml declares gets an implicit data-class node. One edge per store and class: its method
// and confidence are the surest route's, its evidence lists every route (tag line, seam.yaml line), and
// "methods" names them all. A data store whose tags are unknown gets an assumption: Seam cannot tell what
// they classify.
//
// # references (Backstage Resource → data store)
//
// A Resource is matched by annotation first: seam.dev/resource holds node IDs, doublestar globs of node IDs,
// Terraform addresses (in any root module) or ARNs, separated by commas (certain; high for a glob or an
// address). Without it, by name: its name or title equal to a bucket name, DB instance or cluster
// identifier, table, queue, topic, secret or parameter name (high), to a database name, a Terraform resource
// name or a Kubernetes object name (medium), equal after dropping a kind suffix such as -db, -bucket or
// -table (one level lower), or one "-" segment of an identifier (low); its description naming one of those
// exactly (medium); its backstage.io/source-location pointing at the directory of the store's file (low).
// Two kinds of signal agreeing raise the confidence one level, up to high. Only stores whose type fits the
// Resource's spec.type are considered (s3-bucket → S3 buckets, database → RDS, DynamoDB …; any store for a
// type Seam does not know). Several equally good candidates (up to three) are all linked one level lower
// and say so; more, or none, is a refused link.
//
// # connects-to (workload → data store)
//
// A workload's configuration names a store: an environment value (Kubernetes env, a Lambda's environment
// variables, an ECS container's environment), or a ConfigMap value it reads by configMapKeyRef or envFrom.
// Names matched: an exact bucket, table, queue, topic, secret or parameter name (high when the variable's
// name says the kind — BUCKET, TABLE, QUEUE, TOPIC, SECRET, PARAM — else medium); s3://bucket/…,
// arn:aws:s3:::bucket, a virtual-hosted S3 host; the ARN of a table, queue, topic, secret, parameter or RDS
// instance; an SQS queue URL; an RDS endpoint <identifier>.<id>.<region>.rds.amazonaws.com (or a cluster
// endpoint) — all high, refused when the region or account the name carries is not the store's. A
// Terraform reference in a Lambda or ECS environment (aws_s3_bucket.docs.id) is the store it names (high).
// A Secret the workload reads (secretKeyRef, envFrom, a secret volume) whose value hint names a database
// host gives connects-to that database with credentials_from the Secret; an ECS container's secrets
// valueFrom gives connects-to the secret or parameter. A Backstage Component's dependsOn a Resource gives
// each workload of the Component connects-to the store the Resource is matched to, as sure as the least
// sure of the two matches. A Component's workloads: those labelled backstage.io/kubernetes-id (certain) or
// matching backstage.io/kubernetes-label-selector (high) within backstage.io/kubernetes-namespace, else the
// workloads named after the kubernetes-id by name, app.kubernetes.io/name or app label (medium), else, with
// no annotation, those named after the Component (low). A value whose variable name says it names a bucket,
// table, queue or topic, or that has the form of an S3, ARN or SQS name, but which no store of the scan
// has, is a refused link. Other values (an external URL) make nothing.
package data

import (
	"context"
	"sort"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// Name is the builder's name; its facts have provenance extractor "link/data".
const Name = "data"

// Builder is the "data" link builder. It holds no state and is safe for concurrent use.
type Builder struct{}

// New returns the builder.
func New() *Builder { return &Builder{} }

// Name returns "data".
func (*Builder) Name() string { return Name }

// Describe says what the builder joins.
func (*Builder) Describe() string {
	return "data store → the data classes it holds, Backstage Resource → the store it describes, workload → the data stores its configuration names"
}

// Inputs lists what the builder reads.
func (*Builder) Inputs() []string {
	return []string{
		"data-class nodes (seam.yaml): tags, resources",
		"data stores: Terraform tags, tags_all and lines; provider.aws default_tags; Kubernetes labels, Secret value_hints, ConfigMap data",
		"Backstage Resources and Components: name, title, description, tags, annotations, type; depends-on edges",
		"workloads: Kubernetes containers (env, env_from), volumes; Lambda environment; ECS container_definitions",
	}
}

// Build makes the builder's facts.
func (b *Builder) Build(ctx context.Context, in *link.Input) (model.Facts, error) {
	w := newWork(b, in)
	w.classes = readClasses(w.g)
	w.stores = indexStores(w)
	steps := []func(){w.tagHolds, w.defaultHolds, w.matchResources, w.globHolds, w.catalogHolds,
		w.componentWorkloads, w.valueConnections, w.catalogConnections}
	for _, step := range steps {
		if err := ctx.Err(); err != nil {
			return model.Facts{}, err
		}
		step()
	}
	return w.finish(), nil
}

// work is the state of one Build.
type work struct {
	b       *Builder
	g       *graph.Graph
	ix      *link.Index
	classes *classSet
	stores  *storeIndex
	// matches are the stores each Backstage Resource is matched to, by Resource ID.
	matches map[string][]resourceMatch
	// members are the workloads of each Backstage Component, by Component ID.
	members map[string][]member
	links   map[string]*pending // by edge key
	// resourceList, nameIndex, storeNames and wl are built when first needed (see resources, names,
	// namesOf, workloadIndex).
	resourceList *[]*model.Node
	nameIndex    map[string][]*model.Node
	storeNames   map[*model.Node][]namedAs
	wl           *workloads
	facts        model.Facts
	// implicit are the data classes used that no seam.yaml declares, with the evidence of their first use.
	implicit map[string]model.Evidence
}

func newWork(b *Builder, in *link.Input) *work {
	ix := in.Index
	if ix == nil {
		ix = link.NewIndex(in.Graph)
	}
	return &work{b: b, g: in.Graph, ix: ix, matches: map[string][]resourceMatch{}, members: map[string][]member{},
		links: map[string]*pending{}, implicit: map[string]model.Evidence{}}
}

// pending is one edge being assembled from every route that supports it.
type pending struct {
	from, to string
	kind     model.EdgeKind
	routes   []link.Link
}

// methodRank orders methods when two routes are equally sure: what the user declared first, then what the
// files state, then conventions.
var methodRank = map[string]int{
	methodAnnotation: 0, methodSeamYAML: 1, methodReference: 2, methodTag: 3, methodLabel: 3, methodSecretHint: 4,
	methodECSSecret: 4, methodEnv: 5, methodConfigMap: 5, methodCatalog: 6, methodName: 7, methodDescription: 8,
	methodSourceLocation: 9, methodDefault: 10,
}

// add records one route of the edge from → to.
func (w *work) add(from string, kind model.EdgeKind, to string, l link.Link) {
	k := from + " -" + string(kind) + "-> " + to
	p := w.links[k]
	if p == nil {
		p = &pending{from: from, to: to, kind: kind}
		w.links[k] = p
	}
	p.routes = append(p.routes, l)
}

// broken records a refused link.
func (w *work) broken(from string, kind model.EdgeKind, to string, l link.Link) {
	w.facts.Broken = append(w.facts.Broken, link.NewBroken(w.b, from, kind, to, l))
}

// assume records an assumption at the first evidence.
func (w *work) assume(subject, attr, reason, assumed string, ev model.Evidence) {
	w.facts.Assumptions = append(w.facts.Assumptions, model.Assumption{Subject: subject, Attribute: attr,
		Reason: reason, Assumed: assumed, Prov: model.Provenance{File: ev.File, Line: ev.Line, Extractor: link.Extractor(w.b)}})
}

// diag records a diagnostic at a piece of evidence.
func (w *work) diag(sev model.Severity, ev model.Evidence, msg string) {
	w.facts.Diagnostics = append(w.facts.Diagnostics, model.Diagnostic{File: ev.File, Line: ev.Line, Severity: sev,
		Extractor: link.Extractor(w.b), Message: msg})
}

// maxEvidence caps the evidence an edge lists.
const maxEvidence = 12

// finish turns the pending edges into edges, sorted, and adds the implicit class nodes.
func (w *work) finish() model.Facts {
	keys := make([]string, 0, len(w.links))
	for k := range w.links {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		p := w.links[k]
		w.facts.Edges = append(w.facts.Edges, link.NewEdge(w.b, p.from, p.kind, p.to, merge(p.routes)))
	}
	names := make([]string, 0, len(w.implicit))
	for n := range w.implicit {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		ev := w.implicit[n]
		w.facts.Nodes = append(w.facts.Nodes, model.Node{ID: model.DataClassID(n), Kind: model.KindDataClass,
			Type: "data-class", Name: n, Implicit: true,
			Attrs: map[string]any{"source": link.Extractor(w.b), "description": classDescriptions[n]},
			Prov:  model.Provenance{File: ev.File, Line: ev.Line, Extractor: link.Extractor(w.b)}})
	}
	model.SortBrokenLinks(w.facts.Broken)
	model.SortAssumptions(w.facts.Assumptions)
	model.SortDiagnostics(w.facts.Diagnostics)
	return w.facts
}

// merge folds the routes of one edge: the surest route (then the method ranked first, then the reason)
// gives method, confidence and reason; evidence and assumptions are every route's, without repeats;
// "methods" lists every method; attributes are merged, the surest route's winning.
func merge(routes []link.Link) link.Link {
	sort.SliceStable(routes, func(i, j int) bool {
		a, b := routes[i], routes[j]
		if a.Confidence != b.Confidence {
			return a.Confidence > b.Confidence
		}
		if methodRank[a.Method] != methodRank[b.Method] {
			return methodRank[a.Method] < methodRank[b.Method]
		}
		return a.Reason < b.Reason
	})
	out := routes[0]
	out.Evidence, out.Assumptions, out.Attrs = nil, nil, map[string]any{}
	seenEv, seenAs, seenM := map[model.Evidence]bool{}, map[string]bool{}, map[string]bool{}
	var methods []string
	for _, r := range routes {
		for _, e := range r.Evidence {
			if !seenEv[e] && len(out.Evidence) < maxEvidence {
				seenEv[e] = true
				out.Evidence = append(out.Evidence, e)
			}
		}
		for _, a := range r.Assumptions {
			if !seenAs[a] {
				seenAs[a] = true
				out.Assumptions = append(out.Assumptions, a)
			}
		}
		if !seenM[r.Method] {
			seenM[r.Method] = true
			methods = append(methods, r.Method)
		}
		for k, v := range r.Attrs {
			if _, set := out.Attrs[k]; !set {
				out.Attrs[k] = v
			}
		}
	}
	sort.Strings(methods)
	list := make([]any, len(methods))
	for i, m := range methods {
		list[i] = m
	}
	out.Attrs["methods"] = list
	return out
}

// lower returns the confidence one level below c.
func lower(c link.Confidence) link.Confidence {
	switch {
	case c >= link.Certain:
		return link.High
	case c >= link.High:
		return link.Medium
	}
	return link.Low
}

// raise returns the confidence one level above c, at most high (a certain one stays certain).
func raise(c link.Confidence) link.Confidence {
	switch {
	case c >= link.High:
		return c
	case c >= link.Medium:
		return link.High
	}
	return link.Medium
}

// least returns the lower of two confidences.
func least(a, b link.Confidence) link.Confidence {
	if a < b {
		return a
	}
	return b
}
