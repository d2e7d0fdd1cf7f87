// Package terraform reads Terraform HCL configurations (*.tf, *.tf.json, *.tfvars) into Seam facts: one node
// per resource and data source instance, edges for the references between them, and assumptions for every
// value that cannot be known before apply.
//
// It finds root modules (directories no other scanned directory calls as a local module) and evaluates each
// the way Terraform plans it: variables from defaults, terraform.tfvars, *.auto.tfvars and --var-file; locals,
// resources, data sources, module calls and outputs in dependency order; count and for_each; dynamic blocks;
// local modules with the call's inputs under module.<name>. addresses. Expressions are evaluated with HCL and
// cty, and values carry marks that say which resources they were read from, so an attribute that reaches a
// resource through locals, variables or module outputs still makes an edge to it.
//
// Decisions where Terraform offers no answer:
//   - A data source's Node.Type is "data.<type>" (awscatalog.NodeType); its ID is the address
//     "data.<type>.<name>".
//   - A resource whose count or for_each is unknown becomes one node without an instance key, with an
//     assumption; count = 0 or an empty for_each makes no node, as Terraform makes no resource.
//   - A remote module call (registry, git, ...) becomes a node of Type "module" with its inputs and an
//     assumption; its outputs are unknown and refer to it. Local modules make no node of their own.
//   - Unknown values are model.Unknown(<source text>); computed attributes (id, arn, ...) are unknown except
//     where the catalogue's IDAttr says what the id equals.
//   - file() and templatefile() resolve paths against the root module's directory, as Terraform does, then
//     against the calling module's directory; reads go through the scanned FS and honour the size cap.
//   - Var files given in Options apply to every root module, after its automatic var files.
//   - lifecycle, provisioner and connection blocks configure Terraform, not the resource, and are not stored.
//   - A file with syntax errors keeps the blocks that end before the first error; the rest of the module is
//     evaluated as usual.
//   - depends_on on a resource makes depends-on edges (to every node of a module it names); depends_on on a
//     module call makes none.
//   - count and for_each are capped at 10,000 instances and a root module at 500,000 evaluated bodies; past
//     that, expansions are unknown with a diagnostic.
//   - A root module's provider "aws" blocks become account nodes (ID "provider.aws" or "provider.aws.<alias>",
//     Type "provider.aws") with the region, account and role arguments and default_tags; credentials are not
//     stored. Every managed AWS resource whose configuration has default_tags gets tags_all, the default tags
//     merged under its own (provider.go).
//   - Every resource and data source instance records in attrs "lines" the line of each attribute and nested
//     block by its path as it appears in attrs (lines.go), so a guardrail's "field" and a link can point at
//     the offending line: "bucket"; "metadata_options" (the first block of the type) and
//     "metadata_options[0]" (each block); "metadata_options[0].http_tokens"; keys of object constructors
//     ("tags.owner") and objects in tuple constructors ("ingress[0].cidr_blocks") up to four levels deep.
//     A dynamic block's generated blocks have its content block's line, an unknown one only the type's key.
//     count and for_each instances record the same lines. Meta-arguments (count, for_each, provider,
//     depends_on) and computed attributes have no key: a field pointing at them falls back to the node's line.
//
// JSON documents the catalogue names (IAM policies, ECS container definitions) are stored parsed, with
// model.Unknown for the parts known only after apply. Secret values (the catalogue's SecretAttrs, names that
// look secret, sensitive variables and outputs, passwords inside URLs) are stored as "[redacted]".
//
// The Terraform functions real configurations use for naming, networking and IAM are implemented with cty's
// stdlib and a few local versions (coalesce, try and can keep their arguments' marks; jsonencode keeps
// structure around unknown parts; file and templatefile read through the FS). A call to any other function is
// an unknown value with an assumption, never a failure.
package terraform

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/seam-sec/seam/internal/extract"
	"github.com/seam-sec/seam/internal/model"
)

// Name is the extractor's name, recorded in provenance.
const Name = "terraform"

// Extractor reads Terraform configurations. It is stateless and safe for concurrent use.
type Extractor struct{}

// New returns the Terraform extractor.
func New() *Extractor { return &Extractor{} }

