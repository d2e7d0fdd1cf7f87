# Data services: RDS, DynamoDB, KMS, Secrets Manager, SSM, SNS, SQS, ECR.
resource "aws_db_instance" "good" {
  identifier                          = "orders"
  engine                              = "postgres"
  instance_class                      = "db.t4g.medium"
  publicly_accessible                 = false
  storage_encrypted                   = true
  kms_key_id                          = aws_kms_key.good.arn
  backup_retention_period             = 14
  deletion_protection                 = true
  iam_database_authentication_enabled = true
  auto_minor_version_upgrade          = true
  multi_az                            = true
  tags = {
    data_classification = "pci"
    criticality         = "tier-1"
  }
}

resource "aws_db_instance" "bad" {
  identifier                 = "legacy"
  engine                     = "mysql"
  instance_class             = "db.t3.micro"
  publicly_accessible        = true
  storage_encrypted          = false
  backup_retention_period    = 0
  auto_minor_version_upgrade = false
  multi_az                   = var.public
  password                   = "Sup3rSecretPassw0rd"
  tags = {
    data_classification = "pii"
  }
}

resource "aws_rds_cluster" "aurora" {
  cluster_identifier  = "reports"
  engine              = "aurora-postgresql"
  storage_encrypted   = true
  deletion_protection = false
}

resource "aws_dynamodb_table" "good" {
  name     = "sessions"
  hash_key = "id"
  attribute {
    name = "id"
    type = "S"
  }
  point_in_time_recovery {
    enabled = true
  }
  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.good.arn
  }
}

resource "aws_dynamodb_table" "bad" {
  name     = "carts"
  hash_key = "id"
  attribute {
    name = "id"
    type = "S"
  }
}

resource "aws_kms_key" "good" {
  description         = "records"
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Root"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::123456789012:root" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}

resource "aws_kms_key" "bad" {
  description = "legacy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "kms:Decrypt"
      Resource  = "*"
    }]
  })
}

resource "aws_secretsmanager_secret" "good" {
  name       = "orders-db"
  kms_key_id = aws_kms_key.good.arn
}

resource "aws_secretsmanager_secret_rotation" "good" {
  secret_id           = aws_secretsmanager_secret.good.id
  rotation_lambda_arn = aws_lambda_function.good.arn
  rotation_rules {
    automatically_after_days = 30
  }
}

resource "aws_secretsmanager_secret" "bad" {
  name = "legacy-api-key"
}

resource "aws_ssm_parameter" "good" {
  name  = "/orders/db_password"
  type  = "SecureString"
  value = var.tokens
}

resource "aws_ssm_parameter" "bad" {
  name  = "/orders/api_token"
  type  = "String"
  value = "tok_live_3f9a8b7c6d5e4f3a2b1c"
}

resource "aws_sns_topic" "good" {
  name              = "alerts"
  kms_master_key_id = aws_kms_key.good.id
}

resource "aws_sns_topic" "bad" {
  name = "events"
}

resource "aws_sns_topic_policy" "bad" {
  arn = aws_sns_topic.bad.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "sns:Publish"
      Resource  = aws_sns_topic.bad.arn
    }]
  })
}

resource "aws_sqs_queue" "good" {
  name                    = "jobs"
  sqs_managed_sse_enabled = true
}

resource "aws_sqs_queue" "bad" {
  name                    = "legacy"
  sqs_managed_sse_enabled = false
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "sqs:SendMessage"
      Resource  = "*"
    }]
  })
}

resource "aws_ecr_repository" "good" {
  name                 = "api"
  image_tag_mutability = "IMMUTABLE"
  image_scanning_configuration {
    scan_on_push = true
  }
}

resource "aws_ecr_repository" "bad" {
  name = "legacy"
}

resource "aws_ecr_repository_policy" "bad" {
  repository = aws_ecr_repository.bad.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    }]
  })
}
