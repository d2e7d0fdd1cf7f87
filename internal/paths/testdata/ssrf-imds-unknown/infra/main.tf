provider "aws" {
  region              = "us-east-1"
  allowed_account_ids = ["111122223333"]
}

# Set per environment by the pipeline; the repository gives no value.
variable "imds_tokens" {
  type = string
}

resource "aws_eks_cluster" "main" {
  name     = "media"
  role_arn = "arn:aws:iam::111122223333:role/media-cluster"
  vpc_config {
    subnet_ids = ["subnet-0a1b2c3d"]
  }
}

resource "aws_launch_template" "node" {
  name_prefix = "media-node-"
  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = var.imds_tokens
    http_put_response_hop_limit = 2
  }
}

resource "aws_eks_node_group" "default" {
  cluster_name    = aws_eks_cluster.main.name
  node_group_name = "default"
  node_role_arn   = aws_iam_role.node.arn
  subnet_ids      = ["subnet-0a1b2c3d"]
  launch_template {
    id      = aws_launch_template.node.id
    version = aws_launch_template.node.latest_version
  }
  scaling_config {
    desired_size = 2
    max_size     = 4
    min_size     = 2
  }
}

resource "aws_iam_role" "node" {
  name = "media-node"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "node_kyc" {
  name = "kyc-read"
  role = aws_iam_role.node.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:ListBucket"]
      Resource = [aws_s3_bucket.kyc.arn, "${aws_s3_bucket.kyc.arn}/*"]
    }]
  })
}

resource "aws_s3_bucket" "kyc" {
  bucket = "acme-kyc-documents"
  tags = {
    data_classification = "pii"
  }
}
