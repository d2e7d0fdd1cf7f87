package flaw

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// Methods of the image and workload edges.
const (
	MethodBuildContext  = "build-context"        // a build configuration names the context; a COPY copies the file
	MethodDockerfileDir = "dockerfile-directory" // the context is the Dockerfile's directory by convention
	MethodRunsImage     = "runs-image"           // a workload runs an image that has the flaw
)

// How an image was matched to the Dockerfile that builds it (edge attribute image_match).
const (
	matchBuild      = "build-config"            // a build configuration builds this exact image
	matchRepository = "build-config-repository" // one builds its repository with another tag
	matchRegistry   = "registry-path"           // the repository path's last segments name the Dockerfile
)

// build is one build a build configuration lists (the buildconfig extractor's "builds" attribute).
type build struct {
	cfg                  *model.Node
	line                 int
	image, repository    string
	dockerfile, context  string
	contextKnown         bool
	target, builder      string
	patterned, noDockerf bool
}

func (b *build) evidence() model.Evidence {
	return model.Evidence{File: b.cfg.Prov.File, Line: b.line, What: fmt.Sprintf("%s builds %s from %s with context %s",
		b.builder, strings.TrimPrefix(b.image, "image:"), b.dockerfile, b.context)}
}

func (w *work) readBuilds() {
	for _, n := range w.g.NodesOfKind(model.KindConfig) {
		list, _ := n.Attrs["builds"].([]any)
		for _, it := range list {
			m, _ := it.(map[string]any)
			b := &build{cfg: n, line: intOf(m["config_line"]), image: str(m["image"]), repository: str(m["repository"]),
				dockerfile: str(m["dockerfile"]), context: str(m["context"]), target: str(m["build_target"]),
				builder: str(m["builder"])}
			if b.image == "" {
				continue
			}
			unknown, _ := m["unknown_parts"].(map[string]any)
			b.contextKnown = b.context != "" && len(link.Strings(unknown["context"])) == 0
			for _, part := range link.Strings(unknown["ref"]) {
				b.patterned = b.patterned || strings.Contains(b.repository, part) // a tag alone may be unknown
			}
			b.noDockerf = str(m["no_dockerfile"]) != "" || str(m["context_remote"]) != "" || len(link.Strings(unknown["dockerfile"])) > 0
			w.byImage[b.image] = append(w.byImage[b.image], b)
			if !b.patterned && b.repository != "" {
				w.byRepo[b.repository] = append(w.byRepo[b.repository], b)
			}
		}
	}
}

// unit is one way a Dockerfile is built: its build context and target, stated by a build configuration or,
// without one, the Dockerfile's directory.
type unit struct {
	df      *dockerfile
	context string
	target  string
	build   *build // nil for the directory convention
	reached map[int]reach
	covered map[*finding]*coverage // memo: nil value when the build does not copy the file
}

func (w *work) unitOf(df *dockerfile, b *build) *unit {
	ctx, target := df.dir, ""
	if b != nil {
		target = b.target
		if b.contextKnown {
			ctx = path.Clean(b.context)
		} else {
			b = nil // a context with unknown parts: the convention, as an assumption
		}
	}
	key := df.path + "\x00" + ctx + "\x00" + target
	if u, ok := w.units[key]; ok {
		if u.build == nil && b != nil {
			u.build = b
		}
		return u
	}
	u := &unit{df: df, context: ctx, target: target, build: b, reached: df.reached(target), covered: map[*finding]*coverage{}}
	w.units[key] = u
	return u
}

// cover says whether the unit's build copies a finding's file into the image.
func (u *unit) cover(f *finding) *coverage {
	if c, ok := u.covered[f]; ok {
		return c
	}
	var out *coverage
	if under(f.file, u.context) {
		rel := strings.TrimPrefix(f.file, u.context+"/")
		if u.context == "." {
			rel = f.file
		}
		if c, ok := u.df.covers(rel, u.reached); ok {
			out = &c
		}
	}
	u.covered[f] = out
	return out
}

// imageMatch is how an image is built: the units that build it and how they were found.
type imageMatch struct {
	units       []*unit
	how         string
	why         string // how, in words
	confidence  link.Confidence
	evidence    []model.Evidence
	assumptions []string
}

