// Package flaw links code flaws to what runs their code: has-flaw edges from the images whose builds copy a
// flaw's file in, from the workloads that run those images, from the Lambda functions deployed from its
// directory, and from the services (seam.yaml, Backstage) whose code it is in. A flaw is the built-in
// detectors' finding or an imported SARIF result (internal/extract/sarif).
//
// The builder runs in stage "join", beside the image builder, so it cannot see that builder's built-from
// edges: it works out which Dockerfile builds an image itself, with a subset of the image builder's methods
// (a build configuration that builds the exact tag or, with another tag, its repository — high; the one
// Dockerfile named like the repository path's trailing segments — medium), and gives no edge for an image
// only weaker evidence joins, or whose candidates disagree (the image builder refuses those).
//
// Decisions:
//   - Image: the build context is the one a build configuration names (context attribute of its builds),
//     else the Dockerfile's directory, an assumption. The file must be under the context and copied by a
//     COPY or ADD of a stage that reaches the image — the final stage, the stages it is built FROM, and the
//     stages it copies from with COPY --from (a Go binary holds the code its build stage compiled). A file
//     in the context that no COPY copies is not in the image. COPY --exclude is honoured; .dockerignore is
//     not readable by a link builder and is assumed to exclude nothing (an assumption on directory copies).
//   - Confidence: context from a build configuration and a COPY of the file, its directory or the whole
//     context: high; the Dockerfile's directory as context by convention, a glob, or an image matched by
//     registry path: medium; a COPY source with a build variable: low. A workload's edge has its image's.
//   - Workloads: those with a runs edge to the image (Kubernetes, ECS task definitions, Lambda image_uri),
//     and those that run such a workload (an ECS service runs its task definition).
//   - Lambda (zip packages): the archive_file data sources the function references (filename,
//     source_code_hash, an aws_s3_object's source) give its code's directory (source_dir) or file
//     (source_file), relative to the root module as Terraform reads them — high, archive excludes honoured;
//     a filename that an archive_file writes is that archive; a package beside a directory of its name
//     (functions/resize.zip, functions/resize/) is medium; a package or S3 key named like a directory that
//     holds flaws is low, and ambiguous when several do (a refused link).
//   - Services: a seam.yaml service's paths globs (high); a Backstage Component's backstage.io/source-location
//     — dir: high, url: medium with the assumption that the URL names this repository; a location at the
//     repository root claims nothing.
//   - A flaw in a directory no image, function or service takes in gets no edge and no refused link: it is
//     not deployed, as far as the files show. Results the tool says are not present (SARIF kind pass,
//     baselineState absent) get no edges; flaws of no foothold class do, with class "" and foothold false,
//     so that analyses decide.
//   - SARIF paths that did not resolve (an absolute path on a CI runner) are placed by their longest ending
//     that is a file of the scan (a node's provenance), else by the longest ending, of two or more segments,
//     whose directory holds files of the scan (a source file no extractor reads is not a node, but its
//     Dockerfile is); the placement is the derived property "file" of the flaw, its edges carry the
//     assumption and at most medium confidence when only the directory was known. Several files ending
//     alike, or none, is a refused link from the flaw.
//   - Assumptions are in each edge's assumptions attribute; as listed assumptions (model.Assumption) they are
//     given once, with the image's edge, not again with every workload that runs the image.
//   - Edge attributes: method, confidence, reason, evidence (the flaw's line first, then the COPY line, the
//     stage copies and the build configuration line, the workload's image line), assumptions, and class,
//     foothold, rule, tool, file, line; images and workloads also image_match, dockerfile, context,
//     copy_line; workloads image.
package flaw

