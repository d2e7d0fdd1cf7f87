package buildconfig

import (
	"fmt"
	"sort"
	"strings"

	"github.com/seam-sec/seam/internal/model"
)

// build is one image a configuration builds.
type build struct {
	line       int
	image      text
	context    text // "" for a remote context
	remote     string
	dockerfile text // "" when the build uses no Dockerfile file
	// dockerfileDefault is true when the configuration names no Dockerfile and the tool's default is used.
	dockerfileDefault bool
	noDockerfile      string // why there is no Dockerfile file (inline, stdin, a builder without one)
	target            text
	args              []string       // build argument names
	where             map[string]any // service, job, step, profile, make target
	notes             []note         // what had to be assumed beyond unknown parts
}

// note is an assumption about one attribute of a build.
type note struct {
	attr, reason, assumed string
}

// add records a build. A build whose image reference is empty is dropped: it names nothing to link.
func (f *file) add(b *build) {
	if len(b.image.trimSpace()) == 0 {
		return
	}
	b.image = b.image.trimSpace()
	f.builds = append(f.builds, b)
}

// attrs renders a build's attributes, as both the image node and the config node's list hold them.
func (f *file) attrs(b *build, r imageRef) map[string]any {
	m := map[string]any{"ref": b.image.String(), "repository": r.repository, "builder": f.builder,
		"config": f.path, "config_line": b.line}
	setIf(m, "tag", r.tag)
	setIf(m, "digest", r.digest)
	setIf(m, "context", b.context.String())
	setIf(m, "context_remote", b.remote)
	setIf(m, "dockerfile", b.dockerfile.String())
	setIf(m, "build_target", b.target.String())
	setIf(m, "no_dockerfile", b.noDockerfile)
	if b.dockerfileDefault {
		m["dockerfile_default"] = true
	}
	if len(b.args) > 0 {
		m["build_args"] = strs(b.args)
	}
	for k, v := range b.where {
		m[k] = v
	}
	unknown := map[string]any{}
	for _, fv := range b.fields() {
		if us := fv.t.Unknowns(); len(us) > 0 {
			unknown[fv.name] = strs(us)
		}
	}
	if len(unknown) > 0 {
		m["unknown_parts"] = unknown
	}
	return m
}

type fieldValue struct {
	name string
	t    text
}

// fields lists the values of a build that may hold unknown parts.
func (b *build) fields() []fieldValue {
	return []fieldValue{{"ref", b.image}, {"context", b.context}, {"dockerfile", b.dockerfile}, {"build_target", b.target}}
}

// facts turns the builds into image nodes, the config node and the assumptions.
func (f *file) facts() model.Facts {
	var facts model.Facts
	sort.SliceStable(f.builds, func(i, j int) bool {
		if f.builds[i].line != f.builds[j].line {
			return f.builds[i].line < f.builds[j].line
		}
		return f.builds[i].image.String() < f.builds[j].image.String()
	})
	var list []any
	seenImage := map[string]bool{}
	seenBuild := map[string]bool{}
	for _, b := range f.builds {
		r := parseRef(b.image)
		id := r.id()
		attrs := f.attrs(b, r)
		key := fmt.Sprint(attrs)
		if seenBuild[key] {
			continue // the same build twice (a matrix entry that does not change it)
		}
		seenBuild[key] = true
		entry := copyMap(attrs)
		delete(entry, "config")
		entry["image"] = id
		list = append(list, entry)
		facts.Assumptions = append(facts.Assumptions, f.assumptions(b, id)...)
		if seenImage[id] {
			continue
		}
		seenImage[id] = true
		facts.Nodes = append(facts.Nodes, model.Node{ID: id, Kind: model.KindImage, Type: "container image",
			Name: strings.TrimPrefix(id, "image:"), Attrs: attrs, Implicit: true, Prov: prov(f.path, b.line)})
	}
	if len(list) > 0 {
		facts.Nodes = append(facts.Nodes, model.Node{ID: model.FileNodeID(model.KindConfig, f.path),
			Kind: model.KindConfig, Type: "build configuration", Name: f.path,
			Attrs: map[string]any{"builder": f.builder, "builds": list}, Prov: prov(f.path, 1)})
	}
	facts.Diagnostics = f.diags
	model.SortDiagnostics(facts.Diagnostics)
	model.SortAssumptions(facts.Assumptions)
	return facts
}

// assumptions says, for every value of a build with unknown parts and every note, what Seam did about it.
func (f *file) assumptions(b *build, id string) []model.Assumption {
	var out []model.Assumption
	for _, fv := range b.fields() {
		us := fv.t.Unknowns()
		if len(us) == 0 {
			continue
		}
		reason := fmt.Sprintf("the %s %q holds %s, known only when the build runs", fieldLabel(fv.name), fv.t.String(),
			strings.Join(quoteAll(us), ", "))
		assumed := "the unknown parts may be anything: the image is matched by its known parts"
		if fv.name != "ref" {
			assumed = "the unknown parts may be anything: the " + fieldLabel(fv.name) + " is matched by its known parts"
		}
		out = append(out, model.Assumption{Subject: id, Attribute: fv.name, Reason: reason, Assumed: assumed,
			Prov: prov(f.path, b.line)})
	}
	for _, n := range b.notes {
		out = append(out, model.Assumption{Subject: id, Attribute: n.attr, Reason: n.reason, Assumed: n.assumed,
			Prov: prov(f.path, b.line)})
	}
	return out
}

func fieldLabel(name string) string {
	switch name {
	case "ref":
		return "image reference"
	case "context":
		return "build context"
	case "build_target":
		return "build target"
	}
	return "Dockerfile path"
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}

func setIf(m map[string]any, k, v string) {
	if v != "" {
		m[k] = v
	}
}

// strs converts a string slice to the []any that attributes hold.
func strs(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

func copyMap(m map[string]any) map[string]any {
	c := make(map[string]any, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}
