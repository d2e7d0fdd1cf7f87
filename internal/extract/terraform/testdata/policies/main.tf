# Fixture "policies": every way a repository writes IAM policy JSON, each stored parsed.
#  - aws_iam_policy.heredoc: a heredoc with an interpolated ARN known only after apply. Stored as an object
#    whose Resource is {"$unknown": "${aws_s3_bucket.logs.arn}/*"}; the other statement stays known.
#  - aws_iam_policy.literal: a literal heredoc, fully known.
#  - aws_iam_policy.from_file: file("${path.module}/policy.json"), fully known.
#  - aws_iam_policy.from_template: templatefile() with the bucket name, known ("acme-logs").
#  - aws_s3_bucket_policy.logs: the json of a policy document with a wildcard principal → Principal "*", and
#    an edge "policy attached-to bucket" (bucket = aws_s3_bucket.logs.id).
#  - data.aws_iam_policy_document.merged: source_policy_documents plus a statement that replaces the source's
#    "Read" statement by Sid; not_actions; principals of two types.
#  - aws_kms_key.main: jsonencode policy referencing data.aws_caller_identity (account id unknown).
#  - aws_iam_role.lambda: assume_role_policy from a policy document reference.

resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}

resource "aws_iam_policy" "heredoc" {
  name   = "write-logs"
  policy = <<EOT
{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": ["s3:PutObject"], "Resource": "${aws_s3_bucket.logs.arn}/*"},
    {"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}
  ]
}
EOT
}

resource "aws_iam_policy" "literal" {
  name   = "describe"
  policy = <<EOT
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*"}]}
EOT
}

resource "aws_iam_policy" "from_file" {
  name   = "from-file"
  policy = file("${path.module}/policy.json")
}

resource "aws_iam_policy" "from_template" {
  name   = "from-template"
  policy = templatefile("${path.module}/bucket-read.json.tftpl", { bucket = aws_s3_bucket.logs.bucket })
}

data "aws_iam_policy_document" "public_read" {
  statement {
    sid     = "PublicRead"
    actions = ["s3:GetObject"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    resources = ["arn:aws:s3:::acme-logs/*"]
  }
}

resource "aws_s3_bucket_policy" "logs" {
  bucket = aws_s3_bucket.logs.id
  policy = data.aws_iam_policy_document.public_read.json
}

data "aws_iam_policy_document" "merged" {
  source_policy_documents = [aws_iam_policy.literal.policy, data.aws_iam_policy_document.base.json]
  statement {
    sid         = "Read"
    actions     = ["s3:GetObject"]
    resources   = ["arn:aws:s3:::acme-logs/*"]
    not_actions = []
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "base" {
  statement {
    sid         = "Read"
    not_actions = ["iam:*"]
    resources   = ["*"]
  }
  statement {
    sid       = "List"
    actions   = ["s3:ListBucket"]
    resources = ["arn:aws:s3:::acme-logs"]
  }
}

data "aws_caller_identity" "current" {}

resource "aws_kms_key" "main" {
  description = "acme main key"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Root"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}

data "aws_iam_policy_document" "lambda_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "lambda" {
  name               = "acme-lambda"
  assume_role_policy = data.aws_iam_policy_document.lambda_trust.json
}
