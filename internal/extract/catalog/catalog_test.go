package catalog

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/extract"
	"github.com/seam-sec/seam/internal/model"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// fixtures lists the YAML files under testdata that the extractor wants (golden files excluded).
func fixtures(t testing.TB) []string {
	t.Helper()
	var out []string
	e := New()
	err := fs.WalkDir(os.DirFS("testdata"), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && !strings.HasPrefix(p, "golden/") && e.FileRequired(p, nil) {
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

func extractFixture(t testing.TB, p string) model.Facts {
	t.Helper()
	f, err := New().Extract(context.Background(), extract.Input{FS: os.DirFS("testdata"), Paths: []string{p}})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// summary is what each fixture's comment promises: nodes as "id kind [implicit] [tier]", edges as
// "from -kind-> to @line", diagnostics as "line:severity".
type summary struct {
	Nodes       []string
	Edges       []string
	Diagnostics []string
}

func summarise(f model.Facts) summary {
	var s summary
	for _, n := range f.Nodes {
		line := n.ID + " " + string(n.Kind)
		if n.Implicit {
			line += " implicit"
		}
		if t, ok := n.Attrs["tier"]; ok {
			line += fmt.Sprintf(" %v", t)
		}
		s.Nodes = append(s.Nodes, line)
	}
	for _, e := range f.Edges {
		s.Edges = append(s.Edges, fmt.Sprintf("%s -%s-> %s @%d", e.From, e.Kind, e.To, e.Prov.Line))
	}
	for _, d := range f.Diagnostics {
		s.Diagnostics = append(s.Diagnostics, fmt.Sprintf("%d:%s", d.Line, d.Severity))
	}
	return s
}

func TestExtractFixtures(t *testing.T) {
	tests := []struct {
		file string
		want summary
	}{
		{"payments/catalog-info.yaml", summary{
			Nodes: []string{
				"api:default/ledger-api api-operation implicit",
				"api:default/payments-api api-operation tier-3",
				"business-service:domain:commerce business-service",
				"business-service:payments business-service tier-1",
				"owner:group:default/commerce-leads owner implicit",
				"owner:group:default/engineering owner implicit",
				"owner:group:default/payments owner",
				"owner:user:default/alice owner",
				"owner:user:default/bob owner implicit",
				"resource:default/payments-db datastore tier-1",
				"service:default/fraud-check service implicit",
				"service:default/payments-api service tier-2",
			},
			Edges: []string{
				"api:default/payments-api -owned-by-> owner:user:default/alice @75",
				"api:default/payments-api -part-of-> business-service:payments @76",
				"business-service:domain:commerce -owned-by-> owner:group:default/commerce-leads @16",
				"business-service:payments -owned-by-> owner:group:default/payments @26",
				"business-service:payments -part-of-> business-service:domain:commerce @27",
				"owner:group:default/payments -part-of-> owner:group:default/engineering @90",
				"owner:user:default/alice -member-of-> owner:group:default/payments @92",
				"owner:user:default/bob -member-of-> owner:group:default/payments @92",
				"resource:default/payments-db -owned-by-> owner:group:default/payments @65",
				"resource:default/payments-db -part-of-> business-service:payments @66",
				"service:default/payments-api -calls-> api:default/ledger-api @55",
				"service:default/payments-api -depends-on-> resource:default/payments-db @51",
				"service:default/payments-api -depends-on-> service:default/fraud-check @52",
				"service:default/payments-api -exposes-> api:default/payments-api @54",
				"service:default/payments-api -owned-by-> owner:group:default/payments @47",
				"service:default/payments-api -part-of-> business-service:payments @48",
			}}},
		{"multi/catalog/all.yaml", summary{
			Nodes: []string{
				"business-service:ops/observability business-service implicit",
				"owner:group:ops/sre owner implicit",
				"owner:user:ops/carol owner implicit",
				"resource:ops/log-queue resource",
				"service:ops/log-shipper service tier-2",
			},
			Edges: []string{
				"resource:ops/log-queue -owned-by-> owner:user:ops/carol @57",
				"service:ops/log-shipper -depends-on-> resource:ops/log-queue @58",
				"service:ops/log-shipper -owned-by-> owner:group:ops/sre @40",
				"service:ops/log-shipper -part-of-> business-service:ops/observability @41",
			}}},
		{"variants/billing.catalog-info.yml", summary{
			Nodes: []string{
				"business-service:finance/ledger business-service implicit",
				"owner:group:finance/billing owner implicit",
				"service:default/billing service",
			},
			Edges: []string{
				"service:default/billing -owned-by-> owner:group:finance/billing @12",
				"service:default/billing -part-of-> business-service:finance/ledger @13",
			}}},
		{"broken/catalog-info.yaml", summary{
			Nodes: []string{"owner:group:default/web owner implicit", "service:default/checkout service",
				"service:default/search service"},
			Edges:       []string{"service:default/checkout -owned-by-> owner:group:default/web @14"},
			Diagnostics: []string{"22:error", "24:warning", "34:info", "37:warning", "38:info", "40:warning", "42:warning"}}},
		{"notbackstage/catalog/values.yaml", summary{}},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		seen[tt.file] = true
		t.Run(tt.file, func(t *testing.T) {
			got := summarise(extractFixture(t, tt.file))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	for _, f := range fixtures(t) {
		if !seen[f] {
			t.Errorf("fixture %s has no table entry", f)
		}
	}
}

// TestAttributes checks attribute details the fixture comments promise.
func TestAttributes(t *testing.T) {
	node := func(file, id string) map[string]any {
		for _, n := range extractFixture(t, file).Nodes {
			if n.ID == id {
				return n.Attrs
			}
		}
		t.Fatalf("%s: no node %s", file, id)
		return nil
	}
	pick := func(m map[string]any, keys ...string) map[string]any {
		out := map[string]any{}
		for _, k := range keys {
			if v, ok := m[k]; ok {
				out[k] = v
			}
		}
		return out
	}
	tests := []struct {
		name string
		got  map[string]any
		want map[string]any
	}{
		{"component metadata and spec", pick(node("payments/catalog-info.yaml", "service:default/payments-api"),
			"entity_ref", "title", "tags", "links", "annotations", "lifecycle", "type", "owner", "system",
			"depends_on", "provides_apis", "consumes_apis", "tier", "criticality", "tier_source", "tier_raw"),
			map[string]any{"entity_ref": "component:default/payments-api", "title": "Payments API",
				"tags":  []any{"go", "pci"},
				"links": []any{map[string]any{"url": "https://runbooks.acme.example/payments", "title": "Runbook"}},
				"annotations": map[string]any{"github.com/project-slug": "acme/payments-api",
					"backstage.io/kubernetes-id": "payments-api"},
				"lifecycle": "production", "type": "service", "owner": "group:default/payments",
				"system":        "system:default/payments",
				"depends_on":    []any{"resource:default/payments-db", "component:default/fraud-check"},
				"provides_apis": []any{"api:default/payments-api"}, "consumes_apis": []any{"api:default/ledger-api"},
				"tier": "tier-2", "criticality": "high", "tier_source": "label tier", "tier_raw": "2"}},
		{"group profile and members", pick(node("payments/catalog-info.yaml", "owner:group:default/payments"),
			"display_name", "email", "parent", "members", "owner_kind", "type", "tier"),
			map[string]any{"display_name": "Payments Team", "email": "payments@acme.example",
				"parent": "group:default/engineering", "members": []any{"user:default/alice", "user:default/bob"},
				"owner_kind": "team", "type": "team"}},
		{"API definition by reference", pick(node("payments/catalog-info.yaml", "api:default/payments-api"),
			"definition_ref", "definition_inline", "tier_raw"),
			map[string]any{"definition_ref": "./openapi.yaml", "tier_raw": "Tier 3"}},
		{"merge key", pick(node("multi/catalog/all.yaml", "resource:ops/log-queue"), "labels", "dependency_of"),
			map[string]any{"labels": map[string]any{"backstage.io/techdocs-ref": "dir:.", "team": "observability"},
				"dependency_of": []any{"component:ops/log-shipper"}}},
		{"name case kept in ref, lowered in ID", pick(node("variants/billing.catalog-info.yml", "service:default/billing"),
			"entity_ref", "type"),
			map[string]any{"entity_ref": "component:default/Billing", "type": "website"}},
		{"unrecognised tier left unset", pick(node("broken/catalog-info.yaml", "service:default/search"),
			"tier", "criticality", "depends_on", "owner"),
			map[string]any{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestGolden(t *testing.T) {
	for _, p := range fixtures(t) {
		t.Run(p, func(t *testing.T) {
			got, err := json.MarshalIndent(extractFixture(t, p), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", "golden", strings.ReplaceAll(p, "/", "_")+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("golden mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFileRequired(t *testing.T) {
	tests := map[string]bool{
		"catalog-info.yaml": true, "svc/catalog-info.yml": true, "billing.catalog-info.yaml": true,
		"a/b.catalog-info.yml": true, "catalog/all.yaml": true, "org/catalog/teams/x.yml": true,
		"catalog-info.json": false, "catalog/readme.md": false, "catalogs/x.yaml": false, "x.yaml": false,
		"catalog.yaml": false, "my-catalog/x.yaml": false,
	}
	for p, want := range tests {
		if got := New().FileRequired(p, nil); got != want {
			t.Errorf("FileRequired(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestParseRef(t *testing.T) {
	tests := []struct {
		in, kind, ns string
		want         string
		ok           bool
	}{
		{"payments", "group", "default", "group:default/payments", true},
		{"payments", "group", "ops", "group:ops/payments", true},
		{"user:jdoe", "group", "default", "user:default/jdoe", true},
		{"Group:Finance/Billing", "group", "default", "group:finance/Billing", true},
		{"finance/ledger", "system", "default", "system:finance/ledger", true},
		{" component:web ", "", "default", "component:default/web", true},
		{"search-index", "", "default", "", false}, // kind required
		{"group:", "group", "default", "", false},
		{"group:ns/", "group", "default", "", false},
		{"a:b:c", "group", "default", "", false},
		{"", "group", "default", "", false},
	}
	for _, tt := range tests {
		r, ok := ParseRef(tt.in, tt.kind, tt.ns)
		if ok != tt.ok || (ok && r.String() != tt.want) {
			t.Errorf("ParseRef(%q, %q, %q) = %v, %v; want %q, %v", tt.in, tt.kind, tt.ns, r, ok, tt.want, tt.ok)
		}
	}
}

func TestNodeID(t *testing.T) {
	tests := []struct {
		ref  Ref
		id   string
		kind model.NodeKind
	}{
		{Ref{"component", "default", "Payments-API"}, "service:default/payments-api", model.KindService},
		{Ref{"system", "default", "payments"}, "business-service:payments", model.KindBusinessService},
		{Ref{"system", "ops", "obs"}, "business-service:ops/obs", model.KindBusinessService},
		{Ref{"domain", "default", "commerce"}, "business-service:domain:commerce", model.KindBusinessService},
		{Ref{"group", "default", "payments"}, "owner:group:default/payments", model.KindOwner},
		{Ref{"user", "default", "alice"}, "owner:user:default/alice", model.KindOwner},
		{Ref{"resource", "default", "db"}, "resource:default/db", model.KindResource},
		{Ref{"api", "default", "pay"}, "api:default/pay", model.KindAPIOperation},
	}
	for _, tt := range tests {
		id, kind, ok := NodeID(tt.ref)
		if !ok || id != tt.id || kind != tt.kind {
			t.Errorf("NodeID(%v) = %q, %q, %v; want %q, %q", tt.ref, id, kind, ok, tt.id, tt.kind)
		}
	}
	if _, _, ok := NodeID(Ref{"location", "default", "x"}); ok {
		t.Error("NodeID(location) ok")
	}
}

func TestNormaliseTier(t *testing.T) {
	tests := map[string]string{
		"1": "tier-1 critical", "tier1": "tier-1 critical", "Tier-1": "tier-1 critical", "tier 2": "tier-2 high",
		"TIER_3": "tier-3 medium", "t4": "tier-4 low", "critical": "tier-1 critical",
		"Mission-Critical": "tier-1 critical", "HIGH": "tier-2 high", "moderate": "tier-3 medium",
		" low ": "tier-4 low", "0": "", "tier-0": "", "5": "", "p1": "", "gold": "", "": "", "tier-": "",
	}
	for in, want := range tests {
		tier, word, ok := NormaliseTier(in)
		got := ""
		if ok {
			got = tier + " " + word
		}
		if got != want {
			t.Errorf("NormaliseTier(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestTierPrecedence checks the documented order of tier sources, one pair at a time.
func TestTierPrecedence(t *testing.T) {
	doc := func(ann, labels, spec string) []byte {
		return []byte("apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata:\n  name: s\n  annotations: {" + ann +
			"}\n  labels: {" + labels + "}\nspec: {" + spec + "}\n")
	}
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"seam annotation beats everything", doc(`seam.dev/tier: "1", tier: "2"`, `seam.dev/tier: "3", tier: "4"`, `tier: "4"`), "annotation seam.dev/tier"},
		{"seam label next", doc(`tier: "2"`, `seam.dev/tier: "3", tier: "4"`, ``), "label seam.dev/tier"},
		{"tier label before tier annotation", doc(`tier: "2"`, `tier: "4"`, ``), "label tier"},
		{"tier annotation before criticality", doc(`tier: "2"`, `criticality: low`, ``), "annotation tier"},
		{"criticality label before annotation", doc(`criticality: low`, `criticality: high`, ``), "label criticality"},
		{"criticality annotation before spec", doc(`criticality: low`, ``, `tier: "1"`), "annotation criticality"},
		{"spec tier before spec criticality", doc(``, ``, `tier: "1", criticality: low`), "spec tier"},
		{"spec criticality last", doc(``, ``, `criticality: low`), "spec criticality"},
		{"none: no tier, no diagnostic", doc(``, ``, ``), ""},
	}
	for _, tt := range tests {
		f := ExtractBytes("catalog-info.yaml", tt.data)
		if len(f.Nodes) != 1 || len(f.Diagnostics) != 0 {
			t.Fatalf("%s: %+v", tt.name, f)
		}
		got, _ := f.Nodes[0].Attrs["tier_source"].(string)
		if got != tt.want {
			t.Errorf("%s: tier_source = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestExtractErrors(t *testing.T) {
	fsys := fstest.MapFS{"catalog-info.yaml": {Data: []byte("apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: a\n")}}
	f, err := New().Extract(context.Background(), extract.Input{FS: fsys, Paths: []string{"catalog-info.yaml", "nope/catalog-info.yaml"}})
	if err != nil || len(f.Nodes) != 1 || len(f.Diagnostics) != 1 || f.Diagnostics[0].File != "nope/catalog-info.yaml" {
		t.Errorf("got %v %+v", err, f)
	}
	f, _ = New().Extract(context.Background(), extract.Input{FS: fsys, Paths: []string{"catalog-info.yaml"}, MaxFileSize: 8})
	if len(f.Nodes) != 0 || len(f.Diagnostics) != 1 {
		t.Errorf("size cap: %+v", f)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := New().Extract(ctx, extract.Input{FS: fsys, Paths: []string{"catalog-info.yaml"}}); err == nil {
		t.Error("cancelled: want an error")
	}
	for _, empty := range []string{"", "# nothing\n", "---\n---\n", "...\n", "[1, 2]\n", "just a string\n"} {
		if f := ExtractBytes("catalog-info.yaml", []byte(empty)); len(f.Nodes)+len(f.Edges)+len(f.Diagnostics) != 0 {
			t.Errorf("%q: want no facts, got %+v", empty, f)
		}
	}
}

func TestDeterministic(t *testing.T) {
	for _, p := range fixtures(t) {
		a, _ := json.Marshal(extractFixture(t, p))
		for i := 0; i < 5; i++ {
			b, _ := json.Marshal(extractFixture(t, p))
			if string(a) != string(b) {
				t.Fatalf("%s: runs differ", p)
			}
		}
	}
}
