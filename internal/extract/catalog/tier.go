package catalog

import (
	"fmt"
	"strings"

	"github.com/seam-sec/seam/internal/model"
)

// tierSource is one place a criticality tier may be written, in the order Seam reads them.
type tierSource struct {
	where string // "annotation", "label" or "spec"
	key   string
}

// tierSources is the precedence documented in docs/design/backstage-tier.md: Seam's own annotation first,
// then the common conventions.
var tierSources = []tierSource{
	{"annotation", "seam.dev/tier"},
	{"label", "seam.dev/tier"},
	{"label", "tier"},
	{"annotation", "tier"},
	{"label", "criticality"},
	{"annotation", "criticality"},
	{"spec", "tier"},
	{"spec", "criticality"},
}

// Tiers are Seam's criticality scale, most critical first, each with its word.
var tierWords = map[string]string{"tier-1": "critical", "tier-2": "high", "tier-3": "medium", "tier-4": "low"}

// NormaliseTier maps a written tier or criticality to Seam's scale: "tier-1".."tier-4" and its word
// ("critical", "high", "medium", "low"). Accepted: 1-4, "tier1", "tier-1", "tier 1", "tier_1", "t1", and the
// words (plus "mission-critical" → tier-1, "moderate" → tier-3), case-insensitive. Anything else — including
// tier-0 and tier-5, whose meaning differs between organisations — is not recognised.
func NormaliseTier(s string) (tier, word string, ok bool) {
	v := strings.ToLower(strings.TrimSpace(s))
	v = strings.NewReplacer("_", "-", " ", "-").Replace(v)
	switch v {
	case "critical", "mission-critical":
		v = "1"
	case "high":
		v = "2"
	case "medium", "moderate":
		v = "3"
	case "low":
		v = "4"
	}
	for _, prefix := range []string{"tier-", "tier", "t"} {
		if rest, found := strings.CutPrefix(v, prefix); found {
			v = rest
			break
		}
	}
	tier = "tier-" + v
	word, ok = tierWords[tier]
	if !ok {
		return "", "", false
	}
	return tier, word, true
}

// readTier finds the entity's tier (first source present wins) and returns the attributes to set: tier,
// criticality, tier_source and tier_raw. A value that is present but not recognised is an info diagnostic and
// leaves the tier unset.
func (r *reader) readTier(e *entity) (map[string]any, bool) {
	if e.kind == "Group" || e.kind == "User" {
		return nil, false
	}
	for _, src := range tierSources {
		var n *node
		switch src.where {
		case "annotation":
			n = e.metadata.get("annotations").get(src.key)
		case "label":
			n = e.metadata.get("labels").get(src.key)
		default:
			n = e.spec.get(src.key)
		}
		raw, ok := n.scalar()
		if !ok || strings.TrimSpace(raw) == "" {
			continue
		}
		where := src.where + " " + src.key
		tier, word, ok := NormaliseTier(raw)
		if !ok {
			r.diags = append(r.diags, diag(r.path, n.line, model.SeverityInfo,
				fmt.Sprintf("%s: tier %q (%s) is not one Seam recognises (tier-1..tier-4, 1-4, critical/high/medium/low); tier left unset",
					e.ref(), raw, where)))
			return nil, false
		}
		return map[string]any{"tier": tier, "criticality": word, "tier_source": where, "tier_raw": raw}, true
	}
	return nil, false
}
