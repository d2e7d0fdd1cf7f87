provider "aws" {
  region              = "us-east-1"
  allowed_account_ids = ["111122223333"]
}

data "archive_file" "lookup" {
  type        = "zip"
  source_dir  = "${path.module}/../functions/lookup"
  output_path = "${path.module}/lookup.zip"
}

resource "aws_lambda_function" "lookup" {
  function_name    = "customer-lookup"
  role             = aws_iam_role.lookup.arn
  runtime          = "python3.12"
  handler          = "handler.handler"
  filename         = data.archive_file.lookup.output_path
  source_code_hash = data.archive_file.lookup.output_base64sha256
}

resource "aws_lambda_function_url" "lookup" {
  function_name      = aws_lambda_function.lookup.function_name
  authorization_type = "NONE"
}

resource "aws_iam_role" "lookup" {
  name = "lookup-fn"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "lookup" {
  name = "customers-read"
  role = aws_iam_role.lookup.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["dynamodb:Scan", "dynamodb:GetItem", "dynamodb:Query"], Resource = aws_dynamodb_table.customers.arn },
      { Sid = "NotFromThisFunction", Effect = "Deny", Action = "dynamodb:*", Resource = aws_dynamodb_table.customers.arn },
    ]
  })
}

resource "aws_dynamodb_table" "customers" {
  name         = "customers"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
  attribute {
    name = "id"
    type = "S"
  }
  tags = {
    data_classification = "pii"
  }
}
