package image

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// found is a Dockerfile a method found for an image, with what the link rests on.
type found struct {
	df          *dockerfile
	build       *buildEntry // the build configuration entry, for build-config
	assumptions []string
	score       float64 // registry-path rank: agreeing segments, a half for a partial last one, less for a variant
	agreed      int     // registry-path: the trailing segments that agree exactly
}

// fromBuilds decides an image from the builds that name it. It returns false when no build gives a Dockerfile
// Seam can resolve or refuse (every Dockerfile path has unknown parts matching no single file), so that the
// other methods are tried.
func (w *work) fromBuilds(img *model.Node, us []use, builds []*buildEntry, exact bool) bool {
	var cands []found
	seen := map[string]bool{}
	var missing, none []*buildEntry
	for _, b := range builds {
		f, state := w.buildDockerfile(b)
		switch state {
		case dfFound:
			if !seen[f.df.path] {
				seen[f.df.path] = true
				cands = append(cands, f)
			}
		case dfMissing:
			missing = append(missing, b)
		case dfNone:
			none = append(none, b)
		}
	}
	how := "builds the image " + strings.TrimPrefix(img.ID, "image:")
	if !exact {
		how = "builds its repository " + builds[0].repository + " (with another tag)"
	}
	switch {
	case len(cands) == 1:
		f := cands[0]
		if !exact {
			f.assumptions = append(f.assumptions, "the tag "+strings.TrimPrefix(img.ID, "image:")+
				" is built the way the configuration builds "+f.build.imageRef())
		}
		w.link(img, us, f, MethodBuildConfig, link.High,
			fmt.Sprintf("%s %s:%d %s from %s", f.build.builder, f.build.config.Prov.File, f.build.line, how, f.df.path))
	case len(cands) > 1:
		w.ambiguous(img, us, MethodBuildConfig, cands, "build configurations that "+strings.TrimPrefix(how, "builds ")+" name different Dockerfiles")
	case len(missing) > 0:
		for _, b := range uniqueDockerfiles(missing) {
			w.refuse(img.ID, model.FileNodeID(model.KindDockerfile, b.dockerfile), link.Link{Method: MethodBuildConfig,
				Reason: fmt.Sprintf("%s %s:%d %s from %s, which is not in the scanned files", b.builder,
					b.config.Prov.File, b.line, how, b.dockerfile),
				Evidence: append(useEvidence(us), b.evidence())})
		}
	case len(none) > 0:
		b := none[0]
		why := b.noDockerfile
		if b.remote != "" {
			why = "the build context is fetched from " + b.remote
		}
		w.refuse(img.ID, "", link.Link{Method: MethodBuildConfig,
			Reason:   fmt.Sprintf("%s %s:%d %s without a Dockerfile in the repository: %s", b.builder, b.config.Prov.File, b.line, how, why),
			Evidence: append(useEvidence(us), b.evidence())})
	default:
		return false
	}
	return true
}

// The states of a build's Dockerfile.
const (
	dfUnresolved = iota // its path has unknown parts that match no single Dockerfile
	dfFound
	dfMissing // it names a Dockerfile that is not in the scan
	dfNone    // the build uses no Dockerfile file
)

// buildDockerfile finds the Dockerfile node a build names. A default Dockerfile name that is not there is also
// looked for as Containerfile (podman's and buildah's first choice).
func (w *work) buildDockerfile(b *buildEntry) (found, int) {
	switch {
	case b.noDockerfile != "" || b.remote != "":
		return found{}, dfNone
	case b.dockerfilePattern != nil:
		var match []*dockerfile
		for _, d := range w.dockerfiles {
			if b.dockerfilePattern.MatchString(d.path) {
				match = append(match, d)
			}
		}
		if len(match) != 1 {
			return found{}, dfUnresolved
		}
		return found{df: match[0], build: b, assumptions: []string{"the Dockerfile path " + b.dockerfile +
			" has parts known only when the build runs; " + match[0].path + " is the only Dockerfile it can be"}}, dfFound
	case b.dockerfile == "":
		return found{}, dfUnresolved
	}
	if d := w.byPath[b.dockerfile]; d != nil {
		return found{df: d, build: b}, dfFound
	}
	if b.dockerfileDefault {
		if d := w.byPath[path.Join(path.Dir(b.dockerfile), "Containerfile")]; d != nil {
			return found{df: d, build: b}, dfFound
		}
	}
	return found{}, dfMissing
}