// Name returns "terraform".
func (*Extractor) Name() string { return Name }

// Unit is extract.UnitRoot: modules, variables and references span files.
func (*Extractor) Unit() extract.Unit { return extract.UnitRoot }

// FileRequired wants *.tf, *.tf.json, *.tfvars and *.tfvars.json files.
func (*Extractor) FileRequired(p string, info fs.FileInfo) bool {
	if info != nil && info.IsDir() {
		return false
	}
	_, ok := kindOf(p)
	return ok
}

// Extract parses every file in parallel, finds the root modules and evaluates them in parallel.
func (*Extractor) Extract(ctx context.Context, in extract.Input) (model.Facts, error) {
	x := &extraction{fsys: in.FS, max: in.MaxFileSize, opts: in.Options, files: map[string]*srcFile{},
		mods: map[string]*module{}, autoVars: map[string][]string{}, fileCache: map[string]fileResult{},
		extraSrc: map[string][]byte{}, varCache: map[string]*varFile{}}
	var paths []string
	for _, p := range in.Paths {
		if _, ok := kindOf(p); ok {
			paths = append(paths, p)
		}
	}
	files := parseFiles(ctx, in.FS, paths, in.MaxFileSize)
	if err := ctx.Err(); err != nil {
		return model.Facts{}, err
	}
	x.load(files)
	results := x.evalRoots(ctx, x.roots())
	if err := ctx.Err(); err != nil {
		return model.Facts{}, err
	}
	return x.finish(results), nil
}

// extraction is the state of one Extract call, shared by the root modules evaluated in parallel.
type extraction struct {
	fsys     fs.FS
	max      int64
	opts     extract.Options
	files    map[string]*srcFile // read-only after load
	mods     map[string]*module  // by directory; read-only after load
	dirs     []string            // module directories, sorted
	autoVars map[string][]string // directory → automatic var files, in Terraform's load order
	diags    []model.Diagnostic

	mu        sync.Mutex
	fileCache map[string]fileResult
	extraSrc  map[string][]byte // template files read by templatefile, for source text
	varCache  map[string]*varFile
	lateDiags []model.Diagnostic // var files read on demand
}

// load groups files into modules.
func (x *extraction) load(files []*srcFile) {
	byDir := map[string][]*srcFile{}
	for _, f := range files {
		if f == nil {
			continue
		}
		x.files[f.path] = f
		x.diags = append(x.diags, f.diags...)
		dir := path.Dir(f.path)
		switch {
		case f.kind == kindTF || f.kind == kindTFJSON:
			byDir[dir] = append(byDir[dir], f)
		case autoVarOrder(path.Base(f.path)) >= 0:
			x.autoVars[dir] = append(x.autoVars[dir], f.path)
		}
	}
	for dir, fs := range byDir {
		m := buildModule(dir, fs)
		x.mods[dir] = m
		x.dirs = append(x.dirs, dir)
		x.diags = append(x.diags, m.diags...)
	}
	sort.Strings(x.dirs)
	for _, vs := range x.autoVars {
		sort.Slice(vs, func(i, j int) bool {
			a, b := path.Base(vs[i]), path.Base(vs[j])
			if oa, ob := autoVarOrder(a), autoVarOrder(b); oa != ob {
				return oa < ob
			}
			return a < b
		})
	}
}

// autoVarOrder ranks the var files Terraform loads by itself: terraform.tfvars, terraform.tfvars.json, then
// *.auto.tfvars and *.auto.tfvars.json by name; -1 for any other file.
func autoVarOrder(base string) int {
	switch {
	case base == "terraform.tfvars":
		return 0
	case base == "terraform.tfvars.json":
		return 1
	case strings.HasSuffix(base, ".auto.tfvars") || strings.HasSuffix(base, ".auto.tfvars.json"):
		return 2
	}
	return -1
}

