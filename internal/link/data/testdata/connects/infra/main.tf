# Fixture "connects", Terraform side: the stores the workloads name, in account 111122223333, eu-west-1, and two
# workloads configured in Terraform.
# Right answer (see connects_test.go):
#   aws_lambda_function.thumbnails -connects-to-> aws_s3_bucket.uploads   terraform-reference, high (env UPLOADS_BUCKET_ARN)
#   aws_lambda_function.thumbnails -connects-to-> aws_sqs_queue.jobs      env, high (an SQS queue URL)
#   aws_lambda_function.thumbnails -connects-to-> aws_s3_bucket.exports   env, medium (TARGET names no kind)
#   aws_ecs_task_definition.exporter -connects-to-> aws_s3_bucket.exports env, high (EXPORT_BUCKET)
#   aws_ecs_task_definition.exporter -connects-to-> aws_secretsmanager_secret.api_key  ecs-secret, high (ARN with suffix)

provider "aws" {
  region              = "eu-west-1"
  allowed_account_ids = ["111122223333"]
}

resource "aws_s3_bucket" "exports" {
  bucket = "acme-exports"
}

resource "aws_s3_bucket" "uploads" {
  bucket = "acme-uploads"
}

resource "aws_dynamodb_table" "sessions" {
  name     = "sessions"
  hash_key = "id"

  attribute {
    name = "id"
    type = "S"
  }
}

resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}

resource "aws_sns_topic" "alerts" {
  name = "alerts"
}

resource "aws_secretsmanager_secret" "api_key" {
  name = "prod/api-key"
}

resource "aws_ssm_parameter" "flags" {
  name  = "/shop/flags"
  type  = "String"
  value = "beta=on"
}

resource "aws_db_instance" "reports" {
  identifier     = "reports-db"
  engine         = "postgres"
  instance_class = "db.t4g.small"
  db_name        = "reports"
}

resource "aws_lambda_function" "thumbnails" {
  function_name = "thumbnails"
  role          = "arn:aws:iam::111122223333:role/thumbnails"
  package_type  = "Image"
  image_uri     = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/thumbnails:3"

  environment {
    variables = {
      UPLOADS_BUCKET_ARN = aws_s3_bucket.uploads.arn
      JOBS_QUEUE_URL     = "https://sqs.eu-west-1.amazonaws.com/111122223333/jobs"
      TARGET             = "acme-exports"
    }
  }
}

resource "aws_ecs_task_definition" "exporter" {
  family = "exporter"
  container_definitions = jsonencode([{
    name        = "exporter"
    image       = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/exporter:1"
    environment = [{ name = "EXPORT_BUCKET", value = "acme-exports" }]
    secrets     = [{ name = "API_KEY", valueFrom = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/api-key-AbCdEf" }]
  }])
}
