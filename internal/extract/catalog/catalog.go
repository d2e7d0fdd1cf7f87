// Package catalog reads Backstage software catalog files (catalog-info.yaml and friends) into Seam's
// organisation layer: who owns what, which services make up which business system, and how critical each is.
//
// Files: catalog-info.yaml / catalog-info.yml, *.catalog-info.yaml / *.catalog-info.yml, and any *.yaml or
// *.yml under a directory named "catalog" (only documents with apiVersion backstage.io/… are read; other YAML
// there is skipped quietly, and is reported as broken only when it mentions backstage.io). Files may hold many
// documents; a broken document is a diagnostic with its line and the others are still read.
//
// Entities become nodes (IDs lowercased, namespace "default" when unset; see NodeID):
//   - Component → model.KindService, "service:<namespace>/<name>" (whatever its spec.type: service, website,
//     library — the type is kept as an attribute);
//   - System → model.KindBusinessService, model.BusinessServiceID(name), or of "<namespace>/<name>" outside
//     the default namespace, so a seam.yaml business service of the same name meets it;
//   - Domain → model.KindBusinessService (Type "Domain"), model.BusinessServiceID("domain:<name>");
//   - Group and User → model.KindOwner, model.OwnerID of the canonical entity ref ("group:default/payments"),
//     owner_kind team or user;
//   - Resource → model.KindDataStore when spec.type names a data store (database, s3-bucket, redis, … see
//     datastoreTypes), else model.KindResource; "resource:<namespace>/<name>";
//   - API → model.KindAPIOperation with Type "API", "api:<namespace>/<name>": the node stands for the whole
//     interface, not one operation; operations read from its OpenAPI definition can be linked to it.
//
// Relations become edges, each with the Backstage relation name in attribute "relation" and the line of the
// reference: spec.owner → owned-by (a bare name is a Group: "payments" → group:<namespace>/payments);
// spec.system, spec.domain, spec.subcomponentOf, spec.subdomainOf, Group spec.parent/children → part-of;
// spec.dependsOn / dependencyOf → depends-on (Backstage requires a kind in these references); providesApis →
// exposes (service → API); consumesApis → calls (service → API); Group spec.members and User spec.memberOf →
// member-of (user → group). A referenced entity not defined in the same file gets an implicit node, which a
// definition elsewhere replaces.
//
// Criticality tier: see readTier and docs/design/backstage-tier.md. Seam reads, in order, the annotation
// seam.dev/tier, the label seam.dev/tier, the label then annotation "tier", the label then annotation
// "criticality", then spec.tier and spec.criticality; the first present wins and is normalised to tier-1..tier-4
// (critical, high, medium, low). A value Seam does not recognise leaves the tier unset, with an info
// diagnostic; an entity without one has no tier: Seam never assumes it is low.
package catalog

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/seam-sec/seam/internal/extract"
	"github.com/seam-sec/seam/internal/model"
)

// Name is the extractor's name, recorded in provenance.
const Name = "backstage"

// Extractor reads Backstage catalog files. It holds no state and is safe for concurrent use.
type Extractor struct{}

// New returns a Backstage catalog extractor.
func New() *Extractor { return &Extractor{} }

var _ extract.Extractor = (*Extractor)(nil)

// Name returns "backstage".
func (e *Extractor) Name() string { return Name }

// Unit says catalog files are read one at a time.
func (e *Extractor) Unit() extract.Unit { return extract.UnitFile }

// FileRequired reports whether p may be a Backstage catalog file (see the package comment).
func (e *Extractor) FileRequired(p string, info fs.FileInfo) bool {
	if info != nil && info.IsDir() {
		return false
	}
	base := path.Base(p)
	if isCatalogInfoName(base) {
		return true
	}
	ext := path.Ext(base)
	if ext != ".yaml" && ext != ".yml" {
		return false
	}
	for _, dir := range strings.Split(path.Dir(p), "/") {
		if dir == "catalog" {
			return true
		}
	}
	return false
}

func isCatalogInfoName(base string) bool {
	return base == "catalog-info.yaml" || base == "catalog-info.yml" ||
		strings.HasSuffix(base, ".catalog-info.yaml") || strings.HasSuffix(base, ".catalog-info.yml")
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
			facts.Diagnostics = append(facts.Diagnostics, diag(p, 0, model.SeverityError, "cannot read file: "+err.Error()))
			continue
		}
		if in.MaxFileSize > 0 && int64(len(data)) > in.MaxFileSize {
			facts.Diagnostics = append(facts.Diagnostics, diag(p, 0, model.SeverityWarning,
				fmt.Sprintf("file is larger than the %d-byte cap; skipped", in.MaxFileSize)))
			continue
		}
		facts.Merge(ExtractBytes(p, data))
	}
	return facts, nil
}

// ExtractBytes reads one catalog file's content; p is its slash path relative to the scanned root.
func ExtractBytes(p string, data []byte) model.Facts {
	r := &reader{path: p, defined: map[string]bool{}, implicit: map[string]model.Node{}, edges: map[string]model.Edge{}}
	quiet := !isCatalogInfoName(path.Base(p)) && !bytes.Contains(data, []byte("backstage.io/"))
	for _, d := range splitDocuments(data) {
		if d.err != "" {
			if !quiet {
				dg := diag(p, d.errLine, model.SeverityError, "invalid YAML: "+d.err)
				dg.Column = d.errColumn
				r.diags = append(r.diags, dg)
			}
			continue
		}
		if e, ok := r.entity(d); ok {
			r.add(e)
		}
	}
	return r.facts()
}

// entity reads a document as a Backstage entity; documents that are not one are skipped quietly.
func (r *reader) entity(d document) (*entity, bool) {
	root := d.root
	if root == nil || root.kind != mapNode || !strings.HasPrefix(str(root.get("apiVersion")), "backstage.io/") {
		return nil, false
	}
	kind, ok := kinds[strings.ToLower(str(root.get("kind")))]
	if !ok {
		return nil, false // Location, Template and custom kinds are not modelled
	}
	e := &entity{kind: kind, line: root.line, endLine: d.endLine, metadata: root.get("metadata"), spec: root.get("spec")}
	e.name = strings.TrimSpace(str(e.metadata.get("name")))
	e.namespace = strings.TrimSpace(str(e.metadata.get("namespace")))
	if e.namespace == "" {
		e.namespace = "default"
	}
	if e.name == "" || strings.ContainsAny(e.name, ":/ \t") || strings.ContainsAny(e.namespace, ":/ \t") {
		r.diags = append(r.diags, diag(r.path, root.line, model.SeverityWarning,
			fmt.Sprintf("%s entity without a valid metadata.name (%q); skipped", kind, e.name)))
		return nil, false
	}
	return e, true
}

func diag(p string, line int, sev model.Severity, msg string) model.Diagnostic {
	return model.Diagnostic{File: p, Line: line, Severity: sev, Extractor: Name, Message: msg}
}

func prov(p string, line int) model.Provenance {
	return model.Provenance{File: p, Line: line, Extractor: Name}
}
