package image

import (
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// buildContext is the directory a Dockerfile is built in and the stage the build stops at.
type buildContext struct {
	dir     string
	target  string // a build target stage, "" for the last stage
	assumed bool   // no build configuration names the context: it is the Dockerfile's directory
}

// containsLink is one lockfile module a build copies into the image.
type containsLink struct {
	module      *model.Node
	confidence  link.Confidence
	reason      string
	evidence    []model.Evidence
	assumptions []string
	stage       int
}

// stageInfo is what the Dockerfile node says of a stage.
type stageInfo struct {
	index     int
	name      string
	baseStage int // -1 when built FROM an image
}

// copyInfo is one COPY or ADD of the Dockerfile node.
type copyInfo struct {
	instruction string
	sources     []string
	exclude     []string
	stage, line int
	fromStage   int // -1 when not COPY --from a stage
	external    bool
}

// contains makes the contains edges from an image to the lockfile modules its Dockerfile copies in.
func (w *work) contains(img *model.Node, df *dockerfile, bc buildContext) {
	key := df.path + "\x00" + bc.dir + "\x00" + bc.target
	links, ok := w.copied[key]
	if !ok {
		links = w.copiedModules(df, bc)
		w.copied[key] = links
	}
	for _, l := range links {
		w.edge(img.ID, model.EdgeContains, l.module.ID, link.Link{Method: MethodCopy, Confidence: l.confidence,
			Reason: l.reason, Evidence: l.evidence, Assumptions: l.assumptions,
			Attrs: map[string]any{"dockerfile": df.path, "stage": l.stage, "copy_line": l.evidence[0].Line}})
	}
}

// copiedModules finds the modules the stages reaching the final image copy from the build context.
func (w *work) copiedModules(df *dockerfile, bc buildContext) []containsLink {
	stages, copies := readStages(df.node), readCopies(df.node)
	reached := w.reachedStages(df, bc, stages, copies)
	best := map[string]containsLink{}
	for _, c := range copies {
		via, ok := reached[c.stage]
		if !ok || c.fromStage >= 0 || c.external {
			continue
		}
		for _, src := range c.sources {
			for _, m := range w.modulesIn(bc.dir) {
				how, exact := copyMatch(src, relTo(bc.dir, m.Prov.File), c.exclude)
				if how == "" {
					continue
				}
				l := w.containsOf(df, bc, c, m, how, exact, stages, via)
				if cur, ok := best[m.ID]; !ok || l.confidence > cur.confidence {
					best[m.ID] = l
				}
			}
		}
	}
	ids := make([]string, 0, len(best))
	for id := range best {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	out := make([]containsLink, len(ids))
	for i, id := range ids {
		out[i] = best[id]
	}
	return out
}

// containsOf describes one copied module.
func (w *work) containsOf(df *dockerfile, bc buildContext, c copyInfo, m *model.Node, how string, exact bool,
	stages []stageInfo, via reach) containsLink {
	l := containsLink{module: m, confidence: link.High, stage: c.stage}
	what := fmt.Sprintf("%s %s in stage %s", c.instruction, strings.Join(c.sources, " "), stageLabel(stages, c.stage))
	l.evidence = append([]model.Evidence{{File: df.path, Line: c.line, What: what}},
		link.Evidence(m, "lockfile "+m.Prov.File))
	l.evidence = append(l.evidence, via.evidence...)
	l.reason = fmt.Sprintf("%s:%d copies %s (%s) into %s", df.path, c.line, m.Prov.File, how, via)
	if !exact {
		l.confidence = link.Medium
		l.assumptions = append(l.assumptions, "a .dockerignore in "+bc.dir+
			" (which a link builder cannot read) is assumed not to exclude "+m.Prov.File)
	}
	if bc.assumed {
		l.assumptions = append(l.assumptions, "the build context is assumed to be the Dockerfile's directory, "+
			bc.dir+": no build configuration names one")
	}
	return l
}

// reach says how a stage's files get into the final image: the stage, the steps from it to the final stage,
// and the evidence of each step.
type reach struct {
	first    string   // "the final stage", "stage deps"
	steps    []string // "stage build is built FROM deps", "the final stage copies from build (COPY --from, line 18)"
	evidence []model.Evidence
}

func (r reach) String() string {
	if len(r.steps) == 0 {
		return r.first
	}
	return r.first + "; " + strings.Join(r.steps, "; ")
}

// reachedStages returns the stages whose files reach the final image: the final stage and the stages it is
// built FROM, then every stage a reached stage copies from with COPY --from.
func (w *work) reachedStages(df *dockerfile, bc buildContext, stages []stageInfo, copies []copyInfo) map[int]reach {
	reached := map[int]reach{}
	final := finalStage(df.node, stages, bc.target)
	var add func(i int, r reach)
	add = func(i int, r reach) {
		for i >= 0 && i < len(stages) {
			if _, ok := reached[i]; ok {
				return
			}
			reached[i] = r
			parent := stages[i].baseStage
			if parent < 0 {
				return
			}
			r = reach{first: "stage " + stageLabel(stages, parent),
				steps:    append([]string{r.first + " is built FROM " + stageLabel(stages, parent)}, r.steps...),
				evidence: r.evidence}
			i = parent
		}
	}
	first := "the final stage"
	if final >= 0 && final < len(stages) && stages[final].name != "" {
		first += " " + stages[final].name
	}
	add(final, reach{first: first})
	for changed := true; changed; {
		changed = false
		for _, c := range copies {
			r, ok := reached[c.stage]
			_, done := reached[c.fromStage]
			if !ok || c.fromStage < 0 || done {
				continue
			}
			from := stageLabel(stages, c.fromStage)
			ev := model.Evidence{File: df.path, Line: c.line, What: fmt.Sprintf("stage %s copies from stage %s (COPY --from)",
				stageLabel(stages, c.stage), from)}
			add(c.fromStage, reach{first: "stage " + from,
				steps:    append([]string{fmt.Sprintf("%s copies from %s (COPY --from, line %d)", r.first, from, c.line)}, r.steps...),
				evidence: append(append([]model.Evidence(nil), r.evidence...), ev)})
			changed = true
		}
	}
	return reached
}

// finalStage is the stage a build ends with: the target when one is given and found, else the last.
func finalStage(n *model.Node, stages []stageInfo, target string) int {
	if target != "" {
		for _, s := range stages {
			if strings.EqualFold(s.name, target) || strconv.Itoa(s.index) == target {
				return s.index
			}
		}
	}
	if _, ok := n.Attrs["final_stage"]; ok {
		return intOf(n.Attrs["final_stage"])
	}
	return len(stages) - 1
}

func stageLabel(stages []stageInfo, i int) string {
	if i >= 0 && i < len(stages) && stages[i].name != "" {
		return stages[i].name
	}
	return "#" + strconv.Itoa(i)
}

func readStages(n *model.Node) []stageInfo {
	list, _ := n.Attrs["stages"].([]any)
	out := make([]stageInfo, 0, len(list))
	for i, it := range list {
		m, _ := it.(map[string]any)
		s := stageInfo{index: i, name: str(m["name"]), baseStage: -1}
		if _, ok := m["base_stage"]; ok {
			if b := intOf(m["base_stage"]); b >= 0 && b < i {
				s.baseStage = b
			}
		}
		out = append(out, s)
	}
	return out
}

func readCopies(n *model.Node) []copyInfo {
	list, _ := n.Attrs["copies"].([]any)
	out := make([]copyInfo, 0, len(list))
	for _, it := range list {
		m, _ := it.(map[string]any)
		c := copyInfo{instruction: str(m["instruction"]), sources: strList(m["sources"]), exclude: strList(m["exclude"]),
			stage: intOf(m["stage"]), line: intOf(m["line"]), fromStage: -1}
		if _, ok := m["from_stage"]; ok {
			c.fromStage = intOf(m["from_stage"])
		}
		remote, _ := m["remote"].(bool)
		c.external = remote || m["from_image"] != nil || (m["from"] != nil && c.fromStage < 0)
		out = append(out, c)
	}
	return out
}

// modulesIn returns the lockfile modules under a directory ("." is the scanned root).
func (w *work) modulesIn(dir string) []*model.Node {
	if dir == "." || dir == "" {
		return w.modules
	}
	prefix := dir + "/"
	i := sort.Search(len(w.modules), func(i int) bool { return w.modules[i].Prov.File >= prefix })
	j := i
	for j < len(w.modules) && strings.HasPrefix(w.modules[j].Prov.File, prefix) {
		j++
	}
	return w.modules[i:j]
}

func relTo(dir, p string) string {
	if dir == "." || dir == "" {
		return p
	}
	return strings.TrimPrefix(p, dir+"/")
}

// copyMatch says whether a COPY source (relative to the context, as Docker reads it) copies the file at rel:
// how it does ("by name", "directory api", "glob *.lock", "the whole context"), and whether by its name.
// A source with a build variable is not matched: its value is not known here.
func copyMatch(src, rel string, exclude []string) (how string, exact bool) {
	if strings.Contains(src, "$") {
		return "", false
	}
	for _, ex := range exclude {
		if excluded(path.Clean("/" + ex)[1:], rel) {
			return "", false
		}
	}
	s := path.Clean("/" + src)[1:]
	switch {
	case s == "":
		return "the whole context", false
	case rel == s:
		return "by name", true
	case strings.HasPrefix(rel, s+"/"):
		return "directory " + s, false
	case strings.ContainsAny(s, "*?["):
		if ok, _ := path.Match(s, rel); ok {
			return "glob " + s, false
		}
		for d := path.Dir(rel); d != "."; d = path.Dir(d) {
			if ok, _ := path.Match(s, d); ok {
				return "glob " + s, false
			}
		}
	}
	return "", false
}

// excluded reports whether a COPY --exclude pattern excludes the file at rel: it matches the file or one of
// the directories above it, as .dockerignore patterns do.
func excluded(pattern, rel string) bool {
	for p := rel; p != "."; p = path.Dir(p) {
		if ok, _ := path.Match(pattern, p); ok {
			return true
		}
	}
	return false
}
