provider "aws" {
  region              = "eu-central-1"
  allowed_account_ids = ["111122223333"]
}

locals {
  oidc = "oidc.eks.eu-central-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"
}

resource "aws_eks_cluster" "main" {
  name     = "media"
  role_arn = "arn:aws:iam::111122223333:role/media-cluster"
  vpc_config {
    subnet_ids = ["subnet-0c1d2e3f"]
  }
}

resource "aws_launch_template" "node" {
  name_prefix = "media-node-"
  metadata_options {
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }
}

resource "aws_eks_node_group" "default" {
  cluster_name    = aws_eks_cluster.main.name
  node_group_name = "default"
  node_role_arn   = "arn:aws:iam::111122223333:role/media-node"
  subnet_ids      = ["subnet-0c1d2e3f"]
  launch_template {
    id      = aws_launch_template.node.id
    version = aws_launch_template.node.latest_version
  }
  scaling_config {
    desired_size = 2
    max_size     = 3
    min_size     = 1
  }
}

resource "aws_iam_role" "thumbnailer" {
  name = "media-thumbnailer"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/${local.oidc}" }
      Condition = {
        StringEquals = {
          "${local.oidc}:sub" = "system:serviceaccount:media:uploader"
          "${local.oidc}:aud" = "sts.amazonaws.com"
        }
      }
    }]
  })
}

resource "aws_iam_role_policy" "thumbnailer" {
  name = "photos-read"
  role = aws_iam_role.thumbnailer.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "${aws_s3_bucket.photos.arn}/*" }]
  })
}

resource "aws_s3_bucket" "photos" {
  bucket = "acme-member-photos"
  tags = {
    data_classification = "pii"
  }
}