func uniqueDockerfiles(bs []*buildEntry) []*buildEntry {
	seen := map[string]bool{}
	var out []*buildEntry
	for _, b := range bs {
		if !seen[b.dockerfile] {
			seen[b.dockerfile] = true
			out = append(out, b)
		}
	}
	return out
}

// byRegistryPath scores every Dockerfile whose name agrees with the last segment of the image's repository
// path, by how many trailing segments agree. The best must be unique.
func (w *work) byRegistryPath(img *model.Node, us []use, r repo) bool {
	last := normName(r.path[len(r.path)-1])
	var cands []found
	seen := map[string]bool{}
	for _, name := range append([]string{last}, affixes(last)...) {
		for _, d := range w.byName[name] {
			if s, n := pathScore(r.path, d); s > 0 && !seen[d.path] {
				seen[d.path] = true
				cands = append(cands, found{df: d, score: s, agreed: n})
			}
		}
	}
	if len(cands) == 0 {
		return false
	}
	sort.SliceStable(cands, func(i, j int) bool {
		if cands[i].score != cands[j].score {
			return cands[i].score > cands[j].score
		}
		return cands[i].df.path < cands[j].df.path
	})
	repoPath := strings.Join(r.path, "/")
	if len(cands) > 1 && cands[0].score == cands[1].score {
		tied := cands[:1]
		for _, c := range cands[1:] {
			if c.score == cands[0].score {
				tied = append(tied, c)
			}
		}
		w.ambiguous(img, us, MethodRegistryPath, tied, "Dockerfiles agree equally with the repository path "+repoPath)
		return true
	}
	f := cands[0]
	conf, agree := link.Medium, fmt.Sprintf("the last %d segments agree", f.agreed)
	if f.agreed == 1 {
		agree = "the last segment agrees"
	}
	if f.agreed == 0 {
		conf, agree = link.Low, "only part of the last segment agrees"
	}
	alone := "no other Dockerfile matches"
	if len(cands) > 1 {
		alone = "the next best, " + cands[1].df.path + ", agrees less"
	}
	w.link(img, us, f, MethodRegistryPath, conf, fmt.Sprintf("the repository path %s agrees with %s (%s; %s)",
		repoPath, f.df.path, agree, alone))
	return true
}

