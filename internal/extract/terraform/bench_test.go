package terraform

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/seam-sec/seam/internal/extract"
)

// benchTree generates a repository of roots root modules, each with files .tf files of groups resource groups
// (10 resources each: bucket, access block, role with a jsonencode trust policy, policy document, role policy,
// attachment, instance profile, security group with blocks, instance, Lambda function), plus one local module
// called with for_each over three names (4 resources per call). Total resources:
// roots × (files × groups × 10 + 12).
func benchTree(roots, files, groups int) fstest.MapFS {
	fsys := fstest.MapFS{}
	fsys["modules/app/main.tf"] = &fstest.MapFile{Data: []byte(`
variable "name" { type = string }
variable "vpc_id" { type = string }
resource "aws_iam_role" "app" {
  name               = var.name
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ecs-tasks.amazonaws.com" } }] })
}
resource "aws_security_group" "app" {
  name   = "${var.name}-sg"
  vpc_id = var.vpc_id
}
resource "aws_ecs_task_definition" "app" {
  family        = var.name
  task_role_arn = aws_iam_role.app.arn
  container_definitions = jsonencode([{ name = var.name, image = "acme/${var.name}:1.0", environment = [{ name = "MODE", value = "prod" }] }])
}
resource "aws_ssm_parameter" "app" {
  name  = "/${var.name}/config"
  value = "x"
}
output "role_arn" { value = aws_iam_role.app.arn }
`)}
	for r := 0; r < roots; r++ {
		dir := fmt.Sprintf("envs/r%d", r)
		fsys[dir+"/main.tf"] = &fstest.MapFile{Data: []byte(fmt.Sprintf(`
variable "env" {
  type    = string
  default = "e%d"
}
variable "admin_cidr" { type = string }
locals {
  prefix = "acme-${var.env}"
  tags   = { Env = var.env, Team = "platform" }
}
resource "aws_vpc" "main" {
  cidr_block = "10.%d.0.0/16"
  tags       = merge(local.tags, { Name = local.prefix })
}
module "app" {
  for_each = toset(["api", "web", "jobs"])
  source   = "../../modules/app"
  name     = "${local.prefix}-${each.key}"
  vpc_id   = aws_vpc.main.id
}
`, r, r))}
		fsys[dir+"/terraform.tfvars"] = &fstest.MapFile{Data: []byte(fmt.Sprintf("env = \"prod%d\"\n", r))}
		for f := 0; f < files; f++ {
			var b strings.Builder
			for g := 0; g < groups; g++ {
				writeGroup(&b, fmt.Sprintf("f%d_g%d", f, g))
			}
			fsys[fmt.Sprintf("%s/res_%03d.tf", dir, f)] = &fstest.MapFile{Data: []byte(b.String())}
		}
	}
	return fsys
}

// writeGroup writes ten related resources named n.
func writeGroup(b *strings.Builder, n string) {
	fmt.Fprintf(b, `
resource "aws_s3_bucket" "%[1]s" {
  bucket = "${local.prefix}-%[1]s"
  tags   = local.tags
}
resource "aws_s3_bucket_public_access_block" "%[1]s" {
  bucket                  = aws_s3_bucket.%[1]s.id
  block_public_acls       = true
  restrict_public_buckets = true
}
resource "aws_iam_role" "%[1]s" {
  name = "${local.prefix}-%[1]s"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }]
  })
}
data "aws_iam_policy_document" "%[1]s" {
  statement {
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["${aws_s3_bucket.%[1]s.arn}/*"]
  }
}
resource "aws_iam_role_policy" "%[1]s" {
  role   = aws_iam_role.%[1]s.id
  policy = data.aws_iam_policy_document.%[1]s.json
}
resource "aws_iam_role_policy_attachment" "%[1]s" {
  role       = aws_iam_role.%[1]s.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
resource "aws_iam_instance_profile" "%[1]s" {
  name = "${local.prefix}-%[1]s"
  role = aws_iam_role.%[1]s.name
}
resource "aws_security_group" "%[1]s" {
  name   = "${local.prefix}-%[1]s"
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [var.admin_cidr]
  }
}
resource "aws_instance" "%[1]s" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  iam_instance_profile   = aws_iam_instance_profile.%[1]s.name
  vpc_security_group_ids = [aws_security_group.%[1]s.id]
  tags                   = merge(local.tags, { Name = "${local.prefix}-%[1]s" })
}
resource "aws_lambda_function" "%[1]s" {
  function_name = "${local.prefix}-%[1]s"
  role          = aws_iam_role.%[1]s.arn
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  environment {
    variables = { BUCKET = aws_s3_bucket.%[1]s.bucket, STAGE = var.env }
  }
}
`, n)
}

func BenchmarkExtract(b *testing.B) {
	fsys := benchTree(4, 25, 10) // 4 × (25 × 10 × 10 + 12) = 10,048 resources
	var paths []string
	for p := range fsys {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	in := extract.Input{FS: fsys, Paths: paths, MaxFileSize: 5 << 20}
	b.ReportAllocs()
	b.ResetTimer()
	var nodes, edges int
	for i := 0; i < b.N; i++ {
		facts, err := New().Extract(context.Background(), in)
		if err != nil {
			b.Fatal(err)
		}
		nodes, edges = len(facts.Nodes), len(facts.Edges)
	}
	b.ReportMetric(float64(nodes), "nodes")
	b.ReportMetric(float64(edges), "edges")
}

// TestBenchTreeShape checks the generated tree has the size the benchmark claims and extracts cleanly.
func TestBenchTreeShape(t *testing.T) {
	fsys := benchTree(2, 2, 3)
	facts := extractFS(t, fsys, extract.Options{})
	// 2 roots × (2 files × 3 groups × 10 + 1 VPC + 3 calls × 4, plus one implicit image per call).
	if want := 2 * (2*3*10 + 1 + 3*4 + 3); len(facts.Nodes) != want {
		t.Errorf("nodes = %d, want %d", len(facts.Nodes), want)
	}
	for _, d := range facts.Diagnostics {
		t.Errorf("unexpected diagnostic %s", d)
	}
}
