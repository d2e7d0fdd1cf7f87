package buildconfig

import (
	"path"
	"sort"
	"strings"
)

// compose reads the services of a compose file that have a build section (the Compose Specification's
// "build" element: https://github.com/compose-spec/compose-spec/blob/main/build.md). Paths are relative to the
// file's directory; the Dockerfile is relative to the context.
func (f *file) compose(root *node) {
	services := root.get("services")
	if services == nil || services.kind != mapNode {
		return
	}
	project, projectKnown := f.composeProject(root)
	for i, name := range services.keys {
		svc := services.vals[i]
		bnode := svc.get("build")
		if bnode == nil || bnode.kind == nullNode {
			continue
		}
		b := &build{line: svc.keyLine("build"), where: map[string]any{"service": name}}
		if b.line == 0 {
			b.line = services.klines[i]
		}
		ctx, dockerfile := known("."), text(nil)
		switch bnode.kind {
		case scalarNode:
			ctx = f.interpolate(b, "context", bnode.str)
		case mapNode:
			if c, ok := bnode.get("context").scalar(); ok {
				ctx = f.interpolate(b, "context", c)
			}
			if d, ok := bnode.get("dockerfile").scalar(); ok {
				dockerfile = f.interpolate(b, "dockerfile", d)
			}
			if t, ok := bnode.get("target").scalar(); ok {
				b.target = f.interpolate(b, "build_target", t)
			}
			b.args = argNames(bnode.get("args"))
			if _, ok := bnode.get("dockerfile_inline").scalar(); ok {
				b.noDockerfile = "the Dockerfile is written inline in the compose file (dockerfile_inline)"
			}
		default:
			f.warn(bnode.line, "service "+name+": build must be a path or a mapping; skipped")
			continue
		}
		f.composeContext(b, ctx, dockerfile)
		for _, img := range f.composeImages(svc, name, project, projectKnown) {
			c := *b
			c.image = img.ref
			c.notes = append(append([]note(nil), b.notes...), img.notes...)
			f.add(&c)
		}
	}
}

// composeContext resolves the context against the file's directory and the Dockerfile against the context.
func (f *file) composeContext(b *build, ctx, dockerfile text) {
	if isRemote(ctx) {
		b.remote = ctx.String()
		return
	}
	var abs bool
	b.context, abs = joinPath(f.dir, ctx)
	if abs {
		f.warn(b.line, "build context "+ctx.String()+" is an absolute path outside the scanned root")
	}
	if b.noDockerfile != "" {
		return
	}
	if len(dockerfile) == 0 {
		dockerfile, b.dockerfileDefault = known("Dockerfile"), true
	}
	if dockerfile.hasPrefix("/") {
		b.dockerfile = dockerfile
		return
	}
	b.dockerfile = joinText(b.context, dockerfile)
}

// composeImage is one tag a service's build produces, with what was assumed to name it.
type composeImage struct {
	ref   text
	notes []note
}

// composeImages returns the tags a service's build produces: its image, or compose's default name
// "<project>-<service>", and the extra tags of build.tags.
func (f *file) composeImages(svc *node, service, project string, projectKnown bool) []composeImage {
	var out []composeImage
	one := func(s string) {
		tmp := &build{}
		ref := f.interpolate(tmp, "ref", s)
		out = append(out, composeImage{ref: ref, notes: tmp.notes})
	}
	if img, ok := svc.get("image").scalar(); ok && strings.TrimSpace(img) != "" {
		one(img)
	} else {
		ref := known(project + "-" + composeName(service))
		if !projectKnown {
			ref = cat(unknownText(project), known("-"+composeName(service)))
		}
		out = append(out, composeImage{ref: ref, notes: []note{{attr: "ref",
			reason:  "service " + service + " has a build but no image; Compose names the image <project>-<service>",
			assumed: "the image is " + ref.String() + ", with the project named " + projectLabel(project, projectKnown)}}})
	}
	if tags := svc.path("build", "tags"); tags != nil && tags.kind == seqNode {
		for _, t := range tags.items {
			if s, ok := t.scalar(); ok {
				one(s)
			}
		}
	}
	return out
}

