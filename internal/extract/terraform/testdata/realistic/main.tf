# Fixture "realistic": a root module calling ./modules/iam with inputs, plus a remote module.
# It exercises: locals, for_each over a set and over another resource, count from terraform.tfvars (2, not the
# default 1), a dynamic block whose content uses a variable with no value (var.admin_cidr), an
# aws_iam_policy_document whose resources are ARNs known only after apply, module outputs used by the root,
# depends_on a module, and cidrsubnet. The right answer is in ../realistic.golden.json; the facts that matter
# most are asserted one by one in terraform_test.go.

terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

locals {
  name_prefix = "shop-${var.env}"
  common_tags = {
    Team = "payments"
    Env  = var.env
  }
  buckets = toset(["assets", "invoices"])
}

resource "aws_s3_bucket" "data" {
  for_each = local.buckets
  bucket   = "${local.name_prefix}-${each.key}"
  tags     = merge(local.common_tags, { Name = each.key })
}

resource "aws_s3_bucket_public_access_block" "data" {
  for_each                = aws_s3_bucket.data
  bucket                  = each.value.id
  block_public_acls       = true
  restrict_public_buckets = true
}

data "aws_iam_policy_document" "read_invoices" {
  statement {
    sid       = "ReadInvoices"
    actions   = ["s3:GetObject", "s3:ListBucket"]
    resources = [aws_s3_bucket.data["invoices"].arn, "${aws_s3_bucket.data["invoices"].arn}/*"]
  }
  statement {
    effect    = "Deny"
    actions   = ["s3:DeleteObject"]
    resources = ["*"]
    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["false"]
    }
  }
}

module "iam" {
  source      = "./modules/iam"
  name        = "${local.name_prefix}-app"
  policy_json = data.aws_iam_policy_document.read_invoices.json
  tags        = local.common_tags
}

resource "aws_security_group" "web" {
  name   = "${local.name_prefix}-web"
  vpc_id = module.vpc.vpc_id

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  dynamic "ingress" {
    for_each = var.ssh_ports
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = [var.admin_cidr]
    }
  }
}

resource "aws_instance" "web" {
  count                  = var.web_count
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  iam_instance_profile   = module.iam.instance_profile_name
  vpc_security_group_ids = [aws_security_group.web.id]
  subnet_id              = module.vpc.public_subnets[count.index]
  tags                   = merge(local.common_tags, { Name = "${local.name_prefix}-web-${count.index}" })
  depends_on             = [module.iam]

  metadata_options {
    http_tokens = "optional"
  }
}

module "vpc" {
  source         = "terraform-aws-modules/vpc/aws"
  version        = "5.8.1"
  name           = local.name_prefix
  cidr           = "10.0.0.0/16"
  public_subnets = [for i in range(2) : cidrsubnet("10.0.0.0/16", 8, i)]
}
