package dockerfile

import (
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerfile/shell"

	"github.com/seam-sec/seam/internal/model"
)

// value is a variable's value as far as Seam knows it: known, or set only at build time.
type value struct {
	s       string
	known   bool
	missing []string // when unknown: the variables without a known value, sorted
}

// vars is the set of ARG and ENV variables in scope; it implements shell.EnvGetter and remembers which names
// were asked for without a known value.
type vars struct {
	m       map[string]value
	missing map[string]bool
}

func newVars() *vars { return &vars{m: map[string]value{}} }

func (v *vars) clone() *vars {
	c := newVars()
	for k, x := range v.m {
		c.m[k] = x
	}
	return c
}

// Get returns a known value; a name that is unset or set only at build time is recorded as missing.
func (v *vars) Get(k string) (string, bool) {
	x, ok := v.m[k]
	if ok && x.known {
		return x.s, true
	}
	if v.missing == nil {
		v.missing = map[string]bool{}
	}
	v.missing[k] = true
	return "", false
}

// Keys lists the names with known values, sorted.
func (v *vars) Keys() []string {
	keys := make([]string, 0, len(v.m))
	for k, x := range v.m {
		if x.known {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

// stage is one FROM section and, through its state, the image configuration it ends with.
type stage struct {
	index    int
	name     string
	base     string   // as written
	resolved string   // base with ARG defaults substituted; "" when unknown
	kind     string   // image, stage, scratch or unknown
	missing  []string // when kind is unknown: the build arguments without a default
	parent   int      // index of the earlier stage it is built FROM, or -1
	platform string
	line     int
	vars     *vars // ARG and ENV in scope, for expansion
	env      *vars // ENV only: what a later stage built FROM this one inherits
	cfg      imageConfig
}

// build collects what one Dockerfile says while its instructions are read in order.
type build struct {
	path       string
	lex        *shell.Lex
	global     *vars
	stages     []*stage
	args       []any
	env        []any
	labels     []any
	copies     []any
	runs       []int // the line of each RUN instruction, in file order
	commands   []any // each RUN instruction (runEntry), in file order
	diags      []model.Diagnostic
	assums     []model.Assumption
	incomplete bool
	lastLine   int
	line       int // line of the instruction being read
	images     map[string]*imageUse
	syntax     string
	escape     string
	lint       *linter.Linter
}

func newBuild(p string, res *parser.Result) *build {
	b := &build{path: p, lex: shell.NewLex(res.EscapeToken), global: newVars()}
	b.lint = linter.New(&linter.Config{Warn: func(rule, _, _, msg string, loc []parser.Range) {
		b.diags = append(b.diags, diag(p, rangeLine(loc), model.SeverityInfo, rule+": "+msg))
	}})
	return b
}

func rangeLine(rs []parser.Range) int {
	if len(rs) == 0 {
		return 0
	}
	return rs[0].Start.Line
}

// readInstructions walks the AST: each instruction is typed by BuildKit's instructions package; one it rejects
// is a diagnostic and is skipped.
func (b *build) readInstructions(ast *parser.Node) {
	for _, n := range ast.Children {
		if n.EndLine > b.lastLine {
			b.lastLine = n.EndLine
		}
		b.line = n.StartLine
		ins, err := instructions.ParseInstructionWithLinter(n, b.lint)
		if err != nil {
			b.incomplete = true
			b.diags = append(b.diags, diag(b.path, n.StartLine, model.SeverityError,
				strings.ToUpper(n.Value)+" skipped: "+errorMessage(err)))
			continue
		}
		if s, ok := ins.(*instructions.Stage); ok {
			b.from(s, n.StartLine)
			continue
		}
		if len(b.stages) == 0 {
			if a, ok := ins.(*instructions.ArgCommand); ok {
				b.globalArg(a, n.StartLine)
				continue
			}
			b.incomplete = true
			b.diags = append(b.diags, diag(b.path, n.StartLine, model.SeverityError,
				"instruction "+strings.ToUpper(n.Value)+" before the first FROM; skipped"))
			continue
		}
		b.instruction(b.stages[len(b.stages)-1], ins, n.StartLine)
	}
}

// directives records the # syntax= and # escape= parser directives.
func (b *build) directives(data []byte) {
	if v, _, _, ok := parser.ParseDirective("syntax", data); ok {
		b.syntax = v
	}
	if v, _, _, ok := parser.ParseDirective("escape", data); ok {
		b.escape = v
	}
}

// globalArg records an ARG before the first FROM: it is in scope for every FROM line.
func (b *build) globalArg(a *instructions.ArgCommand, line int) {
	for _, kv := range a.Args {
		v := value{}
		if kv.Value != nil {
			v = b.expand(*kv.Value, b.global)
		}
		b.global.m[kv.Key] = v
		b.args = append(b.args, argEntry(kv, -1, line))
	}
}

// expand substitutes variables in word; the result is unknown when a variable it uses has no known value.
func (b *build) expand(word string, vs *vars) value {
	vs.missing = nil
	res, err := b.lex.ProcessWordWithMatches(word, vs)
	if err != nil {
		b.diags = append(b.diags, diag(b.path, b.line, model.SeverityWarning,
			"cannot expand "+strconv.Quote(word)+": "+err.Error()))
		return value{s: word, missing: []string{word}}
	}
	if len(vs.missing) > 0 {
		names := make([]string, 0, len(vs.missing))
		for k := range vs.missing {
			names = append(names, k)
		}
		sort.Strings(names)
		return value{s: word, missing: names}
	}
	return value{s: res.Result, known: true}
}

// from starts a stage: it resolves the base against global ARGs and earlier stage names.
func (b *build) from(s *instructions.Stage, line int) {
	st := &stage{index: len(b.stages), name: s.Name, base: s.BaseName, parent: -1, platform: s.Platform,
		line: line, vars: newVars(), env: newVars()}
	v := b.expand(s.BaseName, b.global)
	switch {
	case !v.known || strings.TrimSpace(v.s) == "":
		st.kind, st.missing = "unknown", v.missing
	case strings.EqualFold(v.s, "scratch"):
		st.kind, st.resolved = "scratch", "scratch"
	case b.stageByName(v.s) != nil:
		st.kind, st.resolved, st.parent = "stage", v.s, b.stageByName(v.s).index
	default:
		st.kind, st.resolved = "image", v.s
		b.useImage(v.s, "base", st.index, line)
	}
	if st.parent >= 0 {
		parent := b.stages[st.parent]
		st.env = parent.env.clone()
		st.vars = parent.env.clone()
		st.cfg = parent.cfg.inherit()
	}
	b.stages = append(b.stages, st)
}

// stageByName finds an earlier stage by name (stage names are case-insensitive) or, for COPY --from, by index.
func (b *build) stageByName(name string) *stage {
	for _, s := range b.stages {
		if s.name != "" && strings.EqualFold(s.name, name) {
			return s
		}
	}
	return nil
}

// instruction applies one instruction inside a stage.
func (b *build) instruction(st *stage, ins any, line int) {
	switch c := ins.(type) {
	case *instructions.ArgCommand:
		for _, kv := range c.Args {
			v := value{}
			switch {
			case kv.Value != nil:
				v = b.expand(*kv.Value, st.vars)
			default:
				v = b.global.m[kv.Key] // a redeclared global ARG takes the global default
			}
			st.vars.m[kv.Key] = v
			b.args = append(b.args, argEntry(kv, st.index, line))
		}
	case *instructions.EnvCommand:
		for _, kv := range c.Env {
			v := b.expand(kv.Value, st.vars)
			st.vars.m[kv.Key] = v
			st.env.m[kv.Key] = v
			b.env = append(b.env, kvEntry(kv.Key, kv.Value, st.index, line))
		}
	case *instructions.LabelCommand:
		for _, kv := range c.Labels {
			b.labels = append(b.labels, kvEntry(kv.Key, kv.Value, st.index, line))
		}
	case *instructions.CopyCommand:
		b.copies = append(b.copies, b.copyEntry(st, c, line))
	case *instructions.AddCommand:
		b.copies = append(b.copies, addEntry(st, c, line))
	case *instructions.RunCommand:
		b.runs = append(b.runs, line)
		b.commands = append(b.commands, runEntry(c, st.index, line))
	default:
		b.config(st, ins, line)
	}
}

// config applies an instruction that changes the image configuration: USER, EXPOSE, WORKDIR, HEALTHCHECK,
// ENTRYPOINT, CMD.
func (b *build) config(st *stage, ins any, line int) {
	switch c := ins.(type) {
	case *instructions.UserCommand:
		st.cfg.user, st.cfg.userLine = b.expand(c.User, st.vars), line
	case *instructions.ExposeCommand:
		for _, p := range c.Ports {
			e, ok := b.exposeEntry(p, st, line)
			if !ok {
				b.diags = append(b.diags, diag(b.path, line, model.SeverityWarning,
					"EXPOSE "+strconv.Quote(p)+" is not a port, port range or port/protocol; ignored"))
				continue
			}
			st.cfg.expose = append(st.cfg.expose, e)
		}
	case *instructions.WorkdirCommand:
		v := b.expand(c.Path, st.vars)
		if v.known && !path.IsAbs(v.s) && st.cfg.workdirLine > 0 {
			// Relative to the previous WORKDIR; with none before it, relative to the base image's, which
			// Seam cannot see, so it stays as written.
			v = value{s: path.Join(st.cfg.workdir.s, v.s), known: st.cfg.workdir.known}
			if !v.known {
				v.s = c.Path
			}
		}
		st.cfg.workdir, st.cfg.workdirLine = v, line
	case *instructions.HealthCheckCommand:
		st.cfg.healthcheck = healthEntry(c, line)
	case *instructions.EntrypointCommand:
		st.cfg.entrypoint = commandEntry(c.ShellDependantCmdLine, line)
		if st.cfg.cmdInherited {
			st.cfg.cmd, st.cfg.cmdInherited = nil, false // Docker resets an inherited CMD
		}
	case *instructions.CmdCommand:
		st.cfg.cmd, st.cfg.cmdInherited = commandEntry(c.ShellDependantCmdLine, line), false
	}
}
