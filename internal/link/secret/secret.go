// Package secret is the link builder that says what each secret the secrets extractor found gives access to
// and who holds it: unlocks edges secret → the identity, data store or cluster its value opens, and
// reads-secret edges workload → secret from every workload that has the value. It runs in stage "derive",
// after the image builder's built-from edges and the data builder's connects-to edges.
//
// # unlocks (secret → identity | data store | cluster)
//
//   - aws-access-key-state (certain): an AWS access key ID whose value hash (secrets.ValueHash) equals the
//     hash of the id of an aws_iam_access_key — a Terraform state or plan records it — unlocks the IAM
//     user the key belongs to (its uses-identity edge, else its user attribute); aws-access-key-resource
//     (high): a key ID written inside an aws_iam_access_key resource unlocks its user the same way.
//   - aws-key-pair: an AWS secret access key unlocks what the access key ID written beside it (the same
//     Terraform block or Kubernetes object, else within pairLines lines of the same file) unlocks, one
//     confidence level lower: the pair is read from their placement.
//   - terraform-literal-password (certain): a database password written as the password (or
//     master_password) of an aws_db_instance, aws_rds_cluster … unlocks that database.
//   - secret-dsn, configmap-dsn, same-file-host (high): a password in a Kubernetes Secret or ConfigMap, or
//     any other file, beside a host (the Secret's value hints, the hosts the extractor read in the same YAML
//     document or file) that is an RDS or Aurora endpoint of a database of the scan (by identifier, or the
//     address or endpoint a state records); a plain "password" (its name says no database) one level
//     lower. connects-to-credentials (high): the data builder's connects-to edge from a workload whose
//     credentials_from is the Secret or ConfigMap holding the password.
//   - kubeconfig-cluster: a token or key in a kubeconfig unlocks the cluster it names — by API server
//     equal to a cluster's endpoint (certain), or by cluster name equal to an aws_eks_cluster's name or the
//     end of its ARN (high).
//
// An AWS key, database password or cluster credential whose target cannot be resolved gets no edge and an
// assumption saying what it may unlock (an AWS key: the credentials of an unknown IAM principal of the
// account; when a workload holds it, the assumption says which).
//
// # reads-secret (workload → secret)
//
//   - workload-config (certain): the secret is written in the workload's own definition — a Lambda's or ECS
//     task's environment, a Deployment's env.
//   - secret-ref, config-ref (certain): it is in a Kubernetes Secret or ConfigMap the workload reads
//     (reads-secret, mounts or references edges of the Kubernetes extractor).
//   - image-env: it is in the Dockerfile of an image the workload runs (ENV, ARG), as sure as the image
//     link; image-build-context: it is in a file of that image's build context that a COPY or ADD copies in,
//     one level lower, assuming .dockerignore (which no extractor reads) does not exclude it.
//
// Decisions:
//   - Containment is by place: a secret belongs to the innermost node whose file and line range hold it
//     (a Terraform resource, a Kubernetes object). No value is compared except AWS key IDs, through the hash
//     the extractor kept.
//   - A baselined secret gets its edges like any other (an accepted key still opens what it opens); every
//     edge carries baselined so the path rule can say so.
//   - One edge per pair: the surest method wins, its evidence cited.
package secret

