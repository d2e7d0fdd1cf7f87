# A reporting instance whose role may read the billing database's AWS-managed master secret; an operator who
# may run commands on it; a second database the grant does not name.
provider "aws" {
  region              = "eu-west-1"
  allowed_account_ids = ["111122223333"]
}

resource "aws_vpc" "main" {
  cidr_block = "10.20.0.0/16"
}

resource "aws_security_group" "reporting" {
  name   = "reporting"
  vpc_id = aws_vpc.main.id
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "db" {
  name   = "billing-db"
  vpc_id = aws_vpc.main.id
  ingress {
    from_port       = 5432
    to_port         = 5432
    protocol        = "tcp"
    security_groups = [aws_security_group.reporting.id]
  }
}

resource "aws_iam_role" "reporting" {
  name = "reporting"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy_attachment" "reporting_ssm" {
  role       = aws_iam_role.reporting.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_iam_role_policy" "reporting_db" {
  name = "read-billing-master-secret"
  role = aws_iam_role.reporting.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "ReadMasterSecret"
      Effect   = "Allow"
      Action   = ["secretsmanager:GetSecretValue"]
      Resource = aws_db_instance.billing.master_user_secret[0].secret_arn
    }]
  })
}

resource "aws_iam_instance_profile" "reporting" {
  name = "reporting"
  role = aws_iam_role.reporting.name
}

resource "aws_instance" "reporting" {
  ami                    = "ami-0c55b159cbfafe1f0"
  instance_type          = "t3.small"
  iam_instance_profile   = aws_iam_instance_profile.reporting.name
  vpc_security_group_ids = [aws_security_group.reporting.id]
  metadata_options {
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }
  tags = {
    Name = "reporting"
  }
}

resource "aws_db_instance" "billing" {
  identifier                  = "billing"
  engine                      = "postgres"
  instance_class              = "db.t4g.medium"
  username                    = "billing_admin"
  manage_master_user_password = true
  vpc_security_group_ids      = [aws_security_group.db.id]
  tags = {
    data_classification = "pci"
  }
}

resource "aws_db_instance" "analytics" {
  identifier                  = "analytics"
  engine                      = "postgres"
  instance_class              = "db.t4g.medium"
  username                    = "analytics_admin"
  manage_master_user_password = true
  tags = {
    data_classification = "pci"
  }
}

resource "aws_iam_user" "ops" {
  name = "ops"
}

resource "aws_iam_user_policy" "ops" {
  name = "run-commands"
  user = aws_iam_user.ops.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid    = "RunCommands"
      Effect = "Allow"
      Action = ["ssm:SendCommand"]
      Resource = [
        "arn:aws:ec2:eu-west-1:111122223333:instance/*",
        "arn:aws:ssm:eu-west-1::document/AWS-RunShellScript",
      ]
    }]
  })
}
