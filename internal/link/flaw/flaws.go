package flaw

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// finding is a code-flaw node as the builder reads it: the repository file it is in, once known.
type finding struct {
	node     *model.Node
	file     string // slash path relative to the scanned root; "" when it could not be placed
	line     int
	class    string
	foothold bool
	present  bool // the tool says the flaw is in the code (not a passing check, not gone since a baseline)
	// placed says how an unresolved SARIF path was matched to file ("" when the node states its file).
	placed     string
	assumption string          // what the placement assumes, if anything
	sarif      *model.Evidence // the SARIF result, for imported findings
}

// Methods of path placement.
const (
	MethodPathSuffix      = "path-suffix"      // the longest ending of the path that is a file of the scan
	MethodDirectorySuffix = "directory-suffix" // the longest ending whose directory holds files of the scan
)

// evidence points at the flaw's own line.
func (f *finding) evidence() model.Evidence {
	what := fmt.Sprintf("%s flaw %s (%s)", className(f.class), str(f.node.Attrs["rule"]), str(f.node.Attrs["tool"]))
	return model.Evidence{File: f.file, Line: f.line, What: what}
}

func className(c string) string {
	if c == "" {
		return "non-foothold"
	}
	return c
}

// readFindings reads every code-flaw node, placing the files of SARIF results whose path did not resolve (see
// placer). Placement failures are refused links; placements are derived "file" properties of the node.
func (w *work) readFindings() {
	var pl *placer
	for _, n := range w.g.NodesOfKind(model.KindCodeFlaw) {
		f := &finding{node: n, file: n.Prov.File, line: n.Prov.Line, class: str(n.Attrs["class"]), present: present(n)}
		f.foothold = f.class != "" && f.present
		if fh, ok := n.Attrs["foothold"].(bool); ok {
			f.foothold = fh
		}
		if s, ok := n.Attrs["sarif"].(string); ok {
			f.sarif = &model.Evidence{File: s, Line: intOf(n.Attrs["sarif_line"]), What: "SARIF result of " + str(n.Attrs["tool"])}
			if l := intOf(n.Attrs["line"]); l > 0 {
				f.line = l
			}
		}
		if resolved, ok := n.Attrs["path_resolved"].(bool); ok && !resolved {
			if located, _ := n.Attrs["located"].(bool); !located || str(n.Attrs["path"]) == "" {
				continue // a result the tool gave no place: nothing to link
			}
			if pl == nil {
				pl = newPlacer(w.g)
			}
			if !w.place(pl, f) {
				continue
			}
		}
		w.findings = append(w.findings, f)
	}
	sort.Slice(w.findings, func(i, j int) bool {
		if w.findings[i].file != w.findings[j].file {
			return w.findings[i].file < w.findings[j].file
		}
		return w.findings[i].node.ID < w.findings[j].node.ID
	})
}

// present reads what the SARIF importer says of a result's presence (kind, baseline state); the built-in
// detectors' findings are always present.
func present(n *model.Node) bool {
	switch str(n.Attrs["kind"]) {
	case "", "fail", "open", "review":
	default:
		return false
	}
	return str(n.Attrs["baseline_state"]) != "absent"
}

// place matches an unresolved path, records the placement, or refuses it.
func (w *work) place(pl *placer, f *finding) bool {
	p := str(f.node.Attrs["path"])
	ev := []model.Evidence{*f.sarif}
	file, method, cands := pl.place(p)
	switch {
	case file != "":
		f.file, f.placed = file, method
		f.assumption = "the SARIF path " + p + " is " + file + ", the longest ending of it that is a file of the scan"
		if method == MethodDirectorySuffix {
			f.assumption = "the SARIF path " + p + " is " + file + ": the part of it that starts in the deepest directory of the scan (" +
				file + " itself is no file Seam read)"
		}
		w.out.Derived = append(w.out.Derived, link.NewDerived(w.b, f.node.ID, "file",
			map[string]any{"file": file, "method": method, "from": p}, ev[0]))
		return true
	case len(cands) > 1 && method == MethodPathSuffix:
		w.refuse(f.node.ID, "", link.Link{Method: method, Evidence: ev, Reason: fmt.Sprintf(
			"ambiguous: the SARIF path %s ends like %d files of the scan (%s); Seam places it in none", p, len(cands),
			strings.Join(cands, ", "))})
	case len(cands) > 1:
		w.refuse(f.node.ID, "", link.Link{Method: method, Evidence: ev, Reason: fmt.Sprintf(
			"ambiguous: the SARIF path %s could be %d places in the scan's directories (%s); Seam places it in none", p,
			len(cands), strings.Join(cands, ", "))})
	default:
		w.refuse(f.node.ID, "", link.Link{Method: MethodPathSuffix, Evidence: ev, Reason: "the SARIF path " + p +
			" ends like no file of the scan and starts in none of its directories: the flaw cannot be placed"})
	}
	return false
}