import (
	"context"
	"sort"

	"github.com/seam-sec/seam/internal/extract/redact"
	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// Name is the builder's name; its facts have provenance extractor "link/secret".
const Name = "secret"

// Link methods.
const (
	MethodAccessKeyState    = "aws-access-key-state"
	MethodAccessKeyResource = "aws-access-key-resource"
	MethodKeyPair           = "aws-key-pair"
	MethodLiteralPassword   = "terraform-literal-password"
	MethodSecretDSN         = "secret-dsn"
	MethodConfigMapDSN      = "configmap-dsn"
	MethodSameFileHost      = "same-file-host"
	MethodCredentialsFrom   = "connects-to-credentials"
	MethodKubeconfig        = "kubeconfig-cluster"
	MethodWorkloadConfig    = "workload-config"
	MethodSecretRef         = "secret-ref"
	MethodConfigRef         = "config-ref"
	MethodImageEnv          = "image-env"
	MethodBuildContext      = "image-build-context"
)

// Builder is the "secret" link builder. It holds no state and is safe for concurrent use.
type Builder struct{}

// New returns the builder.
func New() *Builder { return &Builder{} }

// Name returns "secret".
func (*Builder) Name() string { return Name }

// Describe says what the builder joins.
func (*Builder) Describe() string {
	return "secret → the IAM user, database or cluster its value unlocks; workload → the secrets it holds (its config, Secrets and ConfigMaps it reads, its image)"
}

// Inputs lists what the builder reads.
func (*Builder) Inputs() []string {
	return []string{
		"secret nodes: kind, key, value_hash, hosts, kube_servers, kube_clusters, baselined, file and line",
		"aws_iam_access_key (id from a state or plan, user, uses-identity edge), aws_iam_user",
		"databases: aws_db_instance, aws_rds_cluster(_instance) identifier, cluster_identifier, address, endpoint",
		"aws_eks_cluster name, arn, endpoint; Kubernetes Secret value_hints",
		"edges: reads-secret, mounts, references (workload → Secret/ConfigMap), runs, built-from (context), connects-to (credentials_from)",
		"Dockerfile copies",
	}
}

// Build makes the builder's facts.
func (b *Builder) Build(ctx context.Context, in *link.Input) (model.Facts, error) {
	w := newWork(b, in)
	secrets := in.Graph.NodesOfKind(model.KindSecret)
	// Key IDs first: a secret key unlocks what the ID beside it unlocks.
	for _, pass := range []func(*model.Node){w.accessKeyID, w.others} {
		for _, s := range secrets {
			if err := ctx.Err(); err != nil {
				return model.Facts{}, err
			}
			pass(s)
		}
	}
	for _, s := range secrets {
		w.holders(s)
	}
	return w.finish(), nil
}

// work is the state of one Build.
type work struct {
	b  *Builder
	g  *graph.Graph
	ix *link.Index
	// byFile are the non-secret nodes defined in each file (their provenance and also-defined places).
	byFile map[string][]placed
	// secretsIn are the secret nodes of each file.
	secretsIn map[string][]*model.Node
	// keys are aws_iam_access_key nodes by the hash of their id.
	keys map[string][]*model.Node
	// unlocked are the targets each secret unlocks, by secret ID, for its pair.
	unlocked map[string][]target
	edges    map[string]*candidate
	// buildList are the image → Dockerfile links with what they copy, found when first needed.
	buildList []build
	facts     model.Facts
}

// placed is a node defined at a place.
type placed struct {
	node *model.Node
	prov model.Provenance
}

// target is what a secret unlocks, and how sure.
type target struct {
	node *model.Node
	conf link.Confidence
	ev   []model.Evidence
}

// candidate is an edge to make; the surest candidate for a pair wins.
type candidate struct {
	from, to string
	kind     model.EdgeKind
	l        link.Link
}

func newWork(b *Builder, in *link.Input) *work {
	w := &work{b: b, g: in.Graph, ix: in.Index, byFile: map[string][]placed{}, secretsIn: map[string][]*model.Node{}, keys: map[string][]*model.Node{},
		unlocked: map[string][]target{}, edges: map[string]*candidate{}}
	for _, n := range w.g.Nodes() {
		if n.Kind == model.KindSecret {
			w.secretsIn[n.Prov.File] = append(w.secretsIn[n.Prov.File], n)
			continue
		}
		w.byFile[n.Prov.File] = append(w.byFile[n.Prov.File], placed{n, n.Prov})
		for _, p := range n.Also {
			w.byFile[p.File] = append(w.byFile[p.File], placed{n, p})
		}
		if n.Type == "aws_iam_access_key" {
			if id, ok := n.Attrs["id"].(string); ok && id != "" && id != model.Redacted {
				h := redact.KeyIDHash(id) // the extractors mask key IDs, keeping their hash
				if h == "" {
					h = valueHash(id)
				}
				w.keys[h] = append(w.keys[h], n)
			}
		}
	}
	return w
}

// add records an edge, keeping the surest candidate for the pair.
func (w *work) add(from string, kind model.EdgeKind, to string, l link.Link) {
	key := from + " -" + string(kind) + "-> " + to
	if c, ok := w.edges[key]; ok && c.l.Confidence >= l.Confidence {
		return
	}
	w.edges[key] = &candidate{from: from, to: to, kind: kind, l: l}
}

// assume records what an unresolved secret may unlock.
func (w *work) assume(s *model.Node, reason, assumed string) {
	w.facts.Assumptions = append(w.facts.Assumptions, model.Assumption{Subject: s.ID, Attribute: "unlocks",
		Reason: reason, Assumed: assumed,
		Prov: model.Provenance{File: s.Prov.File, Line: s.Prov.Line, Extractor: link.Extractor(w.b)}})
}

func (w *work) finish() model.Facts {
	keys := make([]string, 0, len(w.edges))
	for k := range w.edges {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		c := w.edges[k]
		w.facts.Edges = append(w.facts.Edges, link.NewEdge(w.b, c.from, c.kind, c.to, c.l))
	}
	model.SortAssumptions(w.facts.Assumptions)
	return w.facts
}
