package vulnfact

import (
	"fmt"
	"strconv"

	"github.com/seam-sec/seam/internal/model"
)

// maxWarnings bounds the type warnings of one file; the rest are counted in one last diagnostic.
const maxWarnings = 50

// Doc is one imported file while it is read: its name in provenance, its line index, and the diagnostics the
// typed reads collect.
type Doc struct {
	File      string // the file as provenance names it
	Extractor string
	Lines     Lines
	Diags     []model.Diagnostic
	warnings  int
}

// NewDoc starts reading data, named file in provenance, for an extractor.
func NewDoc(file, extractor string, data []byte) *Doc {
	return &Doc{File: file, Extractor: extractor, Lines: NewLines(data)}
}

// Line is the line a value starts on, 1 for nil.
func (d *Doc) Line(v *Value) int {
	if v == nil {
		return 1
	}
	return d.Lines.Line(v.Off)
}

// Prov is the provenance of a value.
func (d *Doc) Prov(v *Value) model.Provenance {
	return model.Provenance{File: d.File, Line: d.Line(v), Extractor: d.Extractor}
}

// Diag records a diagnostic at a value's line.
func (d *Doc) Diag(v *Value, sev model.Severity, msg string) {
	d.Diags = append(d.Diags, model.Diagnostic{File: d.File, Line: d.Line(v), Severity: sev,
		Extractor: d.Extractor, Message: msg})
}

// wrongType warns that a field holds the wrong JSON type and is ignored.
func (d *Doc) wrongType(key string, v *Value, want Kind) {
	d.warnings++
	if d.warnings > maxWarnings {
		return
	}
	d.Diag(v, model.SeverityWarning, fmt.Sprintf("%q is %s, where %s is expected; the value is ignored", key, v.Kind, want))
}

// Finish adds the count of warnings left out and sorts the diagnostics.
func (d *Doc) Finish() []model.Diagnostic {
	if d.warnings > maxWarnings {
		d.Diags = append(d.Diags, model.Diagnostic{File: d.File, Line: 1, Severity: model.SeverityWarning,
			Extractor: d.Extractor, Message: fmt.Sprintf("%d more values of the wrong type were ignored", d.warnings-maxWarnings)})
		d.warnings = maxWarnings
	}
	model.SortDiagnostics(d.Diags)
	return d.Diags
}

// field returns obj[key] when it has the wanted kind; a value of another kind (null aside) is warned about.
func (d *Doc) field(obj *Value, key string, want Kind) *Value {
	v := obj.Get(key)
	if v == nil || v.Kind == Null {
		return nil
	}
	if v.Kind != want {
		d.wrongType(key, v, want)
		return nil
	}
	return v
}

// Str reads a string field; absent, null or wrong-typed is "".
func (d *Doc) Str(obj *Value, key string) string {
	if v := d.field(obj, key, String); v != nil {
		return v.Text
	}
	return ""
}

// Num reads a number field; a string holding a number is accepted too (osv-scanner's max_severity).
func (d *Doc) Num(obj *Value, key string) (float64, bool) {
	v := obj.Get(key)
	if v == nil || v.Kind == Null {
		return 0, false
	}
	if v.Kind == Number || v.Kind == String {
		f, err := strconv.ParseFloat(v.Text, 64)
		switch {
		case err == nil:
			return f, true
		case v.Kind == String && v.Text == "":
			return 0, false
		case v.Kind == Number: // out of float64's range
			d.warnings++
			d.Diag(v, model.SeverityWarning, fmt.Sprintf("%q is out of range; the value is ignored", key))
			return 0, false
		}
	}
	d.wrongType(key, v, Number)
	return 0, false
}

// Obj reads an object field.
func (d *Doc) Obj(obj *Value, key string) *Value { return d.field(obj, key, Object) }

// Arr reads an array field's elements.
func (d *Doc) Arr(obj *Value, key string) []*Value {
	if v := d.field(obj, key, Array); v != nil {
		return v.Items
	}
	return nil
}

// Objs reads an array of objects; elements of another type are warned about and skipped.
func (d *Doc) Objs(obj *Value, key string) []*Value {
	items := d.Arr(obj, key)
	out := make([]*Value, 0, len(items))
	for _, it := range items {
		if it.Kind != Object {
			if it.Kind != Null {
				d.wrongType(key+"[]", it, Object)
			}
			continue
		}
		out = append(out, it)
	}
	return out
}

// Strs reads an array of strings; elements of another type are warned about and skipped, empty ones dropped.
func (d *Doc) Strs(obj *Value, key string) []string {
	var out []string
	for _, it := range d.Arr(obj, key) {
		switch {
		case it.Kind == String && it.Text != "":
			out = append(out, it.Text)
		case it.Kind != String && it.Kind != Null:
			d.wrongType(key+"[]", it, String)
		}
	}
	return out
}
