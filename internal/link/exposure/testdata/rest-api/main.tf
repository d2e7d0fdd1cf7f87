# Fixture rest-api: an API Gateway REST API (v1), regional, with two methods on /items and a private API.
#
# Exercises: aws_api_gateway_rest_api, aws_api_gateway_resource (path_part "items"), a GET method with
# authorization "NONE" whose integration names its method by a literal http_method (so no extractor edge joins
# them; the builder matches by API, resource and method), a POST method with "AWS_IAM" whose integration
# refers to the method; AWS_PROXY integrations to a Lambda; a deployment and a stage. A second API is PRIVATE
# (endpoint_configuration types = ["PRIVATE"]): reachable only from VPC endpoints.
#
# Right answer: internet -exposes-> aws_api_gateway_method.get_items (authentication none, path /items) and
# -> aws_api_gateway_method.post_items (authentication iam); routes-to get_items -> its integration (made by
# the builder) and integration -> aws_lambda_function.items; derived exposure on the function; the private
# API's method is refused with the endpoint type as the reason.

resource "aws_iam_role" "items" {
  name = "items-fn"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_lambda_function" "items" {
  function_name = "items"
  role          = aws_iam_role.items.arn
  runtime       = "python3.12"
  handler       = "main.handler"
  filename      = "items.zip"
}

resource "aws_api_gateway_rest_api" "catalog" {
  name = "catalog"

  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_resource" "items" {
  rest_api_id = aws_api_gateway_rest_api.catalog.id
  parent_id   = aws_api_gateway_rest_api.catalog.root_resource_id
  path_part   = "items"
}

resource "aws_api_gateway_method" "get_items" {
  rest_api_id   = aws_api_gateway_rest_api.catalog.id
  resource_id   = aws_api_gateway_resource.items.id
  http_method   = "GET"
  authorization = "NONE"
}

resource "aws_api_gateway_integration" "get_items" {
  rest_api_id             = aws_api_gateway_rest_api.catalog.id
  resource_id             = aws_api_gateway_resource.items.id
  http_method             = "GET"
  integration_http_method = "POST"
  type                    = "AWS_PROXY"
  uri                     = aws_lambda_function.items.invoke_arn
}

resource "aws_api_gateway_method" "post_items" {
  rest_api_id   = aws_api_gateway_rest_api.catalog.id
  resource_id   = aws_api_gateway_resource.items.id
  http_method   = "POST"
  authorization = "AWS_IAM"
}

resource "aws_api_gateway_integration" "post_items" {
  rest_api_id             = aws_api_gateway_rest_api.catalog.id
  resource_id             = aws_api_gateway_resource.items.id
  http_method             = aws_api_gateway_method.post_items.http_method
  integration_http_method = "POST"
  type                    = "AWS_PROXY"
  uri                     = aws_lambda_function.items.invoke_arn
}

resource "aws_api_gateway_deployment" "catalog" {
  rest_api_id = aws_api_gateway_rest_api.catalog.id
  depends_on  = [aws_api_gateway_integration.get_items, aws_api_gateway_integration.post_items]
}

resource "aws_api_gateway_stage" "prod" {
  rest_api_id   = aws_api_gateway_rest_api.catalog.id
  deployment_id = aws_api_gateway_deployment.catalog.id
  stage_name    = "prod"
}

resource "aws_lambda_permission" "catalog" {
  statement_id  = "AllowAPIGateway"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.items.function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_api_gateway_rest_api.catalog.execution_arn}/*/*"
}

resource "aws_api_gateway_rest_api" "internal" {
  name = "internal"

  endpoint_configuration {
    types = ["PRIVATE"]
  }
}

resource "aws_api_gateway_method" "internal_any" {
  rest_api_id   = aws_api_gateway_rest_api.internal.id
  resource_id   = aws_api_gateway_rest_api.internal.root_resource_id
  http_method   = "ANY"
  authorization = "NONE"
}
