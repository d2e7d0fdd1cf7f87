# IAM roles for the webshop's Kubernetes service accounts (IRSA). Each role trusts the cluster's OIDC provider
# for one service account; deploy/k8s annotates the service accounts with these roles' ARNs
# (arn:aws:iam::123456789012:role/webshop-prod-api and .../webshop-prod-worker).

# SEAM EXAMPLE: the api's permissions are broader than its code needs. The only S3 call the api makes is
# GetObject under invoices/ (DownloadInvoice), but the role may Get* and List* everything in the
# customer-documents bucket, ID scans included, and do anything at all (s3:*) to the product images bucket.
data "aws_iam_policy_document" "api" {
  statement {
    sid     = "CustomerDocuments"
    actions = ["s3:Get*", "s3:List*"]
    resources = [
      aws_s3_bucket.customer_documents.arn,
      "${aws_s3_bucket.customer_documents.arn}/*",
    ]
  }

  statement {
    sid     = "ProductImages"
    actions = ["s3:*"]
    resources = [
      aws_s3_bucket.product_images.arn,
      "${aws_s3_bucket.product_images.arn}/*",
    ]
  }

  statement {
    sid       = "DocumentsKey"
    actions   = ["kms:Decrypt"]
    resources = [aws_kms_key.documents.arn]
  }
}

module "irsa_api" {
  source = "./modules/irsa"

  name              = "${local.name}-api"
  namespace         = var.shop_namespace
  service_account   = "api"
  oidc_provider_arn = aws_iam_openid_connect_provider.eks.arn
  oidc_issuer_host  = local.oidc_provider_host
  policy_json       = data.aws_iam_policy_document.api.json
}

# The worker's policy is what least privilege looks like here: only the prefixes it reads and writes. It is
# written with literal ARNs built from the bucket name rather than references to the bucket resource.
module "irsa_worker" {
  source = "./modules/irsa"

  name              = "${local.name}-worker"
  namespace         = var.shop_namespace
  service_account   = "worker"
  oidc_provider_arn = aws_iam_openid_connect_provider.eks.arn
  oidc_issuer_host  = local.oidc_provider_host

  policy_json = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "ListUploads"
        Effect    = "Allow"
        Action    = "s3:ListBucket"
        Resource  = "arn:aws:s3:::${local.documents_bucket}"
        Condition = { StringLike = { "s3:prefix" = ["uploads/*"] } }
      },
      {
        Sid      = "MoveUploads"
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:DeleteObject"]
        Resource = "arn:aws:s3:::${local.documents_bucket}/uploads/*"
      },
      {
        Sid      = "WriteProcessed"
        Effect   = "Allow"
        Action   = "s3:PutObject"
        Resource = "arn:aws:s3:::${local.documents_bucket}/processed/*"
      },
      {
        Sid      = "DocumentsKey"
        Effect   = "Allow"
        Action   = ["kms:Decrypt", "kms:GenerateDataKey"]
        Resource = aws_kms_key.documents.arn
      },
    ]
  })
}
