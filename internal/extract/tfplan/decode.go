package tfplan

import (
	"bytes"
	"encoding/json"

	tfjson "github.com/hashicorp/terraform-json"
)

// fileKind is what a wanted JSON file turned out to be.
type fileKind int

const (
	kindNone   fileKind = iota // not Terraform JSON
	kindPlan                   // terraform show -json <planfile>
	kindState                  // terraform show -json (a state)
	kindRaw                    // terraform.tfstate, format version 4
	kindOldRaw                 // terraform.tfstate of an older format
)

// seen records that a top-level key is present without decoding its value.
type seen bool

// UnmarshalJSON marks the key present.
func (s *seen) UnmarshalJSON([]byte) error { *s = true; return nil }

// probe is the top level of a plan, a state or a raw state: enough to tell them apart.
type probe struct {
	FormatVersion    json.RawMessage `json:"format_version"`
	TerraformVersion json.RawMessage `json:"terraform_version"`
	Version          json.RawMessage `json:"version"`
	Lineage          seen            `json:"lineage"`
	Resources        seen            `json:"resources"`
	Values           seen            `json:"values"`
	PlannedValues    seen            `json:"planned_values"`
	ResourceChanges  seen            `json:"resource_changes"`
	PriorState       seen            `json:"prior_state"`
	Configuration    seen            `json:"configuration"`
}

// classified is the result of classify.
type classified struct {
	kind    fileKind
	version string // the raw state's version, for kindOldRaw
}

// classify checks that data is JSON (the error is a *json.SyntaxError with the offset) and tells which of the
// Terraform formats it is by its top-level keys. A top level that is not an object is not Terraform JSON.
func classify(data []byte) (classified, error) {
	var p probe
	if err := json.Unmarshal(data, &p); err != nil {
		if _, ok := err.(*json.UnmarshalTypeError); ok && json.Valid(data) {
			return classified{kind: kindNone}, nil
		}
		return classified{}, err
	}
	hasFormat := len(p.FormatVersion) > 0 && !bytes.Equal(p.FormatVersion, []byte("null"))
	switch {
	case hasFormat && bool(p.PlannedValues || p.ResourceChanges || p.PriorState || p.Configuration):
		return classified{kind: kindPlan}, nil
	case hasFormat && (bool(p.Values) || len(p.TerraformVersion) > 0):
		return classified{kind: kindState}, nil
	case !hasFormat && len(p.Version) > 0 && bool(p.Resources || p.Lineage):
		v := string(p.Version)
		if v == "4" {
			return classified{kind: kindRaw}, nil
		}
		return classified{kind: kindOldRaw, version: v}, nil
	}
	return classified{kind: kindNone}, nil
}

// readPlan decodes a plan and collects its instances and configuration; false when it does not decode.
func (r *fileRun) readPlan(c *collector) bool {
	var p tfjson.Plan
	p.UseJSONNumber(true)
	if err := json.Unmarshal(r.data, &p); err != nil {
		r.decodeError(err, "Terraform plan")
		return false
	}
	c.fromPlan(&p)
	r.cfg = newConfig(p.Config)
	return true
}

// readState decodes a show -json state and collects its instances; false when it does not decode.
func (r *fileRun) readState(c *collector) bool {
	var s tfjson.State
	s.UseJSONNumber(true)
	if err := json.Unmarshal(r.data, &s); err != nil {
		r.decodeError(err, "Terraform state")
		return false
	}
	c.fromState(s.Values, false)
	return true
}
