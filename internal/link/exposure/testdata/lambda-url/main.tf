# Fixture lambda-url: Lambda function URLs, one anonymous and one behind IAM.
#
# Exercises: aws_lambda_function_url with authorization_type "NONE" and the aws_lambda_permission that lets
# everyone ("*") invoke it through its URL (function_url_auth_type = "NONE"); a second function whose URL
# requires "AWS_IAM"; a third whose URL is NONE but no permission in the scanned files grants invocation.
#
# Right answer: internet -exposes-> aws_lambda_function_url.webhook (authentication none, port 443, the
# permission as a control), routes-to the URL -> aws_lambda_function.webhook, derived exposure on it;
# internet -exposes-> aws_lambda_function_url.admin with authentication iam; internet -exposes->
# aws_lambda_function_url.preview with authentication none and an assumption that the permission is granted
# outside the scanned files.

resource "aws_iam_role" "fn" {
  name = "fn"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_lambda_function" "webhook" {
  function_name = "webhook"
  role          = aws_iam_role.fn.arn
  runtime       = "python3.12"
  handler       = "main.handler"
  filename      = "webhook.zip"
}

resource "aws_lambda_function_url" "webhook" {
  function_name      = aws_lambda_function.webhook.function_name
  authorization_type = "NONE"
}

resource "aws_lambda_permission" "webhook_url" {
  statement_id           = "FunctionURLAllowPublicAccess"
  action                 = "lambda:InvokeFunctionUrl"
  function_name          = aws_lambda_function.webhook.function_name
  principal              = "*"
  function_url_auth_type = "NONE"
}

resource "aws_lambda_function" "admin" {
  function_name = "admin"
  role          = aws_iam_role.fn.arn
  runtime       = "python3.12"
  handler       = "main.handler"
  filename      = "admin.zip"
}

resource "aws_lambda_function_url" "admin" {
  function_name      = aws_lambda_function.admin.function_name
  authorization_type = "AWS_IAM"
}

resource "aws_lambda_function" "preview" {
  function_name = "preview"
  role          = aws_iam_role.fn.arn
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  filename      = "preview.zip"
}

resource "aws_lambda_function_url" "preview" {
  function_name      = aws_lambda_function.preview.function_name
  authorization_type = "NONE"
}
