# A child module with its own provider block (the legacy pattern): skipped. Its resource uses the provider
# configuration the caller passes in (aws = aws.audit).

provider "aws" {
  region = "ap-southeast-2"
}

variable "bucket" {
  type = string
}

resource "aws_cloudtrail" "this" {
  name           = "org-trail"
  s3_bucket_name = var.bucket
}
