package buildconfig

import (
	"fmt"
	"strings"
)

// workflow reads a GitHub Actions workflow: docker/build-push-action steps, the docker/metadata-action steps
// that name their images, and run steps with build commands, once per matrix combination. Paths are relative
// to the repository root (the directory holding .github); `${{ env.X }}` and `${{ matrix.x }}` resolve where
// the workflow gives them literal values (workflow syntax:
// https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions).
func (f *file) workflow(root *node) {
	jobs := root.get("jobs")
	if jobs == nil || jobs.kind != mapNode {
		return
	}
	repo := strings.TrimSuffix(strings.TrimSuffix(f.dir, ".github/workflows"), "/")
	if repo == "" {
		repo = "."
	}
	wfEnv := root.get("env")
	wfDir, _ := root.path("defaults", "run", "working-directory").scalar()
	budget, runs := maxLookups, 0
	for i, id := range jobs.keys {
		job := jobs.vals[i]
		steps := job.get("steps")
		if steps == nil || steps.kind != seqNode {
			continue
		}
		dir := wfDir
		if d, ok := job.path("defaults", "run", "working-directory").scalar(); ok {
			dir = d
		}
		combos, line := f.matrix(job.path("strategy", "matrix"))
		if line > 0 {
			f.warn(line, "job "+id+": the matrix expands to more than the combinations Seam reads; the rest are skipped")
		}
		relevant := buildSteps(steps.items)
		for _, combo := range combos {
			if runs += len(relevant); runs > maxStepRuns {
				f.warn(jobs.klines[i], fmt.Sprintf("the workflow's jobs, steps and matrix combinations come to more "+
					"than %d steps that may build an image; the rest of job %s and the jobs after it are not read", maxStepRuns, id))
				return
			}
			w := &jobScope{f: f, repo: repo, job: id, envs: []*node{wfEnv, job.get("env")}, combo: combo,
				dir: dir, metas: map[string][]text{}, budget: &budget}
			for _, st := range relevant {
				w.step(st)
			}
		}
	}
}

// maxStepRuns bounds the steps read per workflow, counting each matrix combination: far more than a real
// workflow has, few enough that aliases and matrices cannot make a file cost minutes.
const maxStepRuns = 10_000

// buildSteps returns the steps that may build an image or name one: the docker actions, and run steps whose
// script mentions a build command.
func buildSteps(steps []*node) []*node {
	var out []*node
	for _, st := range steps {
		uses, _ := st.get("uses").scalar()
		run, _ := st.get("run").scalar()
		if strings.HasPrefix(uses, "docker/") || strings.HasPrefix(uses, "crazy-max/ghaction-docker-meta") ||
			strings.Contains(run, "build") || strings.Contains(run, "bud") {
			out = append(out, st)
		}
	}
	return out
}

// jobScope is one job under one matrix combination.
type jobScope struct {
	f     *file
	repo  string
	job   string
	envs  []*node // workflow, job and step env mappings, outermost first
	combo combo
	dir   string            // defaults.run.working-directory
	metas map[string][]text // step id → images a docker/metadata-action step names
	used  map[string]bool   // the matrix keys used while reading the current step
	// budget is the env lookups left for the whole file: a value that refers to others many times must not
	// cost more than a real workflow.
	budget *int
}

// step reads one step.
func (w *jobScope) step(st *node) {
	if st == nil || st.kind != mapNode {
		return
	}
	w.used = map[string]bool{}
	saved := w.envs
	w.envs = append(append([]*node(nil), saved...), st.get("env"))
	defer func() { w.envs = saved }()
	uses, _ := st.get("uses").scalar()
	action, _, _ := strings.Cut(uses, "@")
	switch action {
	case "docker/metadata-action", "crazy-max/ghaction-docker-meta":
		if id, ok := st.get("id").scalar(); ok {
			w.metas[id] = w.lines(st.path("with", "images"), true)
		}
	case "docker/build-push-action":
		w.buildPush(st)
	}
	if run := st.get("run"); run != nil && run.kind == scalarNode {
		w.run(st, run)
	}
}

// where says which job and step a build is in.
func (w *jobScope) where(st *node) map[string]any {
	m := map[string]any{"job": w.job}
	if name, ok := st.get("name").scalar(); ok {
		m["step"] = name
	} else if id, ok := st.get("id").scalar(); ok {
		m["step"] = id
	}
	if len(w.used) > 0 {
		mx := map[string]any{}
		for k := range w.used {
			mx[k] = w.combo.values[k]
		}
		m["matrix"] = mx // only the keys the build uses, so combinations that differ elsewhere are one build
	}
	return m
}

// buildPush reads a docker/build-push-action step (https://github.com/docker/build-push-action): tags, context
// (default: the repository at the commit, the Git context) and file (default: <context>/Dockerfile, relative
// to the workspace).
func (w *jobScope) buildPush(st *node) {
	with := st.get("with")
	line := st.keyLine("uses")
	ctx := known(".")
	if c, ok := with.get("context").scalar(); ok && strings.TrimSpace(c) != "" {
		ctx = w.expr(c)
	}
	b := build{line: line}
	if isRemote(ctx) {
		b.remote = ctx.String()
	} else {
		b.context = joinText(known(w.repo), ctx)
	}
	if fl, ok := with.get("file").scalar(); ok && strings.TrimSpace(fl) != "" {
		b.dockerfile = joinText(known(w.repo), w.expr(fl))
	} else if b.remote == "" {
		b.dockerfile, b.dockerfileDefault = joinText(b.context, known("Dockerfile")), true
	}
	if t, ok := with.get("target").scalar(); ok {
		b.target = w.expr(t)
	}
	for _, a := range w.lines(with.get("build-args"), false) {
		name, _, _ := strings.Cut(a.String(), "=")
		b.args = append(b.args, strings.TrimSpace(name))
	}
	for _, tag := range w.tags(with.get("tags"), &b) {
		t := b
		t.image = tag
		t.where = w.where(st)
		w.f.add(&t)
	}
}

