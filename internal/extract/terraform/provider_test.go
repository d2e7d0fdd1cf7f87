package terraform

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/extract"
	"github.com/seam-sec/seam/internal/model"
)

// TestProviderCredentialsNotStored: a provider's access and secret keys never reach the facts.
func TestProviderCredentialsNotStored(t *testing.T) {
	out := string(factsJSON(t, extractDir(t, "providers", extract.Options{})))
	for _, leak := range []string{"AKIAFIXTUREMUSTNOTLEAK", "fixture-secret-MUST-NOT-LEAK"} {
		if strings.Contains(out, leak) {
			t.Errorf("facts contain %q", leak)
		}
	}
}

// TestProviderSyntaxes: provider blocks in JSON syntax, aliases that are not literals, and resources whose
// configuration has no default tags.
func TestProviderSyntaxes(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		// want maps node ID → the attributes checked (nil: the attribute must be absent).
		want   map[string]map[string]any
		absent []string
		diag   string
	}{
		{
			name: "JSON syntax, a list of two configurations",
			files: map[string]string{"main.tf.json": `{
  "provider": {"aws": [
    {"region": "eu-west-1", "default_tags": {"tags": {"team": "data"}}},
    {"alias": "east", "region": "us-east-1", "assume_role": {"role_arn": "arn:aws:iam::111122223333:role/x"}}
  ]},
  "resource": {"aws_sqs_queue": {"jobs": {"name": "jobs", "tags": {"team": "jobs"}}}}
}`},
			want: map[string]map[string]any{
				"provider.aws": {"region": "eu-west-1", "default_tags": map[string]any{"team": "data"}},
				"provider.aws.east": {"region": "us-east-1", "alias": "east", "default_tags": nil,
					"assume_role": []any{map[string]any{"role_arn": "arn:aws:iam::111122223333:role/x"}}},
				"aws_sqs_queue.jobs": {"tags_all": map[string]any{"team": "jobs"}, "lines": map[string]any{"name": 6, "tags": 6}},
			},
		},
		{
			name: "no default_tags: no tags_all",
			files: map[string]string{"main.tf": `provider "aws" {
  region = "eu-west-1"
}
resource "aws_s3_bucket" "b" {
  bucket = "b"
}`},
			want: map[string]map[string]any{"aws_s3_bucket.b": {"tags_all": nil, "lines": map[string]any{"bucket": 5}}, "provider.aws": {"region": "eu-west-1"}},
		},
		{
			name: "default_tags from an unknown value: tags_all unknown",
			files: map[string]string{"main.tf": `variable "tags" {}
provider "aws" {
  default_tags {
    tags = var.tags
  }
}
resource "aws_s3_bucket" "b" {
  bucket = "b"
  tags   = { a = "1" }
}`},
			want: map[string]map[string]any{"aws_s3_bucket.b": {"tags_all": model.Unknown("var.tags")},
				"provider.aws": {"default_tags": model.Unknown("var.tags")}},
		},
		{
			name: "an alias that is not a literal is skipped",
			files: map[string]string{"main.tf": `variable "a" { default = "x" }
provider "aws" {
  alias = var.a
}`},
			absent: []string{"provider.aws", "provider.aws.x"},
			diag:   "provider alias must be a literal string",
		},
		{
			name: "a resource on a configuration nobody declares gets no tags_all",
			files: map[string]string{"main.tf": `provider "aws" {
  default_tags {
    tags = { team = "a" }
  }
}
resource "aws_s3_bucket" "b" {
  provider = aws.missing
  bucket   = "b"
}`},
			want: map[string]map[string]any{"aws_s3_bucket.b": {"tags_all": nil, "tf_provider": "provider.aws.missing"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for p, data := range tt.files {
				fsys[p] = &fstest.MapFile{Data: []byte(data)}
			}
			facts := extractFS(t, fsys, extract.Options{})
			byID := map[string]model.Node{}
			for _, n := range facts.Nodes {
				byID[n.ID] = n
			}
			for id, attrs := range tt.want {
				n, ok := byID[id]
				if !ok {
					t.Errorf("no node %s in %v", id, facts.Nodes)
					continue
				}
				got := map[string]any{}
				for k := range attrs {
					got[k] = n.Attrs[k]
				}
				if diff := cmp.Diff(attrs, got); diff != "" {
					t.Errorf("%s (-want +got):\n%s", id, diff)
				}
			}
			for _, id := range tt.absent {
				if _, ok := byID[id]; ok {
					t.Errorf("node %s should not exist", id)
				}
			}
			if tt.diag != "" {
				found := false
				for _, d := range facts.Diagnostics {
					found = found || strings.Contains(d.Message, tt.diag)
				}
				if !found {
					t.Errorf("no diagnostic %q in %v", tt.diag, facts.Diagnostics)
				}
			}
		})
	}
}

func TestMergeTags(t *testing.T) {
	tests := []struct {
		name          string
		defaults, own any
		want          any
	}{
		{"own tags win", map[string]any{"a": "1", "b": "2"}, map[string]any{"b": "3"}, map[string]any{"a": "1", "b": "3"}},
		{"no own tags", map[string]any{"a": "1"}, nil, map[string]any{"a": "1"}},
		{"empty defaults", map[string]any{}, map[string]any{"x": "y"}, map[string]any{"x": "y"}},
		{"own unknown", map[string]any{"a": "1"}, model.Unknown("var.tags"), model.Unknown("var.tags")},
		{"defaults unknown", model.Unknown("local.t"), map[string]any{"a": "1"}, model.Unknown("local.t")},
		{"unknown value kept", map[string]any{"a": model.Unknown("var.a")}, nil, map[string]any{"a": model.Unknown("var.a")}},
		{"not a map", "odd", nil, model.Unknown("merge(default_tags, tags)")},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, mergeTags(tt.defaults, tt.own)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
}

// TestExampleProvider: the example's provider takes its region from var.region (terraform.tfvars says
// eu-west-1) and its account from var.account_id, and every AWS resource there gets the default tags.
func TestExampleProvider(t *testing.T) {
	facts := extractFS(t, os.DirFS("../../../examples/webshop"), extract.Options{})
	byID := map[string]model.Node{}
	for _, n := range facts.Nodes {
		byID[n.ID] = n
	}
	p, ok := byID["infra/terraform:provider.aws"]
	if !ok {
		t.Fatal("no provider node infra/terraform:provider.aws")
	}
	want := map[string]any{"region": "eu-west-1", "allowed_account_ids": []any{"123456789012"}, "tf_address": "provider.aws",
		"default_tags": map[string]any{"system": "webshop", "environment": "prod", "owner": "platform", "managed_by": "terraform"}}
	got := map[string]any{}
	for k := range want {
		got[k] = p.Attrs[k]
	}
	if diff := cmp.Diff(want, got); diff != "" || p.Kind != model.KindAccount || p.Prov.File != "infra/terraform/main.tf" {
		t.Errorf("provider %s %s (-want +got):\n%s", p.Kind, p.Prov, diff)
	}
	bucket := byID["infra/terraform:aws_s3_bucket.customer_documents"]
	if all, _ := bucket.Attrs["tags_all"].(map[string]any); all["owner"] != "payments" || all["system"] != "webshop" {
		t.Errorf("bucket tags_all = %v: its own owner tag should win over the default, the other defaults stay", all)
	}
}
