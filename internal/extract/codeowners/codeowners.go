// Package codeowners reads CODEOWNERS files (GitHub and GitLab syntax) into facts, and exports the matcher the
// ownership linker uses to find who owns a path.
//
// Facts for one file:
//   - a config node (Type "CODEOWNERS") whose "rules" attribute lists every rule in file order (pattern,
//     owners, GitLab section, line), plus "sections" for GitLab section headers and "dialect" (github or gitlab);
//   - one owner node per owner named (ID model.OwnerID of the handle as written, so "@Acme/Payments" and
//     "@acme/payments" meet), with source "codeowners" and owner_kind user, team, email or role;
//   - a references edge from the file to every owner it names, with the patterns and lines that name it;
//   - owned-by edges from the file to the owners of the CODEOWNERS file's own path under its own rules: the
//     people who must approve a change to ownership itself. Seam does not claim, at this stage, that the
//     matched paths are owned: paths become nodes only in later stages, where the linker calls Rules.Owners.
//
// Which file applies when several exist is the platform's choice, exported as GitHubLocations and
// GitLabLocations (first existing wins). A line whose owner syntax is invalid is skipped, as GitHub does, with a
// diagnostic; a pattern with no owners is legal and leaves its paths unowned.
package codeowners

import (
	"context"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/seam-sec/seam/internal/extract"
	"github.com/seam-sec/seam/internal/model"
)

// Name is the extractor's name, recorded in provenance.
const Name = "codeowners"

// GitHubLocations are the paths GitHub reads CODEOWNERS from, in precedence order: it uses the first that
// exists.
func GitHubLocations() []string {
	return []string{".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"}
}

// GitLabLocations are the paths GitLab reads CODEOWNERS from, in precedence order: it uses the first that
// exists.
func GitLabLocations() []string {
	return []string{"CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS"}
}

// Extractor reads CODEOWNERS files. It holds no state and is safe for concurrent use.
type Extractor struct{}

// New returns a CODEOWNERS extractor.
func New() *Extractor { return &Extractor{} }

var _ extract.Extractor = (*Extractor)(nil)

// Name returns "codeowners".
func (e *Extractor) Name() string { return Name }

// Unit says CODEOWNERS files are read one at a time.
func (e *Extractor) Unit() extract.Unit { return extract.UnitFile }

// FileRequired reports whether p is CODEOWNERS, .github/CODEOWNERS, docs/CODEOWNERS or .gitlab/CODEOWNERS.
func (e *Extractor) FileRequired(p string, info fs.FileInfo) bool {
	if info != nil && info.IsDir() {
		return false
	}
	switch p {
	case "CODEOWNERS", ".github/CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS":
		return true
	}
	return false
}

// Extract reads each file in in.Paths.
func (e *Extractor) Extract(ctx context.Context, in extract.Input) (model.Facts, error) {
	var facts model.Facts
	for _, p := range in.Paths {
		if err := ctx.Err(); err != nil {
			return facts, err
		}
		data, err := fs.ReadFile(in.FS, p)
		if err != nil {
			facts.Diagnostics = append(facts.Diagnostics, model.Diagnostic{File: p, Severity: model.SeverityError,
				Extractor: Name, Message: "cannot read file: " + err.Error()})
			continue
		}
		if in.MaxFileSize > 0 && int64(len(data)) > in.MaxFileSize {
			facts.Diagnostics = append(facts.Diagnostics, model.Diagnostic{File: p, Severity: model.SeverityWarning,
				Extractor: Name, Message: fmt.Sprintf("file is larger than the %d-byte cap; skipped", in.MaxFileSize)})
			continue
		}
		facts.Merge(ExtractBytes(p, data))
	}
	return facts, nil
}

