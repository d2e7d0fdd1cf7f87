package dockerfile

import (
	"sort"
	"strconv"
	"strings"

	"github.com/seam-sec/seam/internal/model"
)

// imageUse is one external image the build pulls, with every stage or COPY that uses it.
type imageUse struct {
	ref  string // as written, with ARG defaults substituted
	line int    // first use
	uses []any
}

// useImage records that the build pulls ref (as a stage base, or through COPY --from).
func (b *build) useImage(ref, relation string, stage, line int) {
	if b.images == nil {
		b.images = map[string]*imageUse{}
	}
	id := model.ImageID(ref)
	u := b.images[id]
	if u == nil {
		u = &imageUse{ref: ref, line: line}
		b.images[id] = u
	}
	u.uses = append(u.uses, map[string]any{"relation": relation, "stage": stage, "line": line})
}

// unknown returns model.Unknown(expr) for an attribute and records the assumption that goes with it.
func (b *build) unknown(attr, expr string, line int, reason, assumed string) map[string]any {
	b.assume(attr, line, reason, assumed)
	return model.Unknown(expr)
}

// assume records an assumption about an attribute of the Dockerfile node.
func (b *build) assume(attr string, line int, reason, assumed string) {
	b.assums = append(b.assums, model.Assumption{Subject: b.nodeID(), Attribute: attr, Reason: reason,
		Assumed: assumed, Prov: prov(b.path, line)})
}

func (b *build) nodeID() string { return model.FileNodeID(model.KindDockerfile, b.path) }

// facts turns what was read into the Dockerfile node, its base image nodes and the built-from edges.
func (b *build) facts() model.Facts {
	var f model.Facts
	if len(b.stages) == 0 {
		f.Diagnostics = append(b.diags, diag(b.path, 0, model.SeverityError, "no FROM instruction: not a buildable Dockerfile"))
		return f
	}
	attrs := map[string]any{"stages": b.stageAttrs()}
	final := b.stages[len(b.stages)-1]
	attrs["final_stage"] = final.index
	attrs["final_chain"] = b.chain(final)
	b.userAttrs(attrs, final)
	b.configAttrs(attrs, final.cfg)
	for k, v := range map[string][]any{"args": b.args, "env": b.env, "labels": b.labels, "copies": b.copies, "runs": b.commands} {
		if len(v) > 0 {
			attrs[k] = v
		}
	}
	setIf(attrs, "syntax", b.syntax)
	setIf(attrs, "escape", b.escape)
	if b.incomplete {
		attrs["incomplete"] = true // some instructions were skipped; see the diagnostics
	}
	attrs["lines"] = b.lines(attrs, final)
	p := prov(b.path, 1)
	p.EndLine = b.lastLine
	f.Nodes = append(f.Nodes, model.Node{ID: b.nodeID(), Kind: model.KindDockerfile, Type: "Dockerfile",
		Name: b.path, Attrs: attrs, Prov: p})
	ids := make([]string, 0, len(b.images))
	for id := range b.images {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		u := b.images[id]
		f.Nodes = append(f.Nodes, model.Node{ID: id, Kind: model.KindImage, Type: "image",
			Name: model.NormalizeImageRef(u.ref), Attrs: map[string]any{"ref": u.ref}, Implicit: true,
			Prov: prov(b.path, u.line)})
		f.Edges = append(f.Edges, model.Edge{From: b.nodeID(), To: id, Kind: model.EdgeBuiltFrom,
			Attrs: map[string]any{"uses": u.uses}, Prov: prov(b.path, u.line)})
	}
	f.Diagnostics, f.Assumptions = b.diags, b.assums
	return f
}

