package flaw

import (
	"fmt"
	"path"
	"strconv"
	"strings"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// dockerfile is a Dockerfile node as the builder reads it: its stages and COPY/ADD instructions.
type dockerfile struct {
	node    *model.Node
	path    string
	dir     string
	names   []string // name segments, normalised: the directories, then the stem of api.Dockerfile
	variant bool     // a development variant (Dockerfile.dev), which a plain Dockerfile beats
	stages  []stage
	copies  []copyOp
	final   int
}

type stage struct {
	name string
	base int // the stage it is built FROM, -1 for an image
}

// copyOp is one COPY or ADD.
type copyOp struct {
	instruction      string
	sources, exclude []string
	stage, line      int
	fromStage        int  // COPY --from=<stage>, else -1
	external         bool // from an image, a URL or git: nothing of the build context
}

func readDockerfile(n *model.Node) *dockerfile {
	p := strings.TrimPrefix(n.ID, string(model.KindDockerfile)+":")
	d := &dockerfile{node: n, path: p, dir: path.Dir(p), final: -1}
	for _, s := range strings.Split(d.dir, "/") {
		if s != "." && s != "" && !genericDirs[normName(s)] {
			d.names = append(d.names, normName(s))
		}
	}
	switch stem := normName(dockerfileStem(path.Base(p))); {
	case devVariants[stem]:
		d.variant = true
	case stem != "" && stem != "prod" && stem != "production" && stem != "release":
		d.names = append(d.names, stem)
	}
	list, _ := n.Attrs["stages"].([]any)
	for i, it := range list {
		m, _ := it.(map[string]any)
		s := stage{name: str(m["name"]), base: -1}
		if _, ok := m["base_stage"]; ok {
			if b := intOf(m["base_stage"]); b >= 0 && b < i {
				s.base = b
			}
		}
		d.stages = append(d.stages, s)
	}
	if _, ok := n.Attrs["final_stage"]; ok {
		d.final = intOf(n.Attrs["final_stage"])
	} else {
		d.final = len(d.stages) - 1
	}
	copies, _ := n.Attrs["copies"].([]any)
	for _, it := range copies {
		m, _ := it.(map[string]any)
		c := copyOp{instruction: str(m["instruction"]), sources: link.Strings(m["sources"]),
			exclude: link.Strings(m["exclude"]), stage: intOf(m["stage"]), line: intOf(m["line"]), fromStage: -1}
		if _, ok := m["from_stage"]; ok {
			c.fromStage = intOf(m["from_stage"])
		}
		remote, _ := m["remote"].(bool)
		c.external = remote || m["from_image"] != nil || (m["from"] != nil && c.fromStage < 0)
		d.copies = append(d.copies, c)
	}
	return d
}

// dockerfileStem is the variant or name part of a Dockerfile's file name: "dev" of Dockerfile.dev, "api" of
// api.Dockerfile, "" of Dockerfile.
func dockerfileStem(base string) string {
	for _, pre := range []string{"Dockerfile.", "Containerfile.", "dockerfile."} {
		if strings.HasPrefix(base, pre) {
			return base[len(pre):]
		}
	}
	for _, suf := range []string{".Dockerfile", ".dockerfile", ".Containerfile"} {
		if strings.HasSuffix(base, suf) {
			return strings.TrimSuffix(base, suf)
		}
	}
	return ""
}

// name is the last name segment, which registry paths are matched on.
func (d *dockerfile) name() string {
	if len(d.names) == 0 {
		return ""
	}
	return d.names[len(d.names)-1]
}

// reach is how the files of a stage get into the final image, as evidence (COPY --from lines).
type reach []model.Evidence

// reached returns the stages whose files reach the image built to target ("" for the final stage): the final
// stage and the stages it is built FROM, then every stage a reached stage copies from with COPY --from.
func (d *dockerfile) reached(target string) map[int]reach {
	final := d.final
	for i, s := range d.stages {
		if target != "" && (strings.EqualFold(s.name, target) || strconv.Itoa(i) == target) {
			final = i
		}
	}
	out := map[int]reach{}
	var add func(i int, r reach)
	add = func(i int, r reach) {
		for ; i >= 0 && i < len(d.stages); i = d.stages[i].base {
			if _, ok := out[i]; ok {
				return
			}
			out[i] = r
		}
	}
	add(final, nil)
	if len(d.stages) == 0 {
		out[0] = nil // a Dockerfile the extractor read no stages of: its copies are all the image has
	}
	for changed := true; changed; {
		changed = false
		for _, c := range d.copies {
			r, ok := out[c.stage]
			if _, done := out[c.fromStage]; !ok || c.fromStage < 0 || done {
				continue
			}
			ev := model.Evidence{File: d.path, Line: c.line, What: fmt.Sprintf("%s --from=%s copies the build stage's output into the image",
				c.instruction, d.stageLabel(c.fromStage))}
			add(c.fromStage, append(append(reach(nil), r...), ev))
			changed = true
		}
	}
	return out
}

func (d *dockerfile) stageLabel(i int) string {
	if i >= 0 && i < len(d.stages) && d.stages[i].name != "" {
		return d.stages[i].name
	}
	return strconv.Itoa(i)
}

// coverage is how a build copies a file into its image.
type coverage struct {
	op         copyOp
	how        string // "file", "directory", "build context", "glob", "variable"
	via        reach
	confidence link.Confidence
	assumption string
}

// covers finds the COPY or ADD of a reached stage that copies rel (the file's path relative to the build
// context) into the image, preferring the most exact. ok is false when no instruction copies it.
func (d *dockerfile) covers(rel string, reached map[int]reach) (coverage, bool) {
	var best coverage
	found := false
	for _, c := range d.copies {
		via, ok := reached[c.stage]
		if !ok || c.fromStage >= 0 || c.external || excluded(c.exclude, rel) {
			continue
		}
		for _, src := range c.sources {
			cv, ok := copies(src, rel)
			if !ok {
				continue
			}
			cv.op, cv.via = c, via
			if !found || cv.confidence > best.confidence {
				best, found = cv, true
			}
		}
	}
	return best, found
}

// copies says whether a COPY source (relative to the build context; a leading "/" is the context root too,
// as Docker reads it) copies rel. Sources follow Go's filepath.Match, as Docker documents for COPY; a
// wildcard that matches a directory copies what is in it. A source with a variable may copy anything: it is
// an assumption, at low confidence.
func copies(src, rel string) (coverage, bool) {
	if strings.Contains(src, "$") {
		return coverage{how: "variable", confidence: link.Low,
			assumption: "the COPY source " + src + " holds a build variable; Seam assumes it copies " + rel}, true
	}
	s := strings.TrimPrefix(path.Clean("/"+src), "/")
	switch {
	case s == "":
		return coverage{how: "build context", confidence: link.High}, true
	case s == rel:
		return coverage{how: "file", confidence: link.High}, true
	case strings.HasPrefix(rel, s+"/"):
		return coverage{how: "directory", confidence: link.High}, true
	case strings.ContainsAny(s, "*?["):
		for p := rel; p != "."; p = path.Dir(p) {
			if ok, _ := path.Match(s, p); ok {
				return coverage{how: "glob", confidence: link.Medium}, true
			}
		}
	}
	return coverage{}, false
}

// excluded reports whether a COPY --exclude pattern leaves rel out.
func excluded(patterns []string, rel string) bool {
	for _, p := range patterns {
		for q := rel; q != "."; q = path.Dir(q) {
			if ok, _ := path.Match(strings.TrimPrefix(p, "/"), q); ok {
				return true
			}
		}
	}
	return false
}

// genericDirs are directory names that hold services rather than name one; name matching skips them.
var genericDirs = map[string]bool{
	"services": true, "service": true, "apps": true, "app": true, "src": true, "docker": true, "dockerfiles": true,
	"cmd": true, "deploy": true, "build": true, "images": true, "containers": true, "components": true,
	"packages": true, "projects": true, "microservices": true, "svc": true,
}

// devVariants name Dockerfiles of images that are not deployed (Dockerfile.dev, test.Dockerfile).
var devVariants = map[string]bool{
	"dev": true, "development": true, "debug": true, "test": true, "tests": true, "local": true, "ci": true, "e2e": true,
}

// normName folds a name segment for comparison: lowercase, "_" and "." as "-".
func normName(s string) string { return nameFolder.Replace(strings.ToLower(s)) }

var nameFolder = strings.NewReplacer("_", "-", ".", "-")