// placer matches the paths of SARIF results made elsewhere (an absolute path on a CI runner, a path relative
// to a directory above the root) against the files the graph knows: the provenance files of its nodes.
type placer struct {
	byBase map[string][]string // base name → files
	dirs   map[string]bool     // every directory holding a known file, "." excepted
}

func newPlacer(g *graph.Graph) *placer {
	pl := &placer{byBase: map[string][]string{}, dirs: map[string]bool{}}
	seen := map[string]bool{}
	add := func(f string) {
		if seen[f] || f == "" || strings.HasPrefix(f, "/") || strings.Contains(f, ":") || strings.HasPrefix(f, "(") {
			return // not a repository path: a SARIF file given outside the scan, built-in facts
		}
		seen[f] = true
		pl.byBase[path.Base(f)] = append(pl.byBase[path.Base(f)], f)
		for d := path.Dir(f); d != "." && d != "/" && !pl.dirs[d]; d = path.Dir(d) {
			pl.dirs[d] = true
		}
	}
	for _, n := range g.Nodes() {
		if resolved, ok := n.Attrs["path_resolved"].(bool); ok && !resolved {
			continue // its provenance is the SARIF file, its path unplaced
		}
		add(n.Prov.File)
		for _, p := range n.Also {
			add(p.File)
		}
	}
	for _, fs := range pl.byBase {
		sort.Strings(fs)
	}
	return pl
}

// place returns the file an unresolved path is, and the method; or, when it is ambiguous, the candidates.
//  1. path-suffix: the known files that end like the path, or that the path ends like (the longest common
//     ending wins; a tie is ambiguous);
//  2. directory-suffix: the ending of the path that starts with the deepest directory of the scan — source
//     files no extractor reads are not nodes, but the Dockerfile or lockfile beside them is. The path must
//     start in a directory below the root; a tie is ambiguous.
func (pl *placer) place(p string) (string, string, []string) {
	segs := strings.Split(strings.Trim(p, "/"), "/")
	for len(segs) > 1 && segs[0] == ".." {
		segs = segs[1:]
	}
	best, bestN := []string(nil), 0
	for _, f := range pl.byBase[segs[len(segs)-1]] {
		fs := strings.Split(f, "/")
		n := common(segs, fs)
		if n != len(fs) && n != len(segs) {
			continue // they share only an ending: neither is a suffix of the other
		}
		switch {
		case n > bestN:
			best, bestN = []string{f}, n
		case n == bestN:
			best = append(best, f)
		}
	}
	switch {
	case len(best) == 1:
		return best[0], MethodPathSuffix, nil
	case len(best) > 1:
		return "", MethodPathSuffix, best
	}
	bestN = 0
	for i := 0; i+1 < len(segs); i++ {
		depth := 0
		for j := i + 1; j < len(segs) && pl.dirs[strings.Join(segs[i:j], "/")]; j++ {
			depth = j - i
		}
		switch cand := strings.Join(segs[i:], "/"); {
		case depth == 0:
		case depth > bestN:
			best, bestN = []string{cand}, depth
		case depth == bestN:
			best = append(best, cand)
		}
	}
	switch {
	case len(best) == 1:
		return best[0], MethodDirectorySuffix, nil
	case len(best) > 1:
		return "", MethodDirectorySuffix, best
	}
	return "", "", nil
}

// common counts the trailing segments two paths share.
func common(a, b []string) int {
	n := 0
	for i, j := len(a)-1, len(b)-1; i >= 0 && j >= 0 && a[i] == b[j]; i, j = i-1, j-1 {
		n++
	}
	return n
}

// under reports whether file is in dir ("." is the root).
func under(file, dir string) bool {
	return dir == "." || dir == "" || strings.HasPrefix(file, dir+"/")
}

// findingsUnder returns the findings whose file is under dir, from the list sorted by file.
func (w *work) findingsUnder(dir string) []*finding {
	if dir == "." || dir == "" {
		return w.findings
	}
	prefix := dir + "/"
	lo := sort.Search(len(w.findings), func(i int) bool { return w.findings[i].file >= prefix })
	hi := lo
	for hi < len(w.findings) && strings.HasPrefix(w.findings[hi].file, prefix) {
		hi++
	}
	return w.findings[lo:hi]
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func intOf(v any) int {
	switch x := v.(type) {
	case int:
		return x
	case float64:
		return int(x)
	}
	return 0
}
