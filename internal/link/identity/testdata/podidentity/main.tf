resource "aws_eks_cluster" "main" {
  name     = "batch"
  role_arn = "arn:aws:iam::111122223333:role/batch-cluster"
  vpc_config {
    subnet_ids = ["subnet-0a"]
  }
}

resource "aws_eks_node_group" "web" {
  node_group_name = "web"
  cluster_name    = aws_eks_cluster.main.name
  node_role_arn   = aws_iam_role.node.arn
  subnet_ids      = ["subnet-0a"]
  scaling_config {
    desired_size = 2
    max_size     = 4
    min_size     = 1
  }
}

resource "aws_eks_fargate_profile" "jobs" {
  cluster_name           = aws_eks_cluster.main.name
  fargate_profile_name   = "jobs"
  pod_execution_role_arn = "arn:aws:iam::111122223333:role/fargate-exec"
  subnet_ids             = ["subnet-0a"]
  selector {
    namespace = "jobs"
  }
}

resource "aws_iam_role" "node" {
  name = "batch-node"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }]
  })
}

resource "aws_iam_role" "exporter" {
  name = "exporter"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = ["sts:AssumeRole", "sts:TagSession"]
      Principal = { Service = "pods.eks.amazonaws.com" }
    }]
  })
}

resource "aws_iam_role" "importer" {
  name = "importer"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }]
  })
}

resource "aws_eks_pod_identity_association" "exporter" {
  cluster_name    = aws_eks_cluster.main.name
  namespace       = "jobs"
  service_account = "exporter"
  role_arn        = aws_iam_role.exporter.arn
}

resource "aws_eks_pod_identity_association" "importer" {
  cluster_name    = aws_eks_cluster.main.name
  namespace       = "jobs"
  service_account = "importer"
  role_arn        = aws_iam_role.importer.arn
}

resource "aws_eks_pod_identity_association" "ghost" {
  cluster_name    = aws_eks_cluster.main.name
  namespace       = "jobs"
  service_account = "ghost"
  role_arn        = aws_iam_role.exporter.arn
}
