package dockerfile

import (
	"strconv"
	"strings"
)

// lines records the line of each instruction a guardrail may point at, keyed to match the node's attrs:
//
//	from                   the final stage's FROM;  stages[i]: each stage's FROM
//	user, runs_as_root     the final USER (runs_as_root: the final FROM when there is no USER)
//	workdir, healthcheck, entrypoint, cmd   the instruction the final image takes them from
//	expose[i]              the EXPOSE of each entry of attrs.expose
//	env[i], env.NAME       each ENV entry; env.NAME is the last one setting NAME (the effective value)
//	args[i], args.NAME     each ARG entry, likewise; labels[i], labels.NAME each LABEL entry
//	copies[i]              each COPY or ADD; add[i] and copy[i] count each instruction kind on its own
//	run[i]                 each RUN instruction in file order (RUN has no attribute; the line is for controls
//	                       that name one, e.g. from a lint diagnostic)
func (b *build) lines(attrs map[string]any, final *stage) map[string]any {
	out := map[string]any{"from": final.line}
	for i, s := range b.stages {
		out["stages["+strconv.Itoa(i)+"]"] = s.line
	}
	out["runs_as_root"] = final.line
	if l, ok := attrs["user_line"].(int); ok {
		out["user"], out["runs_as_root"] = l, l
	}
	if final.cfg.workdirLine > 0 {
		out["workdir"] = final.cfg.workdirLine
	}
	for _, k := range []string{"healthcheck", "entrypoint", "cmd"} {
		if m, ok := attrs[k].(map[string]any); ok {
			out[k] = m["line"]
		}
	}
	listLines(out, "expose", attrs["expose"], false)
	for _, k := range []string{"env", "args", "labels"} {
		listLines(out, k, attrs[k], true)
	}
	listLines(out, "copies", attrs["copies"], false)
	counts := map[string]int{}
	for _, c := range b.copies {
		m, _ := c.(map[string]any)
		if ins, ok := m["instruction"].(string); ok {
			key := strings.ToLower(ins)
			out[key+"["+strconv.Itoa(counts[key])+"]"] = m["line"]
			counts[key]++
		}
	}
	for i, l := range b.runs {
		out["run["+strconv.Itoa(i)+"]"] = l
	}
	return out
}

// listLines records key[i] for each entry of a list of entry maps, and key.NAME by their name when named.
func listLines(out map[string]any, key string, list any, named bool) {
	entries, _ := list.([]any)
	for i, e := range entries {
		m, ok := e.(map[string]any)
		if !ok {
			continue
		}
		out[key+"["+strconv.Itoa(i)+"]"] = m["line"]
		if name, ok := m["name"].(string); ok && named {
			out[key+"."+name] = m["line"]
		}
	}
}
