package terraform

import (
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/extract"
)

// TestAttributeLines checks attrs.lines, the line of every attribute and nested block by the path a guardrail
// result names in "field". The fixture exercises a plain attribute, a nested block (the block, its element and
// its attributes), two blocks of one type, a dynamic block (each generated block at its content's line), an
// object constructor (tags.owner), a tuple of objects written as an attribute, and count instances, which all
// record the same lines.
func TestAttributeLines(t *testing.T) {
	src := `variable "ports" {
  default = [80, 443]
}
resource "aws_instance" "web" {
  count         = 2
  instance_type = "t3.micro"
  metadata_options {
    http_tokens = "optional"
  }
  tags = {
    owner = "team-web"
  }
}
resource "aws_security_group" "sg" {
  name = "web"
  ingress {
    from_port = 22
  }
  ingress {
    cidr_blocks = ["0.0.0.0/0"]
  }
  dynamic "egress" {
    for_each = var.ports
    content {
      to_port = egress.value
    }
  }
}
resource "aws_security_group" "inline" {
  ingress = [
    { cidr_blocks = ["10.0.0.0/8"] },
  ]
}
`
	instance := map[string]any{"instance_type": 6, "metadata_options": 7, "metadata_options[0]": 7,
		"metadata_options[0].http_tokens": 8, "tags": 10, "tags.owner": 11}
	want := map[string]any{
		"aws_instance.web[0]": instance,
		"aws_instance.web[1]": instance,
		"aws_security_group.sg": map[string]any{"name": 15, "ingress": 16, "ingress[0]": 16, "ingress[0].from_port": 17,
			"ingress[1]": 19, "ingress[1].cidr_blocks": 20, "egress": 22, "egress[0]": 24, "egress[0].to_port": 25,
			"egress[1]": 24, "egress[1].to_port": 25},
		"aws_security_group.inline": map[string]any{"ingress": 30, "ingress[0]": 31, "ingress[0].cidr_blocks": 31},
	}
	facts := extractFS(t, fstest.MapFS{"main.tf": {Data: []byte(src)}}, extract.Options{})
	got := map[string]any{}
	for _, n := range facts.Nodes {
		got[n.ID] = n.Attrs["lines"]
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
}
