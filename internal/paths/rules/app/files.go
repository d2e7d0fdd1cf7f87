package app

import (
	"fmt"
	"strings"

	"github.com/seam-sec/seam/internal/extract/codeflaw/flaw"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// pathTraversal: a path-traversal foothold turns reach to a workload into reading its files.
type pathTraversal struct{}

func (pathTraversal) Meta() paths.Meta {
	return paths.Meta{ID: "app.path-traversal", Title: "A path traversal reads the service's files",
		Technique: "T1190", TechniqueName: "Exploit Public-Facing Application",
		// 0.9: a high-confidence traversal (0.9) reads any file the process may open with "../" sequences or an
		// absolute path; filepath.Join and os.path.join do not stop either.
		Likelihood: 0.9,
		Rationale: "a file path taken from the request opens any file the service's process can read: the " +
			"ServiceAccount token, mounted Secrets, /proc/self/environ",
		Control: "fix the flaw: resolve the path under a fixed root and refuse what leaves it (os.Root, " +
			"filepath.IsLocal, realpath checks)",
		From: []paths.Kind{paths.Reach}, To: []paths.Kind{paths.FileRead}}
}

func (pathTraversal) Steps(c *paths.Context, s paths.State) []paths.Step {
	w, fhs := footholdsOfClass(c, s, func(cl flaw.Class) bool { return cl == flaw.PathTraversal })
	var out []paths.Step
	for _, fh := range fhs {
		if writeSink(c.Node(fh.Node)) {
			continue // a traversal into a write or delete gives file writes, which no state models
		}
		reason := fmt.Sprintf("%s: request input chooses the file %s opens, so the attacker reads its files", footholdName(c, fh), c.Name(w.ID))
		out = append(out, footholdStep(fh, paths.State{Kind: paths.FileRead, Node: w.ID}, 1, reason))
	}
	return out
}

// writeVerbs are the words of sinks that write, move or delete files rather than read them (os.Create,
// os.WriteFile, os.Remove, shutil.move, fs.unlink, move_uploaded_file …).
var writeVerbs = []string{"create", "write", "remove", "rename", "mkdir", "unlink", "delete", "move", "save", "chmod", "truncate"}

// writeSink reports whether a path-traversal flaw's sink (or detector rule) writes rather than reads; a sink
// that names reading (fs.createReadStream) reads.
func writeSink(n *model.Node) bool {
	if n == nil {
		return false
	}
	s := strings.ToLower(attrString(n.Attrs, "sink") + " " + attrString(n.Attrs, "rule"))
	if strings.Contains(s, "read") {
		return false // fs.createReadStream, os.ReadFile
	}
	for _, v := range writeVerbs {
		if strings.Contains(s, v) {
			return true
		}
	}
	return false
}
