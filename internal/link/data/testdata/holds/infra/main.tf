# Fixture "holds", Terraform side. The provider's default tags classify every resource "internal" (no class)
# unless its own tags say more.
# Right answer (see holds_test.go):
#   aws_s3_bucket.exports        holds pii (tag data_classification = "pii-export" matches seam.yaml "pii*"; certain)
#   aws_s3_bucket.logs           nothing: only the default tag data_classification = "internal"
#   aws_dynamodb_table.contacts  holds customer-data (tag owner = "crm-team"; resources glob), pci and pii
#                                (DataClassification = "PCI, PII", a conventional key in another spelling; high)
#   aws_s3_bucket.medical        holds confidential (sensitivity = "secret" is a level, not credentials) and phi
#                                (data_class = "hipaa"); both classes implicit
#   aws_s3_bucket.legacy         nothing, and an info diagnostic: classification = "gold" names no class
#   aws_s3_bucket.unknown        an assumption: its tags come from a variable without a value
#   aws_secretsmanager_secret.db, aws_ssm_parameter.token (SecureString) hold credentials by default;
#   aws_ssm_parameter.flags (String) holds nothing.

provider "aws" {
  region = "eu-west-1"

  default_tags {
    tags = {
      data_classification = "internal"
      team                = "crm"
    }
  }
}

variable "bucket_tags" {
  type = map(string)
}

resource "aws_s3_bucket" "exports" {
  bucket = "crm-exports"
  tags = {
    data_classification = "pii-export"
  }
}

resource "aws_s3_bucket" "logs" {
  bucket = "crm-logs"
}

resource "aws_dynamodb_table" "contacts" {
  name     = "contacts"
  hash_key = "id"
  attribute {
    name = "id"
    type = "S"
  }
  tags = {
    owner              = "crm-team"
    DataClassification = "PCI, PII"
  }
}

resource "aws_s3_bucket" "medical" {
  bucket = "crm-medical-notes"
  tags = {
    sensitivity = "secret"
    data_class  = "hipaa"
  }
}

resource "aws_s3_bucket" "legacy" {
  bucket = "crm-legacy"
  tags = {
    classification = "gold"
  }
}

resource "aws_s3_bucket" "unknown" {
  bucket = "crm-unknown"
  tags   = var.bucket_tags
}

resource "aws_secretsmanager_secret" "db" {
  name = "crm/db"
}

resource "aws_ssm_parameter" "token" {
  name  = "/crm/token"
  type  = "SecureString"
  value = "fixture-only"
}

resource "aws_ssm_parameter" "flags" {
  name  = "/crm/flags"
  type  = "String"
  value = "a=b"
}
