# A deployment user allowed to update one function's code, that function's role reading a PII table, and a
# second function the user may not touch.
provider "aws" {
  region              = "eu-west-2"
  allowed_account_ids = ["777788889999"]
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

resource "aws_iam_role" "export" {
  name = "customer-export"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "export" {
  name = "read-customers"
  role = aws_iam_role.export.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "ReadCustomers"
      Effect   = "Allow"
      Action   = ["dynamodb:Scan", "dynamodb:GetItem", "dynamodb:Query"]
      Resource = aws_dynamodb_table.customers.arn
    }]
  })
}

resource "aws_lambda_function" "export" {
  function_name = "customer-export"
  role          = aws_iam_role.export.arn
  runtime       = "python3.12"
  handler       = "export.handler"
  filename      = "export.zip"
}

resource "aws_iam_role" "billing" {
  name = "billing"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "billing" {
  name = "write-customers"
  role = aws_iam_role.billing.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "WriteCustomers"
      Effect   = "Allow"
      Action   = ["dynamodb:PutItem", "dynamodb:UpdateItem"]
      Resource = aws_dynamodb_table.customers.arn
    }]
  })
}

resource "aws_lambda_function" "billing" {
  function_name = "billing"
  role          = aws_iam_role.billing.arn
  runtime       = "python3.12"
  handler       = "billing.handler"
  filename      = "billing.zip"
}

resource "aws_iam_user" "deployer" {
  name = "export-deployer"
}

resource "aws_iam_user_policy" "deployer" {
  name = "ship-export"
  user = aws_iam_user.deployer.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "ShipExport"
      Effect   = "Allow"
      Action   = ["lambda:UpdateFunctionCode", "lambda:GetFunction"]
      Resource = aws_lambda_function.export.arn
    }]
  })
}
