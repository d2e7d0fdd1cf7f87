// Package image links the images workloads run to the Dockerfiles in the repository that build them, and the
// images to the lockfile modules their builds copy in: image -built-from-> dockerfile and image -contains->
// module, each with its method, confidence and evidence.
//
// For every image a workload runs, and every image a build configuration builds, the Dockerfile is looked
// for in this order, the first method that finds candidates deciding:
//  1. build-config (high): a build configuration (compose, skaffold, a GitHub Actions workflow, a Makefile,
//     read by internal/extract/buildconfig) builds the image's exact tag, or else its repository — tags may
//     differ: a workflow pushes …/webshop/api:${{ github.sha }}, the manifest pins …/webshop/api:1.4.2.
//     Unknown parts of the configuration's repository or Dockerfile path match anything, as an assumption.
//  2. registry-path (medium): the image repository's path segments (webshop/api, acme/payments-api) against
//     the name segments of each Dockerfile (services/api/Dockerfile → api, docker/api.Dockerfile → api),
//     compared from the end: the more trailing segments agree, the better; a name that agrees only with the
//     leading or trailing words of the last segment (payments-api against api/) is low confidence.
//  3. directory (low): the Dockerfile whose name is the workload's or its container's.
//
// Decisions:
//   - Ties and ambiguity are never broken by guessing: no edge, and a refused link (model.BrokenLink) whose
//     reason and evidence list every candidate. A plain Dockerfile beats a development variant
//     (Dockerfile.dev, dev.Dockerfile) in the same contest; Dockerfile.prod and Dockerfile.release are plain.
//   - A build configuration is authoritative: when one names the image's repository, the heuristics are not
//     tried. A Dockerfile it names that is not in the scan is a refused link (To is the Dockerfile ID it
//     names), and so is a build without a Dockerfile (ko, jib, buildpacks, a remote or inline Dockerfile).
//   - Who owns an image: a Docker official image (docker.io/library/…) is never matched by name. An image on a
//     public registry (Docker Hub, Quay, GHCR, GCR, public ECR, the EKS add-on account …) is linked only by a
//     build configuration, or when build configurations here push to its namespace; with no match it gets
//     no link and no refusal. An image on a private registry (any other host, a private ECR) that nothing
//     here builds is a refused link "built elsewhere"; the reason says when the files show the registry is
//     the organisation's (an account an AWS provider allows or an identity's ARN names, an aws_ecr_repository
//     the Terraform creates, a namespace the build configurations push to).
//   - Matching assumes the Dockerfile in the scanned files is the one the deployed tag was built from.
//   - Packages: the stages that reach the final image (the final stage and the stages it is built FROM, plus
//     every stage a reached stage copies from with COPY --from — a Go binary built in a build stage contains
//     the modules of the go.mod it was built from) and their COPY and ADD sources, resolved in the build
//     context: the build configuration's context, else the Dockerfile's directory (an assumption). A lockfile
//     copied by name is contained with high confidence; one reached through a directory, a glob or "COPY . ."
//     with medium confidence and an assumption: a link builder cannot read .dockerignore, so Seam assumes it
//     excludes no lockfile. A build target (compose target, --target) makes its stage the final one.
package image

