package terraform

import (
	"context"
	"io/fs"
	"os"
	"path"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/seam-sec/seam/internal/extract"
	"github.com/seam-sec/seam/internal/model"
)

// FuzzExtract runs the extractor over a root module made of one fuzzed .tf file, a fuzzed terraform.tfvars and
// a fixed local module the fuzzed file may call. It must never fail, never panic (a recovered panic shows up
// as an "internal error" diagnostic, which fails the test too), and everything it produces must carry
// provenance. Seeds are every .tf and .tfvars file under testdata, including crashers the fuzzer found.
func FuzzExtract(f *testing.F) {
	_ = fs.WalkDir(os.DirFS("testdata"), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		data, err := fs.ReadFile(os.DirFS("testdata"), p)
		if err != nil {
			return nil
		}
		switch {
		case strings.HasSuffix(p, ".tf"):
			f.Add(data, []byte(`env = "prod"`))
		case strings.HasSuffix(p, ".tfvars"):
			f.Add([]byte(`variable "env" {}`+"\n"+`resource "aws_s3_bucket" "b" { bucket = var.env }`), data)
		}
		return nil
	})
	child := []byte(`variable "name" {}
variable "policy" { default = null }
resource "aws_iam_role" "r" {
  name = var.name
  assume_role_policy = coalesce(var.policy, jsonencode({Statement = []}))
}
output "arn" { value = aws_iam_role.r.arn }
`)
	f.Fuzz(func(t *testing.T, tf, vars []byte) {
		fsys := fstest.MapFS{
			"main.tf":          {Data: tf},
			"terraform.tfvars": {Data: vars},
			"mod/main.tf":      {Data: child},
		}
		type result struct {
			facts model.Facts
			err   error
		}
		done := make(chan result, 1)
		go func() {
			facts, err := New().Extract(context.Background(), extract.Input{FS: fsys,
				Paths: []string{"main.tf", "mod/main.tf", "terraform.tfvars"}, MaxFileSize: 1 << 20})
			done <- result{facts, err}
		}()
		var r result
		select {
		case r = <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("Extract took over 10s on:\n%s\n--- tfvars:\n%s", tf, vars)
		}
		if r.err != nil {
			t.Fatalf("Extract: %v", r.err)
		}
		checkFacts(t, r.facts)
	})
}

// checkFacts fails the test when facts hold a recovered panic or something without provenance.
func checkFacts(t *testing.T, facts model.Facts) {
	t.Helper()
	for _, d := range facts.Diagnostics {
		if strings.Contains(d.Message, "internal error") {
			t.Fatalf("recovered panic: %s", d)
		}
	}
	for _, n := range facts.Nodes {
		if n.ID == "" || n.Prov.File == "" || n.Prov.Line <= 0 || path.IsAbs(n.Prov.File) {
			t.Fatalf("node without provenance: %+v", n)
		}
	}
	for _, e := range facts.Edges {
		if e.From == "" || e.To == "" || e.Prov.File == "" || e.Prov.Line <= 0 {
			t.Fatalf("edge without provenance: %+v", e)
		}
	}
	for _, a := range facts.Assumptions {
		if a.Subject == "" || a.Reason == "" || a.Prov.File == "" {
			t.Fatalf("incomplete assumption: %+v", a)
		}
	}
}
