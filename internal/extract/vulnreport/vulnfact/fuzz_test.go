package vulnfact

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"
)

// FuzzDecode checks the parser against encoding/json, seeded with the importers' fixtures: valid JSON
// decodes to the same values, and nothing panics. (The parser is lenient about number forms such as "01",
// so invalid input may decode.)
func FuzzDecode(f *testing.F) {
	for _, glob := range []string{"../testdata/*.json", "../../cyclonedx/testdata/*.json", "../../vex/testdata/*.json"} {
		names, _ := filepath.Glob(glob)
		for _, n := range names {
			if data, err := os.ReadFile(n); err == nil {
				f.Add(data)
			}
		}
	}
	f.Add([]byte(`{"a": "\u00e9\n", "b": [1, -2.5e3, true, null], "c": {}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := Decode(data)
		if !json.Valid(data) {
			return
		}
		if err != nil {
			t.Fatalf("valid JSON refused: %v", err)
		}
		var want any
		if err := json.Unmarshal(data, &want); err != nil {
			t.Skip()
		}
		if got := plain(v); !reflect.DeepEqual(got, want) {
			t.Fatalf("decoded %#v, encoding/json %#v", got, want)
		}
	})
}

// plain converts a tree to what encoding/json decodes into an any.
func plain(v *Value) any {
	switch v.Kind {
	case Bool:
		return v.True
	case Number:
		f, _ := strconv.ParseFloat(v.Text, 64)
		return f
	case String:
		return v.Text
	case Array:
		out := make([]any, len(v.Items))
		for i, it := range v.Items {
			out[i] = plain(it)
		}
		return out
	case Object:
		out := map[string]any{}
		for i, k := range v.Keys {
			out[k] = plain(v.Items[i])
		}
		return out
	}
	return nil
}