import (
	"context"
	"sort"
	"strings"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// Name is the builder's name; its facts have provenance extractor "link/image".
const Name = "image"

// Methods of the links the builder makes or refuses.
const (
	MethodBuildConfig  = "build-config"
	MethodRegistryPath = "registry-path"
	MethodDirectory    = "directory"
	MethodSearch       = "search" // no method found a Dockerfile
	MethodCopy         = "dockerfile-copy"
)

// maxUseEvidence caps the workload image lines an edge lists as evidence.
const maxUseEvidence = 5

// Builder is the image link builder. It holds no state and is safe for concurrent use.
type Builder struct{}

// New returns the image link builder.
func New() *Builder { return &Builder{} }

var _ link.Builder = (*Builder)(nil)

// Name returns "image".
func (*Builder) Name() string { return Name }

// Describe says what the builder joins.
func (*Builder) Describe() string {
	return "workload images to the Dockerfiles that build them (build configuration, registry path, directory convention), and images to the lockfile modules their builds copy in"
}

// Inputs lists what the builder reads.
func (*Builder) Inputs() []string {
	return []string{
		"runs edges (workload → image)", "image nodes", "Dockerfile nodes (stages, copies, final_chain)",
		"build configuration nodes (builds: image, repository, context, dockerfile)", "lockfile module nodes",
		"aws_ecr_repository names", "AWS provider allowed_account_ids", "identity ARNs",
	}
}

// Build makes the links.
func (b *Builder) Build(ctx context.Context, in *link.Input) (model.Facts, error) {
	w := newWork(b, in)
	ids := make([]string, 0, len(w.uses)+len(w.byImage))
	for id := range w.uses {
		ids = append(ids, id)
	}
	for id := range w.byImage {
		if _, ok := w.uses[id]; !ok {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	for i, id := range ids {
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return model.Facts{}, err
			}
		}
		if img, ok := in.Graph.Node(id); ok {
			w.resolve(img)
		}
	}
	model.SortDiagnostics(w.out.Diagnostics)
	model.SortAssumptions(w.out.Assumptions)
	model.SortBrokenLinks(w.out.Broken)
	return w.out, nil
}

// work holds one Build's indexes and output.
type work struct {
	b           *Builder
	g           *graph.Graph
	dockerfiles []*dockerfile
	byPath      map[string]*dockerfile
	byName      map[string][]*dockerfile // last name segment → Dockerfiles, by path
	builds      []*buildEntry
	byImage     map[string][]*buildEntry
	byRepo      map[string][]*buildEntry
	patterns    []*buildEntry // builds whose repository has unknown parts
	uses        map[string][]use
	org         orgEvidence
	modules     []*model.Node // lockfile modules, by path
	copied      map[string][]containsLink
	out         model.Facts
}

func newWork(b *Builder, in *link.Input) *work {
	g := in.Graph
	w := &work{b: b, g: g, byPath: map[string]*dockerfile{}, byName: map[string][]*dockerfile{},
		byImage: map[string][]*buildEntry{}, byRepo: map[string][]*buildEntry{}, uses: uses(g),
		copied: map[string][]containsLink{}}
	for _, n := range g.NodesOfKind(model.KindDockerfile) {
		d := readDockerfile(n)
		w.dockerfiles = append(w.dockerfiles, d)
		w.byPath[d.path] = d
		if name := d.name(); name != "" {
			w.byName[name] = append(w.byName[name], d)
		}
	}
	w.builds = readBuilds(g)
	for _, bd := range w.builds {
		w.byImage[bd.image] = append(w.byImage[bd.image], bd)
		if bd.pattern != nil {
			w.patterns = append(w.patterns, bd)
		} else if bd.repository != "" {
			w.byRepo[bd.repository] = append(w.byRepo[bd.repository], bd)
		}
	}
	w.org = readOrg(g, w.builds)
	for _, n := range g.NodesOfKind(model.KindModule) {
		w.modules = append(w.modules, n)
	}
	sort.Slice(w.modules, func(i, j int) bool { return w.modules[i].Prov.File < w.modules[j].Prov.File })
	return w
}

// resolve finds the Dockerfile of one image, by the methods in order, and what it contains.
func (w *work) resolve(img *model.Node) {
	us := w.uses[img.ID]
	r, known := parseRepo(strings.TrimPrefix(img.ID, "image:"))
	builds, exact := w.byImage[img.ID], true
	if len(builds) == 0 && known {
		builds, exact = w.buildsFor(r), false
	}
	if len(builds) > 0 && w.fromBuilds(img, us, builds, exact) {
		return
	}
	if len(us) == 0 || !known || r.library() {
		return
	}
	ev, why, owned := w.org.owns(r)
	if !owned && r.public() {
		return // someone else's public image: only a build configuration links it
	}
	if w.byRegistryPath(img, us, r) || w.byDirectory(img, us) {
		return
	}
	w.builtElsewhere(img, us, r, ev, why, owned)
}

// buildsFor returns the builds of an image's repository, whatever their tags: those naming it exactly, else
// those whose repository with unknown parts matches it.
func (w *work) buildsFor(r repo) []*buildEntry {
	if bs := w.byRepo[r.full]; len(bs) > 0 {
		return bs
	}
	var out []*buildEntry
	for _, b := range w.patterns {
		if b.pattern.MatchString(r.full) {
			out = append(out, b)
		}
	}
	return out
}

// useEvidence is the evidence of the workloads that run an image: the image lines of their manifests.
func useEvidence(us []use) []model.Evidence {
	var out []model.Evidence
	for i, u := range us {
		if i == maxUseEvidence {
			break
		}
		what := u.workload.ID + " runs " + strings.TrimPrefix(u.edge.To, "image:")
		if cs := u.containers(); len(cs) > 0 {
			what = u.workload.ID + " container " + strings.Join(cs, ", ") + " runs " + strings.TrimPrefix(u.edge.To, "image:")
		}
		out = append(out, link.EvidenceOfEdge(u.edge, what))
	}
	return out
}

// dockerfileEvidence points at a Dockerfile.
func dockerfileEvidence(d *dockerfile) model.Evidence {
	return link.Evidence(d.node, "Dockerfile "+d.path)
}

// edge records a link edge and the assumptions it rests on.
func (w *work) edge(from string, kind model.EdgeKind, to string, l link.Link) {
	e := link.NewEdge(w.b, from, kind, to, l)
	w.out.Edges = append(w.out.Edges, e)
	for _, a := range l.Assumptions {
		w.out.Assumptions = append(w.out.Assumptions, model.Assumption{Subject: from, Attribute: string(kind) + " " + to,
			Reason: a, Assumed: "the link is made", Prov: e.Prov})
	}
}

// refuse records a refused link.
func (w *work) refuse(from, to string, l link.Link) {
	w.out.Broken = append(w.out.Broken, link.NewBroken(w.b, from, model.EdgeBuiltFrom, to, l))
}