// matchImage finds the Dockerfile builds of an image: the builds that name it, else those of its repository,
// else the one Dockerfile its registry path names (a subset of what the image builder does, which runs in the
// same stage: see the package documentation). ok is false for an image no Dockerfile here builds, or one
// whose candidates disagree.
func (w *work) matchImage(img *model.Node) (imageMatch, bool) {
	if bs := w.byImage[img.ID]; len(bs) > 0 {
		m, ok := w.fromBuilds(bs, matchBuild, nil)
		m.why = fmt.Sprintf("%s:%d builds this tag", bs[0].cfg.Prov.File, bs[0].line)
		return m, ok
	}
	r, ok := parseRepo(strings.TrimPrefix(img.ID, "image:"))
	if !ok {
		return imageMatch{}, false
	}
	if bs := w.byRepo[r.full]; len(bs) > 0 {
		m, ok := w.fromBuilds(bs, matchRepository, []string{"the tag " + strings.TrimPrefix(img.ID, "image:") +
			" is built the way the configuration builds " + strings.TrimPrefix(bs[0].image, "image:")})
		m.why = fmt.Sprintf("%s:%d builds its repository with another tag", bs[0].cfg.Prov.File, bs[0].line)
		return m, ok
	}
	if len(w.g.In(img.ID)) == 0 || r.library() || (r.public() && !w.pushed[r.namespace()]) {
		return imageMatch{}, false // nothing runs it, or it is someone else's public image
	}
	df := w.byRegistryPath(r)
	if df == nil {
		return imageMatch{}, false
	}
	m := imageMatch{how: matchRegistry, confidence: link.Medium, why: "its repository path " + strings.Join(r.path, "/") + " names it",
		evidence: []model.Evidence{link.Evidence(df.node, "Dockerfile "+df.path+" is named like the repository path "+strings.Join(r.path, "/"))}}
	for _, u := range w.dfUnits[df.path] {
		m.units = append(m.units, u)
	}
	return m, true
}

// fromBuilds decides from the builds that build an image: they must agree on one Dockerfile in the scan.
func (w *work) fromBuilds(bs []*build, how string, assumptions []string) (imageMatch, bool) {
	m := imageMatch{how: how, confidence: link.High, assumptions: assumptions}
	var df *dockerfile
	for _, b := range bs {
		d := w.byPath[b.dockerfile]
		if b.noDockerf || d == nil || (df != nil && d != df) {
			return imageMatch{}, false // no Dockerfile here, or builds that disagree: the image builder refuses it
		}
		df = d
		m.units = append(m.units, w.unitOf(d, b))
		m.evidence = append(m.evidence, b.evidence())
	}
	return m, true
}

// byRegistryPath returns the one Dockerfile whose name segments agree with most trailing segments of the
// repository path (at least the last), plain Dockerfiles beating development variants; nil when none or
// several agree equally.
func (w *work) byRegistryPath(r repo) *dockerfile {
	last := normName(r.path[len(r.path)-1])
	var best []*dockerfile
	bestN := 0
	for _, d := range w.byName[last] {
		n := 0
		for i, j := len(r.path)-1, len(d.names)-1; i >= 0 && j >= 0 && normName(r.path[i]) == d.names[j]; i, j = i-1, j-1 {
			n++
		}
		switch {
		case n > bestN:
			best, bestN = []*dockerfile{d}, n
		case n == bestN && n > 0:
			best = append(best, d)
		}
	}
	var plain []*dockerfile
	for _, d := range best {
		if !d.variant {
			plain = append(plain, d)
		}
	}
	if len(plain) > 0 {
		best = plain
	}
	if len(best) != 1 {
		return nil
	}
	return best[0]
}

// linkImages makes the image and workload edges.
func (w *work) linkImages() {
	for _, img := range w.g.NodesOfKind(model.KindImage) {
		m, ok := w.matchImage(img)
		if !ok {
			continue
		}
		got := w.imageFlaws(img, m)
		if len(got) == 0 {
			continue
		}
		for _, u := range w.runners(img.ID) {
			for _, c := range got {
				l := c.link
				l.Method = MethodRunsImage
				l.Reason = fmt.Sprintf("%s runs %s, which holds the flaw: %s", u.workload, strings.TrimPrefix(img.ID, "image:"),
					c.link.Reason)
				l.Evidence = append(append([]model.Evidence{c.f.evidence()}, u.evidence...), c.link.Evidence[1:]...)
				l.Attrs = map[string]any{"image": img.ID, "image_match": m.how, "dockerfile": c.unit.df.path}
				w.propose(u.workload, c.f, l)
			}
		}
	}
}

// imageFlaw is a flaw an image was found to hold, with the link that says so.
type imageFlaw struct {
	f    *finding
	unit *unit
	link link.Link
}