// roots returns the root modules: directories no other scanned directory calls, then any directory only
// reachable through a cycle of calls.
func (x *extraction) roots() []string {
	called := map[string]bool{}
	calls := map[string][]string{}
	for _, dir := range x.dirs {
		for _, d := range x.mods[dir].decls {
			if d.kind != declModule {
				continue
			}
			if child, local, inside := localSource(dir, d.source); local && inside && child != dir && x.mods[child] != nil {
				called[child] = true
				calls[dir] = append(calls[dir], child)
			}
		}
	}
	reach := map[string]bool{}
	var mark func(string)
	mark = func(d string) {
		if !reach[d] {
			reach[d] = true
			for _, c := range calls[d] {
				mark(c)
			}
		}
	}
	var roots []string
	for _, dir := range x.dirs {
		if !called[dir] {
			roots = append(roots, dir)
			mark(dir)
		}
	}
	for _, dir := range x.dirs {
		if !reach[dir] {
			roots = append(roots, dir)
			mark(dir)
			x.diags = append(x.diags, model.Diagnostic{File: dir, Severity: model.SeverityInfo, Extractor: Name,
				Message: "module directory is only called from a cycle of module calls; evaluated as a root module"})
		}
	}
	return roots
}

// evalRoots evaluates the root modules in parallel; results are in the order of roots.
func (x *extraction) evalRoots(ctx context.Context, roots []string) []model.Facts {
	out := make([]model.Facts, len(roots))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, dir := range roots {
		if ctx.Err() != nil {
			break
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			out[i] = x.evalRoot(dir)
		}()
	}
	wg.Wait()
	return out
}

// rootRun evaluates one root module and collects its facts.
type rootRun struct {
	x     *extraction
	dir   string
	facts model.Facts
	ev    *evaluator
	funcs map[string]map[string]function.Function // by module directory
	// bodies counts evaluated bodies against maxBodies; budgetHit is set once the budget is spent.
	bodies    int
	budgetHit bool
	// providers holds the root module's AWS provider configurations by address ("provider.aws"); tagged lists
	// the AWS resource nodes made so far with the configuration each uses, for their tags_all.
	providers map[string]*providerConfig
	tagged    []taggedNode
}

func (x *extraction) evalRoot(dir string) (facts model.Facts) {
	r := &rootRun{x: x, dir: dir, funcs: map[string]map[string]function.Function{},
		providers: map[string]*providerConfig{}}
	r.ev = &evaluator{src: x.srcText, diags: &r.facts.Diagnostics}
	defer func() {
		if p := recover(); p != nil {
			r.facts.Diagnostics = append(r.facts.Diagnostics, model.Diagnostic{File: dir, Severity: model.SeverityError,
				Extractor: Name, Message: fmt.Sprintf("internal error evaluating the root module (a Seam bug, please report it): %v", p)})
			facts = r.facts
		}
	}()
	mod := x.mods[dir]
	r.runModule(mod, "", "", r.rootInputs(mod), 0, []string{dir}, nil)
	r.applyDefaultTags()
	return r.facts
}

func (r *rootRun) diag(rng hcl.Range, sev model.Severity, msg string) {
	r.facts.Diagnostics = append(r.facts.Diagnostics, model.Diagnostic{File: rng.Filename, Line: rng.Start.Line,
		Column: rng.Start.Column, Severity: sev, Extractor: Name, Message: msg})
}

func (r *rootRun) addNode(n model.Node) { r.facts.Nodes = append(r.facts.Nodes, n) }

func (r *rootRun) src(rng hcl.Range) string { return r.x.srcText(rng) }

// maxSrcText caps the source text kept in an Unknown value.
const maxSrcText = 1000

// srcText returns the source text of a range.
func (x *extraction) srcText(rng hcl.Range) string {
	var b []byte
	if f := x.files[rng.Filename]; f != nil {
		b = f.src
	} else {
		x.mu.Lock()
		b = x.extraSrc[rng.Filename]
		x.mu.Unlock()
	}
	if rng.Start.Byte < 0 || rng.End.Byte > len(b) || rng.Start.Byte > rng.End.Byte {
		return ""
	}
	s := string(b[rng.Start.Byte:rng.End.Byte])
	if len(s) > maxSrcText {
		cut := maxSrcText
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}

func (x *extraction) addSource(p string, data []byte) {
	x.mu.Lock()
	x.extraSrc[p] = data
	x.mu.Unlock()
}
