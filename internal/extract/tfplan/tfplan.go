// Package tfplan reads Terraform plan and state JSON into Seam facts: the same nodes and edges the Terraform
// HCL extractor makes from the configuration, but with the real values Terraform computed, so a plan or state
// saved beside its root module merges with the HCL extractor's nodes and fills in what the HCL left unknown.
//
// Three inputs are read:
//   - a plan, as `terraform show -json <planfile>` prints it (format_version 1.x): instances from
//     planned_values and resource_changes (after, after_unknown, after_sensitive), plus data sources from
//     prior_state; edges from the references in "configuration";
//   - a state, as `terraform show -json` prints it (values.root_module): instances, edges by value;
//   - a raw state file, terraform.tfstate as Terraform and its backends write it (format version 4,
//     Terraform 0.12 and later: resources[].instances[]), since repositories contain them: instances from
//     attributes and sensitive_attributes, edges by value. Older raw formats are reported and skipped.
//
// Decisions where the task or Terraform offers no answer:
//   - The node ID is model.TerraformID(<directory of the JSON file>, <instance address>): a plan saved in its
//     root module's directory merges with the HCL extractor's nodes.
//   - Attributes are every value of the instance plus tf_address, tf_mode ("managed" or "data"), tf_module
//     (in a child module) and, for a plan, tf_actions (the planned change). Instances a plan deletes, deposed
//     objects, variables and outputs make no nodes; outputs and variable values are never stored.
//   - A value a plan marks after_unknown is model.Unknown("known after apply") with an assumption. A value
//     Terraform marks sensitive, or whose attribute or key the catalogue calls secret, is "[redacted]" (model.Redacted);
//     passwords in URLs are masked too.
//   - IAM policies and other JSON documents the catalogue names, and any attribute named *policy* holding a
//     JSON object string, are stored parsed.
//   - Provenance points at the line of the first `"address": "<addr>"` pair of each instance (for a raw state,
//     at the instance object); an edge points at the line of the instance whose argument makes it. Terraform
//     itself writes the document on one line, where every line is 1; a file saved through jq has useful lines.
//   - References through locals are not in plan JSON; such an argument, and every argument of a state, is
//     resolved by value instead (see byvalue.go). Several instances that match alike all get an edge, and so
//     do all instances of a counted resource referenced with a computed index (web[count.index]) unless known
//     values pick one.
//   - A plan's AWS provider configurations of the root module (configuration.provider_config) become the
//     account nodes the HCL extractor makes of provider blocks (provider.go); states have none.
//   - Plan, state and raw-state JSON is told apart by its top-level keys; a wanted file that is none of them
//     is skipped with an info diagnostic (so is an empty file), a malformed one is an error diagnostic at the
//     line and column of the fault.
package tfplan

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"sort"
	"strings"

	"github.com/seam-sec/seam/internal/extract"
	"github.com/seam-sec/seam/internal/model"
)

// Name is the extractor's name, recorded in provenance.
const Name = "terraform-plan"

// Extractor reads Terraform plan and state JSON. It is stateless and safe for concurrent use.
type Extractor struct{}

var _ extract.Extractor = (*Extractor)(nil)

// New returns the Terraform plan/state extractor.
func New() *Extractor { return &Extractor{} }

// Name returns "terraform-plan".
func (*Extractor) Name() string { return Name }

// Unit is extract.UnitFile: each plan or state stands alone.
func (*Extractor) Unit() extract.Unit { return extract.UnitFile }

// FileRequired wants the names plans and states are saved under: *.tfstate, *.tfstate.json, *.tfplan.json,
// *.plan.json, tfplan.json, plan.json and state.json.
func (*Extractor) FileRequired(p string, info fs.FileInfo) bool {
	if info != nil && info.IsDir() {
		return false
	}
	return wantedName(path.Base(p))
}

func wantedName(base string) bool {
	switch base {
	case "tfplan.json", "plan.json", "state.json":
		return true
	}
	for _, suf := range []string{".tfstate", ".tfstate.json", ".tfplan.json", ".plan.json"} {
		if len(base) > len(suf) && strings.HasSuffix(base, suf) {
			return true
		}
	}
	return false
}

// Extract reads each file it is given. A file that cannot be read or decoded is a diagnostic; the error is
// only ever the context's.
func (e *Extractor) Extract(ctx context.Context, in extract.Input) (model.Facts, error) {
	var facts model.Facts
	for _, p := range in.Paths {
		if err := ctx.Err(); err != nil {
			return model.Facts{}, err
		}
		facts.Merge(extractFile(in.FS, p, in.MaxFileSize))
	}
	finish(&facts)
	return facts, nil
}

// fileRun is the state of reading one file.
type fileRun struct {
	file  string
	dir   string
	data  []byte
	lines lineIndex
	memo  *secretMemo
	cfg   *config
	insts []*instance
	facts model.Facts
}

// extractFile reads one file into facts. A panic (a bug) becomes an error diagnostic, not a crash.
func extractFile(fsys fs.FS, p string, max int64) (facts model.Facts) {
	r := &fileRun{file: p, dir: path.Dir(p), memo: newSecretMemo()}
	defer func() {
		if v := recover(); v != nil {
			facts = model.Facts{Diagnostics: []model.Diagnostic{{File: p, Severity: model.SeverityError,
				Extractor: Name, Message: fmt.Sprintf("internal error reading Terraform JSON: %v", v)}}}
		}
	}()
	data, err := readFile(fsys, p, max)
	if err != nil {
		r.diag(0, model.SeverityError, err.Error())
		return r.facts
	}
	if len(bytes.TrimSpace(data)) == 0 {
		r.diag(0, model.SeverityInfo, "empty file; skipped")
		return r.facts
	}
	r.data = data
	r.lines = newLineIndex(data)
	r.read()
	return r.facts
}

