# Fixture "catalog", the billing account's stores and the thumbnails function (see ../catalog-info.yaml).

resource "aws_s3_bucket" "invoices" {
  bucket = "acme-billing-invoices"
}

resource "aws_rds_cluster" "payments" {
  cluster_identifier = "payments-prod"
  engine             = "aurora-postgresql"
  database_name      = "payments"
}

resource "aws_dynamodb_table" "sessions" {
  name     = "sessions"
  hash_key = "id"
  attribute {
    name = "id"
    type = "S"
  }
}

resource "aws_lambda_function" "thumbnails" {
  function_name = "thumbnails"
  role          = "arn:aws:iam::111122223333:role/thumbnails"
  package_type  = "Image"
  image_uri     = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/thumbnails:3"
}