// stageAttrs renders the stages; an unresolvable base becomes model.Unknown with an assumption.
func (b *build) stageAttrs() []any {
	out := make([]any, 0, len(b.stages))
	for _, s := range b.stages {
		m := map[string]any{"index": s.index, "base": s.base, "base_kind": s.kind, "line": s.line}
		setIf(m, "name", s.name)
		setIf(m, "platform", s.platform)
		switch s.kind {
		case "unknown":
			reason := "the base image of stage " + stageLabel(s) + " uses build arguments without a default (" +
				strings.Join(s.missing, ", ") + "); their values are given at build time"
			if len(s.missing) == 0 {
				reason = "the base image of stage " + stageLabel(s) + " resolves to an empty name with the ARG defaults"
			}
			m["base_resolved"] = b.unknown("stages.base", s.base, s.line, reason, "no base image is linked for this stage")
		case "stage":
			m["base_resolved"] = s.resolved
			m["base_stage"] = s.parent
		default:
			m["base_resolved"] = s.resolved
			if strings.Contains(s.resolved, "@") {
				m["pinned"] = true // pinned by digest
			}
		}
		out = append(out, m)
	}
	return out
}

func stageLabel(s *stage) string {
	if s.name != "" {
		return s.name
	}
	return "#" + strconv.Itoa(s.index)
}

// chain lists the stage indexes the final image is built from, the first ancestor first.
func (b *build) chain(s *stage) []any {
	var idx []int
	for cur := s; ; cur = b.stages[cur.parent] {
		idx = append(idx, cur.index)
		if cur.parent < 0 {
			break
		}
	}
	out := make([]any, len(idx))
	for i := range idx {
		out[i] = idx[len(idx)-1-i]
	}
	return out
}

// userAttrs records the final user and whether the image runs as root (see the package comment).
func (b *build) userAttrs(attrs map[string]any, final *stage) {
	c := final.cfg
	if c.userLine > 0 {
		attrs["user_line"] = c.userLine
		if !c.user.known {
			reason := "USER " + c.user.s + " uses build arguments without a known value (" +
				strings.Join(c.user.missing, ", ") + ")"
			attrs["user"] = b.unknown("user", c.user.s, c.userLine, reason, "the final user is unknown")
			attrs["runs_as_root"] = b.unknown("runs_as_root", "USER "+c.user.s, c.userLine, reason,
				"whether the image runs as root is unknown")
			return
		}
		attrs["user"] = c.user.s
		attrs["runs_as_root"] = isRootUser(c.user.s)
		return
	}
	root := final
	for root.parent >= 0 {
		root = b.stages[root.parent]
	}
	attrs["runs_as_root"] = true
	if root.kind == "scratch" {
		return // scratch sets no user: the process runs as uid 0
	}
	base := root.resolved
	if root.kind == "unknown" {
		base = root.base
	}
	b.assume("runs_as_root", final.line, "no USER instruction in the final stage or the stages it is built "+
		"from; the base image "+base+" may set a user, which Seam cannot see offline",
		"the image runs as root (Docker's default user)")
}

// configAttrs records the final image's exposed ports, working directory, health check, entrypoint and command.
func (b *build) configAttrs(attrs map[string]any, c imageConfig) {
	if len(c.expose) > 0 {
		ports := make([]any, 0, len(c.expose))
		for _, e := range c.expose {
			m := map[string]any{"protocol": e.protocol, "stage": e.stage, "line": e.line}
			switch {
			case !e.port.known:
				m["port"] = b.unknown("expose.port", e.port.s, e.line, "EXPOSE "+e.port.s+
					" uses build arguments without a known value ("+strings.Join(e.port.missing, ", ")+")",
					"the exposed port is unknown")
			default:
				m["port"], _ = strconv.Atoi(e.port.s)
				if e.endPort > 0 {
					m["end_port"] = e.endPort
				}
			}
			ports = append(ports, m)
		}
		attrs["expose"] = ports
	}
	if c.workdirLine > 0 {
		if c.workdir.known {
			attrs["workdir"] = c.workdir.s
		} else {
			attrs["workdir"] = b.unknown("workdir", c.workdir.s, c.workdirLine, "WORKDIR "+c.workdir.s+
				" depends on values Seam does not know", "the working directory is unknown")
		}
	}
	for k, v := range map[string]map[string]any{"healthcheck": c.healthcheck, "entrypoint": c.entrypoint, "cmd": c.cmd} {
		if v != nil {
			attrs[k] = v
		}
	}
}
