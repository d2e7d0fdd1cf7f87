package dockerfile

import (
	"strconv"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"

	"github.com/seam-sec/seam/internal/extract/redact"
	"github.com/seam-sec/seam/internal/model"
)

// imageConfig is the part of an image's configuration that a stage built FROM another stage inherits.
type imageConfig struct {
	user         value
	userLine     int
	expose       []exposed
	workdir      value
	workdirLine  int
	healthcheck  map[string]any
	entrypoint   map[string]any
	cmd          map[string]any
	cmdInherited bool // cmd came from the parent stage; a new ENTRYPOINT resets it, as Docker does
}

// exposed is one EXPOSE entry before it becomes an attribute.
type exposed struct {
	port     value
	endPort  int
	protocol string
	stage    int
	line     int
}

// inherit returns the configuration a child stage starts from.
func (c imageConfig) inherit() imageConfig {
	n := c
	n.expose = append([]exposed(nil), c.expose...)
	n.cmdInherited = c.cmd != nil
	return n
}

// secretWords are the name fragments that mark a variable whose value must never be stored.
var secretWords = []string{"PASSWORD", "PASSWD", "SECRET", "TOKEN", "KEY", "CREDENTIAL"}

// SecretLike reports whether an ENV, ARG or LABEL entry must be masked: its name looks secret, or its value is
// a URL with a password in it (postgres://user:pass@host/db).
func SecretLike(name, val string) bool {
	upper := strings.ToUpper(name)
	for _, w := range secretWords {
		if strings.Contains(upper, w) {
			return true
		}
	}
	return redact.URLHasPassword(val)
}

// kvEntry renders an ENV or LABEL entry; the value is left out when it may be a secret.
func kvEntry(name, raw string, stage, line int) map[string]any {
	m := map[string]any{"name": name, "stage": stage, "line": line}
	if SecretLike(name, raw) {
		m["masked"] = true
	} else {
		m["value"] = raw
	}
	return m
}

// argEntry renders an ARG: its default as written, unless it may be a secret. Global ARGs (before the first
// FROM) have global: true instead of a stage.
func argEntry(kv instructions.KeyValuePairOptional, stage, line int) map[string]any {
	m := map[string]any{"name": kv.Key, "line": line}
	if stage < 0 {
		m["global"] = true
	} else {
		m["stage"] = stage
	}
	if kv.Value != nil {
		if SecretLike(kv.Key, *kv.Value) {
			m["masked"] = true
		} else {
			m["value"] = *kv.Value
		}
	}
	return m
}

// copyEntry renders a COPY; --from names an earlier stage (by name or index) or an external image.
func (b *build) copyEntry(st *stage, c *instructions.CopyCommand, line int) map[string]any {
	m := sourcesEntry("COPY", st, c.SourcesAndDest, line)
	setIf(m, "chown", c.Chown)
	setIf(m, "chmod", c.Chmod)
	if c.Link {
		m["link"] = true
	}
	if c.Parents {
		m["parents"] = true
	}
	if len(c.ExcludePatterns) > 0 {
		m["exclude"] = strs(c.ExcludePatterns)
	}
	if c.From == "" {
		return m
	}
	m["from"] = c.From
	if i, err := strconv.Atoi(c.From); err == nil && i >= 0 && i < st.index {
		m["from_stage"] = i
		return m
	}
	switch {
	case strings.Contains(c.From, "$"):
		// BuildKit rejects variables in --from ("variable expansion is not supported for --from").
		b.diags = append(b.diags, diag(b.path, line, model.SeverityWarning,
			"COPY --from="+c.From+": BuildKit does not expand variables in --from; no image is linked"))
	case b.stageByName(c.From) != nil:
		m["from_stage"] = b.stageByName(c.From).index
	default:
		m["from_image"] = c.From
		b.useImage(c.From, "copy-from", st.index, line)
	}
	return m
}

// addEntry renders an ADD; a URL or git source is flagged remote: true.
func addEntry(st *stage, c *instructions.AddCommand, line int) map[string]any {
	m := sourcesEntry("ADD", st, c.SourcesAndDest, line)
	setIf(m, "chown", c.Chown)
	setIf(m, "chmod", c.Chmod)
	if c.Checksum != "" {
		m["checksum"] = true // pinned: the download is verified
	}
	if c.Link {
		m["link"] = true
	}
	for _, s := range c.SourcePaths {
		if isRemote(s) {
			m["remote"] = true
		}
	}
	return m
}

func sourcesEntry(ins string, st *stage, sd instructions.SourcesAndDest, line int) map[string]any {
	m := map[string]any{"instruction": ins, "sources": strs(sd.SourcePaths), "dest": sd.DestPath,
		"stage": st.index, "line": line}
	if len(sd.SourceContents) > 0 {
		names := make([]string, 0, len(sd.SourceContents))
		for _, sc := range sd.SourceContents {
			names = append(names, sc.Path)
		}
		m["inline"] = strs(names) // heredoc sources: content written in the Dockerfile itself
	}
	return m
}

// isRemote reports whether an ADD source is fetched over the network (HTTP(S) or git).
func isRemote(src string) bool {
	l := strings.ToLower(src)
	return strings.Contains(l, "://") || strings.HasPrefix(l, "git@")
}

// exposeEntry parses one EXPOSE word: "80", "80/tcp", "8000-8010/udp", or one with variables.
func (b *build) exposeEntry(word string, st *stage, line int) (exposed, bool) {
	e := exposed{protocol: "tcp", stage: st.index, line: line}
	v := b.expand(word, st.vars)
	if !v.known {
		e.port = v
		return e, true
	}
	port, proto, hasProto := strings.Cut(v.s, "/")
	if hasProto {
		e.protocol = strings.ToLower(proto)
	}
	lo, hi, isRange := strings.Cut(port, "-")
	start, err := strconv.Atoi(lo)
	if err != nil || start < 0 || start > 65535 {
		return e, false
	}
	e.port = value{s: strconv.Itoa(start), known: true}
	if isRange {
		end, err := strconv.Atoi(hi)
		if err != nil || end < start || end > 65535 {
			return e, false
		}
		e.endPort = end
	}
	return e, true
}

// healthEntry renders a HEALTHCHECK; HEALTHCHECK NONE is disabled: true.
func healthEntry(c *instructions.HealthCheckCommand, line int) map[string]any {
	m := map[string]any{"line": line}
	h := c.Health
	if h == nil || len(h.Test) == 0 || h.Test[0] == "NONE" {
		m["disabled"] = true
		return m
	}
	m["test"] = strs(h.Test)
	if h.Interval > 0 {
		m["interval"] = h.Interval.String()
	}
	if h.Timeout > 0 {
		m["timeout"] = h.Timeout.String()
	}
	if h.StartPeriod > 0 {
		m["start_period"] = h.StartPeriod.String()
	}
	if h.Retries > 0 {
		m["retries"] = h.Retries
	}
	return m
}

// commandEntry renders ENTRYPOINT or CMD with its form: exec (JSON) or shell.
func commandEntry(c instructions.ShellDependantCmdLine, line int) map[string]any {
	form := "exec"
	if c.PrependShell {
		form = "shell"
	}
	return map[string]any{"form": form, "args": strs(c.CmdLine), "line": line}
}

// isRootUser reports whether a USER value ("name", "uid", "name:group") runs as root.
func isRootUser(u string) bool {
	name, _, _ := strings.Cut(u, ":")
	return name == "root" || name == "0"
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
