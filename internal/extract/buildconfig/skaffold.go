package buildconfig

import (
	"strconv"
	"strings"

	"github.com/seam-sec/seam/internal/model"
)

// artifact is one skaffold build artifact (https://skaffold.dev/docs/references/yaml/), after profile patches.
type artifact struct {
	line       int
	image      string
	context    string
	dockerfile string
	named      bool // the configuration names the Dockerfile (else it is the default)
	target     string
	args       []string
	kind       string // docker, kaniko, or a builder without a Dockerfile (jib, ko, buildpacks, bazel, custom)
}

// skaffold reads build.artifacts of a skaffold config, then every profile's artifacts and the profile patches
// that change the base artifacts. Paths are relative to the file's directory; the Dockerfile is relative to the
// artifact's context.
func (f *file) skaffold(root *node) {
	if api, _ := root.get("apiVersion").scalar(); !strings.HasPrefix(api, "skaffold/") {
		f.diags = append(f.diags, diag(f.path, root.line, model.SeverityInfo,
			"document has no apiVersion skaffold/…; not read as a skaffold config"))
		return
	}
	tag := skaffoldTag(root.path("build", "tagPolicy"))
	base := artifacts(root.path("build", "artifacts"))
	for _, a := range base {
		f.addArtifact(a, "", tag)
	}
	profiles := root.get("profiles")
	if profiles == nil || profiles.kind != seqNode {
		return
	}
	for _, p := range profiles.items {
		name, _ := p.get("name").scalar()
		ptag := tag
		if tp := p.path("build", "tagPolicy"); tp != nil {
			ptag = skaffoldTag(tp)
		}
		if arts := p.path("build", "artifacts"); arts != nil {
			for _, a := range artifacts(arts) {
				f.addArtifact(a, name, ptag)
			}
			continue
		}
		for _, a := range patched(base, p.get("patches")) {
			f.addArtifact(a, name, ptag)
		}
	}
}

// artifacts reads a list of artifacts.
func artifacts(n *node) []artifact {
	if n == nil || n.kind != seqNode {
		return nil
	}
	var out []artifact
	for _, it := range n.items {
		img, _ := it.get("image").scalar()
		a := artifact{line: it.line, image: img, context: ".", dockerfile: "Dockerfile", kind: "docker"}
		if c, ok := it.get("context").scalar(); ok && c != "" {
			a.context = c
		}
		for _, k := range []string{"docker", "kaniko"} {
			if d := it.get(k); d != nil {
				a.kind = k
				if s, ok := d.get("dockerfile").scalar(); ok && s != "" {
					a.dockerfile, a.named = s, true
				}
				a.target, _ = d.get("target").scalar()
				a.args = argNames(d.get("buildArgs"))
			}
		}
		for _, k := range []string{"jib", "ko", "buildpacks", "bazel", "custom"} {
			if it.get(k) != nil {
				a.kind = k
			}
		}
		if s, ok := it.path("custom", "dependencies", "dockerfile", "path").scalar(); ok && s != "" {
			a.kind, a.dockerfile, a.named = "custom", s, true // a custom build script declaring its Dockerfile
		}
		out = append(out, a)
	}
	return out
}

// patched applies a profile's JSON patches that replace or add a scalar field of a base artifact, and returns
// the artifacts they change.
func patched(base []artifact, patches *node) []artifact {
	if patches == nil || patches.kind != seqNode {
		return nil
	}
	changed := map[int]*artifact{}
	var order []int
	for _, p := range patches.items {
		op, _ := p.get("op").scalar()
		ptr, _ := p.get("path").scalar()
		val, ok := p.get("value").scalar()
		if !ok || (op != "replace" && op != "add") || !strings.HasPrefix(ptr, "/build/artifacts/") {
			continue
		}
		idx, field, _ := strings.Cut(strings.TrimPrefix(ptr, "/build/artifacts/"), "/")
		i, err := strconv.Atoi(idx)
		if err != nil || i < 0 || i >= len(base) {
			continue
		}
		a := changed[i]
		if a == nil {
			c := base[i]
			a = &c
			changed[i] = a
			order = append(order, i)
		}
		a.line = p.line
		switch field {
		case "image":
			a.image = val
		case "context":
			a.context = val
		case "docker/dockerfile", "kaniko/dockerfile":
			a.dockerfile, a.named = val, true
		case "docker/target", "kaniko/target":
			a.target = val
		}
	}
	out := make([]artifact, 0, len(order))
	for _, i := range order {
		out = append(out, *changed[i])
	}
	return out
}

// skaffoldTag returns the tag skaffold gives images under a tagPolicy: sha256 tags "latest"; the templates
// keep their text, which is unknown where it uses {{ }}; gitCommit (the default) and the other policies are
// decided at build time and appear as the unknown part "${tagPolicy.<name>}".
func skaffoldTag(tp *node) text {
	switch {
	case tp == nil || tp.get("gitCommit") != nil:
		return unknownText("${tagPolicy.gitCommit}")
	case tp.get("sha256") != nil:
		return known("latest")
	}
	for _, k := range []string{"envTemplate", "customTemplate"} {
		if s, ok := tp.path(k, "template").scalar(); ok {
			return templateText(s)
		}
	}
	if len(tp.keys) > 0 {
		return unknownText("${tagPolicy." + tp.keys[0] + "}")
	}
	return unknownText("${tagPolicy.gitCommit}")
}

// templateText marks Go template actions ({{.VERSION}}) in skaffold values as unknown parts.
func templateText(s string) text {
	var out text
	for {
		i := strings.Index(s, "{{")
		if i < 0 {
			return out.add(part{s: s})
		}
		j := strings.Index(s[i:], "}}")
		if j < 0 {
			return out.add(part{s: s})
		}
		out = out.add(part{s: s[:i]})
		out = out.add(part{s: s[i : i+j+2], unknown: true})
		s = s[i+j+2:]
	}
}

// addArtifact records one artifact as a build.
func (f *file) addArtifact(a artifact, profile string, tag text) {
	b := &build{line: a.line, where: map[string]any{}, args: a.args}
	setIf(b.where, "profile", profile)
	if a.kind != "docker" && a.kind != "kaniko" {
		b.where["skaffold_builder"] = a.kind
	}
	image := templateText(a.image)
	if !hasTag(image) {
		image = cat(image, known(":"), tag)
	}
	b.image = image
	ctx := templateText(a.context)
	if isRemote(ctx) {
		b.remote = ctx.String()
	} else {
		b.context, _ = joinPath(f.dir, ctx)
	}
	b.target = templateText(a.target)
	switch {
	case b.remote != "":
	case a.kind == "docker" || a.kind == "kaniko" || (a.kind == "custom" && a.named):
		b.dockerfile = joinText(b.context, templateText(a.dockerfile))
		b.dockerfileDefault = !a.named
	default:
		b.noDockerfile = "skaffold builds this artifact with " + a.kind + ", without a Dockerfile"
	}
	f.add(b)
}
