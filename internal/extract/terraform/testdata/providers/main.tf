# Fixture "providers": AWS provider configurations become nodes, and their default tags become tags_all.
# It exercises: the default aws provider (region from terraform.tfvars, allowed_account_ids from a variable,
# default_tags from a local); an aliased provider with assume_role, a profile from a variable that has no value
# (unknown, with an assumption) and literal credentials (never stored); a resource on the alias; a resource
# whose own tag wins over a default tag; a data source (no tags_all); a non-AWS provider (no node); a local
# module called with providers = { aws = aws.audit }, whose own legacy provider block is skipped.
# Right answer:
#   provider.aws        region "eu-west-1", allowed_account_ids ["111122223333"],
#                       default_tags {team = "platform", env = "prod", data_classification = "internal"}
#   provider.aws.audit  region "us-east-1", alias "audit", profile {"$unknown": "var.audit_profile"} (assumed),
#                       assume_role[0].role_arn "arn:aws:iam::444455556666:role/audit", default_tags {team = "security"}
#   aws_s3_bucket.records  tags_all {team = "platform", env = "prod", data_classification = "pii"} (its own tag wins)
#   aws_s3_bucket.audit    tf_provider "provider.aws.audit", tags_all {team = "security", purpose = "audit"}
#   module.trail.aws_cloudtrail.this  tf_provider "provider.aws.audit", tags_all {team = "security"}
#   data.aws_caller_identity.current  no tags_all; no node for provider "google", none for modules/trail's provider.
# The fake keys AKIAFIXTUREMUSTNOTLEAK / fixture-secret-MUST-NOT-LEAK appear nowhere in the facts.

terraform {
  required_providers {
    aws    = { source = "hashicorp/aws" }
    google = { source = "hashicorp/google" }
  }
}

locals {
  default_tags = {
    team                = "platform"
    env                 = var.env
    data_classification = "internal"
  }
}

provider "aws" {
  region              = var.region
  allowed_account_ids = [var.account_id]

  default_tags {
    tags = local.default_tags
  }
}

provider "aws" {
  alias      = "audit"
  region     = "us-east-1"
  profile    = var.audit_profile
  access_key = "AKIAFIXTUREMUSTNOTLEAK"
  secret_key = "fixture-secret-MUST-NOT-LEAK"

  assume_role {
    role_arn     = "arn:aws:iam::444455556666:role/audit"
    session_name = "seam-fixture"
  }

  default_tags {
    tags = {
      team = "security"
    }
  }
}

provider "google" {
  project = "acme-fixture"
}

data "aws_caller_identity" "current" {}

resource "aws_s3_bucket" "records" {
  bucket = "acme-customer-records"

  tags = {
    data_classification = "pii"
  }
}

resource "aws_s3_bucket" "audit" {
  provider = aws.audit
  bucket   = "acme-audit-logs"

  tags = {
    purpose = "audit"
  }
}

module "trail" {
  source = "./modules/trail"
  bucket = aws_s3_bucket.audit.bucket

  providers = {
    aws = aws.audit
  }
}

variable "region" {
  type    = string
  default = "eu-central-1"
}

variable "account_id" {
  type = string
}

variable "env" {
  type    = string
  default = "prod"
}

variable "audit_profile" {
  type = string
}