// imageFlaws proposes an edge from the image to every present flaw one of its builds copies in, and returns
// them for the workloads that run it.
func (w *work) imageFlaws(img *model.Node, m imageMatch) []imageFlaw {
	best := map[*finding]imageFlaw{}
	for _, u := range m.units {
		for _, f := range w.findingsUnder(u.context) {
			if !f.present {
				continue
			}
			cv := u.cover(f)
			if cv == nil {
				continue
			}
			l := w.imageLink(img, m, u, f, cv)
			if cur, ok := best[f]; !ok || l.Confidence > cur.link.Confidence {
				best[f] = imageFlaw{f: f, unit: u, link: l}
			}
		}
	}
	out := make([]imageFlaw, 0, len(best))
	for _, c := range best {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].f.node.ID < out[j].f.node.ID })
	for _, c := range out {
		w.propose(img.ID, c.f, c.link)
	}
	return out
}

// copyHow says in words how a COPY source takes a file in.
var copyHow = map[string]string{"file": "the file itself", "directory": "its directory", "build context": "the whole build context",
	"glob": "a wildcard", "variable": "a source with a build variable"}

// imageLink describes how an image holds a flaw: the COPY that copies its file from the build context.
func (w *work) imageLink(img *model.Node, m imageMatch, u *unit, f *finding, cv *coverage) link.Link {
	conf := minConf(m.confidence, cv.confidence)
	method, ctxHow := MethodBuildContext, "named by the build configuration"
	var assumptions []string
	assumptions = append(assumptions, m.assumptions...)
	if u.build == nil {
		method, ctxHow = MethodDockerfileDir, "the Dockerfile's directory, by convention"
		conf = minConf(conf, link.Medium)
		assumptions = append(assumptions, "the build context is assumed to be the Dockerfile's directory, "+u.context+
			": no build configuration names one")
	}
	if cv.assumption != "" {
		assumptions = append(assumptions, cv.assumption)
	}
	if cv.how == "directory" || cv.how == "build context" || cv.how == "glob" {
		assumptions = append(assumptions, "a .dockerignore in "+u.context+" (which a link builder cannot read) is assumed not to exclude "+f.file)
	}
	copyEv := model.Evidence{File: u.df.path, Line: cv.op.line, What: fmt.Sprintf("%s %s copies %s (%s) into stage %s",
		cv.op.instruction, strings.Join(cv.op.sources, " "), f.file, copyHow[cv.how], u.df.stageLabel(cv.op.stage))}
	ev := append([]model.Evidence{f.evidence(), copyEv}, cv.via...)
	ev = append(ev, m.evidence...)
	return link.Link{Method: method, Confidence: conf, Evidence: ev, Assumptions: assumptions,
		Reason: fmt.Sprintf("the image is built from %s (%s) in the context %s (%s); line %d (%s %s) copies %s",
			u.df.path, m.why, u.context, ctxHow, cv.op.line, cv.op.instruction, strings.Join(cv.op.sources, " "), f.file),
		Attrs: map[string]any{"dockerfile": u.df.path, "context": u.context, "copy_line": cv.op.line, "image_match": m.how}}
}

// runner is a workload that runs an image, directly or through the task definition it runs (an ECS service).
type runner struct {
	workload string
	evidence []model.Evidence
}

// runners returns the workloads that run an image: those with a runs edge to it, and those that run one of
// them (an ECS service runs a task definition that runs the image).
func (w *work) runners(imageID string) []runner {
	var out []runner
	for _, e := range w.g.In(imageID) {
		wl, ok := w.g.Node(e.From)
		if e.Kind != model.EdgeRuns || !ok || wl.Kind != model.KindWorkload {
			continue
		}
		ev := link.EvidenceOfEdge(e, wl.ID+" runs "+strings.TrimPrefix(imageID, "image:"))
		out = append(out, runner{workload: wl.ID, evidence: []model.Evidence{ev}})
		for _, e2 := range w.g.In(wl.ID) {
			if up, ok := w.g.Node(e2.From); ok && e2.Kind == model.EdgeRuns && up.Kind == model.KindWorkload {
				out = append(out, runner{workload: up.ID, evidence: []model.Evidence{
					link.EvidenceOfEdge(e2, up.ID+" runs "+wl.ID), ev}})
			}
		}
	}
	return out
}

func minConf(a, b link.Confidence) link.Confidence {
	if a < b {
		return a
	}
	return b
}
