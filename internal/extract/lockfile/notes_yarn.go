package lockfile

import (
	"bufio"
	"bytes"
	"strings"

	"github.com/google/osv-scalibr/extractor"
)

// yarnBlock is one top-level entry of a berry yarn.lock: its header line, the descriptors it resolves and,
// for a workspace entry, the descriptors of its dependencies.
type yarnBlock struct {
	line        int
	descriptors []string
	workspace   bool
	deps        []string // "name@range" as the workspace entry lists them
}

// yarnNotes tells yarn classic from berry. Classic (v1) records no project dependencies, so it gives no
// direct flags. Berry lists every workspace as an entry ("app@workspace:.") with its dependencies (runtime
// and dev together); the entries those descriptors resolve to are the direct dependencies, and workspace
// entries themselves are the project's own code. Neither format records dev.
func yarnNotes(src source) formatNotes {
	if bytes.Contains(src.content, []byte("# yarn lockfile v1")) || !bytes.Contains(src.content, []byte("__metadata:")) {
		return formatNotes{typ: "yarn.lock v1"}
	}
	blocks, meta := yarnBlocks(src.content)
	typ := "yarn.lock berry"
	if meta != "" {
		typ += " (lockfile v" + meta + ")"
	}
	resolves := map[string]*yarnBlock{} // descriptor → the block that resolves it
	byLine := map[int]*yarnBlock{}
	hasWorkspace := false
	for _, b := range blocks {
		byLine[b.line] = b
		hasWorkspace = hasWorkspace || b.workspace
		for _, d := range b.descriptors {
			resolves[d] = b
		}
	}
	direct := map[int]bool{} // header line of every block a workspace depends on
	for _, b := range blocks {
		if !b.workspace {
			continue
		}
		for _, d := range b.deps {
			if r := resolves[d]; r != nil {
				direct[r.line] = true
			} else if name, rng, ok := cutDescriptor(d); ok && !strings.Contains(rng, ":") {
				// Lockfiles before v6 omit the "npm:" protocol in dependency lists but not in headers.
				if r := resolves[name+"@npm:"+rng]; r != nil {
					direct[r.line] = true
				}
			}
		}
	}
	note := func(p *extractor.Package) pkgNote {
		line := descriptorLine(p)
		if b := byLine[line]; b != nil && b.workspace {
			return pkgNote{skip: true}
		}
		if !hasWorkspace {
			return pkgNote{}
		}
		return pkgNote{direct: answerOf(direct[line])}
	}
	return formatNotes{typ: typ, tellsDirect: hasWorkspace, note: note}
}

// yarnBlocks splits a berry lockfile into entries and returns the __metadata version.
func yarnBlocks(content []byte) ([]*yarnBlock, string) {
	var blocks []*yarnBlock
	var cur *yarnBlock
	meta, inMeta, inDeps := "", false, false
	sc := bufio.NewScanner(bytes.NewReader(content))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "" || strings.HasPrefix(trimmed, "#"):
		case !strings.HasPrefix(line, " "):
			inMeta, inDeps, cur = line == "__metadata:", false, nil
			if !inMeta {
				cur = newYarnBlock(line, n)
				blocks = append(blocks, cur)
			}
		case inMeta && strings.HasPrefix(trimmed, "version:"):
			meta = strings.TrimSpace(strings.TrimPrefix(trimmed, "version:"))
		case cur == nil:
		case strings.HasPrefix(line, "    ") && inDeps:
			name, rng, _ := strings.Cut(trimmed, ":")
			cur.deps = append(cur.deps, unquote(name)+"@"+unquote(strings.TrimSpace(rng)))
		default:
			inDeps = trimmed == "dependencies:"
		}
	}
	return blocks, meta
}

// newYarnBlock parses a header line: quoted or bare descriptors separated by ", ", ending in ":".
func newYarnBlock(header string, line int) *yarnBlock {
	b := &yarnBlock{line: line}
	for _, d := range strings.Split(strings.TrimSuffix(header, ":"), ",") {
		d = unquote(strings.TrimSpace(d))
		b.descriptors = append(b.descriptors, d)
		if _, rng, ok := cutDescriptor(d); ok && strings.HasPrefix(rng, "workspace:") {
			b.workspace = true
		}
	}
	return b
}

// cutDescriptor splits "name@range" (the name may be scoped: "@scope/name@range").
func cutDescriptor(d string) (name, rng string, ok bool) {
	i := strings.Index(strings.TrimPrefix(d, "@"), "@")
	if i < 0 {
		return d, "", false
	}
	if strings.HasPrefix(d, "@") {
		i++
	}
	return d[:i], d[i+1:], true
}

// unquote strips one pair of surrounding double quotes.
func unquote(s string) string {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		return s[1 : len(s)-1]
	}
	return s
}

// descriptorLine is the line scalibr recorded for a package, or 0.
func descriptorLine(p *extractor.Package) int {
	if d := p.Location.Descriptor; d != nil && d.File != nil {
		return d.File.LineNumber
	}
	return 0
}