import (
	"context"
	"sort"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// Name is the builder's name; its facts have provenance extractor "link/flaw".
const Name = "flaw"

// Builder is the code-flaw link builder. It holds no state and is safe for concurrent use.
type Builder struct{}

// New returns the code-flaw link builder.
func New() *Builder { return &Builder{} }

var _ link.Builder = (*Builder)(nil)

// Name returns "flaw".
func (*Builder) Name() string { return Name }

// Describe says what the builder joins.
func (*Builder) Describe() string {
	return "code flaws to the images whose builds copy their file, the workloads that run those images, the Lambda functions deployed from their directory and the services whose code they are in"
}

// Inputs lists what the builder reads.
func (*Builder) Inputs() []string {
	return []string{
		"code-flaw nodes (file, line, class; SARIF path, path_resolved)", "node provenance files (to place SARIF paths)",
		"Dockerfile nodes (stages, copies, final_stage)", "build configuration nodes (builds: image, repository, dockerfile, context)",
		"image nodes", "runs edges", "aws_lambda_function (filename, s3_key) and data.archive_file (source_dir, source_file) with their references edges",
		"seam.yaml business-service paths", "Backstage Component annotation backstage.io/source-location",
	}
}

// work holds one Build's indexes and output.
type work struct {
	b        *Builder
	in       *link.Input
	g        *graph.Graph
	findings []*finding // sorted by file
	byPath   map[string]*dockerfile
	byName   map[string][]*dockerfile
	byImage  map[string][]*build
	byRepo   map[string][]*build
	pushed   map[string]bool // registry namespaces build configurations push to
	units    map[string]*unit
	dfUnits  map[string][]*unit // Dockerfile path → how it is built
	archives []*model.Node
	named    map[string][]string // see dirsNamed
	edges    map[string]*proposal
	out      model.Facts
}

// proposal is the best link found so far between one node and one flaw.
type proposal struct {
	from string
	f    *finding
	l    link.Link
}

// Build makes the has-flaw edges.
func (b *Builder) Build(ctx context.Context, in *link.Input) (model.Facts, error) {
	w := &work{b: b, in: in, g: in.Graph, byPath: map[string]*dockerfile{}, byName: map[string][]*dockerfile{},
		byImage: map[string][]*build{}, byRepo: map[string][]*build{}, pushed: map[string]bool{},
		units: map[string]*unit{}, dfUnits: map[string][]*unit{}, edges: map[string]*proposal{}}
	w.readFindings()
	if len(w.findings) == 0 {
		return w.finish(), nil
	}
	w.readDockerfiles()
	for _, step := range []func(){w.linkImages, w.linkLambdas, w.linkServices} {
		if err := ctx.Err(); err != nil {
			return model.Facts{}, err
		}
		step()
	}
	return w.finish(), nil
}

// readDockerfiles indexes the Dockerfiles, the builds that name them and the archives Lambda functions use.
func (w *work) readDockerfiles() {
	for _, n := range w.g.NodesOfKind(model.KindDockerfile) {
		d := readDockerfile(n)
		w.byPath[d.path] = d
		if name := d.name(); name != "" {
			w.byName[name] = append(w.byName[name], d)
		}
	}
	w.readBuilds()
	var paths []string
	for p := range w.byPath {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, bs := range w.sortedBuilds() {
		if r, ok := parseRepo(bs.repository + ":x"); ok && !bs.patterned {
			w.pushed[r.namespace()] = true
		}
		if d := w.byPath[bs.dockerfile]; d != nil && !bs.noDockerf {
			u := w.unitOf(d, bs)
			if !containsUnit(w.dfUnits[d.path], u) {
				w.dfUnits[d.path] = append(w.dfUnits[d.path], u)
			}
		}
	}
	for _, p := range paths {
		if len(w.dfUnits[p]) == 0 {
			w.dfUnits[p] = []*unit{w.unitOf(w.byPath[p], nil)}
		}
	}
	for _, n := range w.g.Nodes() {
		if n.Type == "data.archive_file" {
			w.archives = append(w.archives, n)
		}
	}
}

// sortedBuilds lists every build once, in the order of the image IDs that name them.
func (w *work) sortedBuilds() []*build {
	ids := make([]string, 0, len(w.byImage))
	for id := range w.byImage {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var out []*build
	for _, id := range ids {
		out = append(out, w.byImage[id]...)
	}
	return out
}

func containsUnit(us []*unit, u *unit) bool {
	for _, x := range us {
		if x == u {
			return true
		}
	}
	return false
}

// propose records a link from a node to a flaw, keeping the most confident one per pair. A flaw whose path
// was placed by suffix adds that assumption; placed by its directory only, it caps the confidence at medium.
func (w *work) propose(from string, f *finding, l link.Link) {
	if f.assumption != "" {
		l.Assumptions = append(append([]string(nil), l.Assumptions...), f.assumption)
		if f.placed == MethodDirectorySuffix {
			l.Confidence = minConf(l.Confidence, link.Medium)
		}
		if f.sarif != nil {
			l.Evidence = append(append([]model.Evidence(nil), l.Evidence...), *f.sarif)
		}
	}
	key := from + "\x00" + f.node.ID
	if cur, ok := w.edges[key]; ok && cur.l.Confidence >= l.Confidence {
		return
	}
	w.edges[key] = &proposal{from: from, f: f, l: l}
}

// finish turns the proposals into edges and assumptions, in order.
func (w *work) finish() model.Facts {
	keys := make([]string, 0, len(w.edges))
	for k := range w.edges {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		p := w.edges[k]
		attrs := map[string]any{"class": p.f.class, "foothold": p.f.foothold, "rule": str(p.f.node.Attrs["rule"]),
			"tool": str(p.f.node.Attrs["tool"]), "file": p.f.file, "line": p.f.line}
		for k, v := range p.l.Attrs {
			attrs[k] = v
		}
		p.l.Attrs = attrs
		e := link.NewEdge(w.b, p.from, model.EdgeHasFlaw, p.f.node.ID, p.l)
		w.out.Edges = append(w.out.Edges, e)
		if p.l.Method == MethodRunsImage {
			continue // its assumptions are its image's, listed once with the image's edge
		}
		for _, a := range p.l.Assumptions {
			w.out.Assumptions = append(w.out.Assumptions, model.Assumption{Subject: p.from,
				Attribute: string(model.EdgeHasFlaw) + " " + p.f.node.ID, Reason: a, Assumed: "the link is made", Prov: e.Prov})
		}
	}
	model.SortAssumptions(w.out.Assumptions)
	model.SortBrokenLinks(w.out.Broken)
	return w.out
}

// refuse records a link the builder looked for and did not make.
func (w *work) refuse(from, to string, l link.Link) {
	w.out.Broken = append(w.out.Broken, link.NewBroken(w.b, from, model.EdgeHasFlaw, to, l))
}
