provider "aws" {
  region              = "us-west-2"
  allowed_account_ids = ["111122223333"]
}

resource "aws_eks_cluster" "main" {
  name     = "tools"
  role_arn = "arn:aws:iam::111122223333:role/tools-cluster"
  vpc_config {
    subnet_ids = ["subnet-0a9b8c7d"]
  }
}

resource "aws_launch_template" "node" {
  name_prefix = "tools-node-"
  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }
}

resource "aws_eks_node_group" "default" {
  cluster_name    = aws_eks_cluster.main.name
  node_group_name = "default"
  node_role_arn   = aws_iam_role.node.arn
  subnet_ids      = ["subnet-0a9b8c7d"]
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

resource "aws_iam_role" "node" {
  name = "tools-node"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "node_payroll" {
  name = "payroll-exports"
  role = aws_iam_role.node.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject"]
      Resource = ["${aws_s3_bucket.payroll.arn}/*"]
    }]
  })
}

resource "aws_s3_bucket" "payroll" {
  bucket = "acme-payroll-exports"
  tags = {
    data_classification = "pii"
  }
}
