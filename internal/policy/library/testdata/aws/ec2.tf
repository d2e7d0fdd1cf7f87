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