// readFile reads a file, refusing one larger than max (when max > 0).
func readFile(fsys fs.FS, p string, max int64) ([]byte, error) {
	if max > 0 {
		if info, err := fs.Stat(fsys, p); err == nil && info.Size() > max {
			return nil, fmt.Errorf("file is larger than the %d-byte limit; skipped", max)
		}
	}
	data, err := fs.ReadFile(fsys, p)
	if err != nil {
		return nil, fmt.Errorf("cannot read file: %w", err)
	}
	if max > 0 && int64(len(data)) > max {
		return nil, fmt.Errorf("file is larger than the %d-byte limit; skipped", max)
	}
	return data, nil
}

// read decodes the file as whichever of plan, state or raw state it is, then makes nodes and edges.
func (r *fileRun) read() {
	kind, err := classify(r.data)
	if err != nil {
		r.decodeError(err, "JSON")
		return
	}
	c := newCollector()
	switch kind.kind {
	case kindNone:
		r.diag(0, model.SeverityInfo, "not Terraform plan or state JSON; skipped")
		return
	case kindOldRaw:
		r.diag(1, model.SeverityWarning, fmt.Sprintf("Terraform state format version %s is not supported "+
			"(only version 4, written by Terraform 0.12 and later); skipped", kind.version))
		return
	case kindPlan:
		if !r.readPlan(c) {
			return
		}
	case kindState:
		if !r.readState(c) {
			return
		}
	case kindRaw:
		s, err := decodeRaw(r.data)
		if err != nil {
			r.decodeError(err, "Terraform state")
			return
		}
		c.fromRaw(s, rawLines(r.data, r.lines))
	}
	r.build(c, kind.kind != kindRaw)
}

// build makes the nodes and edges of the collected instances.
func (r *fileRun) build(c *collector, addressed bool) {
	var lines map[string]int
	if addressed {
		lines = addressLines(r.data, r.lines)
	}
	for _, a := range c.bad {
		r.diag(lines[a], model.SeverityWarning, fmt.Sprintf("resource address %q is not valid; skipped", a))
	}
	for _, a := range c.dups {
		r.diag(lines[a], model.SeverityWarning, fmt.Sprintf("resource %s is listed twice; the first is kept", a))
	}
	r.insts = c.instances()
	sort.Slice(r.insts, func(i, j int) bool { return r.insts[i].addr < r.insts[j].addr })
	for _, in := range r.insts {
		if addressed {
			if in.line = lines[in.addr]; in.line == 0 && in.written != "" {
				in.line = lines[in.written]
			}
		}
		if in.line == 0 {
			in.line = 1
		}
		r.node(in)
	}
	r.edges()
}

// decodeError reports a file that does not decode: a syntax error at its line and column, a value of the
// wrong type at its line, anything else (an unsupported format version) at the top of the file.
func (r *fileRun) decodeError(err error, what string) {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		off := int(syn.Offset) - 1
		if off >= len(r.data) {
			off = len(r.data) - 1
		}
		line, col := r.lines.pos(off)
		r.facts.Diagnostics = append(r.facts.Diagnostics, model.Diagnostic{File: r.file, Line: line, Column: col,
			Severity: model.SeverityError, Extractor: Name, Message: "malformed " + what + ": " + syn.Error()})
	case errors.As(err, &typ):
		msg := fmt.Sprintf("invalid %s: %s holds %s where %s belongs", what, typ.Field, article(typ.Value),
			jsonKind(typ.Type))
		r.diag(r.lines.line(int(typ.Offset)-1), model.SeverityError, msg)
	default:
		r.diag(1, model.SeverityWarning, "cannot read "+what+": "+err.Error())
	}
}

// diag records a diagnostic for the file at line (0 for the whole file).
func (r *fileRun) diag(line int, sev model.Severity, msg string) {
	r.facts.Diagnostics = append(r.facts.Diagnostics, model.Diagnostic{File: r.file, Line: line, Severity: sev,
		Extractor: Name, Message: msg})
}

// prov is the provenance of a line of the file.
func (r *fileRun) prov(line int) model.Provenance {
	return model.Provenance{File: r.file, Line: line, Extractor: Name}
}

// finish sorts the facts and keeps one implicit node per ID (two task definitions may run one image). Defined
// nodes are all kept: the graph merges them and records where each was defined.
func finish(f *model.Facts) {
	sort.SliceStable(f.Nodes, func(i, j int) bool {
		if f.Nodes[i].ID != f.Nodes[j].ID {
			return f.Nodes[i].ID < f.Nodes[j].ID
		}
		return f.Nodes[i].Prov.Less(f.Nodes[j].Prov)
	})
	nodes := f.Nodes[:0]
	for i, n := range f.Nodes {
		if i > 0 && n.Implicit && n.ID == nodes[len(nodes)-1].ID {
			continue
		}
		nodes = append(nodes, n)
	}
	f.Nodes = nodes
	f.Edges = sortEdges(f.Edges)
	model.SortDiagnostics(f.Diagnostics)
	model.SortAssumptions(f.Assumptions)
}

// jsonKind names the JSON type a Go type decodes from.
func jsonKind(t reflect.Type) string {
	if t == nil {
		return "another value"
	}
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Map, reflect.Struct, reflect.Pointer, reflect.Interface:
		return "an object"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	}
	return "a number"
}

// article puts "a" or "an" before the JSON type name encoding/json reports ("string", "array", "object").
func article(v string) string {
	if v != "" && strings.ContainsRune("aeiou", rune(v[0])) {
		return "an " + v
	}
	return "a " + v
}
