# EC2: one hardened instance, one with IMDSv1, a public IP, unencrypted root,
# secrets in user_data; a launch template whose token setting is unknown.
resource "aws_instance" "good" {
  ami                         = "ami-0abcdef1234567890"
  instance_type               = "t3.micro"
  associate_public_ip_address = false
  metadata_options {
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }
  root_block_device {
    encrypted = true
  }
}

resource "aws_instance" "bad" {
  ami                         = "ami-0abcdef1234567890"
  instance_type               = "t3.micro"
  associate_public_ip_address = true
  metadata_options {
    http_tokens                 = "optional"
    http_put_response_hop_limit = 3
  }
  root_block_device {
    encrypted = false
  }
  ebs_block_device {
    device_name = "/dev/sdf"
    encrypted   = false
  }
  user_data = <<-EOT
    #!/bin/bash
    export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
    export DB_PASSWORD=hunter2hunter2
  EOT
}

resource "aws_launch_template" "unknown" {
  name_prefix = "web-"
  metadata_options {
    http_tokens = var.tokens
  }
}

resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 100
}

resource "aws_ebs_encryption_by_default" "this" {
  enabled = true
}

resource "aws_ami_launch_permission" "public" {
  image_id = "ami-0abcdef1234567890"
  group    = "all"
}

# A container host: an EKS node group uses this template, so hop limit 2 is right.
resource "aws_launch_template" "eks" {
  name_prefix = "eks-"
  metadata_options {
    http_tokens                 = "required"
    http_put_response_hop_limit = 2
  }
  network_interfaces {
    associate_public_ip_address = true
  }
}

resource "aws_eks_node_group" "workers" {
  cluster_name    = aws_eks_cluster.good.name
  node_group_name = "workers"
  node_role_arn   = aws_iam_role.partner.arn
  subnet_ids      = ["subnet-1"]
  launch_template {
    id      = aws_launch_template.eks.id
    version = aws_launch_template.eks.latest_version
  }
  scaling_config {
    desired_size = 2
    max_size     = 3
    min_size     = 1
  }
}

resource "aws_eks_node_group" "ssh" {
  cluster_name    = aws_eks_cluster.bad.name
  node_group_name = "ssh"
  node_role_arn   = aws_iam_role.partner.arn
  subnet_ids      = ["subnet-1"]
  remote_access {
    ec2_ssh_key = "ops"
  }
  scaling_config {
    desired_size = 1
    max_size     = 1
    min_size     = 1
  }
}