// pathScore compares image path segments and a Dockerfile's name segments from the end, skipping generic
// directory names (services, apps, docker …). The last segment must agree exactly (1) or by its leading or
// trailing words (0.5, and nothing more is counted); every earlier segment that agrees adds 1. A development
// variant scores a quarter less. agreed counts the segments that agree exactly.
func pathScore(imagePath []string, d *dockerfile) (score float64, agreed int) {
	var names []string
	for _, n := range d.names {
		if !genericDirs[n] {
			names = append(names, n)
		}
	}
	i, j := len(imagePath)-1, len(names)-1
	if j < 0 {
		return 0, 0
	}
	switch last := normName(imagePath[i]); {
	case last == names[j]:
		agreed = 1
		for i, j = i-1, j-1; i >= 0 && j >= 0 && normName(imagePath[i]) == names[j]; i, j = i-1, j-1 {
			agreed++
		}
		score = float64(agreed)
	case contains(affixes(last), names[j]):
		score = 0.5
	default:
		return 0, 0
	}
	if d.variant {
		score -= 0.25
	}
	return score, agreed
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// byDirectory looks for the Dockerfile named like a workload that runs the image or its container.
func (w *work) byDirectory(img *model.Node, us []use) bool {
	var cands []found
	seen := map[string]bool{}
	var names []string
	for _, u := range us {
		for _, n := range u.names() {
			if contains(names, n) || n == "" {
				continue
			}
			names = append(names, n)
			for _, d := range w.byName[n] {
				if !seen[d.path] {
					seen[d.path] = true
					cands = append(cands, found{df: d})
				}
			}
		}
	}
	cands = preferPlain(cands)
	switch {
	case len(cands) == 0:
		return false
	case len(cands) > 1:
		w.ambiguous(img, us, MethodDirectory, cands, "Dockerfiles are named like the workload ("+strings.Join(names, ", ")+")")
	default:
		w.link(img, us, cands[0], MethodDirectory, link.Low, fmt.Sprintf("%s is named like the workload or container "+
			"(%s) that runs the image; the image name itself matches no Dockerfile", cands[0].df.path, strings.Join(names, ", ")))
	}
	return true
}

// preferPlain drops development variants when a plain Dockerfile is among the candidates.
func preferPlain(cs []found) []found {
	var plain []found
	for _, c := range cs {
		if !c.df.variant {
			plain = append(plain, c)
		}
	}
	if len(plain) > 0 {
		return plain
	}
	return cs
}

// ambiguous refuses a link with every candidate in the reason and the evidence.
func (w *work) ambiguous(img *model.Node, us []use, method string, cands []found, why string) {
	paths := make([]string, len(cands))
	ev := useEvidence(us)
	for i, c := range cands {
		paths[i] = c.df.path
		ev = append(ev, dockerfileEvidence(c.df))
		if c.build != nil {
			ev = append(ev, c.build.evidence())
		}
	}
	w.refuse(img.ID, "", link.Link{Method: method, Evidence: ev,
		Reason: fmt.Sprintf("ambiguous: %d %s (%s); Seam picks none", len(cands), why, strings.Join(paths, ", "))})
}

// builtElsewhere refuses the link for an image on a private registry that nothing here builds.
func (w *work) builtElsewhere(img *model.Node, us []use, r repo, ev model.Evidence, why string, owned bool) {
	reason := "the image is on the private registry " + r.host
	evidence := useEvidence(us)
	if owned {
		reason = "the image is the organisation's (" + why + ")"
		evidence = append(evidence, ev)
	}
	w.refuse(img.ID, "", link.Link{Method: MethodSearch, Evidence: evidence,
		Reason: reason + ", but no build configuration and no Dockerfile in the scanned files builds it: built elsewhere"})
}

// link makes the built-from edge and the contains edges of its Dockerfile.
func (w *work) link(img *model.Node, us []use, f found, method string, conf link.Confidence, reason string) {
	ev := useEvidence(us)
	if f.build != nil && len(us) == 0 {
		ev = append(ev, f.build.evidence())
	}
	ev = append(ev, dockerfileEvidence(f.df))
	if f.build != nil && len(us) > 0 {
		ev = append(ev, f.build.evidence())
	}
	attrs := map[string]any{"dockerfile": f.df.path}
	bc := buildContext{dir: f.df.dir, assumed: true}
	if f.build != nil {
		attrs["config"], attrs["config_line"] = f.build.config.Prov.File, f.build.line
		if f.build.context != "" && f.build.contextKnown {
			bc = buildContext{dir: f.build.context, target: f.build.target}
		}
	}
	if method == MethodRegistryPath {
		attrs["segments_agreeing"] = f.agreed
	}
	attrs["context"] = bc.dir
	w.edge(img.ID, model.EdgeBuiltFrom, f.df.node.ID, link.Link{Method: method, Confidence: conf, Reason: reason,
		Evidence: ev, Assumptions: f.assumptions, Attrs: attrs})
	w.contains(img, f.df, bc)
}