// ExtractBytes turns one CODEOWNERS file's content into facts; p is its slash path relative to the root.
func ExtractBytes(p string, data []byte) model.Facts {
	rules, sections, diags := parse(p, data)
	id := model.FileNodeID(model.KindConfig, p)
	attrs := map[string]any{"rules": rulesAttr(rules), "dialect": dialect(p, rules, sections)}
	if len(sections) > 0 {
		attrs["sections"] = sectionsAttr(sections)
	}
	lines := strings.Count(string(data), "\n")
	if len(data) > 0 && !strings.HasSuffix(string(data), "\n") {
		lines++
	}
	prov := model.Provenance{File: p, Line: 1, EndLine: lines, Extractor: Name}
	f := model.Facts{Diagnostics: diags}
	f.Nodes = append(f.Nodes, model.Node{ID: id, Kind: model.KindConfig, Type: "CODEOWNERS", Name: p,
		Attrs: attrs, Prov: prov})
	ownerFacts(&f, id, p, rules, sections)
	sortFacts(&f)
	return f
}

// dialect is "gitlab" when the file uses GitLab-only syntax or lives in .gitlab/, else "github".
func dialect(p string, rules Rules, sections []Section) string {
	if len(sections) > 0 || strings.HasPrefix(p, ".gitlab/") {
		return "gitlab"
	}
	for _, r := range rules {
		if r.Exclude {
			return "gitlab"
		}
		for _, o := range r.Owners {
			if strings.HasPrefix(o, "@@") {
				return "gitlab"
			}
		}
	}
	return "github"
}

// ownerUse gathers where one owner is named.
type ownerUse struct {
	handle   string
	line     int
	lines    []any
	patterns []any
}

// ownerFacts adds an owner node and a references edge per owner, and owned-by edges for the file itself.
func ownerFacts(f *model.Facts, id, p string, rules Rules, sections []Section) {
	uses := map[string]*ownerUse{}
	note := func(owner string, line int, pattern string) {
		oid := model.OwnerID(owner)
		u := uses[oid]
		if u == nil {
			u = &ownerUse{handle: owner, line: line}
			uses[oid] = u
		}
		u.lines = append(u.lines, line)
		if pattern != "" {
			u.patterns = append(u.patterns, pattern)
		}
	}
	for _, s := range sections {
		for _, o := range s.DefaultOwners {
			note(o, s.Line, "")
		}
	}
	for _, r := range rules {
		if r.DefaultOwners {
			continue // named on the section header
		}
		for _, o := range r.Owners {
			note(o, r.Line, r.Pattern)
		}
	}
	for oid, u := range uses {
		kind, _ := ClassifyOwner(u.handle)
		f.Nodes = append(f.Nodes, model.Node{ID: oid, Kind: model.KindOwner, Type: string(kind), Name: u.handle,
			Attrs: map[string]any{"source": Name, "owner_kind": string(kind), "handle": u.handle},
			Prov:  model.Provenance{File: p, Line: u.line, Extractor: Name}})
		attrs := map[string]any{"lines": u.lines}
		if len(u.patterns) > 0 {
			attrs["patterns"] = u.patterns
		}
		f.Edges = append(f.Edges, model.Edge{From: id, To: oid, Kind: model.EdgeReferences, Attrs: attrs,
			Prov: model.Provenance{File: p, Line: u.line, Extractor: Name}})
	}
	owners, rule, ok := rules.Owners(p)
	if !ok {
		return
	}
	seen := map[string]bool{}
	for _, o := range owners {
		if seen[model.OwnerID(o)] {
			continue
		}
		seen[model.OwnerID(o)] = true
		f.Edges = append(f.Edges, model.Edge{From: id, To: model.OwnerID(o), Kind: model.EdgeOwnedBy,
			Attrs: map[string]any{"pattern": rule.Pattern, "rule_line": rule.Line},
			Prov:  model.Provenance{File: p, Line: rule.Line, Extractor: Name}})
	}
}

func sortFacts(f *model.Facts) {
	sort.Slice(f.Nodes, func(i, j int) bool { return f.Nodes[i].ID < f.Nodes[j].ID })
	sort.Slice(f.Edges, func(i, j int) bool {
		a, b := f.Edges[i], f.Edges[j]
		if a.From != b.From {
			return a.From < b.From
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		return a.To < b.To
	})
	model.SortDiagnostics(f.Diagnostics)
}