// composeProject returns the project name: the top-level name, else the file's directory, lowercased and
// stripped of characters Compose does not allow. A file at the scanned root has a project named after a
// directory Seam does not see.
func (f *file) composeProject(root *node) (string, bool) {
	if n, ok := root.get("name").scalar(); ok && !strings.Contains(n, "$") && composeName(n) != "" {
		return composeName(n), true
	}
	if f.dir == "." {
		return "${COMPOSE_PROJECT_NAME}", false
	}
	return composeName(path.Base(f.dir)), true
}

func projectLabel(project string, known bool) string {
	if known {
		return project + " (the top-level name, else the compose file's directory; COMPOSE_PROJECT_NAME or -p may override it)"
	}
	return "after the scanned directory, which Seam does not see"
}

// composeName normalises a project or service name as Compose does: lowercase letters, digits, "-" and "_".
func composeName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// argNames returns the names of build arguments given as a mapping or as a list of NAME=value.
func argNames(n *node) []string {
	var out []string
	switch {
	case n == nil:
	case n.kind == mapNode:
		out = append(out, n.keys...)
	case n.kind == seqNode:
		for _, it := range n.items {
			if s, ok := it.scalar(); ok {
				name, _, _ := strings.Cut(s, "=")
				out = append(out, strings.TrimSpace(name))
			}
		}
	}
	sort.Strings(out)
	return out
}

// isRemote reports whether a build context is fetched rather than read from the repository: a Git or HTTP URL.
func isRemote(ctx text) bool {
	s := strings.ToLower(ctx.String())
	return strings.Contains(s, "://") || strings.HasPrefix(s, "git@") || strings.HasPrefix(s, "github.com/")
}

// interpolate resolves Compose's variable syntax in a value ($VAR, ${VAR}, ${VAR:-default}, ${VAR-default},
// ${VAR:?error}, ${VAR:+alt}, $$ for a dollar). Seam sees no environment and no .env file: a variable is an
// unknown part, except that a default is used, with an assumption.
func (f *file) interpolate(b *build, attr, s string) text {
	t, defaults := composeInterp(s, 0)
	for _, d := range defaults {
		b.notes = append(b.notes, note{attr: attr,
			reason:  "${" + d[0] + "} is set by the environment or an .env file, which Seam does not read",
			assumed: "it has its default in the file, " + quote(d[1])})
	}
	return t
}

// composeInterp interpolates s; defaults lists the [name, default] pairs it used, once each.
func composeInterp(s string, depth int) (text, [][2]string) {
	var b builder
	var defaults [][2]string
	seen := map[[2]string]bool{}
	for len(s) > 0 {
		i := strings.IndexByte(s, '$')
		if i < 0 || i == len(s)-1 {
			b.known(s)
			break
		}
		b.known(s[:i])
		s = s[i:]
		switch {
		case s[1] == '$':
			b.known("$")
			s = s[2:]
		case s[1] == '{':
			end := matchBrace(s, 1)
			if end < 0 {
				b.known(s)
				return b.done(), defaults
			}
			name, op, def := splitComposeVar(s[2:end])
			if (op == ":-" || op == "-") && depth < 8 {
				t, ds := composeInterp(def, depth+1)
				b.text(t)
				for _, d := range append([][2]string{{name, def}}, ds...) {
					if !seen[d] {
						seen[d] = true
						defaults = append(defaults, d)
					}
				}
			} else {
				b.part(part{s: s[:end+1], unknown: true})
			}
			s = s[end+1:]
		case isNameStart(s[1]):
			j := 2
			for j < len(s) && isNameChar(s[j]) {
				j++
			}
			b.part(part{s: s[:j], unknown: true})
			s = s[j:]
		default:
			b.known("$")
			s = s[1:]
		}
	}
	return b.done(), defaults
}

// splitComposeVar cuts "NAME:-default" into the name, the operator and the rest.
func splitComposeVar(body string) (name, op, rest string) {
	j := 0
	for j < len(body) && isNameChar(body[j]) {
		j++
	}
	name, body = body[:j], body[j:]
	for _, o := range []string{":-", ":?", ":+", "-", "?", "+"} {
		if strings.HasPrefix(body, o) {
			return name, o, body[len(o):]
		}
	}
	return name, "", body
}

// matchBrace returns the index of the "}" closing the "{" at s[open], counting nested braces, or -1.
func matchBrace(s string, open int) int {
	depth := 0
	for i := open; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

func isNameStart(c byte) bool { return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isNameChar(c byte) bool { return isNameStart(c) || c >= '0' && c <= '9' }

func quote(s string) string { return "\"" + s + "\"" }
