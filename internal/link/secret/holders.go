package secret

import (
	"fmt"
	"path"
	"strings"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// holders makes the reads-secret edges of the workloads that hold a secret.
func (w *work) holders(s *model.Node) {
	sev := secretEvidence(s)
	for _, c := range w.containers(s) {
		switch {
		case c.node.Kind == model.KindWorkload:
			w.add(c.node.ID, model.EdgeReadsSecret, s.ID, link.Link{Method: MethodWorkloadConfig, Confidence: link.Certain,
				Evidence: []model.Evidence{sev, link.Evidence(c.node, c.node.Type+" "+c.node.Name)}, Attrs: edgeAttrs(s),
				Reason: fmt.Sprintf("the %s %s is written in the definition of %s, which has it at run time", str(s, "kind"), str(s, "masked"), c.node.ID)})
		case c.node.Type == "Secret" || c.node.Type == "ConfigMap":
			w.objectReaders(s, c.node, sev)
		}
	}
	w.imageHolders(s, sev)
}

// objectReaders are the workloads that read the Kubernetes Secret or ConfigMap holding a secret.
func (w *work) objectReaders(s, obj *model.Node, sev model.Evidence) {
	method := MethodSecretRef
	if obj.Type == "ConfigMap" {
		method = MethodConfigRef
	}
	for _, e := range w.g.In(obj.ID) {
		if e.Kind != model.EdgeReadsSecret && e.Kind != model.EdgeMounts && e.Kind != model.EdgeReferences {
			continue
		}
		wl, ok := w.g.Node(e.From)
		if !ok || wl.Kind != model.KindWorkload {
			continue
		}
		w.add(wl.ID, model.EdgeReadsSecret, s.ID, link.Link{Method: method, Confidence: link.Certain, Attrs: edgeAttrs(s),
			Evidence: []model.Evidence{link.EvidenceOfEdge(e, wl.Name+" reads "+obj.Type+" "+obj.Name), sev},
			Reason:   fmt.Sprintf("%s reads %s %s, which holds the %s %s", wl.ID, obj.Type, obj.Name, str(s, "kind"), str(s, "masked"))})
	}
}

// imageHolders are the workloads running an image whose Dockerfile or build context holds a secret.
func (w *work) imageHolders(s *model.Node, sev model.Evidence) {
	for _, bd := range w.builds() {
		b, df := bd.edge, bd.dockerfile
		conf := link.Confidence(floatOf(b.Attrs["confidence"], float64(link.Low)))
		var l link.Link
		switch {
		case df.Prov.File == s.Prov.File:
			l = link.Link{Method: MethodImageEnv, Confidence: conf,
				Reason: fmt.Sprintf("the %s %s is written in %s, which builds %s: it is in the image's configuration or build history",
					str(s, "kind"), str(s, "masked"), df.Prov.File, b.From)}
		case bd.copies(s.Prov.File):
			l = link.Link{Method: MethodBuildContext, Confidence: lower(conf),
				Reason: fmt.Sprintf("%s is in the build context of %s and %s copies it into the image",
					s.Prov.File, b.From, df.Prov.File),
				Assumptions: []string{".dockerignore is not read: Seam assumes it does not exclude " + s.Prov.File}}
		default:
			continue
		}
		l.Attrs = edgeAttrs(s)
		for _, r := range w.g.In(b.From) {
			if r.Kind != model.EdgeRuns {
				continue
			}
			l.Evidence = []model.Evidence{link.EvidenceOfEdge(r, r.From+" runs "+b.From), link.EvidenceOfEdge(b, b.From+" is built from "+df.Prov.File), sev}
			w.add(r.From, model.EdgeReadsSecret, s.ID, l)
		}
	}
}

// build is an image → Dockerfile built-from edge with the paths its COPY and ADD instructions take from the
// build context (not from another stage or a URL), joined to the context and cleaned.
type build struct {
	edge       *model.Edge
	dockerfile *model.Node
	sources    []string
}

// builds are the image's builds, found once: every secret is checked against every build.
func (w *work) builds() []build {
	if w.buildList == nil {
		w.buildList = []build{}
		for _, df := range w.g.NodesOfKind(model.KindDockerfile) {
			for _, e := range w.g.In(df.ID) {
				if e.Kind == model.EdgeBuiltFrom {
					w.buildList = append(w.buildList, build{edge: e, dockerfile: df, sources: copySources(df, contextOf(e, df))})
				}
			}
		}
	}
	return w.buildList
}

// contextOf is the build context of an image link, else the Dockerfile's directory.
func contextOf(b *model.Edge, df *model.Node) string {
	if c, ok := b.Attrs["context"].(string); ok && c != "" {
		return path.Clean(c)
	}
	return path.Dir(df.Prov.File)
}

// copySources lists the context paths the Dockerfile's COPY and ADD instructions (not from another stage)
// copy, joined to the build context ctx.
func copySources(df *model.Node, ctx string) []string {
	var out []string
	l, _ := df.Attrs["copies"].([]any)
	for _, c := range l {
		m, _ := c.(map[string]any)
		if from, _ := m["from"].(string); from != "" {
			continue
		}
		srcs, _ := m["sources"].([]any)
		for _, sv := range srcs {
			src, _ := sv.(string)
			if src == "" || strings.Contains(src, "://") {
				continue
			}
			out = append(out, path.Clean(path.Join(ctx, src)))
		}
	}
	return out
}

// copies reports whether the build copies file into the image: a source equal to it, a directory above it
// ("." included) or a glob matching it.
func (b build) copies(file string) bool {
	for _, full := range b.sources {
		if full == file || full == "." || strings.HasPrefix(file, full+"/") {
			return true
		}
		if strings.ContainsAny(full, `*?[\`) {
			if ok, _ := path.Match(full, file); ok {
				return true
			}
		}
	}
	return false
}

func floatOf(v any, def float64) float64 {
	if f, ok := v.(float64); ok {
		return f
	}
	return def
}
