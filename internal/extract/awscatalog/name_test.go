package awscatalog

import (
	"testing"

	"github.com/seam-sec/seam/internal/model"
)

func TestNameOf(t *testing.T) {
	rt := ResourceType{NameAttrs: []string{"name", "tags.Name", "port"}}
	tests := []struct {
		attrs  map[string]any
		want   string
		wantOK bool
	}{
		{map[string]any{"name": "api"}, "api", true},                                     // first listed attribute
		{map[string]any{"name": "", "tags": map[string]any{"Name": "web"}}, "web", true}, // empty is no name: dotted path next
		{map[string]any{"name": model.Redacted, "port": 5432}, "5432", true},             // a withheld value is no name
		{map[string]any{"name": model.Unknown("var.name")}, "", false},                   // unknown is no name
		{map[string]any{"tags": "not a map"}, "", false},
		{nil, "", false},
	}
	for _, tt := range tests {
		got, ok := rt.NameOf(tt.attrs)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("NameOf(%v) = %q, %v; want %q, %v", tt.attrs, got, ok, tt.want, tt.wantOK)
		}
	}
}
