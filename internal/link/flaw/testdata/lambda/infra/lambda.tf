# Fixture: Lambda functions deployed from zip packages built from this repository.
#   thumbnail: archive_file zips ../functions/thumbnail (excluding tests/) → the B602 flaw in handler.py is
#              linked (lambda-archive, high); the flaw in tests/test_handler.py is not: the zip excludes it.
#   resize:    filename ../functions/resize.zip sits beside functions/resize/ → main.py's B608 flaw is linked
#              (lambda-package-path, medium).
#   report:    s3_key builds/report.zip names the one directory called report → app.py (lambda-package-name, low).
#   cleanup:   s3_key jobs/cleanup.zip names two directories holding flaws (functions/cleanup, legacy/cleanup):
#              ambiguous, a refused link and no edge.
data "archive_file" "thumbnail" {
  type        = "zip"
  source_dir  = "${path.module}/../functions/thumbnail"
  excludes    = ["tests"]
  output_path = "${path.module}/build/thumbnail.zip"
}

resource "aws_iam_role" "lambda" {
  name = "media-lambda"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_lambda_function" "thumbnail" {
  function_name    = "media-thumbnail"
  role             = aws_iam_role.lambda.arn
  handler          = "handler.lambda_handler"
  runtime          = "python3.12"
  filename         = data.archive_file.thumbnail.output_path
  source_code_hash = data.archive_file.thumbnail.output_base64sha256
}

resource "aws_lambda_function" "resize" {
  function_name = "media-resize"
  role          = aws_iam_role.lambda.arn
  handler       = "main.handler"
  runtime       = "python3.12"
  filename      = "../functions/resize.zip"
}

resource "aws_lambda_function" "report" {
  function_name = "media-report"
  role          = aws_iam_role.lambda.arn
  handler       = "app.handler"
  runtime       = "python3.12"
  s3_bucket     = "acme-media-artifacts"
  s3_key        = "builds/report.zip"
}

resource "aws_lambda_function" "cleanup" {
  function_name = "media-cleanup"
  role          = aws_iam_role.lambda.arn
  handler       = "job.handler"
  runtime       = "python3.12"
  s3_bucket     = "acme-media-artifacts"
  s3_key        = "jobs/cleanup.zip"
}
