# S3 buckets, the KMS key of the customer documents, and the ECR repositories the images are pushed to.

locals {
  documents_bucket = "customer-documents"
}

resource "aws_kms_key" "documents" {
  description             = "Encrypts the customer-documents bucket"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

resource "aws_kms_alias" "documents" {
  name          = "alias/${local.name}-documents"
  target_key_id = aws_kms_key.documents.key_id
}

# Customer uploads (ID scans for age-restricted orders, signed delivery notes) and invoices: personal data.
# The bucket itself is well configured (private, versioned, KMS-encrypted); the problem is who can read it.
resource "aws_s3_bucket" "customer_documents" {
  bucket = local.documents_bucket

  tags = {
    data_classification = "pii"
    owner               = "payments"
  }
}

resource "aws_s3_bucket_versioning" "customer_documents" {
  bucket = aws_s3_bucket.customer_documents.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "customer_documents" {
  bucket = aws_s3_bucket.customer_documents.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.documents.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_public_access_block" "customer_documents" {
  bucket = aws_s3_bucket.customer_documents.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "customer_documents" {
  bucket = aws_s3_bucket.customer_documents.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

# Product photos, served through the storefront. Not sensitive.
resource "aws_s3_bucket" "product_images" {
  bucket = "webshop-product-images"

  tags = {
    data_classification = "public"
    owner               = "storefront"
  }
}

resource "aws_s3_bucket_public_access_block" "product_images" {
  bucket = aws_s3_bucket.product_images.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_ecr_repository" "service" {
  for_each = toset(["api", "storefront", "worker"])

  name                 = "webshop/${each.key}"
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }
}
