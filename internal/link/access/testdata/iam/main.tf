provider "aws" {
  region              = "us-east-1"
  allowed_account_ids = ["111122223333"]
}

resource "aws_s3_bucket" "reports" {
  bucket = "acme-reports"
}

resource "aws_s3_bucket" "public_assets" {
  bucket = "acme-public-assets"
}

resource "aws_s3_bucket" "website" {
  bucket = "acme-website"
}

resource "aws_kms_key" "reports" {
  description = "reports key"
}

# A partner account may read reports (cross-account grant).
resource "aws_s3_bucket_policy" "reports" {
  bucket = aws_s3_bucket.reports.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "PartnerRead"
      Effect    = "Allow"
      Principal = { AWS = "999988887777" }
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.reports.arn}/*"
    }]
  })
}

# The public website: anyone may read.
resource "aws_s3_bucket_policy" "website" {
  bucket = aws_s3_bucket.website.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "PublicRead"
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::acme-website/*"
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

# analytics: read and write reports, never delete.
resource "aws_iam_role" "analytics" {
  name               = "analytics"
  assume_role_policy = data.aws_iam_policy_document.lambda_trust.json
}

resource "aws_iam_role_policy" "analytics" {
  name = "reports"
  role = aws_iam_role.analytics.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "Reports", Effect = "Allow", Action = "s3:*", Resource = [aws_s3_bucket.reports.arn, "${aws_s3_bucket.reports.arn}/*"] },
      { Sid = "NoDelete", Effect = "Deny", Action = "s3:DeleteObject*", Resource = "${aws_s3_bucket.reports.arn}/*" },
    ]
  })
}

# contractor: everything in S3, capped by its boundary.
resource "aws_iam_policy" "contractor_boundary" {
  name = "contractor-boundary"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:Get*", "s3:List*"]
      Resource = ["arn:aws:s3:::acme-public-assets", "arn:aws:s3:::acme-public-assets/*"]
    }]
  })
}

resource "aws_iam_role" "contractor" {
  name                 = "contractor"
  assume_role_policy   = data.aws_iam_policy_document.lambda_trust.json
  permissions_boundary = aws_iam_policy.contractor_boundary.arn
}

resource "aws_iam_role_policy" "contractor" {
  name   = "s3"
  role   = aws_iam_role.contractor.name
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }] })
}

# auditor: everything but IAM and S3.
resource "aws_iam_role" "auditor" {
  name               = "auditor"
  assume_role_policy = data.aws_iam_policy_document.lambda_trust.json
}

resource "aws_iam_role_policy" "auditor" {
  name   = "all-but"
  role   = "auditor"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", NotAction = ["iam:*", "s3:*"], Resource = "*" }] })
}

# admin: AdministratorAccess by its literal ARN.
resource "aws_iam_role" "admin" {
  name               = "admin"
  assume_role_policy = data.aws_iam_policy_document.lambda_trust.json
}

resource "aws_iam_role_policy_attachment" "admin" {
  role       = aws_iam_role.admin.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

# ops: reports objects, with MFA only.
resource "aws_iam_role" "ops" {
  name               = "ops"
  assume_role_policy = data.aws_iam_policy_document.lambda_trust.json
}

resource "aws_iam_role_policy" "ops" {
  name = "reports-mfa"
  role = aws_iam_role.ops.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.reports.arn}/*"
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }
    }]
  })
}

# ci-deployer: a user in the deployers group, allowed to assume the deploy role.
resource "aws_iam_user" "ci" {
  name = "ci-deployer"
}

resource "aws_iam_group" "deployers" {
  name = "deployers"
}

resource "aws_iam_group_membership" "deployers" {
  name  = "deployers"
  group = aws_iam_group.deployers.name
  users = [aws_iam_user.ci.name]
}

resource "aws_iam_group_policy" "deployers" {
  name  = "deploy-functions"
  group = aws_iam_group.deployers.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["iam:PassRole", "lambda:CreateFunction"], Resource = "*" }]
  })
}

resource "aws_iam_user_policy" "ci" {
  name   = "assume-deploy"
  user   = aws_iam_user.ci.name
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Resource = aws_iam_role.deploy.arn }] })
}

resource "aws_iam_role" "deploy" {
  name = "deploy"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = aws_iam_user.ci.arn } }]
  })
}

# intern: a boundary named by reference (the extractor makes "boundary attached-to intern"), and no
# policy of its own: the boundary must not count as a grant — no access at all.
resource "aws_iam_role" "intern" {
  name                 = "intern"
  assume_role_policy   = data.aws_iam_policy_document.lambda_trust.json
  permissions_boundary = aws_iam_policy.contractor_boundary.arn
}
