package secrets

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/seam-sec/seam/internal/extract"
)

// TestNoValueStored marshals every fact the extractor returns over the planted fixtures, with a baseline
// that accepts some of them, and checks that no planted value appears — not whole, and not its second half
// (a mask that showed too much would leak it).
func TestNoValueStored(t *testing.T) {
	fsys := plantedWithBaseline(t)
	f := extractFS(t, fsys, extract.Options{SecretsBaseline: "baseline.yaml"})
	data, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	out := string(data)
	for _, p := range planted {
		half := p.value[len(p.value)/2:]
		if strings.Contains(out, p.value) || strings.Contains(out, half) {
			t.Errorf("the value planted for %s appears in the facts", p.id)
		}
	}
	if len(f.Nodes) != len(planted) {
		t.Errorf("got %d nodes, want %d", len(f.Nodes), len(planted))
	}
}