// tags reads build-push-action's tags input (newline or comma separated). A tags input that is exactly the
// output of a docker/metadata-action step becomes that step's images with an unknown tag.
func (w *jobScope) tags(n *node, b *build) []text {
	raw, _ := n.scalar()
	expr := strings.TrimSpace(raw)
	if strings.HasPrefix(expr, "${{") && strings.HasSuffix(expr, "}}") {
		inner := strings.TrimSpace(expr[3 : len(expr)-2])
		if id, ok := strings.CutPrefix(inner, "steps."); ok {
			if id, ok := strings.CutSuffix(id, ".outputs.tags"); ok && w.metas[id] != nil {
				var out []text
				for _, img := range w.metas[id] {
					out = append(out, cat(img, known(":"), unknownText(expr)))
				}
				b.notes = append(b.notes, note{attr: "ref", reason: "the tags come from the docker/metadata-action step " +
					id + ", which computes them when the workflow runs", assumed: "the images it names, with unknown tags"})
				return out
			}
		}
	}
	return w.lines(n, false)
}

// lines splits an action input given as lines or comma-separated values, resolving expressions. With csv,
// a metadata-action line "name=ghcr.io/acme/api,enable=true" gives its name.
func (w *jobScope) lines(n *node, csv bool) []text {
	var out []text
	raw := ""
	switch {
	case n == nil:
		return nil
	case n.kind == scalarNode:
		raw = n.str
	case n.kind == seqNode:
		var items []string
		for _, it := range n.items {
			if s, ok := it.scalar(); ok {
				items = append(items, s)
			}
		}
		raw = strings.Join(items, "\n")
	}
	seps := "\n,"
	if csv {
		seps = "\n"
	}
	for _, t := range w.expr(raw).splitKnown(seps) {
		if csv {
			t = metaImage(t)
		}
		if len(t) > 0 {
			out = append(out, t)
		}
	}
	return out
}

// metaImage reads one line of metadata-action's images input: a name, or name=…,enable=… attributes.
func metaImage(t text) text {
	if !t.hasPrefix("name=") && !strings.Contains(t.String(), ",") {
		return t
	}
	for _, attr := range t.splitKnown(",") {
		if attr.hasPrefix("name=") {
			attr[0].s = strings.TrimPrefix(attr[0].s, "name=")
			return attr.trimSpace()
		}
	}
	return nil
}

// run reads a run step's script for build commands. The script runs in the step's working-directory (else
// the job's or the workflow's default), relative to the repository root.
func (w *jobScope) run(st, run *node) {
	dir := w.dir
	if d, ok := st.get("working-directory").scalar(); ok {
		dir = d
	}
	cwd := joinText(known(w.repo), w.expr(dir))
	if dir == "" {
		cwd = known(w.repo)
	}
	script := w.expr(run.str)
	base := run.line
	if run.block {
		base++
	}
	for _, c := range builds(splitScript(script, w.shellVar), cwd) {
		w.f.addCLI(c, base, w.where(st), nil)
	}
}

// shellVar resolves a shell variable in a run script from the env mappings in scope, when literal.
func (w *jobScope) shellVar(name string) (string, bool) {
	t, ok := w.env(name, 0)
	if !ok || !t.Known() {
		return "", false
	}
	return t.String(), true
}

// env looks a variable up in the env mappings in scope, the innermost first, and resolves the expressions in
// its value.
func (w *jobScope) env(name string, depth int) (text, bool) {
	if *w.budget--; *w.budget < 0 {
		return nil, false
	}
	for i := len(w.envs) - 1; i >= 0; i-- {
		if s, ok := w.envs[i].get(name).scalar(); ok {
			if depth > 4 {
				return unknownText(s), true
			}
			return w.exprDepth(s, depth+1), true
		}
	}
	return nil, false
}

// expr resolves the ${{ }} expressions in s.
func (w *jobScope) expr(s string) text { return w.exprDepth(s, 0) }

func (w *jobScope) exprDepth(s string, depth int) text {
	var b builder
	all := s
	for {
		i := strings.Index(s, "${{")
		j := -1
		if i >= 0 {
			j = strings.Index(s[i:], "}}")
		}
		if j < 0 {
			b.known(s)
			return b.done()
		}
		b.known(s[:i])
		whole := s[i : i+j+2]
		b.text(w.value(whole, strings.TrimSpace(whole[3:len(whole)-2]), depth))
		if b.size > maxExpansion+len(all) {
			return unknownText(all) // far longer than any image reference or path
		}
		s = s[i+j+2:]
	}
}

// value evaluates one expression: env.NAME and matrix.NAME with literal values; anything else is unknown.
func (w *jobScope) value(whole, inner string, depth int) text {
	if name, ok := strings.CutPrefix(inner, "env."); ok && isShellName(name) {
		if t, ok := w.env(name, depth); ok {
			return t
		}
	}
	if name, ok := strings.CutPrefix(inner, "matrix."); ok {
		if v, ok := w.combo.values[name]; ok {
			w.used[name] = true
			return known(v)
		}
	}
	return unknownText(whole)
}
