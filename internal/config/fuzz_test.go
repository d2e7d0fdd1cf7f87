package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/seam-sec/seam/internal/model"
)

// FuzzLoad feeds arbitrary bytes to Load. It must never panic; it returns either a config whose facts follow
// the contract, or a *ValidationError whose problems are located and sorted.
// Run: go test -run='^$' -fuzz=FuzzLoad -fuzztime=60s ./internal/config
func FuzzLoad(f *testing.F) {
	for _, dir := range []string{"testdata/valid", "testdata/invalid", "testdata/fuzz-seeds"} {
		files, _ := fs.Glob(os.DirFS(dir), "*.yaml")
		for _, name := range files {
			data, err := os.ReadFile(path.Join(dir, name))
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := Load(fstest.MapFS{"seam.yaml": &fstest.MapFile{Data: data}}, "seam.yaml")
		if err != nil {
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("error %v (%T), want *ValidationError", err, err)
			}
			assertProblems(t, ve)
			return
		}
		facts := cfg.Facts("seam.yaml")
		internet := false
		for _, n := range facts.Nodes {
			internet = internet || n.ID == model.InternetID
			if n.Prov.Extractor != ExtractorName {
				t.Fatalf("%s: extractor %q", n.ID, n.Prov.Extractor)
			}
		}
		if !internet {
			t.Fatal("no internet entry point")
		}
		_ = cfg.MaxFileSize()
	})
}

// assertProblems asserts a validation error is non-empty, sorted and located.
func assertProblems(t *testing.T, ve *ValidationError) {
	t.Helper()
	if len(ve.Problems) == 0 {
		t.Fatal("ValidationError without problems")
	}
	for i, p := range ve.Problems {
		if p.File != "seam.yaml" || p.Line < 0 || p.Column < 0 || p.Message == "" {
			t.Fatalf("bad problem %+v", p)
		}
		if i > 0 && p.Line > 0 && p.Line < ve.Problems[i-1].Line {
			t.Fatalf("problems not sorted by line: %v", ve)
		}
	}
	if !strings.HasPrefix(ve.Error(), "seam.yaml") {
		t.Fatalf("Error() = %q", ve.Error())
	}
}

// BenchmarkLoad loads a generated seam.yaml of organisation scale: 200 teams, 600 services, 50 data classes,
// 100 crown jewels and 50 entry points (about 6,000 lines, 150 KB). It reports the file size; the ns/op is the cost
// of parse, schema validation, checks and decoding together. BenchmarkFacts measures turning it into facts.
func BenchmarkLoad(b *testing.B) {
	data := generateConfig(200, 600, 50, 100, 50)
	fsys := fstest.MapFS{"seam.yaml": &fstest.MapFile{Data: data}}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(fsys, "seam.yaml"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFacts measures Facts over the same generated configuration.
func BenchmarkFacts(b *testing.B) {
	cfg, err := Parse("seam.yaml", generateConfig(200, 600, 50, 100, 50))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = cfg.Facts("seam.yaml")
	}
}

// generateConfig writes a valid seam.yaml with the given numbers of each declaration.
func generateConfig(owners, services, classes, jewels, entries int) []byte {
	var s strings.Builder
	s.WriteString("version: 1\nowners:\n")
	for i := range owners {
		fmt.Fprintf(&s, "  - id: \"@acme/team-%d\"\n    name: Team %d\n    aliases: [group:default/team-%d]\n"+
			"    contacts: {slack: \"#team-%d\", email: team-%d@acme.example}\n"+
			"    paths: [\"services/team-%d/**\", \"infra/team-%d/**\"]\n    resources: [\"k8s:team-%d/**\"]\n",
			i, i, i, i, i, i, i, i)
	}
	s.WriteString("services:\n")
	for i := range services {
		fmt.Fprintf(&s, "  - name: svc-%d\n    owner: \"@acme/team-%d\"\n    tier: tier-%d\n"+
			"    paths: [\"services/team-%d/svc-%d/**\"]\n    resources: [\"k8s:team-%d/Deployment/svc-%d\"]\n",
			i, i%owners, i%4+1, i%owners, i, i%owners, i)
	}
	s.WriteString("data_classes:\n")
	for i := range classes {
		fmt.Fprintf(&s, "  - name: class-%d\n    resources: [\"aws_s3_bucket.data-%d*\"]\n    tags: {classification: \"c%d\"}\n", i, i, i)
	}
	s.WriteString("crown_jewels:\n")
	for i := range jewels {
		fmt.Fprintf(&s, "  - name: jewel-%d\n    reason: Reason %d\n    resources: [\"aws_rds_cluster.db-%d\"]\n", i, i, i)
	}
	s.WriteString("entry_points:\n")
	for i := range entries {
		fmt.Fprintf(&s, "  - name: key-%d\n    type: leaked-credential\n    identity: aws_iam_user.u-%d\n", i, i)
	}
	s.WriteString("ignore: [\"docs/**\"]\nsettings: {max_file_size: 5MiB}\n")
	return []byte(s.String())
}
