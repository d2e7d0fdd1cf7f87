package vulnfact

import (
	"sort"
	"strconv"
	"strings"

	"github.com/seam-sec/seam/internal/extract/redact"
	"github.com/seam-sec/seam/internal/model"
)

// VEXStatementType is the node Type of a VEX statement.
const VEXStatementType = "vex-statement"

// The VEX statuses, OpenVEX's words; CycloneDX analysis states are mapped onto them.
const (
	StatusNotAffected        = "not_affected"
	StatusAffected           = "affected"
	StatusFixed              = "fixed"
	StatusUnderInvestigation = "under_investigation"
)

// Statement is one VEX statement: what a supplier says about one vulnerability in some products.
type Statement struct {
	IDs           []string // the vulnerability's name and aliases
	Products      []string // PURLs (normalised) or image references, as given
	Subcomponents []string
	Status        string // one of the Status constants
	Justification string
	Impact        string
	Action        string
	Author        string
	Timestamp     string
	Format        string // "openvex" or "cyclonedx"
	Prov          model.Provenance
}

// StatementID is the ID of the n-th statement (1-based) of a file: "vex:<file>#<n>".
func StatementID(file string, n int) string { return "vex:" + file + "#" + strconv.Itoa(n) }

// StatementNode is the config node of a VEX statement, the n-th of its file.
func StatementNode(n int, s Statement) model.Node {
	ids := uniqueSorted(s.IDs)
	primary := model.PrimaryVulnerabilityID(ids...)
	attrs := map[string]any{"vulnerability": primary, "ids": toAny(ids), "products": toAny(uniqueSorted(s.Products)),
		"status": s.Status, "format": s.Format}
	if subs := uniqueSorted(s.Subcomponents); len(subs) > 0 {
		attrs["subcomponents"] = toAny(subs)
	}
	setIf(attrs, "justification", s.Justification)
	setIf(attrs, "impact_statement", truncate(redact.URL(s.Impact)))
	setIf(attrs, "action_statement", truncate(redact.URL(s.Action)))
	setIf(attrs, "author", s.Author)
	setIf(attrs, "timestamp", s.Timestamp)
	return model.Node{ID: StatementID(s.Prov.File, n), Kind: model.KindConfig, Type: VEXStatementType,
		Name: primary, Attrs: attrs, Prov: s.Prov}
}

// Product normalises a product or subcomponent identifier: a PURL as NormalizePURL writes it, anything else
// (an image reference, a CPE, a bom-ref) trimmed and as given.
func Product(s string) string {
	s = redact.URL(strings.TrimSpace(s))
	if strings.HasPrefix(strings.ToLower(s), "pkg:") {
		if p, _, err := NormalizePURL(s); err == nil {
			return p
		}
	}
	return s
}

func uniqueSorted(ss []string) []string {
	m := map[string]bool{}
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			m[s] = true
		}
	}
	out := sortedKeys(m)
	sort.Strings(out)
	return out
}
